#include "core/evaluate/capability_statement.hpp"

#include <catch2/catch.hpp>

namespace ferry::evaluate {

TEST_CASE("ParseCapabilityStatement reads what an evaluation reports") {
  auto statement = ParseCapabilityStatement(R"({"resourceType":"CapabilityStatement","fhirVersion":"4.0.1",
    "software":{"name":"test server"},
    "rest":[{"mode":"client","interaction":[{"code":"transaction"}]},
            {"mode":"server","interaction":[{"code":"batch"}],
             "operation":[{"name":"export","definition":"http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export"}],
             "resource":[{"type":"Patient","interaction":[{"code":"read"},{"code":"update"}],
                          "searchParam":[{"name":"name"},{"name":"birthdate"}]},
                         {"type":"Observation","interaction":[{"code":"create"}]}]}]})");
  REQUIRE(statement);
  CHECK(statement->fhir_version == "4.0.1");
  CHECK(statement->software == "test server");
  CHECK(statement->batch);
  CHECK_FALSE(statement->transaction);  // only the client rest declares it
  CHECK(statement->bulk_export);
  CHECK_FALSE(statement->bulk_import);
  CHECK(statement->search_params == 2);
  CHECK(statement->Allows("Patient", "update"));
  CHECK_FALSE(statement->Allows("Observation", "update"));
  CHECK_FALSE(statement->Allows("Encounter", "read"));
}

TEST_CASE("ParseCapabilityStatement refuses other documents") {
  CHECK(ParseCapabilityStatement(R"({"resourceType":"OperationOutcome"})").error() ==
        "/metadata did not return a CapabilityStatement");
  CHECK_FALSE(ParseCapabilityStatement("<html>"));
}

}  // namespace ferry::evaluate
