#include "report/display.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <unordered_map>
#include <unordered_set>

#include "util/date.h"

namespace claimcheck::report {

ReportIndex::ReportIndex(const Report& report) {
  for (const Claim& c : report.claims) claims_.emplace(c.id, &c);
  for (const DocumentRecord& d : report.inputs) docs_.emplace(d.doc, &d);
  for (const Finding& f : report.findings) {
    for (const std::string& id : f.claims) finding_of_.emplace(id, &f);
  }
}

const Claim* ReportIndex::FindClaim(const std::string& id) const {
  auto it = claims_.find(id);
  return it == claims_.end() ? nullptr : it->second;
}

const DocumentRecord* ReportIndex::FindDocument(const std::string& doc) const {
  auto it = docs_.find(doc);
  return it == docs_.end() ? nullptr : it->second;
}

std::vector<const Claim*> ReportIndex::ClaimsOf(const Finding& f) const {
  std::vector<const Claim*> out;
  for (const std::string& id : f.claims) {
    if (const Claim* c = FindClaim(id)) out.push_back(c);
  }
  return out;
}

const Finding* ReportIndex::FindingOf(const std::string& claim_id) const {
  auto it = finding_of_.find(claim_id);
  return it == finding_of_.end() ? nullptr : it->second;
}

int SeverityRank(std::string_view s) { return s == "error" ? 0 : s == "warning" ? 1 : 2; }

std::vector<const Finding*> FindingsForDisplay(const Report& report) {
  std::vector<const Finding*> order;
  for (const Finding& f : report.findings) order.push_back(&f);
  std::stable_sort(order.begin(), order.end(), [](const Finding* a, const Finding* b) {
    return SeverityRank(a->severity) < SeverityRank(b->severity);
  });
  return order;
}

std::string MoreLine(size_t hidden, std::string_view what) {
  return fmt::format("and {} more {}{} (--format json lists every one)",
                     WithSeparators(static_cast<int64_t>(hidden)), what, hidden == 1 ? "" : "s");
}

// --- values as people write them ------------------------------------------

namespace {

constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

bool Digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

int ToInt(std::string_view s) { return std::atoi(std::string(s).c_str()); }

// "2021-01-02" or "XXXX-01-02" (year open): its fields, or false.
struct DateParts {
  int year = 0;  ///< 0: not given
  int month = 0;
  int day = 0;
};

bool ParseDay(std::string_view s, DateParts* out) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  const std::string_view y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  if (!Digits(m) || !Digits(d) || !(Digits(y) || y == "XXXX")) return false;
  out->year = y == "XXXX" ? 0 : ToInt(y);
  out->month = ToInt(m);
  out->day = ToInt(d);
  if (out->month < 1 || out->month > 12 || out->day < 1 || out->day > 31) return false;
  return out->year == 0 || IsValidDate(out->year, out->month, out->day);
}

// "2 January 2021", or "2 January (year not given)".
std::string DayWords(const DateParts& d) {
  if (d.year == 0) return fmt::format("{} {} (year not given)", d.day, MonthName(d.month));
  return fmt::format("{} {} {}", d.day, MonthName(d.month), d.year);
}

std::string OrdinalWord(int n) { return n == 1 ? "first" : n == 2 ? "second" : n == 3 ? "third" : "fourth"; }

// "P5D" → "5 days", "PT3H" → "3 hours", "P2Y" → "2 years"; "" when not one.
std::string DurationWords(std::string_view t) {
  if (t.size() < 3 || t[0] != 'P') return "";
  const bool clock = t[1] == 'T';
  const std::string_view body = t.substr(clock ? 2 : 1);
  const std::string_view n = body.substr(0, body.size() - 1);
  const char unit = body.back();
  const char* name = nullptr;
  if (clock) {
    name = unit == 'H' ? "hour" : unit == 'M' ? "minute" : unit == 'S' ? "second" : nullptr;
  } else {
    name = unit == 'Y' ? "year" : unit == 'M' ? "month" : unit == 'W' ? "week" : unit == 'D' ? "day" : nullptr;
  }
  if (name == nullptr) return "";
  if (n == "X") return fmt::format("some {}s", name);
  if (!Digits(n)) return "";
  const int count = ToInt(n);
  return fmt::format("{} {}{}", count, name, count == 1 ? "" : "s");
}

}  // namespace

std::string TimeInWords(std::string_view t) {
  if (t == "PRESENT_REF") return "now";
  if (t == "PAST_REF") return "in the past";
  if (t == "FUTURE_REF") return "in the future";
  if (t == "XXXX") return "a year not given";
  DateParts d;
  if (ParseDay(t.substr(0, std::min<size_t>(t.size(), 10)), &d)) {
    if (t.size() == 10) return DayWords(d);
    const std::string_view rest = t.substr(10);
    if (rest == "TNI" && d.year != 0) {
      const int wd = CivilDate{d.year, d.month, d.day}.Weekday();
      return fmt::format("{} night, {}", kWeekdays[wd], DayWords(d));
    }
    const char* part = rest == "TMO" ? "morning" : rest == "TAF" ? "afternoon" : rest == "TEV" ? "evening"
                       : rest == "TNI" ? "night" : rest == "TDT" ? "daytime" : nullptr;
    if (part != nullptr) return fmt::format("{} of {}", part, DayWords(d));
    // A clock time: "T07:37", "T07:37Z", "T07:37:05Z".
    if (rest.size() >= 6 && rest[0] == 'T' && rest[3] == ':' && Digits(rest.substr(1, 2)) &&
        Digits(rest.substr(4, 2))) {
      const bool utc = rest.back() == 'Z';
      return fmt::format("{}{}, {}", rest.substr(1, 5), utc ? " UTC" : "", DayWords(d));
    }
    return std::string(t);
  }
  if (t.size() == 10 && t.substr(0, 7) == "XXXX-WX" && t.substr(7, 2) == "X-" && t[9] >= '1' && t[9] <= '7') {
    return fmt::format("a {} (date not given)", kWeekdays[t[9] - '1']);
  }
  if (t.size() == 7 && t[4] == '-' && Digits(t.substr(5, 2)) && (Digits(t.substr(0, 4)) || t.substr(0, 4) == "XXXX")) {
    const int m = ToInt(t.substr(5, 2));
    if (m < 1 || m > 12) return std::string(t);
    if (t.substr(0, 4) == "XXXX") return fmt::format("{} (year not given)", MonthName(m));
    return fmt::format("{} {}", MonthName(m), t.substr(0, 4));
  }
  if (t.size() >= 7 && Digits(t.substr(0, 4)) && t[4] == '-') {
    const std::string_view y = t.substr(0, 4), rest = t.substr(5);
    if (rest.size() == 3 && rest[0] == 'W' && Digits(rest.substr(1))) return fmt::format("week {} of {}", ToInt(rest.substr(1)), y);
    if (rest == "SP") return fmt::format("spring {}", y);
    if (rest == "SU") return fmt::format("summer {}", y);
    if (rest == "FA") return fmt::format("autumn {}", y);
    if (rest == "WI") return fmt::format("winter {}", y);
    if (rest.size() == 2 && rest[0] == 'Q' && rest[1] >= '1' && rest[1] <= '4') {
      return fmt::format("the {} quarter of {}", OrdinalWord(rest[1] - '0'), y);
    }
    if (rest.size() == 2 && rest[0] == 'H' && (rest[1] == '1' || rest[1] == '2')) {
      return fmt::format("the {} half of {}", OrdinalWord(rest[1] - '0'), y);
    }
    return std::string(t);
  }
  if (t.size() == 4 && Digits(t)) return std::string(t);
  if (t.size() == 3 && Digits(t)) return fmt::format("the {}0s", t);
  if (t.size() == 2 && Digits(t)) return fmt::format("the {}00s", t);
  if (std::string words = DurationWords(t); !words.empty()) return words;
  return std::string(t);
}

std::string IsoBeside(std::string_view t) {
  DateParts d;
  if (t.size() >= 10 && ParseDay(t.substr(0, 10), &d)) {
    if (d.year == 0) return "";
    // A part of day is no ISO 8601 value: the day is. A clock time is one.
    const std::string_view rest = t.substr(10);
    if (rest.empty() || (rest.size() >= 3 && Digits(rest.substr(1, 2)))) return std::string(t);
    return std::string(t.substr(0, 10));
  }
  if (t.size() >= 7 && Digits(t.substr(0, 4)) && t[4] == '-' && TimeInWords(t) != t) {
    // Months and weeks are ISO 8601; seasons, quarters and halves are TIMEX3 only.
    if (Digits(t.substr(5)) || (t[5] == 'W' && Digits(t.substr(6)))) return std::string(t);
  }
  return "";
}

std::string TimeForPeople(std::string_view timex) {
  const std::string words = TimeInWords(timex);
  const std::string iso = IsoBeside(timex);
  return iso.empty() || iso == words ? words : fmt::format("{} [{}]", words, iso);
}

std::string QuantityForPeople(const Quantity& q, const QualifierBounds& bounds) {
  if (q.point || q.qualifier.empty()) return ShowValue(q);
  std::string key = q.qualifier;
  for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto it = bounds.find(key);
  if (it == bounds.end() || (!it->second.from_lo && !q.hi)) return ShowValue(q);
  const int64_t n = it->second.from_lo ? q.lo - it->second.shift : *q.hi - it->second.shift;
  const std::string stated = fmt::format("{} {}", q.qualifier, WithSeparators(n));
  if (q.hi && q.lo != 0) {  // bounded on both sides: "nearly 100 (90–99)"
    return fmt::format("{} ({}–{})", stated, WithSeparators(q.lo), WithSeparators(*q.hi));
  }
  // "at least 5" and "up to 30" say their bound; "more than 26,000" and
  // "fewer than 10" exclude the number they state: the sign makes it plain.
  if (it->second.shift == 0) return stated;
  return fmt::format("{} ({} {})", stated, it->second.from_lo ? ">" : "<", WithSeparators(n));
}

std::string ValueForPeople(const Value& v, const QualifierBounds& bounds) {
  if (const auto* q = std::get_if<Quantity>(&v)) return QuantityForPeople(*q, bounds);
  return TimeForPeople(std::get<Time>(v).timex);
}

namespace {

bool IsTokenByte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == ':' ||
         c == '_';
}

}  // namespace

ProseWords::ProseWords(const std::vector<const Claim*>& claims, const QualifierBounds& bounds) {
  // Printed form → readable form. Claims that print alike hold the same
  // bounds ("over 200", "more than 200" both print "at least 201"): the
  // first claim's words say it.
  std::map<std::string, std::string> words;
  auto add = [&](std::string printed, std::string readable) {
    if (!printed.empty() && printed != readable) words.emplace(std::move(printed), std::move(readable));
  };
  for (const Claim* c : claims) {
    add(ShowValue(c->value), ValueForPeople(c->value, bounds));
    add(c->as_of.timex, TimeForPeople(c->as_of.timex));
  }
  for (auto& [printed, readable] : words) keys_.emplace_back(printed, std::move(readable));
  std::stable_sort(keys_.begin(), keys_.end(),
                   [](const auto& a, const auto& b) { return a.first.size() > b.first.size(); });
  // A key matches where it starts at a token's start and ends at a token's
  // end, so the text's token there is the key's first token, all of it: the
  // keys that can match at a place are those of its token, in keys_' order.
  for (size_t k = 0; k < keys_.size(); ++k) {
    const std::string& printed = keys_[k].first;
    size_t end = 0;
    while (end < printed.size() && IsTokenByte(printed[end])) ++end;
    by_first_token_[printed.substr(0, end)].push_back(k);
  }
}

std::string ProseWords::Apply(std::string_view text) const {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (i == 0 || !IsTokenByte(text[i - 1])) {
      size_t end = i;
      while (end < text.size() && IsTokenByte(text[end])) ++end;
      const std::string_view token = text.substr(i, end - i);
      if (const auto bucket = by_first_token_.find(token); bucket != by_first_token_.end()) {
        for (const size_t k : bucket->second) {
          const auto& [printed, readable] = keys_[k];
          if (text.substr(i, printed.size()) != printed) continue;
          const size_t key_end = i + printed.size();
          if (key_end < text.size() && IsTokenByte(text[key_end])) continue;
          out += readable;
          i = key_end;
          replaced = true;
          break;
        }
      }
      // Any other time value in the prose ("states no year (XXXX-01-03)",
      // "event time: (2009-09)"); a bare year reads as it is.
      if (!replaced && end > i && !Digits(token) && TimeInWords(token) != token) {
        out += TimeForPeople(token);
        i = end;
        replaced = true;
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

std::string ProseForPeople(std::string_view text, const std::vector<const Claim*>& claims,
                           const QualifierBounds& bounds) {
  return ProseWords(claims, bounds).Apply(text);
}

std::string WhyGrouped(const Finding& f, const ProseWords& words) {
  std::string out;
  for (const std::string& why : f.grouped_by) {
    out += (out.empty() ? "" : "; ") + words.Apply(why);
  }
  return out;
}

std::string WhyGrouped(const Finding& f, const ReportIndex& index, const QualifierBounds& bounds) {
  if (f.grouped_by.empty()) return "";
  return WhyGrouped(f, ProseWords(index.ClaimsOf(f), bounds));
}

std::vector<std::string> TimelineForPeople(const Finding& f, const ReportIndex& index,
                                           const QualifierBounds& bounds) {
  // Consecutive entries of one time make one step; within it, each source's
  // values once, in the timeline's order.
  // Sources and values are found by hash, not by a scan: a step of 100,000
  // reports, or of one source's 20,000 counts, takes linear time.
  struct Source {
    std::string name;
    std::vector<std::string> values;
    std::unordered_set<std::string> seen;
  };
  struct Step {
    std::string as_of;
    std::vector<Source> sources;
    std::unordered_map<std::string, size_t> source_at;
  };
  std::vector<Step> steps;
  bool staged = false;
  for (const model::TimelineEntry& e : f.timeline) {
    const Claim* c = index.FindClaim(e.claim);
    std::string value = c ? ValueForPeople(c->value, bounds) : e.value;
    if (!e.stage.empty() && e.stage != "standing") {
      value += " (" + e.stage + ")";
      staged = true;
    }
    if (steps.empty() || steps.back().as_of != e.as_of) steps.push_back({e.as_of, {}, {}});
    Step& step = steps.back();
    const auto [at, added] = step.source_at.emplace(e.source, step.sources.size());
    if (added) step.sources.push_back({e.source, {}, {}});
    Source& source = step.sources[at->second];
    if (source.seen.insert(value).second) source.values.push_back(std::move(value));
  }
  std::vector<std::string> out;
  if (steps.size() < 2 && !staged) return out;
  for (const Step& step : steps) {
    std::string said;
    for (const Source& source : step.sources) {
      std::string joined;
      for (const std::string& v : source.values) joined += (joined.empty() ? "" : ", ") + v;
      said += fmt::format("{}{} ({})", said.empty() ? "" : "; ", joined, source.name);
    }
    out.push_back(fmt::format("{}: {}", step.as_of.empty() ? "undated" : TimeInWords(step.as_of), said));
  }
  return out;
}

// --- quotes in whole words --------------------------------------------------

namespace {

bool IsWordByte(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80;
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words that end a count without naming what it counts: the noun follows.
bool EndsOnCount(std::string_view word) {
  static const char* const kCountWords[] = {
      "other",    "one",     "two",     "three",    "four",     "five",    "six",      "seven",   "eight",
      "nine",     "ten",     "eleven",  "twelve",   "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
      "eighteen", "nineteen", "twenty", "thirty",   "forty",    "fifty",   "sixty",    "seventy", "eighty",
      "ninety",   "hundred", "thousand", "million", "billion",  "dozen",   "more",     "additional"};
  if (word.empty()) return false;
  if (std::all_of(word.begin(), word.end(), [](char c) { return (c >= '0' && c <= '9') || c == ',' || c == '.'; })) {
    return word.front() >= '0' && word.front() <= '9';
  }
  const std::string w = Lower(word);
  return std::find(std::begin(kCountWords), std::end(kCountWords), w) != std::end(kCountWords);
}

// Words that follow a count without being what it counts ("killed five and
// injured", "at least 10 in the city").
bool IsFunctionWord(std::string_view word) {
  static const char* const kWords[] = {
      "a",     "an",     "and",    "are",   "as",       "at",       "be",      "been",     "but",
      "by",    "during", "for",    "from",  "had",      "has",      "have",    "in",       "including",
      "into",  "is",     "it",     "more",  "of",       "on",       "or",      "since",    "than",
      "that",  "the",    "their",  "them",  "there",    "these",    "they",    "this",     "those",
      "to",    "was",    "were",   "when",  "which",    "while",    "who",     "with",     "after",
      "before", "among", "across", "over",  "under",    "monday",   "tuesday", "wednesday", "thursday",
      "friday", "saturday", "sunday", "last", "yesterday", "today", "tonight", "tomorrow"};
  const std::string w = Lower(word);
  return std::find(std::begin(kWords), std::end(kWords), w) != std::end(kWords);
}

// Where e.text sits in e.sentence: its only occurrence, else the last one
// that fits before the claim's column (exact when the sentence starts its
// line), else the first.
std::optional<size_t> SpanStart(const Evidence& e) {
  const std::string_view sentence = e.sentence;
  size_t at = sentence.find(e.text);
  if (e.text.empty() || at == std::string_view::npos) return std::nullopt;
  const size_t first = at;
  std::optional<size_t> fits;
  for (; at != std::string_view::npos; at = sentence.find(e.text, at + 1)) {
    if (CodePoints(sentence.substr(0, at)) + 1 <= e.column) fits = at;
  }
  return fits ? *fits : first;
}

}  // namespace

std::optional<Quote> QuoteOf(const Evidence& e) {
  const std::optional<size_t> at = SpanStart(e);
  if (!at) return std::nullopt;
  const std::string_view s = e.sentence;
  size_t begin = *at, end = *at + e.text.size();
  // Whole words: a span that starts or ends inside a word takes all of it.
  if (IsWordByte(s[begin])) {
    while (begin > 0 && IsWordByte(s[begin - 1])) --begin;
  }
  if (IsWordByte(s[end - 1])) {
    while (end < s.size() && IsWordByte(s[end])) ++end;
  }
  // A count keeps the word it counts: "eight other" → "eight other men".
  size_t last = end;
  while (last > begin && IsWordByte(s[last - 1])) --last;
  if (last < end && EndsOnCount(s.substr(last, end - last)) && end < s.size() && s[end] == ' ') {
    size_t next = end + 1;
    while (next < s.size() && IsWordByte(s[next])) ++next;
    const std::string_view word = s.substr(end + 1, next - end - 1);
    const bool letters = !word.empty() && std::all_of(word.begin(), word.end(), [](char c) {
      return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    });
    // A noun, not a run of letters from a page without spaces.
    if (letters && word.size() <= 30 && !IsFunctionWord(word) && !EndsOnCount(word)) end = next;
  }
  return Quote{s.substr(0, begin), s.substr(begin, end - begin), s.substr(end)};
}

std::string QuoteText(const Evidence& e) {
  const std::optional<Quote> q = QuoteOf(e);
  return q ? std::string(q->quote) : e.text;
}

}  // namespace claimcheck::report
