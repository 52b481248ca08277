#include "core/synth/calendar.hpp"

namespace ferry::synth {

namespace {

struct Civil {
  int year;
  int month;
  int day;
};

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
std::int64_t DaysFromCivil(int year, int month, int day) {
  year -= month <= 2 ? 1 : 0;
  const std::int64_t era = (year >= 0 ? year : year - 399) / 400;
  const std::int64_t year_of_era = year - era * 400;
  const std::int64_t day_of_year = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const std::int64_t day_of_era =
      year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

Civil CivilFromDays(std::int64_t days) {
  days += 719468;
  const std::int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const std::int64_t day_of_era = days - era * 146097;
  const std::int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  const std::int64_t day_of_year =
      day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  const std::int64_t mp = (5 * day_of_year + 2) / 153;
  const auto day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  const auto month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const auto year = static_cast<int>(year_of_era + era * 400 + (month <= 2 ? 1 : 0));
  return {year, month, day};
}

std::int64_t FloorDiv(std::int64_t a, std::int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

void AppendDigits(std::string& out, std::int64_t value, int width) {
  char buffer[8];
  for (int idx = width - 1; idx >= 0; --idx) {
    buffer[idx] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  out.append(buffer, static_cast<std::size_t>(width));
}

void AppendDate(std::string& out, const Civil& civil) {
  AppendDigits(out, civil.year, 4);
  out.push_back('-');
  AppendDigits(out, civil.month, 2);
  out.push_back('-');
  AppendDigits(out, civil.day, 2);
}

}  // namespace

Instant ReferenceTime() { return FromCivil(2026, 1, 1); }

Instant FromCivil(int year, int month, int day) {
  return DaysFromCivil(year, month, day) * kSecondsPerDay;
}

std::string FormatDate(Instant instant) {
  std::string out;
  out.reserve(10);
  AppendDate(out, CivilFromDays(FloorDiv(instant, kSecondsPerDay)));
  return out;
}

std::string FormatTimestamp(Instant instant) {
  const std::int64_t days = FloorDiv(instant, kSecondsPerDay);
  const std::int64_t seconds = instant - days * kSecondsPerDay;
  std::string out;
  out.reserve(20);
  AppendDate(out, CivilFromDays(days));
  out.push_back('T');
  AppendDigits(out, seconds / kSecondsPerHour, 2);
  out.push_back(':');
  AppendDigits(out, seconds / kSecondsPerMinute % 60, 2);
  out.push_back(':');
  AppendDigits(out, seconds % 60, 2);
  out.push_back('Z');
  return out;
}

int YearsBetween(Instant from, Instant to) {
  const Civil a = CivilFromDays(FloorDiv(from, kSecondsPerDay));
  const Civil b = CivilFromDays(FloorDiv(to, kSecondsPerDay));
  int years = b.year - a.year;
  if (b.month < a.month || (b.month == a.month && b.day < a.day)) --years;
  return years;
}

}  // namespace ferry::synth
