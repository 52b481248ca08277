#pragma once
/// The plan keys of object storage, shared by the adapters that read or write it (ndjson),
/// and the Store a checked adapter block opens.
///
///     target:
///       adapter: ndjson
///       path: s3://fhir-bulk/run1
///       endpoint: http://127.0.0.1:7480      # S3-compatible store; else AWS
///       region: us-east-1
///       access_key_id: env:S3_KEY            # else AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
///       secret_access_key: env:S3_SECRET
///
///     std::vector<KeySpec> keys = {{"path", KeyType::kPath, true}};
///     AppendStorageKeys(keys);
///     ...
///     std::unique_ptr<Store> store = OpenStore(ParseStorageUrl(path), config);

#include <memory>
#include <vector>

#include "adapters/storage/storage_url.hpp"
#include "adapters/storage/store.hpp"
#include "core/adapter.hpp"

namespace ferry::storage {

/// Adds the storage keys (endpoint, region, credentials, part size...) to `keys`.
void AppendStorageKeys(std::vector<KeySpec>& keys);

/// The Store for `url` (not kLocal) configured from `config`'s storage keys. Throws
/// PlanError (prefixed with the block's location) when credentials are missing or a key
/// does not fit the store.
std::unique_ptr<Store> OpenStore(const StorageUrl& url, const AdapterConfig& config);

}  // namespace ferry::storage
