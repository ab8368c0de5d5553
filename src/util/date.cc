#include "util/date.h"

#include <fmt/format.h>

#include <cctype>

namespace claimcheck {

namespace {

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

bool ReadDigits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

}  // namespace

const char* MonthName(int month) {
  static constexpr const char* kNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                           "July",    "August",   "September", "October", "November", "December"};
  return month >= 1 && month <= 12 ? kNames[month - 1] : "";
}

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  return month == 2 && IsLeap(year) ? 29 : kDays[month - 1];
}

bool IsValidDate(int year, int month, int day) {
  return year >= 1 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 &&
         day <= DaysInMonth(year, month);
}

// Howard Hinnant's days_from_civil / civil_from_days.
int64_t CivilDate::ToDays() const {
  const int64_t y = year - (month <= 2);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

CivilDate CivilDate::FromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2));
  return CivilDate{y, m, d};
}

int CivilDate::Weekday() const {
  // 1970-01-01 was a Thursday (3).
  const int64_t d = ToDays();
  return static_cast<int>(((d % 7) + 7 + 3) % 7);
}

std::string CivilDate::ToString() const {
  return fmt::format("{:04}-{:02}-{:02}", year, month, day);
}

std::optional<CivilDate> ParseIsoDate(std::string_view s) {
  if (s.size() != 10) return std::nullopt;
  return ParseMetadataDate(s);
}

std::optional<CivilDate> ParseMetadataDate(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  int y, m, d;
  if (!ReadDigits(s, 0, 4, &y) || s.size() < 10) return std::nullopt;
  const char sep = s[4];
  if ((sep != '-' && sep != '/') || s[7] != sep) return std::nullopt;
  if (!ReadDigits(s, 5, 2, &m) || !ReadDigits(s, 8, 2, &d)) return std::nullopt;
  if (!IsValidDate(y, m, d)) return std::nullopt;
  if (s.size() > 10 && s[10] != 'T' && s[10] != ' ') return std::nullopt;
  return CivilDate{y, m, d};
}

}  // namespace claimcheck
