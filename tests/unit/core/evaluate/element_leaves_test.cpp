#include "core/evaluate/element_leaves.hpp"

#include <catch2/catch.hpp>

namespace ferry::evaluate {

TEST_CASE("CanonicalDecimal keeps precision and drops notation") {
  CHECK(CanonicalDecimal("1.50") == "1.50");
  CHECK(CanonicalDecimal("1.50E0") == "1.50");
  CHECK(CanonicalDecimal("15e-1") == "1.5");
  CHECK(CanonicalDecimal("150e-2") == "1.50");
  CHECK(CanonicalDecimal("1e2") == "100");
  CHECK(CanonicalDecimal("0.05") == "0.05");
  CHECK(CanonicalDecimal("0.5e-3") == "0.0005");
  CHECK(CanonicalDecimal("-0.0") == "-0.0");
  CHECK(CanonicalDecimal("007") == "7");
  CHECK(SameDecimalValue("1.50", "1.5"));
  CHECK(SameDecimalValue("73.0", "73"));
  CHECK_FALSE(SameDecimalValue("1.51", "1.5"));
}

TEST_CASE("FlattenResource names paths without indexes and extensions by url") {
  auto flat = FlattenResource(
      R"({"resourceType":"Patient","id":"p1","meta":{"tag":[{"system":"urn:ferry:evaluate","code":"Patient/p1"}]},)"
      R"("extension":[{"url":"http://x/a","valueCode":"F"}],"name":[{"given":["A","B"]}],"multipleBirthInteger":2})");
  REQUIRE(flat);
  CHECK(flat->resource_type == "Patient");
  CHECK(flat->id == "p1");
  CHECK(flat->eval_tag == "Patient/p1");
  std::vector<std::string> paths, concrete, values;
  for (const Leaf& leaf : flat->leaves) {
    paths.push_back(leaf.path);
    concrete.push_back(leaf.concrete);
    values.push_back(leaf.value);
  }
  CHECK(paths == std::vector<std::string>{"Patient.id", "Patient.extension('http://x/a').valueCode", "Patient.name.given",
                                          "Patient.name.given", "Patient.multipleBirthInteger"});
  CHECK(concrete == std::vector<std::string>{"Patient.id", "Patient.extension[0].valueCode", "Patient.name[0].given[0]",
                                             "Patient.name[0].given[1]", "Patient.multipleBirthInteger"});
  CHECK(values == std::vector<std::string>{"\"p1\"", "\"F\"", "\"A\"", "\"B\"", "2"});
}

TEST_CASE("FlattenResource refuses what is not a JSON object") {
  CHECK_FALSE(FlattenResource("[1]"));
  CHECK_FALSE(FlattenResource("{"));
}

}  // namespace ferry::evaluate
