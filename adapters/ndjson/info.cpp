#include "adapters/ndjson/info.hpp"

#include "adapters/ndjson/ndjson_sink.hpp"
#include "adapters/ndjson/ndjson_source.hpp"
#include "adapters/providers/provider_check.hpp"
#include "adapters/storage/store_config.hpp"

namespace ferry::ndjson {

namespace {

/// `keys` followed by the object-storage keys.
std::vector<KeySpec> WithStorageKeys(std::vector<KeySpec> keys) {
  storage::AppendStorageKeys(keys);
  return keys;
}

}  // namespace

const AdapterInfo kInfo = {
    .name = "ndjson",
    .summary = "FHIR Bulk Data directory or S3/Azure/GCS prefix: <Type>.ndjson files and manifest.json",
    .shape = RecordShape::kResources,
    .source_keys = WithStorageKeys({
        {"path", KeyType::kPath, true, "",
         "directory, or s3://bucket/prefix, gs://..., az://account/container/prefix, of .ndjson files"},
    }),
    .target_keys = WithStorageKeys({
        {"path", KeyType::kPath, true, "",
         "directory, or s3://, gs://, az:// prefix, to write <Type>.ndjson files into"},
        {"overwrite", KeyType::kBool, false, "false",
         "replace the .ndjson files already in the directory or prefix"},
        {"staging", KeyType::kPath, false, ".ferry/staging",
         "object storage: private local directory files are staged in before upload"},
        {"layout", KeyType::kString, false, "bulk",
         "file layout preset: bulk, azure, healthlake, google (default: the provider's, else bulk)"},
        {"max_file_bytes", KeyType::kInteger, false, "",
         "start a new file of the type before one passes this many bytes (default: the layout's; 0 = none)"},
        {"max_file_resources", KeyType::kInteger, false, "",
         "start a new file of the type once one holds this many resources (default: the layout's; 0 = none)"},
        providers::ProviderKey(),
    }),
    .open_source = &OpenSource,
    .open_sink = &OpenSink,
};

}  // namespace ferry::ndjson
