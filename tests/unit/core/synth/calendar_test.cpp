#include "core/synth/calendar.hpp"

#include <catch2/catch.hpp>

namespace ferry::synth {

TEST_CASE("The reference time is 2026-01-01 UTC", "[synth]") {
  CHECK(FormatTimestamp(ReferenceTime()) == "2026-01-01T00:00:00Z");
  CHECK(ReferenceTime() == 1767225600);
}

TEST_CASE("Dates and timestamps are written as Synthea writes them", "[synth]") {
  const Instant instant =
      FromCivil(1989, 10, 4) + 2 * kSecondsPerHour + 25 * kSecondsPerMinute + 16;
  CHECK(FormatDate(instant) == "1989-10-04");
  CHECK(FormatTimestamp(instant) == "1989-10-04T02:25:16Z");
  CHECK(FormatDate(FromCivil(2024, 2, 29)) == "2024-02-29");
}

TEST_CASE("Instants before 1970 format correctly", "[synth]") {
  CHECK(FormatTimestamp(-1) == "1969-12-31T23:59:59Z");
  CHECK(FormatDate(FromCivil(1927, 5, 21)) == "1927-05-21");
  CHECK(FormatTimestamp(FromCivil(1900, 3, 1) + 1) == "1900-03-01T00:00:01Z");
}

TEST_CASE("YearsBetween counts birthdays", "[synth]") {
  const Instant birth = FromCivil(2000, 6, 15);
  CHECK(YearsBetween(birth, FromCivil(2010, 6, 14)) == 9);
  CHECK(YearsBetween(birth, FromCivil(2010, 6, 15)) == 10);
  CHECK(YearsBetween(birth, birth) == 0);
}

}  // namespace ferry::synth
