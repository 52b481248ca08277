#include "adapters/fhir_bulk/bulk_manifest.hpp"

#include <catch2/catch.hpp>

namespace ferry::fhir_bulk {

// The example manifest of the Bulk Data Access IG v2 ("Response - Complete Status"), with a
// deleted file added.
constexpr const char* kIgManifest = R"({
  "transactionTime": "2021-01-01T00:00:00Z",
  "request" : "https://example.com/fhir/Patient/$export?_type=Patient,Observation",
  "requiresAccessToken" : true,
  "output" : [{
    "type" : "Patient",
    "url" : "https://example.com/output/patient_file_1.ndjson"
  },{
    "type" : "Patient",
    "url" : "https://example.com/output/patient_file_2.ndjson"
  },{
    "type" : "Observation",
    "url" : "https://example.com/output/observation_file_1.ndjson",
    "count" : 17
  }],
  "deleted" : [{"type": "Bundle", "url": "https://example.com/output/del_file_1.ndjson"}],
  "error" : [{
    "type" : "OperationOutcome",
    "url" : "https://example.com/output/err_file_1.ndjson"
  }],
  "extension":{"https://example.com/extra-property": true}
})";

TEST_CASE("the IG's example manifest: outputs, then errors, then deleted files") {
  Result<Manifest> manifest = ParseManifest(kIgManifest);
  REQUIRE(manifest);
  CHECK(manifest->transaction_time == "2021-01-01T00:00:00Z");
  CHECK(manifest->requires_access_token);
  REQUIRE(manifest->files.size() == 5);
  CHECK(manifest->files[0].type == "Patient");
  CHECK(manifest->files[0].url == "https://example.com/output/patient_file_1.ndjson");
  CHECK_FALSE(manifest->files[0].count);
  CHECK(manifest->files[2].count == 17u);
  CHECK(manifest->files[3].kind == FileKind::kError);
  CHECK(manifest->files[4].kind == FileKind::kDeleted);
}

TEST_CASE("an empty export has no files; requiresAccessToken defaults to false") {
  Result<Manifest> manifest = ParseManifest(R"({"transactionTime":"t","output":[],"error":[]})");
  REQUIRE(manifest);
  CHECK(manifest->files.empty());
  CHECK_FALSE(manifest->requires_access_token);
}

TEST_CASE("broken manifests say what is wrong") {
  auto error = [](const char* json) { return ParseManifest(json).error(); };
  CHECK(error("[]") == "manifest: not a JSON object");
  CHECK(error("{\"error\":[]}") == "manifest: no 'output' array");
  CHECK(error("{\"output\":{}}") == "manifest: 'output' is not an array");
  CHECK(error("{\"output\":[{\"type\":\"Patient\"}]}") == "manifest: output[0] has no 'url'");
  CHECK(error("{\"output\":[{\"url\":\"u\"}]}") == "manifest: output[0] has no 'type'");
  CHECK(error("{\"output\":[],\"error\":[1]}") == "manifest: error[0] is not an object");
}

}  // namespace ferry::fhir_bulk
