#include "adapters/fhir/bundle.hpp"

#include <catch2/catch.hpp>

#include "adapters/fhir/operation_outcome.hpp"

namespace ferry::fhir {

TEST_CASE("BuildBundle writes entries with request, fullUrl and ifNoneExist") {
  std::vector<BundleEntry> entries = {
      {.method = "PUT", .url = "Patient/p1", .full_url = "", .resource = R"({"resourceType":"Patient","id":"p1"})",
       .if_none_exist = ""},
      {.method = "POST", .url = "Observation", .full_url = "urn:uuid:u1", .resource = R"({"resourceType":"Observation"})",
       .if_none_exist = "identifier=s%7C\"q"},
  };
  CHECK(BuildBundle(BundleKind::kTransaction, entries) ==
        R"({"resourceType":"Bundle","type":"transaction","entry":[)"
        R"({"resource":{"resourceType":"Patient","id":"p1"},"request":{"method":"PUT","url":"Patient/p1"}},)"
        R"({"fullUrl":"urn:uuid:u1","resource":{"resourceType":"Observation"},)"
        R"("request":{"method":"POST","url":"Observation","ifNoneExist":"identifier=s%7C\"q"}}]})");
}

TEST_CASE("ParseBundleResponse reads statuses, ids and failures with element paths only") {
  auto results = ParseBundleResponse(
      R"({"resourceType":"Bundle","type":"batch-response","entry":[)"
      R"({"response":{"status":"201 Created","location":"Patient/abc/_history/1"}},)"
      R"({"response":{"status":"200"},"resource":{"resourceType":"Patient","id":"p2"}},)"
      R"({"response":{"status":"400","outcome":{"resourceType":"OperationOutcome","issue":[)"
      R"({"severity":"error","code":"structure","details":{"text":"Invalid date 1970-13-99"},"expression":["Patient.birthDate"]},)"
      R"({"severity":"warning","code":"informational","expression":["Patient.name"]}]}}}]})",
      3);
  REQUIRE(results);
  CHECK((*results)[0].status == 201);
  CHECK((*results)[0].id == "abc");
  CHECK((*results)[1].id == "p2");
  CHECK((*results)[2].status == 400);
  CHECK((*results)[2].error == "HTTP 400: structure at Patient.birthDate");
  CHECK_FALSE(ParseBundleResponse(R"({"resourceType":"Bundle","entry":[]})", 1));
}

TEST_CASE("OutcomeText never carries diagnostics or details") {
  std::string body = R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"invalid",)"
                     R"("diagnostics":"value 'Smith' is wrong","location":["Patient.name[0].family"]}]})";
  CHECK(OutcomeText(422, body) == "HTTP 422: invalid at Patient.name[0].family");
  CHECK(OutcomeText(503, std::string_view("")) == "HTTP 503");
}

}  // namespace ferry::fhir
