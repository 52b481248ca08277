#include "adapters/archive/info.hpp"

#include "adapters/archive/archive_sink.hpp"
#include "adapters/archive/archive_source.hpp"
#include "adapters/storage/store_config.hpp"

namespace ferry::archive {

namespace {

/// `keys` followed by the object-storage keys and `staging`.
std::vector<KeySpec> WithStorageKeys(std::vector<KeySpec> keys) {
  storage::AppendStorageKeys(keys);
  keys.push_back({"staging", KeyType::kPath, false, ".ferry/staging",
                  "object storage: local directory the archive is written in before upload"});
  return keys;
}

}  // namespace

const AdapterInfo kInfo = {
    .name = "archive",
    .summary = "encrypted escrow archive: NDJSON + manifest.json in tar, zstd and age (age -d opens it)",
    .shape = RecordShape::kResources,
    .source_keys =
        {
            {"path", KeyType::kPath, true, "", "the archive file to read (e.g. escrow.age)"},
            {"identity", KeyType::kSecret, false, "",
             "age identity (AGE-SECRET-KEY-1... or an identity file's text): env:NAME or file:PATH"},
            {"passphrase", KeyType::kSecret, false, "",
             "passphrase of a passphrase archive (env:NAME or file:PATH)"},
        },
    .target_keys = WithStorageKeys({
            {"path", KeyType::kPath, true, "",
             "the archive file to create (e.g. escrow.age), or an object: s3://bucket/escrow.age"},
            {"recipients", KeyType::kStringList, false, "",
             "age1... recipients who can open the archive"},
            {"recipients_file", KeyType::kPath, false, "",
             "file of age1... recipients, one a line"},
            {"passphrase", KeyType::kSecret, false, "",
             "passphrase that opens the archive (env:NAME or file:PATH)"},
        }),
    .open_source = &OpenSource,
    .open_sink = &OpenSink,
};

}  // namespace ferry::archive
