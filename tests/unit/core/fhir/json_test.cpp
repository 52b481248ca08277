#include "core/fhir/json.hpp"

#include <catch2/catch.hpp>

namespace ferry {

TEST_CASE("JSON round trip keeps decimal text", "[json]") {
  JsonDocument doc;
  REQUIRE(ParseJson(R"({"b":1.50,"a":[1e3,-0.0,"x"],"c":true})", doc).ok());
  CHECK(WriteJson(doc) == R"({"b":1.50,"a":[1e3,-0.0,"x"],"c":true})");
  CHECK(WriteJson(doc, JsonStyle::kCanonical) == R"({"a":[1e3,-0.0,"x"],"b":1.50,"c":true})");
  CHECK(IsRawNumber(doc["b"]));
  CHECK_FALSE(IsRawNumber(doc["c"]));
}

TEST_CASE("A string that looks like a marked number but is not a number stays a string", "[json]") {
  JsonDocument doc;
  doc.SetObject();
  doc.AddMember("v", MakeString(std::string(1, kRawNumberMark) + "1,2}", doc.GetAllocator()), doc.GetAllocator());
  CHECK(WriteJson(doc) == "{\"v\":\"\\u001F1,2}\"}");
}

TEST_CASE("JSON syntax errors name the offset", "[json]") {
  JsonDocument doc;
  auto result = ParseJson(R"({"a":1} x)", doc);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error() == "JSON syntax error at offset 8: The document root must not be followed by other values.");
}

TEST_CASE("IsJsonNumberText follows RFC 8259", "[json]") {
  CHECK(IsJsonNumberText("0"));
  CHECK(IsJsonNumberText("-1.50e+3"));
  CHECK_FALSE(IsJsonNumberText("01"));
  CHECK_FALSE(IsJsonNumberText("1."));
  CHECK_FALSE(IsJsonNumberText(".5"));
  CHECK_FALSE(IsJsonNumberText(""));
}

}  // namespace ferry
