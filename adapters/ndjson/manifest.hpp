#pragma once
/// `manifest.json`, shaped like a FHIR Bulk Data export manifest, so that a ferry output
/// directory reads like a bulk export:
///
///     {
///       "transactionTime": "2024-05-01T12:00:00.000Z",
///       "request": "ferry run",
///       "requiresAccessToken": false,
///       "output": [
///         {"type": "Patient", "url": "Patient.ndjson", "count": 12}
///       ],
///       "error": [],
///       "deleted": [                    // only when the run carried deletes
///         {"type": "Bundle", "url": "deleted.ndjson", "count": 1}
///       ]
///     }

#include <cstdint>
#include <string>
#include <vector>

namespace ferry::ndjson {

/// One output file of a manifest.
struct ManifestOutput {
  std::string type;         ///< resource type
  std::string url;          ///< file name, relative to the manifest
  std::uint64_t count = 0;  ///< resources in the file
  /// Object storage only (written when `sha256` is set): the object's bytes and the hex
  /// SHA-256 of its content, which `ferry verify` checks.
  std::uint64_t size = 0;
  std::string sha256;
};

/// The manifest's text (2-space indent, ending with a line break). Deterministic given
/// its arguments; `outputs` are written in the order given; `deleted` (files of Bundles of
/// DELETE entries, deleted_file.hpp) only when not empty.
std::string ManifestJson(const std::vector<ManifestOutput>& outputs,
                         const std::string& transaction_time,
                         const std::vector<ManifestOutput>& deleted = {});

/// The `output` entries of a manifest's text (type, url, count, and size/sha256 when
/// present); throws PlanError naming `display_name` when it is not such a manifest.
std::vector<ManifestOutput> ParseManifestOutputs(const std::string& text,
                                                 const std::string& display_name);

}  // namespace ferry::ndjson
