#pragma once
/// Time for the synthetic population: seconds since 1970-01-01T00:00:00Z, always UTC, and
/// the two text forms Synthea's CSV export uses. Nothing here reads the clock: the
/// population is dated relative to kReferenceTime, so output never depends on today.

#include <cstdint>
#include <string>

namespace ferry::synth {

/// Seconds since the Unix epoch, UTC.
using Instant = std::int64_t;

/// Lengths of time in seconds.
inline constexpr Instant kSecondsPerMinute = 60;
inline constexpr Instant kSecondsPerHour = 3600;  ///< see kSecondsPerMinute
inline constexpr Instant kSecondsPerDay = 86400;  ///< see kSecondsPerMinute
/// A mean Gregorian year (365.2425 days), for ages.
inline constexpr Instant kSecondsPerYear = 31556952;

/// The day the simulation "ends": 2026-01-01T00:00:00Z.
Instant ReferenceTime();

/// The instant of 00:00:00Z on the given civil date.
Instant FromCivil(int year, int month, int day);

/// `yyyy-MM-dd` (Synthea's BIRTHDATE, condition START, ...).
std::string FormatDate(Instant instant);
/// `yyyy-MM-dd'T'HH:mm:ss'Z'` (Synthea's encounter START, observation DATE, ...).
std::string FormatTimestamp(Instant instant);

/// Whole years from `from` to `to` (calendar-exact: birthdays count).
int YearsBetween(Instant from, Instant to);

}  // namespace ferry::synth
