// Time expressions → TIMEX3 values (DESIGN.md §4), resolved against the
// document date. Words come from lexicons in rules/ (rules/README.md); this
// file knows the calendar, not English.
#ifndef CLAIMCHECK_NORMALIZE_TIME_H_
#define CLAIMCHECK_NORMALIZE_TIME_H_

#include <optional>
#include <string>
#include <string_view>

#include "normalize/groups.h"
#include "rules/rule_set.h"
#include "util/date.h"

namespace claimcheck::normalize {

/// An expression anchored to an event rather than to the document date
/// ("two days later", "five days after his killing", "the second anniversary
/// of …"): the claims layer resolves it once it knows the event's date.
struct Anchor {
  std::string relation;  ///< "after", "before", "anniversary", "same"
  std::string offset;    ///< TIMEX3 duration: "P2D"; "" for anniversaries
  int ordinal = 0;       ///< anniversaries: 2 for "the second anniversary"
  std::string event;     ///< the anchoring phrase ("his killing"), "" when implicit
  friend bool operator==(const Anchor&, const Anchor&) = default;
};

/// The calendar days a mention covers when its value alone does not say
/// (rules/README.md, "Intervals"): an open interval ("since August": `lo`
/// only; "before 2000": `hi` only) or a count of units the document date
/// places ("the next three days": tomorrow .. three days on). Inclusive days;
/// nullopt on a side: open there.
struct Interval {
  std::optional<CivilDate> lo;
  std::optional<CivilDate> hi;
  friend bool operator==(const Interval&, const Interval&) = default;
};

/// "2016-11-08..2016-11-10", "2016-08-01.." (open above), "..1999-12-31".
std::string IntervalText(const Interval& interval);

struct TimeValue {
  std::string type;         ///< "date", "time", "duration", "set"
  std::string timex;        ///< TIMEX3 value: 2020-01-03, 2020-01, 199, P5D, FY2008, XXXX-01-03, …
  std::string granularity;  ///< day, week, month, quarter, season, year, decade, century, time
  std::string mod;          ///< TIMEX3 mod: START, MID, END, LESS_THAN, MORE_THAN, APPROX, … or ""
  std::optional<Anchor> anchor;
  /// A time of day written without its day ("at 8:30 p.m."): the day is the
  /// reference's, which only dates the report, not what happened.
  bool day_from_reference = false;
  /// Rule field `loose_day`: the day is known to a day either side
  /// (model::Time::loose_day).
  bool loose_day = false;
  /// The days it covers, when the value alone does not say (Interval).
  std::optional<Interval> interval;
};

/// Builds the value a time rule matched from its named groups, its static
/// fields and the context (document date; the sentence, for tense). The
/// groups and fields it reads are listed in rules/README.md. Returns false
/// with a message when the groups cannot be read (e.g. February 30).
bool NormalizeTime(const Groups& groups, const Fields& fields, const rules::RuleSet& rules,
                   const MatchContext& context, TimeValue* out, std::string* err);

/// Inclusive calendar-day bounds of a TIMEX3 date value: "2020-01-03" → that
/// day; "2020-01" → the month; "2020" → the year; "199" → 1990–1999; "19" →
/// 1900–1999; "2020-W02" → its Monday..Sunday; "2020-Q1"; "2020-SU" (June 21 –
/// Sept 22 style boundaries are a rule setting: months 6–8 by default);
/// "2020-01-03TNI" → that day. nullopt for anything with X, durations, refs.
struct DayRange {
  CivilDate lo;
  CivilDate hi;
  friend bool operator==(const DayRange&, const DayRange&) = default;
};
std::optional<DayRange> TimexBounds(std::string_view timex);

}  // namespace claimcheck::normalize

#endif  // CLAIMCHECK_NORMALIZE_TIME_H_
