#include "adapters/csv/csv_fields.hpp"

#include <catch2/catch.hpp>

namespace ferry::csv {

using Fields = std::vector<std::string>;

TEST_CASE("SplitRecord splits plain and quoted fields", "[csv]") {
  Fields fields;
  CHECK(SplitRecord(R"(1,"Smith, ""Jo""",x)", ',', fields) == "");
  CHECK(fields == Fields{"1", "Smith, \"Jo\"", "x"});
  CHECK(SplitRecord("a,\"line\nbreak\",\"\"", ',', fields) == "");
  CHECK(fields == Fields{"a", "line\nbreak", ""});
}

TEST_CASE("SplitRecord keeps empty fields, leading and trailing", "[csv]") {
  Fields fields;
  CHECK(SplitRecord(",a,,", ',', fields) == "");
  CHECK(fields == Fields{"", "a", "", ""});
  CHECK(SplitRecord("", ',', fields) == "");
  CHECK(fields == Fields{""});
}

TEST_CASE("SplitRecord honours another delimiter", "[csv]") {
  Fields fields;
  CHECK(SplitRecord("a;\"b;c\";d,e", ';', fields) == "");
  CHECK(fields == Fields{"a", "b;c", "d,e"});
}

TEST_CASE("SplitRecord names the field of a misplaced quote", "[csv]") {
  Fields fields;
  CHECK(SplitRecord(R"(a,b"c,d)", ',', fields) == "field 2: quote inside an unquoted field");
  CHECK(SplitRecord(R"(a,b,"c"d)", ',', fields) == "field 3: text after a closing quote");
  CHECK(SplitRecord(R"(a,"b)", ',', fields) == "unterminated quoted field");
}

TEST_CASE("SplitRecord names the field that is not UTF-8", "[csv]") {
  Fields fields;
  CHECK(SplitRecord("ok,caf\xC3\xA9,bad\xFF", ',', fields) == "field 3: invalid UTF-8");
  CHECK(SplitRecord("caf\xC3\xA9,\xE2\x82\xAC,\xF0\x9F\x98\x80", ',', fields) == "");
}

}  // namespace ferry::csv
