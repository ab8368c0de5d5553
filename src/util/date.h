// Proleptic Gregorian calendar days, the unit of every date claimcheck compares.
#ifndef CLAIMCHECK_UTIL_DATE_H_
#define CLAIMCHECK_UTIL_DATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace claimcheck {

struct CivilDate {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31

  /// Days since 1970-01-01 (negative before).
  int64_t ToDays() const;
  static CivilDate FromDays(int64_t days);
  /// 0 = Monday … 6 = Sunday (ISO 8601).
  int Weekday() const;
  CivilDate AddDays(int64_t n) const { return FromDays(ToDays() + n); }
  /// "YYYY-MM-DD".
  std::string ToString() const;

  friend bool operator==(const CivilDate&, const CivilDate&) = default;
  friend auto operator<=>(const CivilDate&, const CivilDate&) = default;
};

bool IsValidDate(int year, int month, int day);
int DaysInMonth(int year, int month);

/// "January" … "December" for month 1 … 12 (English, as reports print dates).
const char* MonthName(int month);

/// Parses "YYYY-MM-DD" exactly.
std::optional<CivilDate> ParseIsoDate(std::string_view s);

/// Parses the date part of a timestamp as metadata carries it: "2020-01-03",
/// "2020-01-03T10:00:00Z", "2020-01-03 10:00:00+02:00", "2020/01/03". The date is
/// taken as written (no time-zone shift): that is the day the outlet printed.
std::optional<CivilDate> ParseMetadataDate(std::string_view s);

}  // namespace claimcheck

#endif  // CLAIMCHECK_UTIL_DATE_H_
