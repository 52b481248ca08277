#pragma once
/// The completion manifest of a Bulk Data `$export` job (the 200 body of the status URL):
/// which files to download and whether they need the access token.
///
///     Result<Manifest> manifest = ParseManifest(response.body);
///     for (const ManifestFile& file : manifest->files) Download(file.url, manifest->requires_access_token);
///
/// Files come in reading order: every `output` file, then every `error` file, then every
/// `deleted` file, each group in manifest order.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace ferry::fhir_bulk {

/// Which array of the manifest a file is listed in.
enum class FileKind {
  kOutput,   ///< resources
  kError,    ///< OperationOutcomes the server could not export
  kDeleted,  ///< Bundles whose entries are DELETE requests (resources deleted since `_since`)
};

/// "output", "error" or "deleted".
const char* FileKindName(FileKind kind);

struct ManifestFile {
  FileKind kind = FileKind::kOutput;
  std::string type;                    ///< resource type of the file's lines
  std::string url;                     ///< absolute URL (may carry a pre-signed query)
  std::optional<std::uint64_t> count;  ///< resources in the file, if the server says
};

struct Manifest {
  std::string transaction_time;
  bool requires_access_token = false;
  std::vector<ManifestFile> files;
};

/// Parses a manifest; an error names what is missing or wrong (no values).
Result<Manifest> ParseManifest(std::string_view json);

}  // namespace ferry::fhir_bulk
