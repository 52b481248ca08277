#include "core/transform/date_shift.hpp"

#include <cstdio>

namespace ferry::transform {

namespace {

struct CivilDate {
  int year = 0;
  unsigned month = 1;
  unsigned day = 1;
};

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil).
long DaysFromCivil(CivilDate date) {
  int year = date.year - (date.month <= 2 ? 1 : 0);
  long era = (year >= 0 ? year : year - 399) / 400;
  auto year_of_era = static_cast<unsigned>(year - era * 400);
  unsigned day_of_year = (153 * (date.month + (date.month > 2 ? -3u : 9u)) + 2) / 5 + date.day - 1;
  unsigned day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + static_cast<long>(day_of_era) - 719468;
}

CivilDate CivilFromDays(long days) {
  days += 719468;
  long era = (days >= 0 ? days : days - 146096) / 146097;
  auto day_of_era = static_cast<unsigned>(days - era * 146097);
  unsigned year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  unsigned day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  unsigned mp = (5 * day_of_year + 2) / 153;
  CivilDate date;
  date.day = day_of_year - (153 * mp + 2) / 5 + 1;
  date.month = mp < 10 ? mp + 3 : mp - 9;
  date.year = static_cast<int>(static_cast<long>(year_of_era) + era * 400 + (date.month <= 2 ? 1 : 0));
  return date;
}

bool Digits(std::string_view text, std::size_t from, std::size_t count, unsigned& value) {
  if (text.size() < from + count) return false;
  value = 0;
  for (std::size_t idx = from; idx < from + count; ++idx) {
    if (text[idx] < '0' || text[idx] > '9') return false;
    value = value * 10 + static_cast<unsigned>(text[idx] - '0');
  }
  return true;
}

std::string Format(const char* format, int a, unsigned b = 0, unsigned c = 0) {
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, format, a, b, c);
  return buffer;
}

}  // namespace

std::optional<int> YearOf(std::string_view text) {
  unsigned year = 0;
  if (!Digits(text, 0, 4, year)) return std::nullopt;
  return static_cast<int>(year);
}

std::optional<std::string> ShiftDate(std::string_view text, int days) {
  std::optional<int> year = YearOf(text);
  if (!year) return std::nullopt;
  CivilDate date{*year, 7, 2};  // a bare year moves with its middle
  unsigned month = 0;
  unsigned day = 0;
  std::size_t precision = 4;
  if (text.size() > 4 && text[4] == '-' && Digits(text, 5, 2, month) && month >= 1 && month <= 12) {
    date.month = month;
    date.day = 15;  // a bare month moves with its middle
    precision = 7;
    if (text.size() > 7 && text[7] == '-' && Digits(text, 8, 2, day) && day >= 1 && day <= 31) {
      date.day = day;
      precision = 10;
    }
  }
  CivilDate moved = CivilFromDays(DaysFromCivil(date) + days);
  if (moved.year < 1 || moved.year > 9999) return std::nullopt;
  std::string out = precision == 4   ? Format("%04d", moved.year)
                    : precision == 7 ? Format("%04d-%02u", moved.year, moved.month)
                                     : Format("%04d-%02u-%02u", moved.year, moved.month, moved.day);
  out.append(text.substr(precision));
  return out;
}

}  // namespace ferry::transform
