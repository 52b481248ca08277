#include "adapters/fhir/search_page.hpp"

#include <catch2/catch.hpp>

#include "adapters/fhir/capability.hpp"
#include "adapters/fhir/type_order.hpp"

namespace ferry::fhir {

TEST_CASE("ParseSearchPage keeps matches, the next link as given, and the total") {
  auto page = ParseSearchPage(
      R"({"resourceType":"Bundle","type":"searchset","total":3,)"
      R"("link":[{"relation":"self","url":"http://h/fhir/Patient?_count=2"},)"
      R"({"relation":"next","url":"http://h/fhir/Patient?_count=2&_offset=2&opaque=xyz"}],)"
      R"("entry":[{"fullUrl":"http://h/fhir/Patient/a","resource":{"resourceType":"Patient","id":"a","multipleBirthInteger":2},"search":{"mode":"match"}},)"
      R"({"resource":{"resourceType":"Patient","id":"b"}},)"
      R"({"resource":{"resourceType":"Organization","id":"o"},"search":{"mode":"include"}}]})");
  REQUIRE(page);
  CHECK(page->next == "http://h/fhir/Patient?_count=2&_offset=2&opaque=xyz");
  CHECK(page->total == 3u);
  REQUIRE(page->resources.size() == 2);
  CHECK(page->resources[0] == R"({"resourceType":"Patient","id":"a","multipleBirthInteger":2})");
  CHECK(page->skipped == 1);
}

TEST_CASE("ParseSearchPage: last page, empty page, and errors") {
  auto last = ParseSearchPage(R"({"resourceType":"Bundle","type":"searchset","link":[{"relation":"self","url":"x"}]})");
  REQUIRE(last);
  CHECK(last->next.empty());
  CHECK(last->resources.empty());
  CHECK_FALSE(ParseSearchPage(R"({"resourceType":"OperationOutcome"})"));
  CHECK_FALSE(ParseSearchPage("not json"));
  auto total = ParseSearchTotal(R"({"resourceType":"Bundle","type":"searchset","total":42})");
  REQUIRE(total);
  CHECK(*total == 42u);
}

TEST_CASE("ParseCapabilities lists the server's types and whether they can be searched") {
  auto caps = ParseCapabilities(
      R"({"resourceType":"CapabilityStatement","fhirVersion":"4.0.1","rest":[{"mode":"server","resource":[)"
      R"({"type":"Patient","interaction":[{"code":"read"},{"code":"search-type"}]},)"
      R"({"type":"Binary","interaction":[{"code":"read"}]},{"type":"Observation"}]}]})");
  REQUIRE(caps);
  CHECK(caps->fhir_version == "4.0.1");
  CHECK(caps->Searchable("Patient"));
  CHECK(caps->Supports("Binary"));
  CHECK_FALSE(caps->Searchable("Binary"));
  CHECK(caps->Searchable("Observation"));
  CHECK_FALSE(caps->Supports("Encounter"));
  CHECK_FALSE(ParseCapabilities(R"({"resourceType":"CapabilityStatement","rest":[]})"));
}

TEST_CASE("SortByDependency puts referenced types first") {
  std::vector<std::string> types = {"Observation", "ExplanationOfBenefit", "Encounter", "Patient", "Claim",
                                    "Organization", "Basic"};
  SortByDependency(types);
  CHECK(types == std::vector<std::string>{"Organization", "Patient", "Encounter", "Basic", "Observation", "Claim",
                                          "ExplanationOfBenefit"});
}

}  // namespace ferry::fhir

namespace ferry::fhir {

TEST_CASE("ParseCapabilities keeps each type's search parameter names") {
  auto caps = ParseCapabilities(
      R"({"resourceType":"CapabilityStatement","rest":[{"mode":"server","resource":[)"
      R"({"type":"Observation","searchParam":[{"name":"patient","type":"reference"},{"name":"code","type":"token"}]},)"
      R"({"type":"Organization","searchParam":[{"name":"name","type":"string"}]}]}]})");
  REQUIRE(caps);
  CHECK(caps->HasSearchParam("Observation", "patient"));
  CHECK_FALSE(caps->HasSearchParam("Organization", "patient"));
  CHECK_FALSE(caps->HasSearchParam("Encounter", "patient"));
}

}  // namespace ferry::fhir
