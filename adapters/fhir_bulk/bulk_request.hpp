#pragma once
/// What a `fhir-bulk` plan asks for, and the `$export` kick-off URL built from it (FHIR
/// Bulk Data Access IG v2: system, Patient or Group level; `_outputFormat`, `_type`,
/// `_since`, `_until`, `_typeFilter` passed only when set).
///
///     BulkRequest request{.base_url = "https://fhir.example.org/r4", .level = ExportLevel::kPatient,
///                         .types = {"Patient", "Observation"}};
///     KickoffUrl(request);  // https://fhir.example.org/r4/Patient/$export?_outputFormat=...&_type=Patient,Observation

#include <string>
#include <string_view>
#include <vector>

namespace ferry::fhir_bulk {

/// Which `$export` operation.
enum class ExportLevel {
  kSystem,   ///< [base]/$export
  kPatient,  ///< [base]/Patient/$export
  kGroup,    ///< [base]/Group/[id]/$export
};

struct BulkRequest {
  std::string base_url;                  ///< FHIR base, without a trailing '/'
  ExportLevel level = ExportLevel::kSystem;
  std::string group_id;                  ///< for kGroup
  std::vector<std::string> types;        ///< `_type` (empty = not sent)
  std::string since;                     ///< `_since` instant ("" = not sent)
  std::string until;                     ///< `_until` instant ("" = not sent)
  std::vector<std::string> type_filters; ///< one `_typeFilter` each, e.g. `Observation?status=final`
  std::string output_format = "application/fhir+ndjson";
};

/// "system", "patient" or "group"; the plan's `level:` values.
ExportLevel ParseExportLevel(std::string_view text, bool& ok);

/// The kick-off URL (query values percent-encoded).
std::string KickoffUrl(const BulkRequest& request);

/// `text` with every byte outside RFC 3986's unreserved set percent-encoded.
std::string PercentEncode(std::string_view text);

}  // namespace ferry::fhir_bulk
