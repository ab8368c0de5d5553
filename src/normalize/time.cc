#include "normalize/time.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include <re2/re2.h>

#include "normalize/number.h"

// How a match becomes a value. NormalizeTime tries, in order:
//   1. a literal `value` field (PRESENT_REF, P1D, …);
//   2. sets (type = "set"): every Monday, every two weeks;
//   3. durations (type = "duration"): five days, a 27-year career, aged 46;
//   4. event anchors: two days later, five days after his killing, the
//      second anniversary of …;
//   5. points in time: absolute (3 January 2020), inferred (3 January, Friday),
//      relative to the document date (last week, two days ago, yesterday),
//      with a time of day appended (Saturday night, 3 p.m.).
// Every word is looked up in a lexicon (rules/README.md, "Time"); this file
// speaks TIMEX3 codes only.
namespace claimcheck::normalize {

namespace {

using rules::Lexicon;
using rules::RuleSet;

// Unit codes, as the `time_units` lexicon writes them.
constexpr std::string_view kDay = "D";
constexpr std::string_view kWeek = "W";
constexpr std::string_view kWeekend = "WE";
constexpr std::string_view kMonth = "M";
constexpr std::string_view kQuarter = "Q";
constexpr std::string_view kHalf = "H";
constexpr std::string_view kYear = "Y";
constexpr std::string_view kDecade = "DE";
constexpr std::string_view kCentury = "CE";
constexpr std::string_view kHour = "TH";
constexpr std::string_view kMinute = "TM";
constexpr std::string_view kSecond = "TS";

// PRESENT_REF, PAST_REF, FUTURE_REF.
constexpr std::string_view kRefSuffix = "_REF";

// The anchor relation of "the same day": no offset.
constexpr std::string_view kSameRelation = "same";

// Season codes and the months they span (TimexBounds; winter runs into the
// next year).
struct Season {
  std::string_view code;
  int first_month;
};
constexpr Season kSeasons[] = {{"SP", 3}, {"SU", 6}, {"FA", 9}, {"WI", 12}};

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::optional<int> ParseInt(std::string_view s) {
  s = Trim(s);
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

// Leading digits of "19th", "3rd", "1st"; nullopt when there are none.
std::optional<int> LeadingInt(std::string_view s) {
  s = Trim(s);
  size_t n = 0;
  while (n < s.size() && n < 9 && std::isdigit(static_cast<unsigned char>(s[n]))) ++n;
  if (n == 0) return std::nullopt;
  return ParseInt(s.substr(0, n));
}

// The text of a group that took part in the match, or of a static field.
struct Reader {
  const Groups& groups;
  const Fields& fields;
  const RuleSet& rules;
  const MatchContext& context;

  /// RE2 forbids one name twice in a pattern, so alternatives name their
  /// copies `weekday_2`, `weekday_3`: any of them counts as `weekday`.
  std::optional<std::string_view> Group(std::string_view name) const {
    if (auto it = groups.find(name); it != groups.end() && !Trim(it->second).empty()) {
      return Trim(it->second);
    }
    // The copies sort together right after "name_": mostly there are none,
    // and one look says so.
    std::string key(name);
    key += '_';
    const auto copies = groups.lower_bound(key);
    if (copies == groups.end() || copies->first.compare(0, key.size(), key) != 0) return std::nullopt;
    for (const char suffix : {'2', '3', '4', '5', '6', '7', '8', '9'}) {
      key.resize(name.size() + 1);
      key += suffix;
      auto it = groups.find(key);
      if (it != groups.end() && !Trim(it->second).empty()) return Trim(it->second);
    }
    return std::nullopt;
  }
  std::optional<std::string> Field(const std::string& name) const {
    auto it = fields.find(name);
    if (it == fields.end()) return std::nullopt;
    return it->second;
  }
  bool Has(std::string_view name) const { return Group(name).has_value(); }
  const Lexicon& Lex(std::string_view name) const { return rules.Lex(name); }
  /// The group looked up in a lexicon, as an integer.
  std::optional<int> LexInt(std::string_view group, std::string_view lexicon) const {
    auto text = Group(group);
    if (!text) return std::nullopt;
    auto v = Lex(lexicon).Int(*text);
    if (!v) return std::nullopt;
    return static_cast<int>(*v);
  }
};

// ---------------------------------------------------------------------------
// Numbers inside time expressions

/// "3", "1,000", "2.5", "twenty-five" (number_units, number_teens,
/// number_tens; else ParseNumber), or a
/// `time_counts` word ("a" → 1, "several" → X). Returns the TIMEX3 number
/// text: "3", "2.5", "X".
std::optional<std::string> ParseCount(std::string_view text, const RuleSet& rules) {
  text = Trim(text);
  if (text.empty()) return std::nullopt;
  if (auto v = rules.Lex("time_counts").Value(text)) return *v;
  if (std::isdigit(static_cast<unsigned char>(text.front()))) {
    std::string digits;
    for (char c : text) {
      if (c == ',') continue;
      if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') return std::nullopt;
      digits += c;
    }
    while (digits.find('.') != std::string::npos && (digits.back() == '0' || digits.back() == '.')) {
      const bool dot = digits.back() == '.';
      digits.pop_back();
      if (dot) break;
    }
    return digits;
  }
  // Words: a sum of tens and units ("twenty-five", "twenty five").
  long long total = 0;
  size_t pos = 0;
  bool any = false;
  while (pos < text.size()) {
    size_t end = pos;
    while (end < text.size() && text[end] != '-' && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    const std::string_view word = text.substr(pos, end - pos);
    if (!word.empty()) {
      auto v = rules.Lex("number_tens").Int(word);
      if (!v) v = rules.Lex("number_teens").Int(word);
      if (!v) v = rules.Lex("number_units").Int(word);
      if (!v) v = rules.Lex("time_counts").Int(word);
      if (!v) {  // "a hundred", "one hundred and five": the number grammar
        const std::optional<ParsedNumber> n = ParseNumber(text, rules);
        if (!n || n->ordinal) return std::nullopt;
        return std::to_string(n->value);
      }
      total += *v;
      any = true;
    }
    pos = end + 1;
  }
  if (!any) return std::nullopt;
  return std::to_string(total);
}

/// An ordinal: "19th", "2", "second", "twenty-first" (`time_ordinals`, then
/// `ordinal_words`).
std::optional<int> ParseOrdinal(std::string_view text, const RuleSet& rules) {
  if (auto v = LeadingInt(text)) return v;
  for (std::string_view lex : {"time_ordinals", "ordinal_words"}) {
    if (auto v = rules.Lex(lex).Int(text)) return static_cast<int>(*v);
  }
  // A cardinal ("fifteen August"), or a ten and a unit, ordinal or not: "twenty-third",
  // "thirty first", "twenty nine".
  text = Trim(text);
  for (std::string_view lex : {"number_teens", "number_tens", "number_units"}) {
    if (auto v = rules.Lex(lex).Int(text)) return static_cast<int>(*v);
  }
  const size_t cut = text.find_last_of(" -");
  if (cut == std::string_view::npos) return std::nullopt;
  const auto tens = rules.Lex("number_tens").Int(Trim(text.substr(0, cut)));
  const std::string_view last = Trim(text.substr(cut + 1));
  std::optional<int64_t> unit = rules.Lex("time_ordinals").Int(last);
  if (!unit) unit = rules.Lex("number_units").Int(last);
  if (!tens || !unit || *unit < 1 || *unit > 9) return std::nullopt;
  return static_cast<int>(*tens + *unit);
}

/// A year in words: "two thousand and fifteen" (the number grammar), "nineteen
/// eighty six" (hundreds, then the rest), "seventeen hundred thirty three" (a
/// `number_multipliers` entry of 100 between them).
std::optional<int> YearWords(std::string_view text, const RuleSet& rules) {
  text = Trim(text);
  if (auto n = ParseNumber(text, rules); n && !n->ordinal && n->value >= 1000 && n->value < 3000) {
    return static_cast<int>(n->value);
  }
  std::vector<std::string_view> words;
  for (size_t pos = 0; pos < text.size();) {
    size_t end = pos;
    while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
    if (end > pos) words.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  if (words.size() < 2) return std::nullopt;
  const auto number = [&](size_t from, size_t to) -> std::optional<int64_t> {
    if (from >= to) return 0;
    const std::string_view part(words[from].data(), words[to - 1].data() + words[to - 1].size() - words[from].data());
    auto n = ParseNumber(part, rules);
    if (!n || n->ordinal) return std::nullopt;
    return n->value;
  };
  for (size_t i = 1; i < words.size(); ++i) {
    if (rules.Lex("number_multipliers").Int(words[i]) == 100) {
      auto hi = number(0, i), lo = number(i + 1, words.size());
      if (hi && lo && *hi >= 10 && *hi < 100 && *lo < 100) return static_cast<int>(*hi * 100 + *lo);
      return std::nullopt;
    }
  }
  auto hi = number(0, 1), lo = number(1, words.size());
  if (hi && lo && *hi >= 10 && *hi < 100 && *lo >= 1 && *lo < 100) return static_cast<int>(*hi * 100 + *lo);
  return std::nullopt;
}

std::string FormatNumber(double v) { return fmt::format("{}", v); }

// ---------------------------------------------------------------------------
// Units

struct Unit {
  std::string code;     // kDay, kWeek, …
  int factor = 1;       // "fortnight" = 2 weeks
  bool plural = false;  // "years" with no count is a vague count: PXY
};

/// A unit word ("days", "fortnight") through `time_units`, or a unit code
/// written in a rule's fields.
std::optional<Unit> ReadUnit(std::string_view text, const RuleSet& rules) {
  if (const rules::LexEntry* e = rules.Lex("time_units").Find(text)) {
    Unit u;
    u.code = e->value.empty() ? e->Field("unit") : e->value;
    u.factor = ParseInt(e->Field("factor", "1")).value_or(1);
    u.plural = e->Field("plural") == "true";
    if (!u.code.empty()) return u;
  }
  for (std::string_view code : {kDay, kWeek, kWeekend, kMonth, kQuarter, kHalf, kYear, kDecade,
                                kCentury, kHour, kMinute, kSecond}) {
    if (Trim(text) == code) return Unit{std::string(code), 1};
  }
  return std::nullopt;
}

std::optional<Unit> UnitOf(const Reader& r) {
  if (auto g = r.Group("unit")) return ReadUnit(*g, r.rules);
  if (auto f = r.Field("unit")) return ReadUnit(*f, r.rules);
  return std::nullopt;
}

std::string GranularityOf(std::string_view code) {
  if (code == kDay || code == kHour || code == kMinute || code == kSecond) return "day";
  if (code == kWeek || code == kWeekend) return "week";
  if (code == kMonth) return "month";
  if (code == kQuarter) return "quarter";
  if (code == kHalf) return "half";
  if (code == kDecade) return "decade";
  if (code == kCentury) return "century";
  return "year";
}

/// "P5D", "PT48H", "P2.5Y", "PXY", "P30Y" (three decades), "PXDE".
std::string DurationTimex(const std::string& count, const Unit& unit) {
  std::string n = count;
  std::string code = unit.code;
  const bool vague = count == "X";
  double value = vague ? 0 : std::strtod(count.c_str(), nullptr) * unit.factor;
  if (!vague && (code == kDecade || code == kCentury)) {
    value *= code == kDecade ? 10 : 100;
    code = kYear;
  }
  if (code == kHalf) {  // half-years are months
    value *= 6;
    code = kMonth;
    if (vague) code = "H";
  }
  if (!vague) n = FormatNumber(value);
  if (code == kHour || code == kMinute || code == kSecond) return "PT" + n + code.substr(1);
  return "P" + n + code;
}

std::optional<std::string> CountOf(const Reader& r) {
  std::optional<std::string> count;
  if (auto g = r.Group("count")) {
    count = ParseCount(*g, r.rules);
    if (!count) return std::nullopt;
  } else if (auto f = r.Field("count")) {
    count = *f;
  } else {
    const std::optional<Unit> unit = UnitOf(r);
    count = unit && unit->plural ? "X" : "1";
  }
  if (auto frac = r.Group("frac")) {
    const std::optional<std::string> part = r.Lex("time_fractions").Value(*frac);
    if (part && *count != "X") {
      count = FormatNumber(std::strtod(count->c_str(), nullptr) + std::strtod(part->c_str(), nullptr));
    }
  }
  return count;
}

// ---------------------------------------------------------------------------
// Calendar helpers

struct YearMonth {
  int year;
  int month;
};

YearMonth AddMonths(int year, int month, int n) {
  const int index = year * 12 + (month - 1) + n;
  return {index / 12, index % 12 + 1};
}

struct IsoWeek {
  int year;
  int week;
};

CivilDate IsoWeekMonday(int iso_year, int week) {
  const CivilDate jan4{iso_year, 1, 4};
  return jan4.AddDays(-jan4.Weekday() + 7 * (week - 1));
}

IsoWeek IsoWeekOf(CivilDate d) {
  const CivilDate thursday = d.AddDays(3 - d.Weekday());
  const CivilDate jan1{thursday.year, 1, 1};
  return {thursday.year, static_cast<int>((thursday.ToDays() - jan1.ToDays()) / 7) + 1};
}

std::string WeekTimex(CivilDate d) {
  const IsoWeek w = IsoWeekOf(d);
  return fmt::format("{:04}-W{:02}", w.year, w.week);
}

std::string YearTimex(int year) { return fmt::format("{:04}", year); }

/// A two-digit year: within ten years ahead of the document date it is this
/// century, else the last; without a date, the `two_digit_year_pivot`
/// setting (default 30: "29" → 2029, "30" → 1930).
int ExpandTwoDigitYear(int yy, const Reader& r) {
  if (r.context.reference) {
    return 2000 + yy <= r.context.reference->year + 10 ? 2000 + yy : 1900 + yy;
  }
  const int pivot = ParseInt(r.rules.Setting("two_digit_year_pivot", "30")).value_or(30);
  return yy < pivot ? 2000 + yy : 1900 + yy;
}

enum class Tense { kUnknown, kPast, kFuture };

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '\'' || u >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

/// Tables the tense guess reads.
struct TenseLexicons {
  const Lexicon& future;      // future_markers: "will", "'ll", "is expected to"
  const Lexicon& past;        // past_markers: "said", "was"
  const Lexicon& suffixes;    // past_suffixes: "ed" = true, "eed" = false
  const Lexicon& auxiliaries; // participle_auxiliaries: "be", "has": "has said" is no past
  const Lexicon& reporting;   // reporting_verbs: "said", "told"
  const Lexicon& openers;     // complement_openers: "that", "the", "he"
};

/// Whether words[i] is a reporting verb that opens the clause after it
/// ("said the pilot runs until June", "announced that …"): a
/// `reporting_verbs` word of value "any" followed by a `complement_openers`
/// word, or one followed by the word its value names (a verb that also takes
/// an object: announced = "that", so "announced the deal on Tuesday" times
/// the announcing). Its tense times the saying, not that clause; "said on
/// Friday" times the saying.
bool OpensClause(const std::vector<std::string>& words, size_t i, const TenseLexicons& lex) {
  if (i + 1 >= words.size()) return false;
  const rules::LexEntry* verb = lex.reporting.Find(words[i]);
  if (verb == nullptr) return false;
  if (verb->value == "any") return lex.openers.Find(words[i + 1]) != nullptr;
  return rules::NormalizeKey(words[i + 1]) == rules::NormalizeKey(verb->value);
}

/// Whether a lower-case word is a past form: a `past_markers` word, or one
/// whose longest `past_suffixes` entry says so (the stem keeps 3 letters).
bool IsPastWord(const std::string& word, const TenseLexicons& lex) {
  if (lex.past.Find(word)) return true;
  if (word.empty() || !std::islower(static_cast<unsigned char>(word.front()))) return false;
  for (size_t n = 3; n < word.size(); ++n) {  // from the longest suffix down
    const rules::LexEntry* e = lex.suffixes.Find(word.substr(n));
    if (e != nullptr) return e->value == "true";
  }
  return false;
}

/// The tense word at words[i]: a `future_markers` entry ending there (one to
/// three words, or a clitic like "'ll"), else a past form not led by an
/// auxiliary ("was killed" is past through "was"; "may be signed" is not).
Tense TenseAt(const std::vector<std::string>& words, size_t i, const TenseLexicons& lex) {
  const size_t apostrophe = words[i].find('\'');
  if (apostrophe != std::string::npos && lex.future.Find(words[i].substr(apostrophe))) {
    return Tense::kFuture;
  }
  std::string phrase = words[i];
  for (size_t n = 0; n < 3; ++n) {
    if (lex.future.Find(phrase)) return Tense::kFuture;
    if (n >= i) break;
    phrase = words[i - n - 1] + " " + phrase;
  }
  if (!IsPastWord(words[i], lex)) return Tense::kUnknown;
  if (i > 0 && lex.auxiliaries.Find(words[i - 1])) return Tense::kUnknown;
  return Tense::kPast;
}

const RE2* ContextPattern(const rules::RuleSet& rules, const std::string& macro, bool before);

/// Whether the match opens a stretch that runs to the document date:
/// "between Jan 22 and now", "from March to date" (macros
/// CTX_RUN_TO_NOW_START before it and CTX_RUN_TO_NOW_END after it).
bool OpensRunToNow(const Reader& r) {
  const RE2* start = ContextPattern(r.rules, "CTX_RUN_TO_NOW_START", /*before=*/true);
  const RE2* end = ContextPattern(r.rules, "CTX_RUN_TO_NOW_END", /*before=*/false);
  if (start == nullptr || end == nullptr) return false;
  const std::string_view sentence = r.context.sentence;
  const std::string_view before = sentence.substr(0, std::min(r.context.start, sentence.size()));
  const std::string_view after = sentence.substr(std::min(r.context.end, sentence.size()));
  return RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), *end) &&
         RE2::PartialMatch(re2::StringPiece(before.data(), before.size()), *start);
}

/// The tense of the match's sentence: the rule's field `tense` when it has
/// one, else the past for a date that opens a stretch to now, else the
/// nearest marker before the match, else the first after it.
Tense SentenceTense(const Reader& r) {
  if (auto tense = r.Field("tense")) {  // the rule knows: "Wednesday's shooting" is past
    if (*tense == "past") return Tense::kPast;
    if (*tense == "future") return Tense::kFuture;
    if (*tense == "none") return Tense::kUnknown;  // "a Halloween party": the nearest
  }
  // "between Jan 22 and now": a stretch that ends now began before it.
  if (OpensRunToNow(r)) return Tense::kPast;
  const TenseLexicons lex{r.Lex("future_markers"),         r.Lex("past_markers"),
                          r.Lex("past_suffixes"),          r.Lex("participle_auxiliaries"),
                          r.Lex("reporting_verbs"),        r.Lex("complement_openers")};
  const std::string_view sentence = r.context.sentence;
  const size_t start = std::min(r.context.start, sentence.size());
  const std::vector<std::string> before = Words(sentence.substr(0, start));
  // The end of a range ("from April until the end of June") shares its
  // start's tense: there "until" joins the two, it looks nowhere.
  if (!before.empty() && !r.Has("from_month") && r.Lex("forward_prepositions").Find(before.back())) {
    // "closed until Friday", "to remain suspended till May": an end point
    // ahead unless a past form leads the clause ("was closed until Friday").
    // The -ed word right before the preposition is a state ("closed",
    // "suspended"), no tense; words after the date ("…, officials said") are
    // another clause's, and so is a reporting verb before the clause ("the
    // company said the pilot runs through May").
    size_t end = before.size() - 1;
    if (end > 0 && before[end - 1].ends_with("ed")) --end;
    for (size_t i = end; i-- > 0;) {
      if (OpensClause(before, i, lex)) break;
      if (Tense t = TenseAt(before, i, lex); t != Tense::kUnknown) return t;
    }
    return Tense::kFuture;
  }
  for (size_t i = before.size(); i-- > 0;) {
    // A past "said" does not make the clause it opens past: read on after
    // the match ("officials said the talks in March were productive").
    if (OpensClause(before, i, lex)) break;
    if (Tense t = TenseAt(before, i, lex); t != Tense::kUnknown) return t;
  }
  const std::vector<std::string> after = Words(sentence.substr(std::min(r.context.end, sentence.size())));
  for (size_t i = 0; i < after.size(); ++i) {
    if (Tense t = TenseAt(after, i, lex); t != Tense::kUnknown) return t;
  }
  return Tense::kUnknown;
}

/// A stretch of the calendar that recurs every year: from (first_month,
/// first_day) to (last_month, last_day), in the next year when it wraps.
struct YearlySpan {
  int first_month, first_day, last_month, last_day;
};

/// The year for a date, month, season or quarter written without one: with
/// the past tense the latest that began on or before the document date, with
/// the future tense the earliest that has not ended by it, and without
/// tense the nearest (ties go to the past). News speaks of the recent past
/// and the near future ("a June 3 hearing has been scheduled", in May).
std::optional<int> ChooseYear(const Reader& r, const YearlySpan& span) {
  if (!r.context.reference) return std::nullopt;
  const CivilDate ref = *r.context.reference;
  const Tense tense = SentenceTense(r);
  std::optional<int> best;
  int64_t best_distance = 0;
  for (int y = ref.year - 1; y <= ref.year + 1; ++y) {
    const int end_year = span.last_month < span.first_month ? y + 1 : y;
    const int first_day = std::min(span.first_day, DaysInMonth(y, span.first_month));
    const int last_day = std::min(span.last_day, DaysInMonth(end_year, span.last_month));
    const int64_t lo = CivilDate{y, span.first_month, first_day}.ToDays();
    const int64_t hi = CivilDate{end_year, span.last_month, last_day}.ToDays();
    const int64_t now = ref.ToDays();
    if (tense == Tense::kPast && lo > now) continue;
    if (tense == Tense::kFuture && hi < now) continue;
    int64_t distance = now < lo ? lo - now : now > hi ? now - hi : 0;
    if (tense == Tense::kPast) distance = now - lo;  // the latest begun
    if (tense == Tense::kFuture) distance = hi - now;  // the earliest not ended
    if (!best || distance < best_distance) best = y, best_distance = distance;
  }
  return best;
}

// ---------------------------------------------------------------------------
// Points in time

/// What the date part of a match resolved to.
struct Point {
  std::string timex;
  std::string granularity;
  std::optional<CivilDate> day;  // when the point is one known day
  bool day_from_reference = false;  // a time of day alone took the reference's day
};

Point DayPoint(CivilDate d) { return {d.ToString(), "day", d}; }

/// The relative word ("last", "this", "next") of `group`, from `time_relatives`.
std::optional<int> RelOf(const Reader& r, std::string_view group) {
  return r.LexInt(group, "time_relatives");
}

/// The year a rule names: digits, two digits (yy: "'03"), or a relative word
/// for the year ("of last year"). nullopt when none is written.
std::optional<int> ExplicitYear(const Reader& r, std::string* err) {
  if (auto y = r.Group("year")) {
    auto v = LeadingInt(*y);
    if (!v) {
      *err = fmt::format("cannot read year '{}'", *y);
      return std::nullopt;
    }
    return *v;
  }
  if (auto y = r.Group("yy")) {
    auto v = LeadingInt(*y);
    if (!v) return std::nullopt;
    // The end of a span of years ("1998-99", "1999-00", "the 2019-20
    // season") is in the decade after its start (group span_from): "2015-32"
    // is not one.
    if (auto from = r.Group("span_from"); from && LeadingInt(*from)) {
      const int start = *LeadingInt(*from);
      int end = start / 100 * 100 + *v % 100;
      if (end <= start) end += 100;
      if (end - start > 10) {
        *err = fmt::format("'{}' is more than a decade after the span's start {}", *y, start);
        return std::nullopt;
      }
      return end;
    }
    return ExpandTwoDigitYear(*v % 100, r);
  }
  if (auto y = r.Group("yearw")) {
    if (auto v = YearWords(*y, r.rules)) return *v;
    *err = fmt::format("cannot read year '{}'", *y);
    return std::nullopt;
  }
  if (auto rel = RelOf(r, "yrel"); rel && r.context.reference) return r.context.reference->year + *rel;
  return std::nullopt;
}

/// The year for a month (and day) written without one (ChooseYear). A
/// weekday beside it ("Friday, January 3") picks the nearby year where that
/// day is that weekday.
std::optional<int> InferYear(const Reader& r, int month, int day, std::optional<int> weekday) {
  if (!r.context.reference) return std::nullopt;
  const CivilDate ref = *r.context.reference;
  if (weekday && day > 0) {
    for (int y : {ref.year, ref.year - 1, ref.year + 1}) {
      if (IsValidDate(y, month, day) && CivilDate{y, month, day}.Weekday() + 1 == *weekday) return y;
    }
  }
  const std::optional<int> year = ChooseYear(r, {month, day > 0 ? day : 1, month, day > 0 ? day : 31});
  if (!year || day <= 0 || IsValidDate(*year, month, day)) return year;
  // February 29 without a year: the leap year the tense allows, nearest the
  // document date ("Feb. 29" in March 2017 is 2016's, in a future clause 2020's).
  const Tense tense = SentenceTense(r);
  std::optional<int> best;
  int64_t best_distance = 0;
  for (int y = ref.year - 4; y <= ref.year + 4; ++y) {
    if (!IsValidDate(y, month, day)) continue;
    const int64_t diff = CivilDate{y, month, day}.ToDays() - ref.ToDays();
    if ((tense == Tense::kPast && diff > 0) || (tense == Tense::kFuture && diff < 0)) continue;
    const int64_t distance = diff < 0 ? -diff : diff;
    if (!best || distance < best_distance) best = y, best_distance = distance;
  }
  return best;
}

std::string Unresolved(std::string_view granularity) {
  if (granularity == "year") return "XXXX";
  if (granularity == "month") return "XXXX-XX";
  if (granularity == "week") return "XXXX-WXX";
  if (granularity == "decade") return "XXX";
  if (granularity == "century") return "XX";
  return "XXXX-XX-XX";
}

/// A date point the document date cannot resolve.
Point XPoint(std::string_view granularity) { return {Unresolved(granularity), std::string(granularity), std::nullopt}; }

/// Dates written with numbers only: year/month/day groups (ISO order) or
/// n1/n2/n3 in the `numeric_date_order` setting (mdy, dmy, ymd). A first
/// field of four digits is always a year; a field over 12 cannot be a month.
bool NumericDate(const Reader& r, Point* out, std::string* err) {
  const std::string_view n1 = *r.Group("n1"), n2 = r.Group("n2").value_or("");
  const std::string_view n3 = r.Group("n3").value_or("");
  const int a = ParseInt(n1).value_or(-1), b = ParseInt(n2).value_or(-1);
  const int c = n3.empty() ? 0 : ParseInt(n3).value_or(-1);
  if (a < 0 || b < 0 || c < 0) {
    *err = "cannot read numeric date";
    return false;
  }
  std::string order = r.rules.Setting("numeric_date_order", "mdy");
  if (n1.size() == 4) order = "ymd";
  if (order == "ymd" && n3.empty()) {  // "2015-12": a month; "2011-12" is a span of years
    if ((n2.size() == 2 && b == (a + 1) % 100) || b < 1 || b > 12) {
      *err = "not a month";
      return false;
    }
    *out = {fmt::format("{:04}-{:02}", a, b), "month", std::nullopt};
    return true;
  }
  int year = 0, month = 0, day = 0;
  if (order == "ymd") {
    year = a, month = b, day = c;
  } else {
    month = order == "dmy" ? b : a;
    day = order == "dmy" ? a : b;
    if (month > 12 && day <= 12) std::swap(month, day);
    year = n3.size() <= 2 ? ExpandTwoDigitYear(c, r) : c;
  }
  if (n3.empty() && order != "ymd") {  // "3/18": no year written
    if (month < 1 || month > 12 || day < 1 || day > 31) {
      *err = "not a date";
      return false;
    }
    const std::optional<int> y = InferYear(r, month, day, r.LexInt("weekday", "weekdays"));
    if (!y) {
      *out = {fmt::format("XXXX-{:02}-{:02}", month, day), "day", std::nullopt};
      return true;
    }
    year = *y;
  }
  if (!IsValidDate(year, month, day)) {
    *err = fmt::format("not a date: {}-{}-{}", year, month, day);
    return false;
  }
  *out = DayPoint({year, month, day});
  return true;
}

/// A month, with or without a day and year.
bool MonthDate(const Reader& r, Point* out, std::string* err) {
  auto month = r.LexInt("month", "months");
  if (!month) month = r.Group("month") ? ParseInt(*r.Group("month")) : std::nullopt;
  if (!month || *month < 1 || *month > 12) {
    *err = fmt::format("unknown month '{}'", r.Group("month").value_or(""));
    return false;
  }
  int day = 0;
  if (auto d = r.Group("day")) {
    auto v = LeadingInt(*d);
    if (!v) v = ParseOrdinal(*d, r.rules);
    if (!v) {
      *err = fmt::format("cannot read day '{}'", *d);
      return false;
    }
    day = *v;
  }
  std::optional<int> year = ExplicitYear(r, err);
  if (!err->empty()) return false;
  if (auto to = r.LexInt("to_month", "months"); year && to && *to < *month) {
    --*year;  // "Nov-Feb 2017": the range's year is its end's
  }
  const std::optional<int> rel = RelOf(r, "rel");
  if (!year && rel && r.context.reference) {  // last September, this May, next March
    const CivilDate ref = *r.context.reference;
    year = ref.year;
    if (*rel < 0 && *month >= ref.month) --*year;
    if (*rel > 0 && *month <= ref.month) ++*year;
  }
  // A range of months without a year ("from May to September"): the year
  // of the whole stretch, which ends after it starts ("May to March").
  if (!year && day == 0) {
    const std::optional<int> to = r.LexInt("to_month", "months");
    const std::optional<int> from = r.LexInt("from_month", "months");
    if (to) {
      year = ChooseYear(r, {*month, 1, *to, 31});
    } else if (from) {
      year = ChooseYear(r, {*from, 1, *month, 31});
      if (year && *month < *from) ++*year;
    }
  }
  if (!year) year = InferYear(r, *month, day, r.LexInt("weekday", "weekdays"));
  if (day == 0) {
    *out = year ? Point{fmt::format("{:04}-{:02}", *year, *month), "month", std::nullopt}
                : Point{fmt::format("XXXX-{:02}", *month), "month", std::nullopt};
    return true;
  }
  if (!IsValidDate(year.value_or(2000), *month, day)) {
    *err = fmt::format("not a date: month {} day {}", *month, day);
    return false;
  }
  *out = year ? DayPoint({*year, *month, day})
              : Point{fmt::format("XXXX-{:02}-{:02}", *month, day), "day", std::nullopt};
  return true;
}

/// The year of a season, quarter or half written without one (ChooseYear);
/// a relative word moves from the one under way or last ended (last summer,
/// next quarter).
std::optional<int> PeriodYear(const Reader& r, int first_month, int months) {
  std::string err;
  if (auto y = ExplicitYear(r, &err)) return y;
  if (!r.context.reference) return std::nullopt;
  const std::optional<int> rel = RelOf(r, "rel");
  const YearMonth last = AddMonths(2001, first_month, months - 1);
  if (!rel) return ChooseYear(r, {first_month, 1, last.month, 31});
  const CivilDate ref = *r.context.reference;
  int year = first_month <= ref.month ? ref.year : ref.year - 1;  // the latest begun
  const YearMonth after = AddMonths(year, first_month, months);
  const bool inside = after.year * 12 + after.month > ref.year * 12 + ref.month;
  if (*rel < 0 && inside) --year;
  if (*rel > 0) ++year;
  if (*rel == 0 && !inside) year = ref.year;
  return year;
}

bool SeasonDate(const Reader& r, Point* out, std::string* err) {
  const std::optional<std::string> code = r.Lex("seasons").Value(*r.Group("season"));
  auto it = std::find_if(std::begin(kSeasons), std::end(kSeasons),
                         [&](const Season& s) { return code && s.code == *code; });
  if (it == std::end(kSeasons)) {
    *err = fmt::format("unknown season '{}'", *r.Group("season"));
    return false;
  }
  const std::optional<int> year = PeriodYear(r, it->first_month, 3);
  *out = {fmt::format("{}-{}", year ? YearTimex(*year) : "XXXX", it->code), "season", std::nullopt};
  return true;
}

/// Quarters ("the third quarter of 2009", "Q3") and halves ("the first half").
bool PartOfYear(const Reader& r, std::string_view group, std::string_view code, int months,
                Point* out, std::string* err) {
  const std::optional<int> n = ParseOrdinal(*r.Group(group), r.rules);
  if (!n || *n < 1 || *n > 12 / months) {
    *err = fmt::format("cannot read '{}'", *r.Group(group));
    return false;
  }
  const std::optional<int> year = PeriodYear(r, (*n - 1) * months + 1, months);
  *out = {fmt::format("{}-{}{}", year ? YearTimex(*year) : "XXXX", code.substr(0, 1), *n),
          code == kQuarter ? "quarter" : "half", std::nullopt};
  return true;
}

/// "the 1990s" (decade = "1990"), "the '90s" ("90"), "the nineties" (a
/// `decade_words` entry, "90").
bool DecadeDate(const Reader& r, Point* out, std::string* err) {
  const std::string_view text = *r.Group("decade");
  std::optional<int> v = LeadingInt(text);
  if (!v) {
    auto w = r.Lex("decade_words").Int(text);
    if (w) v = static_cast<int>(*w);
  }
  if (!v) {
    *err = fmt::format("cannot read decade '{}'", text);
    return false;
  }
  int year = *v;
  if (year < 100) year = ExpandTwoDigitYear(year, r);
  year -= year % 10;
  *out = {fmt::format("{:03}", year / 10), "decade", std::nullopt};
  return true;
}

bool CenturyDate(const Reader& r, Point* out, std::string* err) {
  const std::optional<int> n = ParseOrdinal(*r.Group("century"), r.rules);
  if (!n || *n < 1 || *n > 99) {
    *err = fmt::format("cannot read century '{}'", *r.Group("century"));
    return false;
  }
  *out = {fmt::format("{:02}", *n - 1), "century", std::nullopt};
  return true;
}

/// A weekday alone or with a relative word. Bare: the latest on or before
/// the document date (future tense: the first on or after it). last/next: strictly
/// before/after; this: in the document date's week.
Point WeekdayDate(const Reader& r, int weekday /* 1 = Monday */) {
  if (!r.context.reference) return {fmt::format("XXXX-WXX-{}", weekday), "day", std::nullopt};
  const CivilDate ref = *r.context.reference;
  const int target = weekday - 1;
  if (auto wrel = RelOf(r, "wrel")) {  // "Tuesday of next week"
    return DayPoint(ref.AddDays(-ref.Weekday() + 7 * *wrel + target));
  }
  const int back = (ref.Weekday() - target + 7) % 7;  // days since the latest one
  const std::optional<int> rel = RelOf(r, "rel");
  // "next Friday", "last Wednesday": that day of the next or previous week
  // (`week_relatives`); "this coming Friday" is the first after.
  if (auto word = r.Group("rel"); rel && word && r.Lex("week_relatives").Find(*word)) {
    return DayPoint(ref.AddDays(-ref.Weekday() + 7 * *rel + target));
  }
  if (rel) {
    if (*rel < 0) return DayPoint(ref.AddDays(back == 0 ? -7 : -back));
    if (*rel > 0) return DayPoint(ref.AddDays(back == 0 ? 7 : 7 - back));
    return DayPoint(ref.AddDays(target - ref.Weekday()));
  }
  if (SentenceTense(r) == Tense::kFuture) return DayPoint(ref.AddDays(back == 0 ? 0 : 7 - back));
  return DayPoint(ref.AddDays(-back));
}

/// "the weekend": the latest on or before the document date (future tense:
/// the next).
Point WeekendDate(const Reader& r) {
  if (!r.context.reference) return {"XXXX-WXX-WE", "week", std::nullopt};
  const CivilDate ref = *r.context.reference;
  constexpr int kSaturday = 5;
  const int back = (ref.Weekday() - kSaturday + 7) % 7;
  const bool future = SentenceTense(r) == Tense::kFuture;
  const CivilDate saturday = ref.AddDays(future ? (back == 0 ? 0 : 7 - back) : -back);
  return {WeekTimex(saturday) + "-WE", "week", std::nullopt};
}

/// About how many years one unit is (a day: 1/365), to bound shifts.
double YearsPerUnit(const Unit& unit) {
  const std::string_view c = unit.code;
  const double years = c == kWeek || c == kWeekend ? 7.0 / 366
                       : c == kMonth               ? 1.0 / 12
                       : c == kQuarter             ? 0.25
                       : c == kHalf                ? 0.5
                       : c == kYear                ? 1
                       : c == kDecade              ? 10
                       : c == kCentury             ? 100
                                                   : 1.0 / 366;  // days; hours fall on days
  return years * unit.factor;
}

/// The document date moved by `n` units, at that unit's granularity.
Point ShiftedPoint(const CivilDate& ref, const Unit& unit, int n) {
  if (unit.code == kWeek) return {WeekTimex(ref.AddDays(7 * n * unit.factor)), "week", std::nullopt};
  if (unit.code == kWeekend) {
    return {WeekTimex(ref.AddDays(7 * n)) + "-WE", "week", std::nullopt};
  }
  if (unit.code == kMonth) {
    const YearMonth ym = AddMonths(ref.year, ref.month, n * unit.factor);
    return {fmt::format("{:04}-{:02}", ym.year, ym.month), "month", std::nullopt};
  }
  if (unit.code == kQuarter) {
    const YearMonth ym = AddMonths(ref.year, ref.month, 3 * n);
    return {fmt::format("{:04}-Q{}", ym.year, (ym.month - 1) / 3 + 1), "quarter", std::nullopt};
  }
  if (unit.code == kHalf) {
    const YearMonth ym = AddMonths(ref.year, ref.month, 6 * n);
    return {fmt::format("{:04}-H{}", ym.year, (ym.month - 1) / 6 + 1), "half", std::nullopt};
  }
  if (unit.code == kYear) return {YearTimex(ref.year + n * unit.factor), "year", std::nullopt};
  if (unit.code == kDecade) return {fmt::format("{:03}", ref.year / 10 + n), "decade", std::nullopt};
  if (unit.code == kCentury) return {fmt::format("{:02}", ref.year / 100 + n), "century", std::nullopt};
  return DayPoint(ref.AddDays(n * unit.factor));  // days, and hours (the day they fall on)
}

/// "two days ago", "three years from now": the document date moved by a
/// count of units; a vague count ("a few years ago") is PAST_REF/FUTURE_REF.
bool DirectedDate(const Reader& r, int sign, Point* out, std::string* err) {
  const std::optional<Unit> unit = UnitOf(r);
  const std::optional<std::string> count = CountOf(r);
  if (!unit || !count) {
    *err = "cannot read the count or unit";
    return false;
  }
  if (*count == "X") {
    *out = {sign < 0 ? "PAST_REF" : "FUTURE_REF", "", std::nullopt};
    return true;
  }
  const double amount = std::strtod(count->c_str(), nullptr);
  if (!r.context.reference) {
    *out = XPoint(GranularityOf(unit->code));
    return true;
  }
  const CivilDate ref = *r.context.reference;
  // More than 9,999 years either way leaves the calendar; a larger count
  // would also overflow the arithmetic below.
  if (!(amount * YearsPerUnit(*unit) <= 9999)) {
    *err = "outside the calendar years 1–9999";
    return false;
  }
  const int n = static_cast<int>(amount) * sign;
  if (unit->code == kWeek) {  // "a week ago": that day
    *out = DayPoint(ref.AddDays(7 * n * unit->factor));
  } else if (unit->code == kDecade || unit->code == kCentury) {
    *out = {YearTimex(ref.year + n * (unit->code == kDecade ? 10 : 100)), "year", std::nullopt};
  } else {
    *out = ShiftedPoint(ref, *unit, n);
  }
  return true;
}

/// "last week", "this year", "next month", "yesterday" (fields offset and
/// unit), "this morning" (a relative word with no unit: the day).
bool RelativeDate(const Reader& r, Point* out, std::string* err) {
  std::optional<int> n = RelOf(r, "rel");
  if (auto offset = r.Field("offset")) n = ParseInt(*offset);
  std::optional<Unit> unit = UnitOf(r);
  if (!unit) unit = Unit{std::string(kDay), 1};
  if (!n) {
    *err = "cannot read the relative word";
    return false;
  }
  if (!r.context.reference) {
    *out = XPoint(GranularityOf(unit->code));
    if (unit->code == kWeekend) out->timex += "-WE";
    return true;
  }
  *out = ShiftedPoint(*r.context.reference, *unit, *n);
  return true;
}

/// Of candidate days, the one the sentence means: with a relative word the
/// latest before the document date (last), the earliest after it (next), or
/// the one in its year (this); else with the past tense the latest on or
/// before it, with the future tense the earliest on or after it, and without
/// tense the nearest (ties go to the past).
std::optional<CivilDate> PickDay(const Reader& r, const std::vector<CivilDate>& days,
                                 std::optional<int> rel) {
  if (!r.context.reference) return std::nullopt;
  const CivilDate ref = *r.context.reference;
  const int64_t now = ref.ToDays();
  const Tense tense = rel ? Tense::kUnknown : SentenceTense(r);
  std::optional<CivilDate> best;
  int64_t best_distance = 0;
  for (const CivilDate& d : days) {
    const int64_t t = d.ToDays();
    int64_t distance = 0;
    if (rel && *rel < 0) {
      if (t >= now) continue;
      distance = now - t;
    } else if (rel && *rel > 0) {
      if (t <= now) continue;
      distance = t - now;
    } else if (rel) {
      if (d.year != ref.year) continue;
    } else if (tense == Tense::kPast) {
      if (t > now) continue;
      distance = now - t;
    } else if (tense == Tense::kFuture) {
      if (t < now) continue;
      distance = t - now;
    } else {
      distance = t <= now ? 2 * (now - t) : 2 * (t - now) + 1;
    }
    if (!best || distance < best_distance) best = d, best_distance = distance;
  }
  return best;
}

/// Easter Sunday (the Gregorian computus).
CivilDate Easter(int year) {
  const int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4;
  const int f = (b + 8) / 25, g = (b - f + 1) / 3, h = (19 * a + b - d - g + 15) % 30;
  const int i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
  const int m = (a + 11 * h + 22 * l) / 451;
  const int month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
  return {year, month, day};
}

/// A `holidays` entry in a year: a fixed day (month, day), the nth weekday of
/// a month (month, weekday, nth; nth -1 = the last), or days from Easter
/// (easter); `offset` moves it ("the day after Thanksgiving").
std::optional<CivilDate> HolidayIn(const rules::LexEntry& e, int year) {
  if (year < 1 || year > 9999) return std::nullopt;
  std::optional<CivilDate> d;
  int offset = ParseInt(e.Field("offset", "0")).value_or(0);
  if (auto easter = ParseInt(e.Field("easter"))) {
    d = Easter(year);
    offset += *easter;
  } else {
    const std::optional<int> month = ParseInt(e.Field("month"));
    if (!month || *month < 1 || *month > 12) return std::nullopt;
    if (auto day = ParseInt(e.Field("day"))) {
      if (!IsValidDate(year, *month, *day)) return std::nullopt;
      d = CivilDate{year, *month, *day};
    } else {
      const std::optional<int> weekday = ParseInt(e.Field("weekday"));
      const std::optional<int> nth = ParseInt(e.Field("nth"));
      if (!weekday || !nth || *nth == 0) return std::nullopt;
      if (*nth > 0) {
        const CivilDate first{year, *month, 1};
        d = first.AddDays((*weekday - 1 - first.Weekday() + 7) % 7 + 7 * (*nth - 1));
      } else {
        const CivilDate last{year, *month, DaysInMonth(year, *month)};
        d = last.AddDays(-((last.Weekday() - (*weekday - 1) + 7) % 7) + 7 * (*nth + 1));
      }
      if (d->month != *month) return std::nullopt;
    }
  }
  return d->AddDays(offset);
}

/// "Christmas", "Easter 2018", "last Thanksgiving", "Independence Day of this
/// year": a `holidays` entry in the year written, else the one PickDay chooses.
bool IsShifted(const Reader& r);
bool Shift(const Reader& r, Point* point, std::string* err);

bool HolidayDate(const Reader& r, Point* out, std::string* err) {
  const rules::LexEntry* e = r.Lex("holidays").Find(*r.Group("holiday"));
  if (e == nullptr) {
    *err = fmt::format("unknown holiday '{}'", *r.Group("holiday"));
    return false;
  }
  const std::optional<int> year = ExplicitYear(r, err);
  if (!err->empty()) return false;
  std::optional<CivilDate> day;
  if (year) {
    day = HolidayIn(*e, *year);
  } else if (r.context.reference) {
    // "It happened two weeks before Christmas": the tense places the day
    // the match names, the holiday moved, so the choice is among those.
    const bool shifted = IsShifted(r);
    std::vector<CivilDate> days, named;
    for (int y = r.context.reference->year - 2; y <= r.context.reference->year + 2; ++y) {
      const std::optional<CivilDate> d = HolidayIn(*e, y);
      if (!d) continue;
      Point moved = DayPoint(*d);
      std::string ignored;
      if (shifted && !Shift(r, &moved, &ignored)) continue;
      days.push_back(*d);
      named.push_back(*moved.day);
    }
    const std::optional<CivilDate> pick = PickDay(r, named, RelOf(r, "rel"));
    for (size_t i = 0; pick && i < named.size(); ++i) {
      if (named[i] == *pick) day = days[i];
    }
  } else {
    const std::optional<int> month = ParseInt(e->Field("month")), dom = ParseInt(e->Field("day"));
    *out = month && dom && e->Field("offset").empty()
               ? Point{fmt::format("XXXX-{:02}-{:02}", *month, *dom), "day", std::nullopt}
               : XPoint("day");
    return true;
  }
  if (!day) {
    *err = "the holiday has no date then";
    return false;
  }
  *out = DayPoint(*day);
  return true;
}

/// A day of the month without its month ("on the 18th", "Monday the 13th"):
/// this month or a neighbour, or with a weekday the nearby months where that
/// day falls on it (PickDay).
bool DayOfMonthDate(const Reader& r, Point* out, std::string* err) {
  std::optional<int> day = LeadingInt(*r.Group("day"));
  if (!day) day = ParseOrdinal(*r.Group("day"), r.rules);
  if (!day || *day < 1 || *day > 31) {
    *err = fmt::format("cannot read day '{}'", *r.Group("day"));
    return false;
  }
  const std::optional<int> weekday = r.LexInt("weekday", "weekdays");
  if (!r.context.reference) {
    *out = weekday ? Point{fmt::format("XXXX-WXX-{}", *weekday), "day", std::nullopt}
                   : Point{fmt::format("XXXX-XX-{:02}", *day), "day", std::nullopt};
    return true;
  }
  const CivilDate ref = *r.context.reference;
  const int span = weekday ? 14 : 1;
  std::vector<CivilDate> days;
  for (int k = -span; k <= span; ++k) {
    const YearMonth ym = AddMonths(ref.year, ref.month, k);
    if (!IsValidDate(ym.year, ym.month, *day)) continue;
    const CivilDate d{ym.year, ym.month, *day};
    if (!weekday || d.Weekday() + 1 == *weekday) days.push_back(d);
  }
  const std::optional<CivilDate> d = PickDay(r, days, std::nullopt);
  if (!d) {
    *err = "no such day nearby";
    return false;
  }
  *out = DayPoint(*d);
  return true;
}

/// The nth week, month or day (unit) of a month or year (field `of`: M, Y):
/// "the third week of January", "the last week of 2016", "the 9th month of
/// next year", "the 15th day of next month". A week belongs to the month or
/// year its Thursday falls in (ISO 8601), so the weeks of a year are its ISO
/// weeks. The container: `month` (+ a year), `crel` (its relative word), a
/// year, or the document date's.
bool NthOfDate(const Reader& r, Point* out, std::string* err) {
  const std::string of = *r.Field("of");
  std::optional<int> n;
  if (r.Has("nth_last")) {
    n = -1;
  } else if (auto g = r.Group("nth")) {
    n = ParseOrdinal(*g, r.rules);
  }
  const std::optional<Unit> unit = UnitOf(r);
  if (!n || *n == 0 || !unit) {
    *err = "cannot read the ordinal or unit";
    return false;
  }
  std::optional<int> year = ExplicitYear(r, err);
  if (!err->empty()) return false;
  const std::optional<int> crel = RelOf(r, "crel");
  const std::optional<CivilDate> ref = r.context.reference;
  int month = 1;
  if (of == kMonth) {
    if (r.Has("month")) {
      auto m = r.LexInt("month", "months");
      if (!m) m = ParseInt(*r.Group("month"));
      if (!m || *m < 1 || *m > 12) {
        *err = "unknown month";
        return false;
      }
      month = *m;
      if (!year) year = InferYear(r, month, 0, std::nullopt);
    } else if (ref) {
      const YearMonth ym = AddMonths(ref->year, ref->month, crel.value_or(0));
      year = ym.year;
      month = ym.month;
    }
  } else if (!year && ref) {
    year = ref->year + crel.value_or(0);
  }
  if (!year) {
    *out = XPoint(GranularityOf(unit->code));
    return true;
  }
  const CivilDate first{*year, month, 1};
  const CivilDate last = of == kMonth ? CivilDate{*year, month, DaysInMonth(*year, month)}
                                      : CivilDate{*year, 12, 31};
  if (unit->code == kWeek) {
    const CivilDate first_thursday = first.AddDays((3 - first.Weekday() + 7) % 7);
    const CivilDate last_thursday = last.AddDays(-((last.Weekday() - 3 + 7) % 7));
    const CivilDate thursday = *n > 0 ? first_thursday.AddDays(7 * (*n - 1))
                                      : last_thursday.AddDays(7 * (*n + 1));
    if (thursday < first || last < thursday) {
      *err = "no such week";
      return false;
    }
    *out = {WeekTimex(thursday), "week", std::nullopt};
    return true;
  }
  if (unit->code == kMonth && of == kYear) {
    const int m = *n > 0 ? *n : 13 + *n;
    if (m < 1 || m > 12) {
      *err = "no such month";
      return false;
    }
    *out = {fmt::format("{:04}-{:02}", *year, m), "month", std::nullopt};
    return true;
  }
  if (unit->code == kDay) {
    const CivilDate d = *n > 0 ? first.AddDays(*n - 1) : last.AddDays(*n + 1);
    if (d < first || last < d) {
      *err = "no such day";
      return false;
    }
    *out = DayPoint(d);
    return true;
  }
  *err = "cannot count that unit in that period";
  return false;
}

/// The weekend nearest a day: its own, the one before a Monday or Tuesday,
/// else the one after ("Labor Day weekend", "the weekend of Halloween").
std::string NearestWeekend(CivilDate d) {
  constexpr int kSaturday = 5;
  const int wd = d.Weekday();
  CivilDate saturday = d.AddDays(kSaturday - wd);
  if (wd < kSaturday && wd + 1 < kSaturday - wd) saturday = d.AddDays(-wd - 2);
  return WeekTimex(saturday) + "-WE";
}

/// The date part of a point-in-time match.
bool DatePoint(const Reader& r, Point* out, std::string* err) {
  if (r.Field("of")) return NthOfDate(r, out, err);
  if (r.Has("holiday")) return HolidayDate(r, out, err);
  if (r.Has("n1")) return NumericDate(r, out, err);
  if (r.Has("month")) return MonthDate(r, out, err);
  if (r.Has("day")) return DayOfMonthDate(r, out, err);
  if (auto offset = r.LexInt("dayrel", "day_offsets")) {  // today, tomorrow, yesterday
    *out = r.context.reference ? DayPoint(r.context.reference->AddDays(*offset)) : XPoint("day");
    return true;
  }
  if (r.Has("season")) return SeasonDate(r, out, err);
  if (r.Has("quarter")) return PartOfYear(r, "quarter", kQuarter, 3, out, err);
  if (r.Has("half")) return PartOfYear(r, "half", kHalf, 6, out, err);
  if (r.Has("decade")) return DecadeDate(r, out, err);
  if (r.Has("century")) return CenturyDate(r, out, err);
  if (r.Has("year") || r.Has("yy") || r.Has("yearw")) {
    const std::optional<int> year = ExplicitYear(r, err);
    if (!year) return false;
    *out = {YearTimex(*year), "year", std::nullopt};
    return true;
  }
  if (auto weekday = r.LexInt("weekday", "weekdays")) {
    *out = WeekdayDate(r, *weekday);
    return true;
  }
  if (auto dir = r.Group("dir")) {
    const rules::LexEntry* e = r.Lex("time_directions").Find(*dir);
    const std::optional<int> sign = e ? ParseInt(e->Field("sign")) : std::nullopt;
    if (!sign) {
      *err = fmt::format("unknown direction '{}'", *dir);
      return false;
    }
    return DirectedDate(r, *sign, out, err);
  }
  if (auto sign = r.Field("sign")) {  // "in three days"
    return DirectedDate(r, ParseInt(*sign).value_or(1), out, err);
  }
  if (r.Has("rel") || r.Field("offset") || r.Has("yrel")) {
    if (!r.Has("rel") && !r.Field("offset")) {  // "of this year" alone
      std::optional<int> year = ExplicitYear(r, err);
      *out = year ? Point{YearTimex(*year), "year", std::nullopt} : XPoint("year");
      return true;
    }
    return RelativeDate(r, out, err);
  }
  if (auto unit = UnitOf(r); unit && unit->code == kWeekend) {
    *out = WeekendDate(r);
    return true;
  }
  // A time of day alone ("3 p.m.", "midnight"): the document date.
  *out = r.context.reference ? DayPoint(*r.context.reference) : XPoint("day");
  out->day_from_reference = true;
  return true;
}

/// "T15:00", "TNI", "T18:00Z"; "" when the match names no time of day.
bool TimeOfDay(const Reader& r, std::string* suffix, std::string* err) {
  suffix->clear();
  std::optional<int> hour;
  if (auto h = r.Group("hour")) {
    hour = ParseInt(*h);
  } else if (auto f = r.Field("hour")) {
    hour = ParseInt(*f);
  }
  if (hour) {
    int minute = 0;
    if (auto m = r.Group("minute")) minute = ParseInt(*m).value_or(-1);
    if (auto f = r.Field("minute")) minute = ParseInt(*f).value_or(-1);
    if (auto ampm = r.Group("ampm")) {
      auto shift = r.Lex("ampm").Int(*ampm);
      if (!shift || *hour < 1 || *hour > 12) {
        *err = fmt::format("cannot read time '{}'", *ampm);
        return false;
      }
      *hour = *hour % 12 + static_cast<int>(*shift);
    }
    if (*hour < 0 || *hour > 24 || minute < 0 || minute > 59) {
      *err = "not a time of day";
      return false;
    }
    *suffix = fmt::format("T{:02}:{:02}", *hour, minute);
    if (auto zone = r.Group("zone")) *suffix += r.Lex("time_zones").Value(*zone).value_or("");
    return true;
  }
  if (auto tod = r.Group("tod")) {
    auto code = r.Lex("parts_of_day").Value(*tod);
    if (!code) {
      *err = fmt::format("unknown part of day '{}'", *tod);
      return false;
    }
    *suffix = "T" + *code;
  } else if (auto f = r.Field("tod")) {
    *suffix = "T" + *f;
  }
  return true;
}

// ---------------------------------------------------------------------------
// The other kinds

std::string TypeOf(const Reader& r, std::string_view timex) {
  if (auto t = r.Field("type")) return *t;
  if (timex.ends_with(kRefSuffix)) return "date";
  if (!timex.empty() && timex.front() == 'P') return "duration";
  if (timex.find('T') != std::string_view::npos) return "time";
  return "date";
}

bool Duration(const Reader& r, TimeValue* out, std::string* err) {
  const std::optional<Unit> unit = UnitOf(r);
  const std::optional<std::string> count = CountOf(r);
  if (!unit || !count) {
    *err = fmt::format("cannot read duration '{}' '{}'", r.Group("count").value_or(""),
                       r.Group("unit").value_or(""));
    return false;
  }
  out->timex = DurationTimex(*count, *unit);
  out->granularity = GranularityOf(unit->code);
  // A part's unit is a group or, for digits alone ("2:11:48"), a field.
  const auto part_unit_text = [&r](const std::string& name) -> std::optional<std::string> {
    if (auto g = r.Group(name)) return std::string(*g);
    return r.Field(name);
  };
  if (!part_unit_text("unit2")) return true;
  // "1 hour and 30 minutes", "2 years 1 month": parts unit, unit2, unit3 (counts count2, count3).
  // The parts go from larger units to smaller ("2 years, 6 months"); a unit
  // again or a larger one is no single duration ("24 hours a day, seven
  // days a week" is a set and its counts), and the match gives way.
  constexpr std::string_view kPartOrder = "SmHDEWMQY";  // M of a time part (minutes): `m`; E: weekends
  int last_rank = static_cast<int>(kPartOrder.size());
  std::string date_part, time_part;
  for (std::string_view n : {"", "2", "3"}) {
    const std::optional<std::string> u = part_unit_text(fmt::format("unit{}", n));
    if (!u) continue;
    const std::optional<Unit> part_unit = ReadUnit(*u, r.rules);
    const std::optional<std::string_view> c = r.Group(fmt::format("count{}", n));
    std::optional<std::string> part_count = c ? ParseCount(*c, r.rules) : std::optional<std::string>("1");
    if (n.empty()) part_count = count;
    if (!part_unit || !part_count || *part_count == "X") {
      *err = "cannot read a part of the duration";
      return false;
    }
    const std::string part = DurationTimex(*part_count, *part_unit);
    const bool time_of_day = part.starts_with("PT");
    const char code = part.empty() ? '?' : (time_of_day && part.back() == 'M' ? 'm' : part.back());
    const size_t rank = kPartOrder.find(code);
    if (rank == std::string_view::npos || static_cast<int>(rank) >= last_rank) {
      *err = "the parts of a duration do not go from larger units to smaller";
      return false;
    }
    last_rank = static_cast<int>(rank);
    if (time_of_day) {
      time_part += part.substr(2);
    } else {
      date_part += part.substr(1);
    }
  }
  out->timex = "P" + date_part + (time_part.empty() ? "" : "T" + time_part);
  return true;
}

bool Set(const Reader& r, TimeValue* out, std::string* err) {
  if (auto weekday = r.LexInt("weekday", "weekdays")) {
    std::string suffix;
    if (!TimeOfDay(r, &suffix, err)) return false;
    out->timex = fmt::format("XXXX-WXX-{}{}", *weekday, suffix);
    out->granularity = "day";
    return true;
  }
  if (auto month = r.LexInt("month", "months")) {
    out->timex = fmt::format("XXXX-{:02}", *month);
    out->granularity = "month";
    return true;
  }
  if (r.Has("season")) {  // "each spring": XXXX-SP
    Point season;
    if (!SeasonDate(r, &season, err)) return false;
    out->timex = "XXXX" + season.timex.substr(season.timex.find('-'));
    out->granularity = "season";
    return true;
  }
  return Duration(r, out, err);
}

/// "two days later", "five days after his killing", "the next day", "the
/// second anniversary of …": the value waits for the event's date.
bool Anchored(const Reader& r, TimeValue* out, std::string* err) {
  Anchor anchor;
  if (auto relation = r.Field("anchor")) anchor.relation = *relation;
  if (auto dir = r.Group("dir")) {
    const rules::LexEntry* e = r.Lex("time_directions").Find(*dir);
    if (e == nullptr || e->Field("relation").empty()) {
      *err = fmt::format("unknown direction '{}'", *dir);
      return false;
    }
    anchor.relation = e->Field("relation");
  }
  const std::optional<Unit> unit = UnitOf(r);
  if (unit && anchor.relation != kSameRelation) {
    const std::optional<std::string> count = CountOf(r);
    if (!count) {
      *err = fmt::format("cannot read count '{}'", r.Group("count").value_or(""));
      return false;
    }
    anchor.offset = DurationTimex(*count, *unit);
  }
  if (auto ord = r.Group("ord")) anchor.ordinal = ParseOrdinal(*ord, r.rules).value_or(0);
  if (auto event = r.Group("event")) anchor.event = std::string(*event);
  out->timex = "XXXX-XX-XX";
  out->granularity = unit ? GranularityOf(unit->code) : "day";
  out->anchor = anchor;
  return true;
}

/// "3 days after January 12th", "two weeks from tomorrow", "4 months before
/// Easter": a count of units (`dir` a direction with a relation) from a date
/// the match itself writes, not from an event.
bool IsShifted(const Reader& r) {
  if (!r.Has("unit") || !r.Has("dir") || r.Has("event")) return false;
  for (std::string_view g : {"n1", "month", "holiday", "dayrel", "weekday", "year", "yearw"}) {
    if (r.Has(g)) return true;
  }
  return false;
}

bool IsAnchored(const Reader& r) {
  if (IsShifted(r)) return false;
  if (r.Field("anchor") || r.Has("event")) return true;
  if (auto dir = r.Group("dir")) {
    const rules::LexEntry* e = r.Lex("time_directions").Find(*dir);
    return e != nullptr && !e->Field("relation").empty();
  }
  return false;
}

/// A count of units with nothing placing it in time: "five days".
bool IsBareDuration(const Reader& r) {
  if (!UnitOf(r) || (!r.Has("unit") && !r.Has("count"))) return false;
  if (r.Has("dir") || r.Has("rel") || r.Has("yrel")) return false;
  return !r.Field("offset") && !r.Field("sign");
}

/// START/MID/END from a `time_parts` word, or a qualifier's mod.
std::string ModOf(const Reader& r) {
  if (auto f = r.Field("mod")) return *f;
  if (auto part = r.Group("part")) {
    if (auto mod = r.Lex("time_parts").Value(*part)) return *mod;
  }
  if (auto qual = r.Group("qual")) {
    if (auto mod = r.Lex("time_qualifiers").Value(*qual)) return *mod;
  }
  return "";
}

/// The day a shifted match names (IsShifted): its date moved by the count of units.
bool Shift(const Reader& r, Point* point, std::string* err) {
  const rules::LexEntry* e = r.Lex("time_directions").Find(*r.Group("dir"));
  const std::string relation = e != nullptr ? e->Field("relation") : "";
  const int sign = relation == "after" ? 1 : relation == "before" ? -1 : 0;
  const std::optional<Unit> unit = UnitOf(r);
  const std::optional<std::string> count = CountOf(r);
  if (!point->day || sign == 0 || !unit || !count || *count == "X") {
    *err = "cannot shift that date";
    return false;
  }
  // More than 9,999 years either way leaves the calendar (and would
  // overflow the arithmetic below); the final check drops what is left outside.
  const double amount = std::strtod(count->c_str(), nullptr);
  if (!(amount * YearsPerUnit(*unit) <= 9999)) {
    *err = "outside the calendar years 1–9999";
    return false;
  }
  const int n = static_cast<int>(amount) * unit->factor * sign;
  const CivilDate d = *point->day;
  if (unit->code == kDay) {
    *point = DayPoint(d.AddDays(n));
  } else if (unit->code == kWeek) {
    *point = DayPoint(d.AddDays(7 * n));
  } else if (unit->code == kMonth || unit->code == kYear) {
    const YearMonth ym = AddMonths(d.year, d.month, unit->code == kMonth ? n : 12 * n);
    *point = DayPoint({ym.year, ym.month, std::min(d.day, DaysInMonth(ym.year, ym.month))});
  } else {
    *err = "cannot shift by that unit";
    return false;
  }
  return true;
}

bool PointInTime(const Reader& r, TimeValue* out, std::string* err) {
  Point point;
  if (!DatePoint(r, &point, err)) return false;
  if (IsShifted(r) && !Shift(r, &point, err)) return false;
  if (auto c = r.Field("containing"); c && point.day) {  // "the week of April 10th"
    if (*c == kWeek) point = {WeekTimex(*point.day), "week", std::nullopt};
    if (*c == kWeekend) point = {NearestWeekend(*point.day), "week", std::nullopt};
  }
  if (auto prefix = r.Field("prefix"); prefix && point.granularity == "year") {
    point.timex = *prefix + point.timex;  // fiscal years: FY2008
  }
  std::string suffix;
  if (!TimeOfDay(r, &suffix, err)) return false;
  out->timex = point.timex;
  out->granularity = point.granularity;
  if (!suffix.empty() && !point.timex.ends_with(kRefSuffix)) {
    if (point.granularity != "day") {  // a time of day needs a day
      point = r.context.reference ? DayPoint(*r.context.reference) : XPoint("day");
      point.day_from_reference = true;
    }
    out->timex = point.timex + suffix;
    out->granularity = "time";
    out->day_from_reference = point.day_from_reference;
  }
  return true;
}

/// The compiled pattern of a context macro: anchored at the match (the text
/// before must end with it, the text after must begin with it).
const RE2* ContextPattern(const rules::RuleSet& rules, const std::string& macro, bool before) {
  const std::string* body = rules.FindMacro(macro);
  if (body == nullptr || body->empty()) return nullptr;
  // Asked for on every match of some rules: each thread first looks in its
  // own few answers, by macro, side and the macro's text (a rule set made
  // later at the same address may define it otherwise), without building
  // the pattern or taking the lock.
  struct Seen {
    std::string macro;
    bool before;
    std::string body;
    const RE2* re;
  };
  thread_local std::vector<Seen> seen;
  for (const Seen& s : seen) {
    if (s.before == before && s.macro == macro && s.body == *body) return s.re;
  }
  const std::string pattern = before ? "(?i)(?:" + *body + ")$" : "(?i)^(?:" + *body + ")";
  static std::mutex mu;
  static std::map<std::string, std::unique_ptr<RE2>> cache;
  const RE2* found = nullptr;
  {
    const std::lock_guard<std::mutex> lock(mu);
    std::unique_ptr<RE2>& re = cache[pattern];
    if (!re) {
      RE2::Options options;
      options.set_log_errors(false);
      re = std::make_unique<RE2>(pattern, options);
    }
    found = re->ok() ? re.get() : nullptr;
  }
  constexpr size_t kSeenMax = 64;  // a handful of context macros in practice
  if (seen.size() >= kSeenMax) seen.clear();
  seen.push_back({macro, before, *body, found});
  return found;
}

/// Fields `before` and `after` name macros the text beside the match must
/// match ("Nov 18" before "-Dec 19, 2015"); their named groups fill the
/// groups the match lacks (the range's year). `not_before` and `not_after`
/// name macros it must not match.
bool BorrowContext(const Fields& fields, const rules::RuleSet& rules, const MatchContext& context,
                   Groups* groups, std::string* err) {
  // Each of before, after, not_before, not_after: wanted (or not) beside the match.
  for (const bool wanted : {true, false}) {
    for (const bool before : {true, false}) {
      auto it = fields.find(std::string(wanted ? "" : "not_") + (before ? "before" : "after"));
      if (it == fields.end()) continue;
      const RE2* re = ContextPattern(rules, it->second, before);
      if (re == nullptr) {
        *err = fmt::format("no usable macro '{}'", it->second);
        return false;
      }
      const std::string_view sentence = context.sentence;
      const std::string_view text = before ? sentence.substr(0, std::min(context.start, sentence.size()))
                                           : sentence.substr(std::min(context.end, sentence.size()));
      const int n = wanted ? re->NumberOfCapturingGroups() + 1 : 0;
      std::vector<re2::StringPiece> pieces(n);
      if (re->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED,
                    pieces.data(), n) != wanted) {
        *err = "the context does not fit";
        return false;
      }
      if (!wanted) continue;
      for (const auto& [name, index] : re->NamedCapturingGroups()) {
        const re2::StringPiece& p = pieces[index];
        if (p.data() != nullptr && !p.empty()) groups->emplace(name, std::string(p.data(), p.size()));
      }
    }
  }
  return true;
}

// ---------------------------------------------------------------------------
// Intervals (rules/README.md, "Intervals")

/// `d` moved by n units of a duration's code (D, W, M, Y), the day of the
/// month kept within the month it lands in.
std::optional<CivilDate> MoveBy(CivilDate d, std::string_view code, long long n) {
  if (n > 120000 || n < -120000) return std::nullopt;  // far outside the calendar
  const int k = static_cast<int>(n);
  if (code == kDay) return d.AddDays(k);
  if (code == kWeek) return d.AddDays(7LL * k);
  if (code != kMonth && code != kYear) return std::nullopt;
  const YearMonth ym = AddMonths(d.year, d.month, code == kMonth ? k : 12 * k);
  if (ym.year < 1 || ym.year > 9999) return std::nullopt;
  return CivilDate{ym.year, ym.month, std::min(d.day, DaysInMonth(ym.year, ym.month))};
}

/// "the next three days", "the past five years", "within nine months": a
/// count of whole units the document date places. Group `stretch`, read
/// through lexicon `stretch_directions`: 1 runs from the day after the
/// document date, -1 ends the day before it, 0 ("within") starts on it.
std::optional<Interval> PlacedStretch(const Reader& r, std::string_view timex) {
  const std::optional<int> direction = r.LexInt("stretch", "stretch_directions");
  if (!direction || !r.context.reference) return std::nullopt;
  // Only a whole count of one unit: P3D, P2W, P10M, P20Y.
  if (timex.size() < 3 || timex.front() != 'P') return std::nullopt;
  const std::string_view code = timex.substr(timex.size() - 1);
  const std::optional<int> count = ParseInt(timex.substr(1, timex.size() - 2));
  if (!count || *count <= 0) return std::nullopt;
  // "the last 3 weeks of 2019": a part of a period the text names, not of now.
  if (const RE2* of = ContextPattern(r.rules, "CTX_STRETCH_OF", /*before=*/false)) {
    const std::string_view sentence = r.context.sentence;
    const std::string_view after = sentence.substr(std::min(r.context.end, sentence.size()));
    if (RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), *of)) return std::nullopt;
  }
  const CivilDate ref = *r.context.reference;
  if (r.Has("workdays")) {
    // Business days: Monday to Friday, counted from the day after (or
    // before) the document date.
    if (code != kDay || *direction == 0 || *count > 100000) return std::nullopt;
    CivilDate d = ref;
    CivilDate first = ref;
    for (int left = *count; left > 0;) {
      d = d.AddDays(*direction);
      if (d.Weekday() >= 5) continue;  // Saturday, Sunday
      if (left == *count) first = d;
      --left;
    }
    return *direction > 0 ? Interval{first, d} : Interval{d, first};
  }
  if (code == kQuarter) {
    // Quarters are calendar periods: whole quarters before or after the
    // current one ("the past two quarters" in August: January–June).
    if (*direction == 0 || *count > 40000) return std::nullopt;
    const CivilDate start{ref.year, (ref.month - 1) / 3 * 3 + 1, 1};
    const int months = 3 * *count;
    const std::optional<CivilDate> from = *direction > 0 ? MoveBy(start, kMonth, 3) : MoveBy(start, kMonth, -months);
    const std::optional<CivilDate> to = *direction > 0 ? MoveBy(start, kMonth, 3 + months) : start;
    if (!from || !to) return std::nullopt;
    return Interval{*from, to->AddDays(-1)};
  }
  if (const std::optional<Unit> unit = UnitOf(r); unit && unit->code == kDecade && *direction > 0) {
    // Decades ahead are the calendar's, after the current one ("the next two
    // decades" in 2018: 2020–2039), as "the next decade" is the 2020s; "the
    // past decade" is the last ten years (below).
    if (*count % 10 != 0 || *count > 5000) return std::nullopt;
    const int from = ref.year / 10 * 10 + 10;
    return Interval{CivilDate{from, 1, 1}, CivilDate{from + *count - 1, 12, 31}};
  }
  if (*direction > 0) {
    const std::optional<CivilDate> hi = MoveBy(ref, code, *count);
    if (!hi) return std::nullopt;
    return Interval{ref.AddDays(1), *hi};
  }
  if (*direction < 0) {
    const std::optional<CivilDate> lo = MoveBy(ref, code, -static_cast<long long>(*count));
    if (!lo) return std::nullopt;
    return Interval{*lo, ref.AddDays(-1)};
  }
  const std::optional<CivilDate> end = MoveBy(ref, code, *count);
  if (!end) return std::nullopt;
  return Interval{ref, end->AddDays(-1)};
}

/// The days of the date the rule's `after` context writes, its groups read
/// as a date of their own ("next Monday" in "3 days starting next Monday").
std::optional<DayRange> ContextDays(const Reader& r) {
  const std::optional<std::string> macro = r.Field("after");
  if (!macro) return std::nullopt;
  const RE2* re = ContextPattern(r.rules, *macro, /*before=*/false);
  if (re == nullptr) return std::nullopt;
  const std::string_view sentence = r.context.sentence;
  const std::string_view text = sentence.substr(std::min(r.context.end, sentence.size()));
  const int n = re->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(n);
  if (!re->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED,
                 pieces.data(), n)) {
    return std::nullopt;
  }
  Groups date_groups;
  for (const auto& [name, index] : re->NamedCapturingGroups()) {
    const re2::StringPiece& p = pieces[index];
    if (p.data() != nullptr && !p.empty()) date_groups.emplace(name, std::string(p.data(), p.size()));
  }
  const Fields no_fields;
  const Reader date_reader{date_groups, no_fields, r.rules, r.context};
  Point point;
  std::string err;
  if (!DatePoint(date_reader, &point, &err)) return std::nullopt;
  return TimexBounds(point.timex);
}

/// A duration's count and unit code: "P3D" → (3, "D"); nullopt unless a
/// whole count of one unit.
std::optional<std::pair<int, std::string_view>> WholeCount(std::string_view timex) {
  if (timex.size() < 3 || timex.front() != 'P') return std::nullopt;
  const std::optional<int> count = ParseInt(timex.substr(1, timex.size() - 2));
  if (!count || *count <= 0) return std::nullopt;
  return std::pair<int, std::string_view>{*count, timex.substr(timex.size() - 1)};
}

/// Field `starting`: "3 days starting next Monday", "for 1 week, from 20th
/// dec" — N units from the day the context writes. Field `edge` (`first`,
/// `last`, group `edge` through lexicon `period_edges`): "the first six
/// months of 2019", "the last 3 weeks of this year" — N units at that end
/// of the period the context writes.
std::optional<Interval> ContextStretch(const Reader& r, std::string_view timex) {
  const bool starting = r.Field("starting").has_value();
  const std::optional<std::string> edge =
      r.Group("edge") ? r.Lex("period_edges").Value(*r.Group("edge")) : std::nullopt;
  if (!starting && !edge) return std::nullopt;
  const std::optional<DayRange> days = ContextDays(r);
  const auto count = WholeCount(timex);
  if (!days || !count) return std::nullopt;
  if (starting || *edge == "first") {
    const std::optional<CivilDate> end = MoveBy(days->lo, count->second, count->first);
    if (!end) return std::nullopt;
    return Interval{days->lo, end->AddDays(-1)};
  }
  const std::optional<CivilDate> lo = MoveBy(days->hi.AddDays(1), count->second, -static_cast<long long>(count->first));
  if (!lo) return std::nullopt;
  return Interval{*lo, days->hi};
}

/// "between Jan 22 and now", "from 2010 to date": a date between macros
/// CTX_RUN_TO_NOW_START (before it) and CTX_RUN_TO_NOW_END (after it) opens
/// a stretch that runs through the day before the document date, as "the
/// past five years" ends (rules/README.md, "Intervals"). The closing word
/// ("now", "to date") stays its own mention.
std::optional<Interval> RunToNow(const Reader& r, const TimeValue& v) {
  if (v.type != "date" || v.anchor || !r.context.reference) return std::nullopt;
  const std::optional<DayRange> days = TimexBounds(v.timex);
  if (!days || !OpensRunToNow(r)) return std::nullopt;
  const CivilDate last = r.context.reference->AddDays(-1);
  if (last < days->lo) return std::nullopt;  // "from 2030 to date": no such stretch
  return Interval{days->lo, last};
}

/// "since August", "after Feb", "before 2000", "starting January 7th": a
/// date right after a signal of macro CTX_INTERVAL_SIGNAL (group `signal`,
/// read through lexicon `interval_signals`: `from` — on or after its first
/// day, `after` — after its last day, `before` — before its first day). The
/// signal stays outside the mention (TimeML). A part of a period
/// (mod START/MID/END) moves the bound as rules/README.md "Intervals" says.
std::optional<Interval> OpenInterval(const Reader& r, const TimeValue& v) {
  if (v.type != "date" || v.anchor) return std::nullopt;
  const std::optional<DayRange> days = TimexBounds(v.timex);
  if (!days) return std::nullopt;
  const RE2* re = ContextPattern(r.rules, "CTX_INTERVAL_SIGNAL", /*before=*/true);
  if (re == nullptr) return std::nullopt;
  const auto group = re->NamedCapturingGroups().find("signal");
  if (group == re->NamedCapturingGroups().end()) return std::nullopt;
  const std::string_view sentence = r.context.sentence;
  const std::string_view text = sentence.substr(0, std::min(r.context.start, sentence.size()));
  const int n = re->NumberOfCapturingGroups() + 1;
  std::vector<re2::StringPiece> pieces(n);
  if (!re->Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED,
                 pieces.data(), n)) {
    return std::nullopt;
  }
  if (v.granularity == "year") {  // "after 2012 Olympics": the year is a modifier
    if (const RE2* modified = ContextPattern(r.rules, "CTX_INTERVAL_MODIFIED", /*before=*/false)) {
      const std::string_view after = sentence.substr(std::min(r.context.end, sentence.size()));
      if (RE2::PartialMatch(re2::StringPiece(after.data(), after.size()), *modified)) return std::nullopt;
    }
  }
  const re2::StringPiece& signal = pieces[group->second];
  const std::optional<std::string> bound =
      r.Lex("interval_signals").Value(std::string_view(signal.data(), signal.size()));
  if (!bound) return std::nullopt;
  // A part of a month moves the bound into it (Recognizers-Text's halves and
  // thirds): "since late July" from the 16th, "after mid May" from the 21st.
  const bool month = v.granularity == "month";
  if (*bound == "from") {
    if (v.mod.empty() || v.mod == "START") return Interval{days->lo, std::nullopt};
    if (month && v.mod == "MID") return Interval{days->lo.AddDays(10), std::nullopt};
    if (month && v.mod == "END") return Interval{days->lo.AddDays(15), std::nullopt};
  }
  if (*bound == "after") {
    // "after the beginning of March": once it has begun.
    if (v.mod == "START") return Interval{days->lo, std::nullopt};
    if (month && v.mod == "MID") return Interval{days->lo.AddDays(20), std::nullopt};
    if (v.mod.empty() || v.mod == "END") return Interval{days->hi.AddDays(1), std::nullopt};
  }
  if (*bound == "before") {
    if (v.mod.empty() || v.mod == "START") return Interval{std::nullopt, days->lo.AddDays(-1)};
    // "before the end of December": by its last day.
    if (v.mod == "END") return Interval{std::nullopt, days->hi};
  }
  return std::nullopt;
}

}  // namespace

namespace {

// Dates are proleptic Gregorian years 1–9999 (rules/README.md): a value
// whose year falls outside ("10000", "-5877591-06-22") is no date.
bool InCalendar(std::string_view timex, std::string_view granularity) {
  if (timex.empty() || timex.front() == '-') return timex.empty();
  size_t digits = 0;
  while (digits < timex.size() && std::isdigit(static_cast<unsigned char>(timex[digits]))) ++digits;
  if (digits == 0 || timex[0] == 'P') return true;  // XXXX-…, durations, refs
  const size_t width = granularity == "decade" ? 3 : granularity == "century" ? 2 : 4;
  if (digits < width) return true;  // "19" (a century), "199" (a decade)
  // "00" is the first century (years 1–99) and "000" the first decade; the
  // year 0 is no year.
  return digits == width && (width != 4 || timex.substr(0, 4) != "0000");
}

}  // namespace

bool NormalizeTime(const Groups& match_groups, const Fields& fields, const rules::RuleSet& rules,
                   const MatchContext& context, TimeValue* out, std::string* err) {
  *out = TimeValue{};
  err->clear();
  Groups groups = match_groups;
  if (!BorrowContext(fields, rules, context, &groups, err)) return false;
  const Reader r{groups, fields, rules, context};
  const std::optional<std::string> type = r.Field("type");
  bool ok = true;
  if (auto value = r.Field("value")) {
    out->timex = *value;
    out->granularity = r.Field("granularity").value_or("");
  } else if (auto setting = r.Field("value_setting")) {  // yearly sets: P1Y or XXXX
    out->timex = rules.Setting(*setting);
    if (out->timex.empty()) {
      *err = fmt::format("no setting '{}' for the value", *setting);
      return false;
    }
  } else if (type == "set") {
    ok = Set(r, out, err);
  } else if (type == "duration") {
    ok = Duration(r, out, err);
  } else if (IsAnchored(r)) {
    ok = Anchored(r, out, err);
  } else if (r.Field("future_only") &&
             (SentenceTense(r) != Tense::kFuture || rules.Setting("in_count_future") == "duration")) {
    // "the highest in six years", not "in six years' time"; with the
    // setting, "will look like in twenty years" too (TimeBank: P20Y).
    ok = Duration(r, out, err);
  } else if (IsBareDuration(r)) {
    ok = Duration(r, out, err);
  } else {
    ok = PointInTime(r, out, err);
  }
  if (!ok) return false;
  if (!InCalendar(out->timex, out->granularity)) {
    *err = "outside the calendar years 1–9999";
    return false;
  }
  out->type = TypeOf(r, out->timex);
  out->mod = ModOf(r);
  out->loose_day = rules::FieldIs(fields, "loose_day");
  out->interval = PlacedStretch(r, out->timex);
  if (!out->interval) out->interval = ContextStretch(r, out->timex);
  if (!out->interval) out->interval = RunToNow(r, *out);
  if (!out->interval) out->interval = OpenInterval(r, *out);
  return true;
}

std::string IntervalText(const Interval& interval) {
  return (interval.lo ? interval.lo->ToString() : "") + ".." +
         (interval.hi ? interval.hi->ToString() : "");
}

// ---------------------------------------------------------------------------
// TimexBounds

namespace {

std::optional<int> Digits(std::string_view s, size_t pos, size_t n) {
  if (pos + n > s.size()) return std::nullopt;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return std::nullopt;
  }
  return ParseInt(s.substr(pos, n));
}

std::optional<DayRange> MonthsRange(int year, int first_month, int months) {
  const YearMonth last = AddMonths(year, first_month, months - 1);
  if (year < 1 || last.year > 9999) return std::nullopt;
  return DayRange{{year, first_month, 1}, {last.year, last.month, DaysInMonth(last.year, last.month)}};
}

std::optional<DayRange> YearPartBounds(int year, std::string_view rest) {
  for (const Season& s : kSeasons) {
    if (rest == s.code) return MonthsRange(year, s.first_month, 3);
  }
  if (rest.size() >= 2 && rest[0] == 'W') {  // 2020-W02, 2020-W02-3, 2020-W02-WE
    auto week = Digits(rest, 1, 2);
    if (!week || *week < 1 || *week > 53) return std::nullopt;
    const CivilDate monday = IsoWeekMonday(year, *week);
    if (rest.size() == 3) return DayRange{monday, monday.AddDays(6)};
    if (rest.substr(3) == "-WE") return DayRange{monday.AddDays(5), monday.AddDays(6)};
    auto day = rest.size() == 5 && rest[3] == '-' ? Digits(rest, 4, 1) : std::nullopt;
    if (!day || *day < 1 || *day > 7) return std::nullopt;
    return DayRange{monday.AddDays(*day - 1), monday.AddDays(*day - 1)};
  }
  if (rest.size() == 2 && (rest[0] == 'Q' || rest[0] == 'H')) {
    auto n = Digits(rest, 1, 1);
    const int months = rest[0] == 'Q' ? 3 : 6;
    if (!n || *n < 1 || *n > 12 / months) return std::nullopt;
    return MonthsRange(year, (*n - 1) * months + 1, months);
  }
  auto month = Digits(rest, 0, 2);
  if (!month || *month < 1 || *month > 12) return std::nullopt;
  if (rest.size() == 2) return MonthsRange(year, *month, 1);
  auto day = rest.size() >= 5 && rest[2] == '-' ? Digits(rest, 3, 2) : std::nullopt;
  if (!day || !IsValidDate(year, *month, *day)) return std::nullopt;
  if (rest.size() > 5 && rest[5] != 'T') return std::nullopt;
  return DayRange{{year, *month, *day}, {year, *month, *day}};
}

}  // namespace

std::optional<DayRange> TimexBounds(std::string_view timex) {
  timex = Trim(timex);
  if (timex.empty() || timex.find('X') != std::string_view::npos) return std::nullopt;
  const auto all_digits = [&] { return Digits(timex, 0, timex.size()).has_value(); };
  if (timex.size() == 2 && all_digits()) {  // century: "19" → 1900–1999
    const int c = *ParseInt(timex);
    if (c < 1) return std::nullopt;
    return DayRange{{c * 100, 1, 1}, {c * 100 + 99, 12, 31}};
  }
  if (timex.size() == 3 && all_digits()) {  // decade: "199" → 1990–1999
    const int d = *ParseInt(timex);
    if (d < 1) return std::nullopt;
    return DayRange{{d * 10, 1, 1}, {d * 10 + 9, 12, 31}};
  }
  auto year = Digits(timex, 0, 4);
  if (!year || *year < 1) return std::nullopt;
  if (timex.size() == 4) return DayRange{{*year, 1, 1}, {*year, 12, 31}};
  if (timex[4] != '-') return std::nullopt;
  return YearPartBounds(*year, timex.substr(5));
}

}  // namespace claimcheck::normalize
