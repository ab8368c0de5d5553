#include "extract/time_context.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <charconv>

#include "corpus/utf8.h"
#include "extract/matching.h"

namespace claimcheck::extract {

using normalize::Mention;
using normalize::TimeValue;

namespace {

const TimeValue* TimeOf(const Mention& m) { return std::get_if<TimeValue>(&m.value); }

int ParseInt(std::string_view s, int fallback) {
  int v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && ptr != s.data() ? v : fallback;
}

// "XXXX-01-05" when the year was unknown, else the date.
std::string Format(CivilDate d, bool year_known) {
  return year_known ? d.ToString() : fmt::format("XXXX-{:02}-{:02}", d.month, d.day);
}

const corpus::Span* SentenceOf(const corpus::Document& doc, size_t offset, size_t* index) {
  const auto& s = doc.sentences;
  auto it = std::upper_bound(s.begin(), s.end(), offset,
                             [](size_t o, const corpus::Span& span) { return o < span.start; });
  if (it == s.begin() || offset >= (it - 1)->end) return nullptr;
  if (index) *index = static_cast<size_t>(it - 1 - s.begin());
  return &*(it - 1);
}

// Weekday 1 (Monday) … 7 of "XXXX-WXX-6" or "XXXX-WXX-6TNI", else 0.
int WeekdayOf(const std::string& timex) {
  static const RE2 kWeekday(R"(XXXX-WXX-([1-7])(?:T.*)?)");
  int day = 0;
  return RE2::FullMatch(timex, kWeekday, &day) ? day : 0;
}

}  // namespace

std::optional<CivilDate> DayOf(const std::string& timex, int placeholder_year) {
  static const RE2 kDay(R"((\d{4}|XXXX)-(\d\d)-(\d\d)(?:T.*)?)");
  std::string year;
  int month = 0, day = 0;
  if (!RE2::FullMatch(timex, kDay, &year, &month, &day)) return std::nullopt;
  const int y = year == "XXXX" ? placeholder_year : ParseInt(year, 0);
  if (!IsValidDate(y, month, day)) return std::nullopt;
  return CivilDate{y, month, day};
}

std::optional<CivilDate> AddDuration(CivilDate day, const std::string& duration, int sign) {
  static const RE2 kDuration(R"(P(\d{1,9})([DWMY]))");
  int64_t n = 0;
  std::string unit;
  if (!RE2::FullMatch(duration, kDuration, &n, &unit)) return std::nullopt;
  // Calendar years 1–9999 (rules/README.md, "Supported ranges"): a longer
  // shift leaves the calendar, and nine digits cannot overflow below.
  n *= sign;
  CivilDate out;
  if (unit == "D" || unit == "W") {
    out = day.AddDays(unit == "W" ? 7 * n : n);
  } else {
    const int64_t months = unit == "M" ? n : 12 * n;
    const int64_t total = int64_t{day.year} * 12 + (day.month - 1) + months;
    if (total < 12 || total >= 12 * 10000) return std::nullopt;
    out = CivilDate{static_cast<int>(total / 12), static_cast<int>(total % 12 + 1), day.day};
    out.day = std::min(out.day, DaysInMonth(out.year, out.month));
  }
  if (!IsValidDate(out.year, out.month, out.day)) return std::nullopt;
  return out;
}

TimeContext::TimeContext(const rules::RuleSet& rules, const SubjectBuilder& subjects)
    : rules_(rules),
      subjects_(subjects),
      months_(rules, "months"),
      year_links_(rules, "year_links"),
      weekdays_(rules, "weekdays"),
      dateline_label_(CompileMacro(rules, "DATELINE_LABEL")) {}

bool TimeContext::IsWritten(const Mention& m, std::string_view text) const {
  const std::string_view written = text.substr(m.start, m.end - m.start);
  const bool has_digit = std::any_of(written.begin(), written.end(),
                                     [](char c) { return c >= '0' && c <= '9'; });
  return has_digit || !months_.Find(written).empty();
}

bool TimeContext::IsExplicit(const Mention& m, std::string_view text) const {
  const TimeValue* t = TimeOf(m);
  if (t == nullptr) return false;
  return DayOf(t->timex, 2001) || WeekdayOf(t->timex) != 0 || IsWritten(m, text);
}

std::string TimeContext::ShiftYears(const std::string& timex, int years) const {
  if (timex.size() < 4 || !std::isdigit(static_cast<unsigned char>(timex[0]))) return timex;
  if (auto day = DayOf(timex)) {
    auto shifted = AddDuration(*day, fmt::format("P{}Y", std::abs(years)), years < 0 ? -1 : 1);
    return shifted ? shifted->ToString() + timex.substr(10) : "";
  }
  const int year = ParseInt(timex.substr(0, 4), -1);
  if (year < 0) return timex;
  // Outside the calendar years 1–9999: no date (never a wrapped one).
  const int64_t shifted = int64_t{year} + years;
  if (shifted < 1 || shifted > 9999) return "";
  return fmt::format("{:04}{}", shifted, timex.substr(4));
}

int TimeContext::OrdinalOr(const normalize::Groups& groups, const std::string& fallback) const {
  auto ord = groups.find("ord");
  if (ord != groups.end()) {
    for (const char* lexicon : {"time_ordinals", "ordinal_words"}) {
      if (auto v = rules_.Lex(lexicon).Int(ord->second)) return static_cast<int>(*v);
    }
    const int digits = ParseInt(ord->second, 0);
    if (digits > 0) return digits;
  }
  return ParseInt(fallback, 1);
}

// Dates the document gives events: a date written out with its month and
// day (not a weekday or "yesterday", which only place things near the
// document date) and an event word close before it ("his death on January
// 3, 2020", "killed … on 3 January").
TimeContext::DatedEvents TimeContext::FindDatedEvents(const corpus::Document& doc,
                                                      const std::vector<Mention>& mentions,
                                                      const std::vector<ResolvedTime>& times) const {
  constexpr size_t kReach = 160;  // bytes before the date an event word may stand
  DatedEvents events;
  for (size_t i = 0; i < mentions.size(); ++i) {
    const TimeValue* t = TimeOf(mentions[i]);
    if (t == nullptr || t->anchor || !DayOf(times[i].timex, 2001)) continue;
    if (!IsWritten(mentions[i], doc.text)) continue;
    const corpus::Span* s = SentenceOf(doc, mentions[i].start, nullptr);
    if (s == nullptr) continue;
    const size_t from = std::max(s->start, mentions[i].start > kReach ? mentions[i].start - kReach : 0);
    for (const std::string& key :
         subjects_.EventKeys(std::string_view(doc.text).substr(from, mentions[i].start - from))) {
      events.first_by_key.emplace(key, times[i].timex);  // the first date stays
      if (events.first.empty()) events.first = times[i].timex;
    }
  }
  return events;
}

// The date the document gives the event a phrase names ("his killing");
// a phrase that names no event word takes the first dated event.
std::optional<std::string> TimeContext::EventDate(const DatedEvents& events,
                                                  const std::string& phrase) const {
  const std::vector<std::string> keys = subjects_.EventKeys(phrase);
  for (const std::string& key : keys) {
    if (auto it = events.first_by_key.find(key); it != events.first_by_key.end()) return it->second;
  }
  if (keys.empty() && !events.first.empty()) return events.first;
  return std::nullopt;
}

// The Nth anniversary; without an ordinal, the one nearest the reference.
std::string TimeContext::Anniversary(const std::string& base, int ordinal,
                                     std::optional<CivilDate> reference) const {
  const auto day = DayOf(base);
  if (ordinal > 0) return ShiftYears(base, ordinal);
  if (!day || !reference) return "";
  int years = reference->year - day->year;
  const std::string candidate = ShiftYears(base, years);
  if (auto c = DayOf(candidate); c && c->ToDays() - reference->ToDays() > 183) --years;
  return years >= 1 ? ShiftYears(base, years) : "";
}

// "the massive Boxing Day earthquake and tsunami in 2004": a named day
// (no digit, no month name, not a weekday) took its year from the document
// date; a bare year written right after it in its sentence, after a
// `year_links` word and with no other time between, is its year.
void TimeContext::YearsWrittenAfter(const corpus::Document& doc,
                                    const std::vector<Mention>& mentions,
                                    std::vector<ResolvedTime>* times,
                                    std::vector<std::string>* trace) const {
  constexpr size_t kReach = 60;  // bytes from the named day to the year
  const std::string_view text = doc.text;
  for (size_t i = 0; i + 1 < mentions.size(); ++i) {
    const TimeValue* t = TimeOf(mentions[i]);
    const std::string& timex = (*times)[i].timex;
    if (t == nullptr || t->anchor || !DayOf(timex) || timex.size() < 10 ||
        IsWritten(mentions[i], text)) {
      continue;
    }
    // A weekday or a word told from the document's day ("yesterday") has
    // no day of the year to carry: "the gunman who killed 26 people on
    // Sunday had escaped … in 2012" dates nothing in 2012.
    const std::string_view written = text.substr(mentions[i].start, mentions[i].end - mentions[i].start);
    if (!weekdays_.Find(written).empty() || written.empty() ||
        !std::isupper(static_cast<unsigned char>(written.front()))) {
      continue;
    }
    const Mention& next = mentions[i + 1];
    const TimeValue* y = TimeOf(next);
    if (y == nullptr || y->granularity != "year" || y->timex.size() != 4 ||
        !std::isdigit(static_cast<unsigned char>(y->timex[0])) || next.start < mentions[i].end ||
        next.start - mentions[i].end > kReach ||
        SentenceOf(doc, next.start, nullptr) != SentenceOf(doc, mentions[i].start, nullptr)) {
      continue;
    }
    const std::vector<std::string_view> between = Words(text.substr(mentions[i].end, next.start - mentions[i].end));
    if (between.empty() || year_links_.Find(between.back()).empty()) continue;
    const std::string dated = y->timex + timex.substr(4);
    if (!DayOf(dated)) continue;  // February 29
    if (trace) {
      trace->push_back(fmt::format("\"{}\" takes the year written after it: {}",
                                   text.substr(mentions[i].start, mentions[i].end - mentions[i].start),
                                   dated));
    }
    (*times)[i].timex = dated;
  }
}

std::vector<ResolvedTime> TimeContext::Resolve(const corpus::Document& doc,
                                               const std::vector<Mention>& mentions,
                                               std::vector<std::string>* trace) const {
  std::vector<ResolvedTime> times(mentions.size());
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (const TimeValue* t = TimeOf(mentions[i])) times[i].timex = t->timex;
  }
  YearsWrittenAfter(doc, mentions, &times, trace);
  const DatedEvents events = FindDatedEvents(doc, mentions, times);
  // The last day-dated time before mention i, kept as the loop goes (a
  // resolved anchor dates the next one: "two days later … a day later"), so
  // resolution is linear in the document, never a scan back per anchor.
  std::optional<size_t> last_dated;
  const auto note_dated = [&](size_t i) {
    if (DayOf(times[i].timex, 2001)) last_dated = i;
  };
  for (size_t i = 0; i < mentions.size(); ++i) {
    const TimeValue* t = TimeOf(mentions[i]);
    if (t == nullptr || !t->anchor) {
      note_dated(i);
      continue;
    }
    const normalize::Anchor& a = *t->anchor;
    std::string result;
    std::string from;
    if (a.relation == "anniversary") {
      if (auto base = EventDate(events, a.event)) {
        result = Anniversary(*base, a.ordinal, doc.published);
        from = *base;
      }
    } else {
      std::optional<std::string> base;
      if (!a.event.empty()) base = EventDate(events, a.event);
      if (!base && last_dated) base = times[*last_dated].timex;
      const auto day = base ? DayOf(*base, 2001) : std::nullopt;
      const int sign = a.relation == "before" ? -1 : 1;
      const auto shifted = day && !a.offset.empty() ? AddDuration(*day, a.offset, sign) : day;
      if (shifted) {
        result = Format(*shifted, DayOf(*base).has_value());
        from = *base;
      }
    }
    if (result.empty()) {
      note_dated(i);
      continue;
    }
    times[i] = {result, "anchored"};
    note_dated(i);
    if (trace) {
      trace->push_back(fmt::format("anchored \"{}\" → {} (from {})",
                                   std::string_view(doc.text).substr(mentions[i].start,
                                                                     mentions[i].end - mentions[i].start),
                                   result, from));
    }
  }
  return times;
}

std::optional<size_t> TimeContext::Dateline(const corpus::Document& doc,
                                            const std::vector<normalize::Mention>& mentions) const {
  constexpr size_t kDatelineSlack = 30;  // code points besides the date ("BAGHDAD, … (Reuters) –")
  constexpr size_t kLineSlack = 12;      // on its own line: "on", "Published:", "Updated"
  constexpr size_t kLabelledLine = 80;   // a labelled dateline: "Story Created: … at 9:56 AM AKDT"
  constexpr size_t kLabelGap = 16;       // bytes from its label to its date: " 3:09 AM EST "
  constexpr int kTopLines = 3;
  const std::string_view text = doc.text;
  constexpr size_t kTopBytes = 512;  // a title and a dateline, never a page-long line
  // Where the body's first kTopLines lines end, within kTopBytes.
  const size_t top_limit = std::min(text.size(), doc.body_start + kTopBytes);
  size_t top_end = doc.body_start;
  for (int line = 0; line < kTopLines && top_end < top_limit; ++line) {
    const size_t nl = text.find('\n', top_end);
    top_end = nl == std::string_view::npos ? top_limit : std::min(nl + 1, top_limit);
  }
  for (size_t i = 0; i < mentions.size(); ++i) {
    const Mention& m = mentions[i];
    size_t index = 0;
    const corpus::Span* s = SentenceOf(doc, m.start, &index);
    if (s == nullptr || (index > 1 && m.start >= top_end)) break;
    const TimeValue* t = TimeOf(m);
    // A complete date as written: its year is in the text, not taken from
    // the document date ("on Saturday" is no dateline); a numeric date may
    // end with the year's last two digits ("11 / 30 / 09").
    if (t == nullptr || t->anchor || !DayOf(t->timex)) continue;
    const std::string_view written = text.substr(m.start, m.end - m.start);
    const std::string_view year = std::string_view(t->timex).substr(0, 4);
    if (written.find(year) == std::string_view::npos &&
        !(written.find('/') != std::string_view::npos && written.ends_with(year.substr(2)))) {
      continue;
    }
    const size_t date_points = corpus::CountCodePoints(text.substr(m.start, m.end - m.start));
    // (A code point is at most 4 bytes: a long sentence is no dateline, uncounted.)
    if (index <= 1 && (s->end - s->start) - (m.end - m.start) <= 4 * kDatelineSlack &&
        corpus::CountCodePoints(text.substr(s->start, s->end - s->start)) - date_points <=
                          kDatelineSlack) {
      return i;
    }
    if (m.start < top_end) {
      const size_t nl = text.rfind('\n', m.start == 0 ? 0 : m.start - 1);
      const size_t line_start = (nl == std::string_view::npos || nl < doc.body_start) ? doc.body_start : nl + 1;
      const size_t line_end = std::min(text.find('\n', m.end), text.size());
      if (line_start <= m.start && line_end - line_start <= kTopBytes) {
        const std::string_view line = text.substr(line_start, line_end - line_start);
        const size_t line_points = corpus::CountCodePoints(line);
        if (line_points - date_points <= kLineSlack) return i;
        // A labelled line ("Story Created: Aug 7, 2012 at 9:56 AM AKDT",
        // "UPDATED 3:09 AM EST Dec 19, 2008"): macro DATELINE_LABEL at its
        // start and the date soon after it ("Posted 1 year, 160 days ago
        // [downloaded on 2 October 2013]" is no such line).
        re2::StringPiece label;
        if (line_points <= kLabelledLine && dateline_label_ != nullptr &&
            dateline_label_->Match(re2::StringPiece(line.data(), line.size()), 0, line.size(), RE2::ANCHOR_START,
                                   &label, 1)) {
          const size_t label_end = line_start + static_cast<size_t>(label.data() - line.data()) + label.size();
          if (m.start >= label_end && m.start - label_end <= kLabelGap) return i;
        }
      }
    }
  }
  return std::nullopt;
}

std::optional<DocumentDate> TimeContext::DiscoverDocumentDate(
    const corpus::Document& doc, const std::vector<Mention>& mentions,
    std::vector<std::string>* trace) const {
  if (const auto i = Dateline(doc, mentions)) {
    const std::string& timex = TimeOf(mentions[*i])->timex;
    if (trace) trace->push_back(fmt::format("document date {} from the dateline", timex));
    return DocumentDate{*DayOf(timex), "dateline"};
  }
  // An anniversary with its ordinal, and a weekday beside it.
  std::vector<ResolvedTime> raw(mentions.size());
  for (size_t i = 0; i < mentions.size(); ++i) {
    if (const TimeValue* t = TimeOf(mentions[i])) raw[i].timex = t->timex;
  }
  const DatedEvents events = FindDatedEvents(doc, mentions, raw);
  for (const Mention& m : mentions) {
    const TimeValue* t = TimeOf(m);
    if (t == nullptr || !t->anchor || t->anchor->relation != "anniversary" || t->anchor->ordinal < 1) {
      continue;
    }
    const auto base = EventDate(events, t->anchor->event);
    const auto day = base ? DayOf(ShiftYears(*base, t->anchor->ordinal)) : std::nullopt;
    size_t index = 0;
    if (!day || !SentenceOf(doc, m.start, &index)) continue;
    // Only the mentions of the sentences beside it (mentions are in text order).
    const size_t from = doc.sentences[index > 0 ? index - 1 : 0].start;
    const size_t to = doc.sentences[std::min(index + 1, doc.sentences.size() - 1)].end;
    const auto first = std::lower_bound(mentions.begin(), mentions.end(), from,
                                        [](const Mention& x, size_t at) { return x.start < at; });
    for (auto it = first; it != mentions.end() && it->start < to; ++it) {
      const Mention& w = *it;
      size_t w_index = 0;
      const TimeValue* wt = TimeOf(w);
      if (wt == nullptr || !SentenceOf(doc, w.start, &w_index)) continue;
      const int weekday = WeekdayOf(wt->timex);
      if (weekday == 0 || w_index + 1 < index || w_index > index + 1) continue;
      const int delta = (day->Weekday() - (weekday - 1) + 7) % 7;
      const CivilDate date = day->AddDays(-delta);
      if (trace) {
        trace->push_back(fmt::format(
            "document date {} inferred: anniversary {} of {} ({}), weekday \"{}\" beside it",
            date.ToString(), day->ToString(), *base, t->anchor->event,
            std::string_view(doc.text).substr(w.start, w.end - w.start)));
      }
      return DocumentDate{date, "inferred"};
    }
  }
  return std::nullopt;
}

}  // namespace claimcheck::extract
