#pragma once
/// The archive's `manifest.json`: a FHIR Bulk Data style manifest (as the ndjson sink and
/// `ferry synth` write) where each output also carries its size and SHA-256, so that a
/// restored archive can be checked file by file.
///
///     {
///       "transactionTime": "2024-05-01T12:00:00.000Z",
///       "request": "ferry escrow",
///       "requiresAccessToken": false,
///       "format": "ferry-escrow/1",
///       "output": [
///         {"type": "Patient", "url": "Patient.ndjson", "count": 12, "bytes": 3456,
///          "sha256": "9f86d0..."}
///       ],
///       "error": []
///     }

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::archive {

/// The name of the manifest inside an archive.
inline constexpr char kManifestName[] = "manifest.json";

/// One NDJSON file of an archive.
struct ManifestFile {
  std::string type;         ///< resource type, the file name without ".ndjson"
  std::string url;          ///< file name inside the archive ("Patient.ndjson")
  std::uint64_t count = 0;  ///< resources (lines) in the file
  std::uint64_t bytes = 0;  ///< size of the file
  std::string sha256;       ///< lower-case hex SHA-256 of the file
};

/// The manifest's text (2-space indent, ending with a line break), files in the order given.
std::string EscrowManifestJson(const std::vector<ManifestFile>& files,
                               const std::string& transaction_time);

/// The files listed by a manifest. Throws ArchiveError ("the archive's manifest.json is not
/// valid: ...") when it is not JSON or an output lacks a field.
std::vector<ManifestFile> ParseEscrowManifest(std::string_view json);

/// `FERRY_FIXED_TIME` when set (for golden tests), else now as a UTC instant with
/// milliseconds (`2024-05-01T12:00:00.123Z`).
std::string ManifestTime();

}  // namespace ferry::archive
