#include "mappings/engine/element_path.hpp"

#include <catch2/catch.hpp>

namespace ferry {

namespace {

ElementPath Parse(std::string_view text) { return std::get<ElementPath>(ParseElementPath(text)); }

std::string ParseError(std::string_view text) {
  auto parsed = ParseElementPath(text);
  if (!std::holds_alternative<PathError>(parsed)) return "parsed";
  const PathError& error = std::get<PathError>(parsed);
  return std::to_string(error.offset) + ": " + error.message;
}

std::string Build(std::initializer_list<std::pair<const char*, const char*>> assignments) {
  JsonDocument doc;
  doc.SetObject();
  for (const auto& [path, text] : assignments) {
    SetAtPath(doc, Parse(path), MakeString(text, doc.GetAllocator()), doc.GetAllocator());
  }
  CompactResource(doc);
  return WriteJson(doc);
}

}  // namespace

TEST_CASE("Element paths parse into steps and print back", "[mapping][path]") {
  const ElementPath path = Parse("name[0].given[+]._birthDate");
  REQUIRE(path.steps.size() == 3);
  CHECK(path.steps[0].name == "name");
  CHECK(path.steps[0].index_kind == PathStep::Index::kAt);
  CHECK(path.steps[0].index == 0);
  CHECK(path.steps[1].index_kind == PathStep::Index::kAppend);
  CHECK(path.steps[2].index_kind == PathStep::Index::kNone);
  CHECK(path.ToString() == "name[0].given[+]._birthDate");
  CHECK(path.Appends());
  CHECK_FALSE(Parse("code.coding[12]").Appends());
}

TEST_CASE("Element path syntax errors name the offset", "[mapping][path]") {
  CHECK(ParseError("") ==
        "0: expected an element name (a letter or '_' first, then letters, digits or '_')");
  CHECK(ParseError("a..b") ==
        "2: expected an element name (a letter or '_' first, then letters, digits or '_')");
  CHECK(ParseError("a.") ==
        "2: expected an element name (a letter or '_' first, then letters, digits or '_')");
  CHECK(ParseError("1a") ==
        "0: expected an element name (a letter or '_' first, then letters, digits or '_')");
  CHECK(ParseError("name[x]") == "5: expected a number or '+' inside '[ ]'");
  CHECK(ParseError("name[]") == "5: expected a number or '+' inside '[ ]'");
  CHECK(ParseError("name[0") == "6: expected ']'");
  CHECK(ParseError("name[0]x") == "7: expected '.' or '[' after an element name");
  CHECK(ParseError("name[0][1]") == "7: expected '.' or '[' after an element name");
  CHECK(ParseError("na-me") == "2: expected '.' or '[' after an element name");
  CHECK(ParseError("name[10000]") == "5: index is too large (at most 9999)");
  CHECK(ParseError("name[9999]") == "parsed");
}

TEST_CASE("Prefixes and same elements are compared step by step", "[mapping][path]") {
  CHECK(IsStrictPrefix(Parse("code"), Parse("code.text")));
  CHECK(IsStrictPrefix(Parse("code.coding"), Parse("code.coding[0].code")));
  CHECK(IsStrictPrefix(Parse("code.coding[0]"), Parse("code.coding[0].code")));
  CHECK_FALSE(IsStrictPrefix(Parse("code.coding[1]"), Parse("code.coding[0].code")));
  CHECK_FALSE(IsStrictPrefix(Parse("name[+]"), Parse("name[+].given")));
  CHECK_FALSE(IsStrictPrefix(Parse("code"), Parse("code")));
  CHECK_FALSE(IsStrictPrefix(Parse("cod"), Parse("code.text")));
  CHECK(SameElement(Parse("name[0].family"), Parse("name[0].family")));
  CHECK_FALSE(SameElement(Parse("name[0].family"), Parse("name[1].family")));
  CHECK_FALSE(SameElement(Parse("name[+]"), Parse("name[+]")));
}

TEST_CASE("SetAtPath creates objects and arrays on the way", "[mapping][path]") {
  CHECK(Build({{"a.b[0].c", "x"}, {"a.b[0].d", "y"}}) == R"({"a":{"b":[{"c":"x","d":"y"}]}})");
  CHECK(Build({{"given[+]", "x"}, {"given[+]", "y"}}) == R"({"given":["x","y"]})");
  CHECK(Build({{"name[+].family", "x"}, {"name[+].family", "y"}}) ==
        R"({"name":[{"family":"x"},{"family":"y"}]})");
}

TEST_CASE("Holes from unset indexes are compacted away", "[mapping][path]") {
  CHECK(Build({{"name[2].family", "x"}, {"name[0].given[3]", "y"}}) ==
        R"({"name":[{"given":["y"]},{"family":"x"}]})");
}

TEST_CASE("The last write to an element wins, replacing a scalar on the way", "[mapping][path]") {
  CHECK(Build({{"a", "x"}, {"a", "y"}}) == R"({"a":"y"})");
  CHECK(Build({{"a", "x"}, {"a.b", "y"}}) == R"({"a":{"b":"y"}})");
  CHECK(Build({{"a", "x"}, {"a[1]", "y"}}) == R"({"a":["y"]})");
}

TEST_CASE("CompactResource removes nulls and empty containers recursively", "[mapping][path]") {
  JsonDocument doc;
  REQUIRE(ParseJson(R"({"a":{"b":[null,{},[]],"c":null},"d":[null,"x",null,{"e":{}}],"f":""})", doc)
              .ok());
  CompactResource(doc);
  CHECK(WriteJson(doc) == R"({"d":["x"],"f":""})");
}

}  // namespace ferry
