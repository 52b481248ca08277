#include "adapters/fhir_bulk/info.hpp"

#include "adapters/auth/auth_config.hpp"
#include "adapters/fhir_bulk/fhir_bulk_source.hpp"
#include "adapters/providers/provider_check.hpp"

namespace ferry::fhir_bulk {

namespace {

std::vector<KeySpec> SourceKeys() {
  std::vector<KeySpec> keys = {
      {"base_url", KeyType::kString, true, "", "FHIR base URL of the server to export from"},
      {"level", KeyType::kString, false, "system", "$export level: system, patient or group"},
      {"group_id", KeyType::kString, false, "", "Group id for level: group"},
      {"since", KeyType::kString, false, "", "_since: only resources changed after this instant"},
      {"until", KeyType::kString, false, "", "_until: only resources changed before this instant"},
      {"type_filter", KeyType::kStringList, false, "", "_typeFilter queries, e.g. Observation?status=final"},
      {"output_format", KeyType::kString, false, "application/fhir+ndjson", "_outputFormat"},
      {"concurrency", KeyType::kInteger, false, "4", "output files downloaded at once"},
      {"max_attempts", KeyType::kInteger, false, "8", "attempts per request (and per cut-off download)"},
      {"poll_interval", KeyType::kInteger, false, "2", "seconds between status polls without Retry-After"},
      {"poll_timeout", KeyType::kInteger, false, "86400", "seconds to wait for the export job"},
      {"delete_job", KeyType::kBool, false, "true", "DELETE the export job once every file is read"},
      {"spool_dir", KeyType::kPath, false, "", "where downloads are staged (default: the temp dir)"},
      {"max_rps", KeyType::kInteger, false, "0", "requests per second cap (0 = none)"},
      {"bwlimit", KeyType::kInteger, false, "0", "download bytes per second cap (0 = none)"},
      {"ca_bundle", KeyType::kPath, false, "", "extra CA certificates (PEM); TLS is always verified"},
      {"timeout", KeyType::kInteger, false, "300", "seconds per request"},
  };
  keys.push_back(providers::ProviderKey());
  http::AppendAuthKeys(keys);
  return keys;
}

}  // namespace

const AdapterInfo kInfo = {
    .name = "fhir-bulk",
    .summary = "FHIR Bulk Data $export of a FHIR server (system, Patient or Group level)",
    .shape = RecordShape::kResources,
    .source_keys = SourceKeys(),
    .target_keys = {},
    .open_source = &OpenSource,
    .open_sink = nullptr,
};

}  // namespace ferry::fhir_bulk
