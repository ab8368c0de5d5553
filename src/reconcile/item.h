// What reconciliation knows of one claim, worked out once per claim: its value
// and as_of as integers (calendar days for times), its rank in claim order and
// its document's number. Grouping, the split by event time and the verdict
// sweeps compare these, never the claim's strings.
#ifndef CLAIMCHECK_RECONCILE_ITEM_H_
#define CLAIMCHECK_RECONCILE_ITEM_H_

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include "model/model.h"

namespace claimcheck::reconcile {

/// The upper bound of a quantity open above ("at least 42"): below nothing.
inline constexpr int64_t kOpen = std::numeric_limits<int64_t>::max();

/// The month and day of a date without its year ("XXXX-01-03"); month 0 when
/// the text names no day of any year ("XXXX-02-30", "XXXX-1x-03").
struct MonthDay {
  int month = 0;
  int day = 0;
  friend bool operator==(const MonthDay&, const MonthDay&) = default;
};

/// Whether a day of [lo, hi] (its first 400 days at most) falls on `md`.
/// Constant time: a span of 400 days meets at most three years.
bool Within(MonthDay md, int64_t lo, int64_t hi);

/// "2004" for a whole year, else "2005-02".
std::string Period(std::pair<int64_t, int64_t> days);

inline constexpr int64_t kHoursPerDay = 24;

/// The calendar day (days since 1970-01-01) of an hour of Item::lo or hi.
inline int64_t DayOfHour(int64_t hour) {
  return hour >= 0 ? hour / kHoursPerDay : -((-hour + kHoursPerDay - 1) / kHoursPerDay);
}

/// The hours [lo, hi] a date claim of the one day `day` may mean, by its
/// words (rules/README.md, "Verdicts", the day's part): the whole day; from
/// 18:00 the day before to 11:00 for its early hours or its morning ("early
/// Sunday", "Sunday morning", "at 2 a.m. Sunday": an overnight event others
/// date by the evening before); from 18:00 to 05:00 the next day for its
/// night or late hours ("late Saturday", "Saturday night", "at 11 p.m."); the
/// day before to the day after when the day is loose ("yesterday",
/// "tonight", a holiday's party: model::Time::loose_day).
std::pair<int64_t, int64_t> DayPartHours(const model::Time& t, int64_t day);

struct Item {
  const model::Claim* claim = nullptr;
  uint32_t order = 0;   ///< Rank of the claim's id in claim order; equal ids, equal ranks.
  uint32_t doc = 0;     ///< The claim's document, numbered.
  uint32_t serial = 0;  ///< The item's own number in its group.
  bool quantity = false;  ///< The value is a Quantity, else a Time.
  bool known = false;     ///< A time whose lo and hi are calendar days.
  /// A date claim of one known day, read as the hours its words allow (the
  /// day's part of rules/README.md, "Verdicts"): "late Sunday night" and
  /// "early Monday" may be one overnight event; "yesterday" is known to a day
  /// either side. Its hours may reach past its stated day.
  bool tolerant = false;
  /// Quantity: bounds, hi kOpen when open above. Known time: hours since
  /// 1970-01-01 00:00 (day × 24 + hour), inclusive: a day is [d×24, d×24+23].
  int64_t lo = 0;
  int64_t hi = 0;
  /// Known time: the calendar days it states, before its day's part widens
  /// it (Days); hours lo and hi hold them.
  int64_t day_lo = 0;
  int64_t day_hi = 0;
  int month_day_text = -1;  ///< Time "XXXX-MM-DD…": its MM-DD text, numbered per group; else -1.
  MonthDay month_day;
  /// A date claim's month-day without its year: a day apart is one day, as
  /// for known days ("November 18" and "November 19" agree).
  bool month_day_tolerant = false;
  int weekday = -1;  ///< Time "XXXX-WXX-1".."7" (0..6) or "XXXX-WXX-WE" (7); else -1.
  bool as_of_known = false;
  int64_t as_of_lo = 0;
  int64_t as_of_hi = 0;
  bool document_time = false;  ///< as_of basis document-date or reference-date.
  bool revision = false;
  /// The claim's timeline stage is "earlier": a figure its own sentence marks
  /// as superseded by a later one ("in initial reports").
  bool earlier = false;
  /// A count of the victims and its perpetrators ("seven dead, including the
  /// gunman"): its bounds here are the victims', this many fewer.
  int64_t perpetrators = 0;
  /// A count that does not say whether it includes the perpetrators, in a
  /// group where another count does (WidenForPerpetrators): read with or
  /// without them ("nine dead" beside "eight victims and the gunman").
  bool maybe_perpetrators = false;
  /// A count of people shot, killed and wounded, in a group of injuries:
  /// its bounds here are the wounded's (model::WoundedOfShot).
  bool shot = false;
  /// A vague magnitude ("thousands", [2000, 9999]): its upper bound here is
  /// twice the word's, plus one ([2000, 19999]); this is what was added.
  int64_t vague_slack = 0;
  /// A crowd's round figure ("estimated the crowd at 500,000", a whole
  /// number of thousands) is an estimate: read within a tenth either side;
  /// this is the tenth.
  int64_t estimate_slack = 0;
  /// Its document tells of this many more in counts marked as added ("two
  /// bystanders were also hurt"): its upper bound here includes them.
  int64_t added = 0;
  /// When the claim's event happened, as far as the claim tells: a date
  /// claim's value; a count's own sentence time (basis sentence, anchored,
  /// cross-document). Counts dated by their document only have none.
  std::optional<std::pair<int64_t, int64_t>> event;

  /// A time with a month and day but no year, and no calendar days.
  bool OpenMonthDay() const { return !quantity && !known && month_day_text >= 0; }
  /// A known time's last hour as stated (its stated day's last), before its
  /// day's part widens it; a vague magnitude's bound as stated, before its slack.
  int64_t StatedHi() const { return quantity ? hi - vague_slack : day_hi * kHoursPerDay + kHoursPerDay - 1; }
  /// A known time's first hour as stated; a quantity's lower bound.
  int64_t StatedLo() const { return quantity ? lo : day_lo * kHoursPerDay; }
  /// A weekday ("XXXX-WXX-5") without calendar days.
  bool OpenWeekday() const { return !quantity && !known && weekday >= 0; }
  /// A quantity whose bounds are reversed (lo > hi): only a hand-written record has one.
  bool Reversed() const { return quantity && hi < lo; }
};

/// The days of the week (bit 0 Monday … bit 6 Sunday) a weekday claim of
/// kind `weekday` (Item::weekday) may mean: its day and the next, the day of
/// tolerance every date has ("Sunday night" and "Monday"); the weekend and
/// the Monday after it.
inline constexpr unsigned WeekdayMask(int weekday) {
  if (weekday == 7) return (1u << 5) | (1u << 6) | 1u;
  return (1u << weekday) | (1u << ((weekday + 1) % 7));
}
inline constexpr int kWeekdayKinds = 8;

/// Whether two month-days (valid ones) are at most a day apart in some year:
/// "11-18" and "11-19", "12-31" and "01-01", "02-28" and "03-01".
bool MonthDaysAdjacent(MonthDay a, MonthDay b);

/// Whether an open month-day meets known days [lo, hi]: it falls on one, or,
/// for a tolerant one (Item::month_day_tolerant), the day after it does.
bool MonthDayMeets(const Item& open, int64_t lo, int64_t hi);

/// Whether two values can both be true (DESIGN.md §4): quantities and known
/// days whose intervals meet; a month-day and a span of days holding it (or,
/// for a date, the day after it); two month-days that are the same (or, for
/// dates, a day apart); two weekdays that share a day; anything else of two
/// times, since nothing is known against it. A quantity and a time never.
bool Intersect(const Item& a, const Item& b);

/// Whether two claims' as_of leave room for one time: unknown on one side,
/// or overlapping days. Disjoint values at compatible times, both unrevised,
/// contradict; otherwise they changed.
bool Compatible(const Item& a, const Item& b);

/// `a` was reported after `b`: both as_of known, a's first day after b's last.
bool Later(const Item& a, const Item& b);

/// "victims + perpetrators = total": when counts of a group say they include
/// a known number of perpetrators, each count that does not say (no scope)
/// may include them too, so its lower bound falls by that number.
void WidenForPerpetrators(std::vector<Item>* items);

/// Makes the items of one group, numbering month-day and weekday texts so
/// that equal texts get equal numbers.
class ItemMaker {
 public:
  Item Make(const model::Claim& c, uint32_t order, uint32_t doc);

 private:
  std::unordered_map<std::string, int> month_days_;
  uint32_t serial_ = 0;
};

}  // namespace claimcheck::reconcile

#endif  // CLAIMCHECK_RECONCILE_ITEM_H_
