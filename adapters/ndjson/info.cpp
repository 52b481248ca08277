#include "adapters/ndjson/info.hpp"

#include "adapters/ndjson/ndjson_sink.hpp"
#include "adapters/ndjson/ndjson_source.hpp"

namespace ferry::ndjson {

const AdapterInfo kInfo = {
    .name = "ndjson",
    .summary = "FHIR Bulk Data directory: <Type>.ndjson (or .ndjson.gz) files and manifest.json",
    .shape = RecordShape::kResources,
    .source_keys =
        {
            {"path", KeyType::kPath, true, "", "directory that holds the .ndjson files"},
        },
    .target_keys =
        {
            {"path", KeyType::kPath, true, "", "directory to write <Type>.ndjson files into"},
            {"overwrite", KeyType::kBool, false, "false",
             "replace the .ndjson files already in the directory"},
        },
    .open_source = &OpenSource,
    .open_sink = &OpenSink,
};

}  // namespace ferry::ndjson
