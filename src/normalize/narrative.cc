#include "normalize/narrative.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <optional>
#include <string>

#include "util/date.h"

namespace claimcheck::normalize {

namespace {

/// The day a value names: "2009-02-23", "2009-02-23T16:00Z"; nullopt for
/// weeks, months, X and references.
std::optional<CivilDate> DayOfValue(const TimeValue& t) {
  if (t.anchor || t.day_from_reference || t.timex.size() < 10) return std::nullopt;
  if (t.timex.size() > 10 && t.timex[10] != 'T') return std::nullopt;
  return ParseIsoDate(std::string_view(t.timex).substr(0, 10));
}

std::string IsoWeek(CivilDate d) {
  const CivilDate thursday = d.AddDays(3 - d.Weekday());  // the week's year is its Thursday's
  const int64_t first = CivilDate{thursday.year, 1, 1}.ToDays();
  return fmt::format("{:04}-W{:02}", thursday.year, (thursday.ToDays() - first) / 7 + 1);
}

/// `day` moved by a TIMEX3 offset of whole days, weeks, months or years
/// ("P1D", "P2W"), times `sign`; nullopt for anything else.
std::optional<CivilDate> Move(CivilDate day, const std::string& offset, int sign) {
  if (offset.empty()) return day;
  if (offset.size() < 3 || offset[0] != 'P') return std::nullopt;
  int n = 0;
  size_t i = 1;
  for (; i < offset.size() && std::isdigit(static_cast<unsigned char>(offset[i])); ++i) {
    if (n > 10000) return std::nullopt;
    n = n * 10 + (offset[i] - '0');
  }
  if (i == 1 || i + 1 != offset.size()) return std::nullopt;
  n *= sign;
  switch (offset[i]) {
    case 'D': return day.AddDays(n);
    case 'W': return day.AddDays(7 * n);
    case 'M':
    case 'Y': {
      const int months = offset[i] == 'M' ? n : 12 * n;
      const int index = day.year * 12 + (day.month - 1) + months;
      const int year = index / 12, month = index % 12 + 1;
      if (year < 1 || year > 9999) return std::nullopt;
      return CivilDate{year, month, std::min(day.day, DaysInMonth(year, month))};
    }
    default: return std::nullopt;
  }
}

/// `day` written at a granularity: day, week, month, year.
std::optional<std::string> AtGranularity(CivilDate day, const std::string& granularity) {
  if (granularity == "day") return day.ToString();
  if (granularity == "week") return IsoWeek(day);
  if (granularity == "month") return fmt::format("{:04}-{:02}", day.year, day.month);
  if (granularity == "year") return fmt::format("{:04}", day.year);
  return std::nullopt;
}

/// Only spaces, commas and "on" between a time of day and the day after it:
/// "at 16:15 UTC, June 1st".
bool Adjoins(std::string_view gap) {
  for (size_t i = 0; i < gap.size(); ++i) {
    const char c = gap[i];
    if (c == ' ' || c == ',') continue;
    if (gap.substr(i, 2) == "on" && (i + 2 == gap.size() || gap[i + 2] == ' ')) {
      ++i;
      continue;
    }
    return false;
  }
  return true;
}

TimeValue* TimeOf(Mention& m) { return std::get_if<TimeValue>(&m.value); }

/// A period of some year the text names: "2009-01" (a month, or a day's
/// month), "2009-Q3", "2009-SU", "2009-H1" → its year and the rest ("-01").
struct Period {
  int year = 0;
  std::string rest;
};

std::optional<Period> PeriodOf(const TimeValue& t) {
  if (t.anchor || t.day_from_reference || t.timex.size() < 7 || t.timex[4] != '-') return std::nullopt;
  static constexpr std::string_view kGranularities[] = {"day", "time", "month", "quarter", "season", "half"};
  if (std::find(std::begin(kGranularities), std::end(kGranularities), t.granularity) == std::end(kGranularities)) {
    return std::nullopt;
  }
  const std::optional<CivilDate> first = ParseIsoDate(t.timex.substr(0, 4) + "-01-01");
  if (!first) return std::nullopt;
  return Period{first->year, t.timex.substr(4, 3)};
}

/// The field `offset` of a rule in whole years ("-12" months → -1).
std::optional<int> YearsOffset(const rules::Rule& rule) {
  const auto it = rule.fields.find("offset");
  if (it == rule.fields.end()) return std::nullopt;
  int months = 0;
  const auto [ptr, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), months);
  if (ec != std::errc() || ptr != it->second.data() + it->second.size() || months % 12 != 0) return std::nullopt;
  return months / 12;
}

}  // namespace

void AnchorNarrative(std::string_view text, std::vector<Mention>* mentions) {
  std::optional<CivilDate> last;
  std::optional<Period> last_period;
  std::optional<int> last_year;  // of the last date of a year or finer ("last year": 2009)
  for (size_t i = 0; i < mentions->size(); ++i) {
    Mention& m = (*mentions)[i];
    TimeValue* t = TimeOf(m);
    if (t == nullptr) continue;
    if (t->day_from_reference && t->timex.size() > 10) {
      std::optional<CivilDate> day = last;
      if (i + 1 < mentions->size()) {
        Mention& next = (*mentions)[i + 1];
        const TimeValue* n = TimeOf(next);
        const std::optional<CivilDate> after = n != nullptr ? DayOfValue(*n) : std::nullopt;
        if (after && next.start >= m.end && next.start <= text.size() &&
            Adjoins(text.substr(m.end, next.start - m.end))) {
          day = after;
        }
      }
      if (day) t->timex = day->ToString() + t->timex.substr(10);
      continue;
    }
    const auto narrative = m.rule->fields.find("narrative");
    if (narrative != m.rule->fields.end() && narrative->second == "period") {
      // "in January, compared to the same month a year ago": January of the year before.
      const std::optional<int> years = YearsOffset(*m.rule);
      if (last_period && years && last_period->year + *years >= 1 && last_period->year + *years <= 9999) {
        t->timex = fmt::format("{:04}{}", last_period->year + *years, last_period->rest);
      }
      continue;
    }
    if (narrative != m.rule->fields.end() && narrative->second == "day") {
      // "to end the day"; "in morning trading" keeps its part of the day.
      if (last) t->timex = last->ToString() + (t->timex.size() > 10 ? t->timex.substr(10) : "");
    } else if (t->anchor && !m.timex_span && last_year && t->granularity == "year" &&
               (t->anchor->relation == "before" || t->anchor->relation == "after" ||
                t->anchor->relation == "same")) {
      // "cut its costs last year, $19.8 billion than the year previous": 2008;
      // "built in 1935, the same year that …": 1935.
      const std::optional<CivilDate> moved =
          Move(CivilDate{*last_year, 1, 1}, t->anchor->offset, t->anchor->relation == "before" ? -1 : 1);
      if (moved) {
        t->timex = fmt::format("{:04}", moved->year);
        t->anchor.reset();
        continue;
      }
    } else if (t->anchor && !m.timex_span && last &&
               (t->anchor->relation == "same" || t->anchor->relation == "after" ||
                t->anchor->relation == "before") &&
               t->timex.rfind("XXXX", 0) == 0) {
      const int sign = t->anchor->relation == "before" ? -1 : 1;
      const std::optional<CivilDate> day = Move(*last, t->anchor->offset, sign);
      const std::optional<std::string> value = day ? AtGranularity(*day, t->granularity) : std::nullopt;
      if (value) {
        t->timex = *value;
        t->anchor.reset();
        continue;  // a day the text moved to is no new day of the story
      }
    }
    if (auto day = DayOfValue(*t)) last = day;
    if (auto period = PeriodOf(*t)) last_period = period;
    if (!t->anchor && !t->day_from_reference && t->timex.size() >= 4 &&
        (t->granularity == "year" || PeriodOf(*t))) {
      if (auto first = ParseIsoDate(t->timex.substr(0, 4) + "-01-01")) last_year = first->year;
    }
  }
}

}  // namespace claimcheck::normalize
