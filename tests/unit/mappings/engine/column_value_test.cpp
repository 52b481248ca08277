// Modifiers of col: expressions (column_value.cpp).
#include <catch2/catch.hpp>

#include "tests/unit/mappings/engine/mapping_test_util.hpp"

namespace ferry {

using testing::MapOne;
using testing::PatientSpec;
using testing::Row;

namespace {

/// Maps one `value:` cell with the expression `expr` at `x`.
std::string MapValue(const std::string& expr, const std::string& value) {
  return MapOne(PatientSpec("      x: " + expr + "\n"), Row("patients", {"V"}, {value}));
}

std::string Json(const std::string& value_json) {
  return R"({"resourceType":"Patient","x":)" + value_json + "}";
}

const std::string kFailed = "failed: patients->Patient: Patient.x: ";

}  // namespace

TEST_CASE("map: translates values; else: covers the rest", "[mapping][modifier]") {
  const std::string expr = "{ col: V, map: { M: male, F: female }, else: unknown }";
  CHECK(MapValue(expr, " M ") == Json(R"("male")"));
  CHECK(MapValue(expr, "F") == Json(R"("female")"));
  CHECK(MapValue(expr, "f") == Json(R"("unknown")"));
  CHECK(MapValue(expr, "") == R"({"resourceType":"Patient"})");
}

TEST_CASE("Map targets are typed like constants", "[mapping][modifier]") {
  const std::string expr = R"({ col: V, map: { Y: true, N: false, one: 1, "1": "1" } })";
  CHECK(MapValue(expr, "Y") == Json("true"));
  CHECK(MapValue(expr, "N") == Json("false"));
  CHECK(MapValue(expr, "one") == Json("1"));
  CHECK(MapValue(expr, "1") == Json(R"("1")"));
  CHECK(MapValue("{ col: V, map: { a: b }, else: 0 }", "z") == Json("0"));
}

TEST_CASE("unmapped: error is the default when there is no else", "[mapping][modifier]") {
  CHECK(MapValue("{ col: V, map: { M: male } }", "CANARY-7731") ==
        kFailed + "unmapped code in column V");
  CHECK(MapValue("{ col: V, map: { M: male }, unmapped: error }", "X") ==
        kFailed + "unmapped code in column V");
}

TEST_CASE("unmapped: omit leaves the element out; keep passes the value on",
          "[mapping][modifier]") {
  CHECK(MapValue("{ col: V, map: { M: male }, unmapped: omit }", "X") ==
        R"({"resourceType":"Patient"})");
  CHECK(MapValue("{ col: V, map: { M: male }, unmapped: keep }", " other ") == Json(R"("other")"));
  CHECK(MapValue("{ col: V, map: { M: male }, unmapped: keep }", "M") == Json(R"("male")"));
}

TEST_CASE("Conversions apply after the map", "[mapping][modifier]") {
  CHECK(MapValue("{ col: V, map: { a: \"2.50\" }, number: true }", "a") == Json("2.50"));
  CHECK(MapValue("{ col: V, map: { a: x }, unmapped: keep, integer: true }", "12") == Json("12"));
  CHECK(MapValue("{ col: V, map: { a: x }, unmapped: keep, integer: true }", "a") ==
        kFailed + "column V is not an integer");
}

TEST_CASE("number: true keeps the decimal's text", "[mapping][modifier]") {
  CHECK(MapValue("{ col: V, number: true }", " 1.50 ") == Json("1.50"));
  CHECK(MapValue("{ col: V, number: true }", "-0.000") == Json("-0.000"));
  CHECK(MapValue("{ col: V, number: true }", "6.02e23") == Json("6.02e23"));
  CHECK(MapValue("{ col: V, number: false }", "1.50") == Json(R"("1.50")"));
  for (const char* bad : {"+1", ".5", "1.", "01", "1,5", "NaN", "1 2", "0x10"}) {
    INFO(bad);
    CHECK(MapValue("{ col: V, number: true }", bad) == kFailed + "column V is not a decimal");
  }
}

TEST_CASE("integer: true wants a whole number in FHIR's 32-bit range", "[mapping][modifier]") {
  CHECK(MapValue("{ col: V, integer: true }", "42") == Json("42"));
  CHECK(MapValue("{ col: V, integer: true }", "-2147483648") == Json("-2147483648"));
  CHECK(MapValue("{ col: V, integer: true }", "2147483647") == Json("2147483647"));
  for (const char* bad : {"2147483648", "1.0", "1e3", "+1", "007", "x"}) {
    INFO(bad);
    CHECK(MapValue("{ col: V, integer: true }", bad) == kFailed + "column V is not an integer");
  }
}

TEST_CASE("boolean: true accepts the usual spellings", "[mapping][modifier]") {
  for (const char* yes : {"true", "TRUE", "1", "yes", "Y", "t"}) {
    INFO(yes);
    CHECK(MapValue("{ col: V, boolean: true }", yes) == Json("true"));
  }
  for (const char* no : {"false", "False", "0", "NO", "n", "F"}) {
    INFO(no);
    CHECK(MapValue("{ col: V, boolean: true }", no) == Json("false"));
  }
  CHECK(MapValue("{ col: V, boolean: true }", "maybe") == kFailed + "column V is not a boolean");
}

TEST_CASE("prefix: and suffix: wrap the text", "[mapping][modifier]") {
  CHECK(MapValue("{ col: V, prefix: \"urn:oid:\", suffix: \"#x\" }", " 1.2 ") ==
        Json(R"("urn:oid:1.2#x")"));
  CHECK(MapValue("{ col: V, map: { a: 1 }, prefix: n- }", "a") == Json(R"("n-1")"));
  CHECK(MapValue("{ col: V, prefix: x }", "") == R"({"resourceType":"Patient"})");
}

TEST_CASE("date:, datetime: and instant: convert to FHIR text", "[mapping][modifier]") {
  CHECK(MapValue(R"({ col: V, date: "%m/%d/%Y" })", "02/29/2020") == Json(R"("2020-02-29")"));
  CHECK(MapValue(R"({ col: V, datetime: "%Y-%m-%d %H:%M:%S%z" })", "2020-02-29 10:11:12Z") ==
        Json(R"("2020-02-29T10:11:12Z")"));
  CHECK(MapValue(R"({ col: V, instant: "%Y%m%d%H%M%S%z" })", "20200229101112+0100") ==
        Json(R"("2020-02-29T10:11:12+01:00")"));
  CHECK(MapValue("{ col: V, datetime: iso }", "2020-02-29T10:11") ==
        Json(R"("2020-02-29T10:11:00")"));
}

TEST_CASE("A value that is not a date names the format, not the value", "[mapping][modifier]") {
  CHECK(MapValue(R"({ col: V, date: "%Y-%m-%d" })", "2021-02-29") ==
        kFailed + "column V is not a date in format %Y-%m-%d");
  CHECK(MapValue(R"({ col: V, datetime: "%Y-%m-%d %H:%M" })", "2021-02-28") ==
        kFailed + "column V is not a dateTime in format %Y-%m-%d %H:%M");
  CHECK(MapValue("{ col: V, instant: iso }", "2021-02-28T10:00:00") ==
        kFailed + "column V is not an instant in format iso");
}

TEST_CASE("Modifier failures never include the cell's value", "[mapping][modifier]") {
  const std::string canary = "CANARY-4242";
  for (const char* expr :
       {"{ col: V, number: true }", "{ col: V, integer: true }", "{ col: V, boolean: true }",
        "{ col: V, date: iso }", "{ col: V, map: { a: b } }"}) {
    INFO(expr);
    const std::string result = MapValue(expr, canary);
    CHECK(result.starts_with(kFailed));
    CHECK(result.find("CANARY") == std::string::npos);
  }
}

}  // namespace ferry
