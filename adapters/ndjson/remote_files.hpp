#pragma once
/// The NDJSON files of an object-store prefix, named as in a local directory
/// (ndjson_files.hpp): the objects directly under the prefix (no further '/'), with
/// `NdjsonFile::path` holding the object's full key.
///
///     for (const NdjsonFile& file : ListRemoteInputs(store, "run1/", {"Patient"})) ...

#include <string>
#include <vector>

#include "adapters/ndjson/ndjson_files.hpp"
#include "adapters/storage/store.hpp"

namespace ferry::ndjson {

/// The NDJSON inputs under `prefix`, as ListInputs. Throws PlanError for a `.ndjson.gz`
/// object (gzip is read from local directories only).
std::vector<NdjsonFile> ListRemoteInputs(storage::Store& store, const std::string& prefix,
                                         const std::vector<std::string>& types);

/// The `<Type>.ndjson` objects under `prefix`, sorted by name.
std::vector<NdjsonFile> ListRemoteOutputs(storage::Store& store, const std::string& prefix);

}  // namespace ferry::ndjson
