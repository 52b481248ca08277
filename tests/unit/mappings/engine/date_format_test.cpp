#include "mappings/engine/date_format.hpp"

#include <catch2/catch.hpp>

namespace ferry {

namespace {

/// The FHIR text `text` converts to, "invalid" when it does not, or the compile error.
std::string Convert(std::string_view pattern, DateKind kind, std::string_view text) {
  auto format = DateFormat::Compile(pattern, kind);
  if (auto* error = std::get_if<std::string>(&format)) return "compile: " + *error;
  std::string out;
  return std::get<DateFormat>(format).Convert(text, out) ? out : "invalid";
}

std::string CompileError(std::string_view pattern, DateKind kind = DateKind::kDate) {
  auto format = DateFormat::Compile(pattern, kind);
  auto* error = std::get_if<std::string>(&format);
  return error ? *error : "compiled";
}

}  // namespace

TEST_CASE("Dates convert with strptime-like formats", "[mapping][date]") {
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "1980-01-02") == "1980-01-02");
  CHECK(Convert("%d/%m/%Y", DateKind::kDate, "2/1/1980") == "1980-01-02");
  CHECK(Convert("%Y%m%d", DateKind::kDate, "19800102") == "1980-01-02");
  CHECK(Convert("%Y-%m", DateKind::kDate, "1980-01") == "1980-01");
  CHECK(Convert("%Y", DateKind::kDate, "1980") == "1980");
  CHECK(Convert("%Y-%m-%d %H:%M:%S", DateKind::kDate, "1980-01-02 10:11:12") == "1980-01-02");
  CHECK(Convert("%Y%%%m", DateKind::kDate, "1980%01") == "1980-01");
}

TEST_CASE("Dates are checked against the calendar", "[mapping][date]") {
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "2021-02-29") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "2020-02-29") == "2020-02-29");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "1900-02-29") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "2000-02-29") == "2000-02-29");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "2020-02-30") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "2020-04-31") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "2020-13-01") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "2020-00-01") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "0000-01-01") == "invalid");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S", DateKind::kDateTime, "2020-01-01T24:00:00") == "invalid");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S", DateKind::kDateTime, "2020-01-01T23:60:00") == "invalid");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S", DateKind::kDateTime, "2020-01-01T23:59:60") ==
        "2020-01-01T23:59:60");
}

TEST_CASE("Text must match the format exactly", "[mapping][date]") {
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "1980-01-02x") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "1980/01/02") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "80-01-02") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "") == "invalid");
  CHECK(Convert("%Y-%m-%d", DateKind::kDate, "1980-001-02") == "invalid");
}

TEST_CASE("Date-times keep the precision and zone of the format", "[mapping][date]") {
  CHECK(Convert("%Y-%m-%d %H:%M:%S", DateKind::kDateTime, "2020-03-04 05:06:07") ==
        "2020-03-04T05:06:07");
  CHECK(Convert("%Y-%m-%d %H:%M", DateKind::kDateTime, "2020-03-04 05:06") ==
        "2020-03-04T05:06:00");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S%z", DateKind::kDateTime, "2020-03-04T05:06:07Z") ==
        "2020-03-04T05:06:07Z");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S%z", DateKind::kDateTime, "2020-03-04T05:06:07+0130") ==
        "2020-03-04T05:06:07+01:30");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S%z", DateKind::kDateTime, "2020-03-04T05:06:07-05:00") ==
        "2020-03-04T05:06:07-05:00");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S%z", DateKind::kDateTime, "2020-03-04T05:06:07+15:00") ==
        "invalid");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S%z", DateKind::kDateTime, "2020-03-04T05:06:07+14:30") ==
        "invalid");
  CHECK(Convert("%Y-%m-%dT%H:%M:%S.%f%z", DateKind::kDateTime, "2020-03-04T05:06:07.250+14:00") ==
        "2020-03-04T05:06:07.250+14:00");
  CHECK(Convert("%Y-%m-%d", DateKind::kDateTime, "2020-03-04") == "2020-03-04");
  CHECK(Convert("%Y-%m", DateKind::kDateTime, "2020-03") == "2020-03");
}

TEST_CASE("Instants need a full time and a zone", "[mapping][date]") {
  CHECK(Convert("%Y-%m-%d %H:%M:%S%z", DateKind::kInstant, "2020-03-04 05:06:07Z") ==
        "2020-03-04T05:06:07Z");
  CHECK(CompileError("%Y-%m-%d %H:%M:%S", DateKind::kInstant) ==
        "an instant format needs %Y, %m, %d, %H, %M, %S and %z");
  CHECK(CompileError("%Y-%m-%d", DateKind::kInstant) ==
        "an instant format needs %Y, %m, %d, %H, %M, %S and %z");
}

TEST_CASE("The iso format keeps the precision of the text", "[mapping][date]") {
  CHECK(Convert("iso", DateKind::kDate, "1980") == "1980");
  CHECK(Convert("iso", DateKind::kDate, "1980-05") == "1980-05");
  CHECK(Convert("iso", DateKind::kDate, "1980-05-06") == "1980-05-06");
  CHECK(Convert("iso", DateKind::kDate, "1980-05-06T07:08:09Z") == "1980-05-06");
  CHECK(Convert("iso", DateKind::kDateTime, "1980-05-06") == "1980-05-06");
  CHECK(Convert("iso", DateKind::kDateTime, "1980-05-06T07:08") == "1980-05-06T07:08:00");
  CHECK(Convert("iso", DateKind::kDateTime, "1980-05-06T07:08:09.123456+0200") ==
        "1980-05-06T07:08:09.123456+02:00");
  CHECK(Convert("iso", DateKind::kInstant, "1980-05-06T07:08:09Z") == "1980-05-06T07:08:09Z");
  CHECK(Convert("iso", DateKind::kInstant, "1980-05-06T07:08:09") == "invalid");
  CHECK(Convert("iso", DateKind::kInstant, "1980-05-06T07:08Z") == "invalid");
  CHECK(Convert("iso", DateKind::kInstant, "1980-05-06") == "invalid");
  CHECK(Convert("iso", DateKind::kDate, "1980-5-6") == "invalid");
  CHECK(Convert("iso", DateKind::kDate, "1980-02-30") == "invalid");
  CHECK(Convert("iso", DateKind::kDateTime, "1980-05-06 07:08:09") == "invalid");
  CHECK(Convert("iso", DateKind::kDateTime, "1980-05-06T07:08.5") == "invalid");
}

TEST_CASE("Bad date formats are refused when compiled", "[mapping][date]") {
  CHECK(CompileError("") == "date format is empty; write a format such as %Y-%m-%d, or iso");
  CHECK(CompileError("%Y-%q") ==
        "unknown directive '%q' in date format; use %Y %m %d %H %M %S %f %z, %%, %[ or %]");
  CHECK(CompileError("%Y-%") == "date format ends with a lone '%'; write %% for a '%'");
  CHECK(CompileError("%Y-%m-%m") == "directive '%m' appears twice in the date format");
  CHECK(CompileError("%m-%d") == "date format has no %Y");
  CHECK(CompileError("%Y-%d") == "date format has %d but no %m");
  CHECK(CompileError("%Y-%m %H:%M") == "date format has %H but no %d; a time needs %Y, %m and %d");
  CHECK(CompileError("%Y-%m-%d %H") == "date format has %H but no %M");
  CHECK(CompileError("%Y-%m-%d %H:%S") == "date format has %S but no %M");
  CHECK(CompileError("%Y-%m-%d %H:%M.%f") == "date format has %f but no %S");
  CHECK(CompileError("%Y-%m-%d%z") == "date format has %z but no %H");
  CHECK(CompileError("iso") == "compiled");
}

TEST_CASE("Optional parts keep the precision of what the text has", "[mapping][date]") {
  // The HL7 v2 DTM shape: YYYY[MM[DD[HH[MM[SS[.S...]]]]]][+/-ZZZZ].
  const std::string_view dtm = "%Y[%m[%d[%H[%M[%S[.%f]]]]]][%z]";
  CHECK(Convert(dtm, DateKind::kDateTime, "1980") == "1980");
  CHECK(Convert(dtm, DateKind::kDateTime, "198001") == "1980-01");
  CHECK(Convert(dtm, DateKind::kDateTime, "19800102") == "1980-01-02");
  CHECK(Convert(dtm, DateKind::kDateTime, "198001021011-0500") == "1980-01-02T10:11:00-05:00");
  CHECK(Convert(dtm, DateKind::kDateTime, "19800102101112+0100") == "1980-01-02T10:11:12+01:00");
  CHECK(Convert(dtm, DateKind::kDateTime, "19800102101112.1234+0000") ==
        "1980-01-02T10:11:12.1234+00:00");
  CHECK(Convert(dtm, DateKind::kDate, "19800102101112+0100") == "1980-01-02");
  CHECK(Convert(dtm, DateKind::kDateTime, "19800102-0500") == "1980-01-02");
  CHECK(Convert(dtm, DateKind::kDateTime, "1980010") == "invalid");
  CHECK(Convert(dtm, DateKind::kDateTime, "19800102x") == "invalid");
  CHECK(Convert(dtm, DateKind::kDateTime, "19801302") == "invalid");
  CHECK(Convert("%Y%[%m%]", DateKind::kDate, "1980[01]") == "1980-01");
}

TEST_CASE("Unbalanced brackets in a format are compile errors", "[mapping][date]") {
  CHECK(CompileError("%Y[%m") == "unmatched '[' in date format; write %[ for a '['");
  CHECK(CompileError("%Y%m]") == "unmatched ']' in date format; write %] for a ']'");
  CHECK(CompileError("%Y[%d]") == "date format has %d but no %m");
}

TEST_CASE("A default zone applies only to a time without one", "[mapping][date]") {
  auto compiled = DateFormat::Compile("%Y%m%d[%H%M[%z]]", DateKind::kDateTime);
  DateFormat format = std::get<DateFormat>(compiled);
  CHECK_FALSE(format.SetDefaultZone("5"));
  CHECK_FALSE(format.SetDefaultZone("+15:00"));
  REQUIRE(format.SetDefaultZone("-0500"));
  std::string out;
  REQUIRE(format.Convert("202001021011", out));
  CHECK(out == "2020-01-02T10:11:00-05:00");
  REQUIRE(format.Convert("202001021011+0100", out));
  CHECK(out == "2020-01-02T10:11:00+01:00");
  REQUIRE(format.Convert("20200102", out));
  CHECK(out == "2020-01-02");
}

}  // namespace ferry
