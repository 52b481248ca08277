#include "adapters/ndjson/remote_files.hpp"

#include <algorithm>

#include "core/common/error.hpp"

namespace ferry::ndjson {

namespace {

template <typename TypeOf>
std::vector<NdjsonFile> List(storage::Store& store, const std::string& prefix, TypeOf type_of) {
  std::vector<NdjsonFile> files;
  for (const storage::ObjectInfo& object : storage::ListAll(store, prefix)) {
    std::string name = object.key.substr(prefix.size());
    if (name.find('/') != std::string::npos) continue;
    std::string type = type_of(name);
    if (!type.empty()) files.push_back({name, type, object.key, object.size});
  }
  std::sort(files.begin(), files.end(),
            [](const NdjsonFile& a, const NdjsonFile& b) { return a.name < b.name; });
  return files;
}

}  // namespace

std::vector<NdjsonFile> ListRemoteInputs(storage::Store& store, const std::string& prefix,
                                         const std::vector<std::string>& types) {
  std::vector<NdjsonFile> all =
      List(store, prefix, [](const std::string& name) { return ResourceTypeOfInput(name); });
  for (const NdjsonFile& file : all) {
    if (file.name.ends_with(".gz")) {
      throw PlanError(store.Name() + ": " + file.name +
                      " is gzip; ferry reads .ndjson.gz from local directories only, so copy "
                      "it down or store it uncompressed");
    }
  }
  return SelectTypes(std::move(all), types);
}

std::vector<NdjsonFile> ListRemoteOutputs(storage::Store& store, const std::string& prefix) {
  return List(store, prefix, [](const std::string& name) { return ResourceTypeOfOutput(name); });
}

}  // namespace ferry::ndjson
