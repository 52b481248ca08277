#pragma once
/// Which files of a FHIR Bulk Data directory hold which resource type.
///
/// Inputs are `<Type>.ndjson`, `<Type>.ndjson.gz` and the bulk-export parts
/// `<Type>.000.ndjson`, `<Type>.001.ndjson`...: any `*.ndjson` or `*.ndjson.gz` whose name
/// starts with a resource type name (an upper-case letter, then letters). The sink writes
/// `<Type>.ndjson`, or numbered parts `<Type>.000001.ndjson`... (layout.hpp).

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::ndjson {

/// One NDJSON file of a directory.
struct NdjsonFile {
  std::string name;           ///< file name: `Patient.000.ndjson.gz`
  std::string resource_type;  ///< `Patient`
  std::string path;           ///< full path
  std::uint64_t size = 0;     ///< bytes on disk (compressed for .gz)
  bool deletes = false;       ///< a `deleted` file: Bundles of DELETE entries (deleted_file.hpp)
};

/// True when `text` has the shape of a FHIR resource type name: `[A-Z][A-Za-z]*`.
bool IsResourceTypeName(std::string_view text);

/// The resource type an input file holds (`Observation.001.ndjson.gz` → `Observation`), or
/// "" when `file_name` is not an NDJSON file whose name starts with a resource type.
std::string ResourceTypeOfInput(std::string_view file_name);

/// The resource type of a sink output file name (`Patient.ndjson` or
/// `Patient.000002.ndjson` → `Patient`), or "".
std::string ResourceTypeOfOutput(std::string_view file_name);

/// `all` (sorted by name) narrowed to `types`, type by type in that order; all of them
/// when `types` is empty.
std::vector<NdjsonFile> SelectTypes(std::vector<NdjsonFile> all, const std::vector<std::string>& types);

/// The NDJSON inputs of `dir`. With `types` empty: every one, sorted by file name. Else
/// the files of each type in `types`, type by type in that order, each sorted by name.
/// Throws IoError when `dir` cannot be listed.
std::vector<NdjsonFile> ListInputs(const std::filesystem::path& dir,
                                   const std::vector<std::string>& types);

/// The `<Type>.ndjson` and `<Type>.NNNNNN.ndjson` files of `dir` (the sink's own naming),
/// sorted by name (so a type's parts in order); empty when
/// `dir` does not exist.
std::vector<NdjsonFile> ListOutputs(const std::filesystem::path& dir);

}  // namespace ferry::ndjson
