#include "core/transform/date_shift.hpp"

#include <catch2/catch.hpp>

namespace ferry::transform {

TEST_CASE("ShiftDate moves a date across month, year and leap-day boundaries") {
  CHECK(ShiftDate("2019-03-01", -1) == "2019-02-28");
  CHECK(ShiftDate("2020-03-01", -1) == "2020-02-29");
  CHECK(ShiftDate("2019-12-31", 1) == "2020-01-01");
  CHECK(ShiftDate("1969-12-31", 365) == "1970-12-31");
  CHECK(ShiftDate("2000-02-28", 366) == "2001-02-28");
}

TEST_CASE("ShiftDate keeps the time of day and zone of a dateTime or instant") {
  CHECK(ShiftDate("2019-03-01T10:00:00Z", -3) == "2019-02-26T10:00:00Z");
  CHECK(ShiftDate("2019-03-01T23:59:59.123+05:00", 10) == "2019-03-11T23:59:59.123+05:00");
}

TEST_CASE("ShiftDate keeps the precision of a partial date, moving it by its middle") {
  CHECK(ShiftDate("2019-03", 20) == "2019-04");
  CHECK(ShiftDate("2019-03", -14) == "2019-03");
  CHECK(ShiftDate("2019", 200) == "2020");
  CHECK(ShiftDate("2019", -100) == "2019");
}

TEST_CASE("ShiftDate refuses what is not a date") {
  CHECK_FALSE(ShiftDate("", 1));
  CHECK_FALSE(ShiftDate("abcd-01-01", 1));
  CHECK_FALSE(ShiftDate("0001-01-01", -1));
}

TEST_CASE("YearOf reads the year of any FHIR date form") {
  CHECK(YearOf("1931-05-02") == 1931);
  CHECK(YearOf("1931") == 1931);
  CHECK(YearOf("2019-03-01T10:00:00Z") == 2019);
  CHECK_FALSE(YearOf("19"));
}

}  // namespace ferry::transform
