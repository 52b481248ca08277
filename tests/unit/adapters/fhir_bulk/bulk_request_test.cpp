#include "adapters/fhir_bulk/bulk_request.hpp"

#include <catch2/catch.hpp>

namespace ferry::fhir_bulk {

TEST_CASE("kick-off URL at each level, with only the parameters the plan sets") {
  BulkRequest request;
  request.base_url = "http://127.0.0.1:8080/fhir";
  CHECK(KickoffUrl(request) == "http://127.0.0.1:8080/fhir/$export?_outputFormat=application%2Ffhir%2Bndjson");
  request.output_format.clear();
  CHECK(KickoffUrl(request) == "http://127.0.0.1:8080/fhir/$export");
  request.level = ExportLevel::kPatient;
  request.types = {"Patient", "Observation"};
  CHECK(KickoffUrl(request) == "http://127.0.0.1:8080/fhir/Patient/$export?_type=Patient%2CObservation");
  request.level = ExportLevel::kGroup;
  request.group_id = "g 1";
  request.types.clear();
  request.since = "2026-01-02T03:04:05+01:00";
  request.until = "2026-02-01T00:00:00Z";
  request.type_filters = {"Observation?status=final", "Patient?active=true"};
  CHECK(KickoffUrl(request) ==
        "http://127.0.0.1:8080/fhir/Group/g%201/$export?_since=2026-01-02T03%3A04%3A05%2B01%3A00"
        "&_until=2026-02-01T00%3A00%3A00Z&_typeFilter=Observation%3Fstatus%3Dfinal&_typeFilter=Patient%3Factive%3Dtrue");
}

TEST_CASE("export levels as plans write them") {
  bool ok = false;
  CHECK(ParseExportLevel("patient", ok) == ExportLevel::kPatient);
  CHECK(ok);
  CHECK(ParseExportLevel("group", ok) == ExportLevel::kGroup);
  CHECK(ParseExportLevel("system", ok) == ExportLevel::kSystem);
  ParseExportLevel("Patient", ok);
  CHECK_FALSE(ok);
}

}  // namespace ferry::fhir_bulk
