#include "adapters/fhir/info.hpp"

#include "adapters/fhir/connection.hpp"
#include "adapters/fhir/fhir_sink.hpp"
#include "adapters/fhir/fhir_source.hpp"

namespace ferry::fhir {

namespace {

std::vector<KeySpec> SourceKeys() {
  std::vector<KeySpec> keys = {
      {"page_size", KeyType::kInteger, false, "200", "_count of each search page (the server may lower it)"},
      {"since", KeyType::kString, false, "", "only resources updated after this instant (_lastUpdated=gt...)"},
      {"search", KeyType::kStringMap, false, "", "extra search params per type, e.g. Observation: category=vital-signs"},
      {"patients", KeyType::kStringList, false, "", "patient compartment mode: only these Patient ids and their data"},
  };
  AppendConnectionKeys(keys);
  return keys;
}

std::vector<KeySpec> TargetKeys() {
  std::vector<KeySpec> keys = {
      {"bundle", KeyType::kString, false, "batch", "batch or transaction"},
      {"batch_size", KeyType::kInteger, false, "", "entries per Bundle (default 50; 8 for transaction with ids: server)"},
      {"ids", KeyType::kString, false, "preserve", "preserve (PUT source ids), uuid5 (name-based) or server (target assigns)"},
      {"conflict_retries", KeyType::kInteger, false, "3", "resends of an entry the server answers 409 or 412, with backoff"},
  };
  AppendConnectionKeys(keys);
  return keys;
}

}  // namespace

const AdapterInfo kInfo = {
    .name = "fhir",
    .summary = "FHIR R4 server (REST): paged type searches; batch/transaction upserts with an id crosswalk",
    .shape = RecordShape::kResources,
    .source_keys = SourceKeys(),
    .target_keys = TargetKeys(),
    .open_source = &OpenSource,
    .open_sink = &OpenSink,
};

}  // namespace ferry::fhir
