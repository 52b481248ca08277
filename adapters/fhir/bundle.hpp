#pragma once
/// Batch and transaction Bundles for a FHIR target: building the request Bundle from
/// entries (resources already as compact JSON), and reading the per-entry results of the
/// `batch-response` / `transaction-response`.
///
///     std::vector<BundleEntry> entries = {{.method = "PUT", .url = "Patient/p1", .resource = json}};
///     std::string body = BuildBundle(BundleKind::kBatch, entries);
///     auto results = ParseBundleResponse(response.body, entries.size());
///     if (results && (*results)[0].status >= 400) dead_letter((*results)[0].error);

#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace ferry::fhir {

enum class BundleKind { kBatch, kTransaction };

struct BundleEntry {
  std::string method;         ///< PUT, POST
  std::string url;            ///< `Patient/p1`, `Patient`, `Patient?identifier=...`
  std::string full_url;       ///< "" or `urn:uuid:...` (lets other entries of a transaction reference it)
  std::string resource;       ///< compact JSON of the resource
  std::string if_none_exist;  ///< POST: conditional create criteria (`identifier=sys|val`)
};

/// The request Bundle as JSON text.
std::string BuildBundle(BundleKind kind, const std::vector<BundleEntry>& entries);

struct EntryResult {
  long status = 0;       ///< from `response.status` ("201 Created" -> 201)
  std::string type;      ///< resource type from `response.location` or the resource
  std::string id;        ///< id the server holds the resource under ("" if it did not say)
  std::string error;     ///< for status >= 400: OutcomeText of the entry's outcome
};

/// Results of a response Bundle, one per request entry; an error when the response does
/// not have `expected` entries or is not a Bundle.
Result<std::vector<EntryResult>> ParseBundleResponse(std::string_view json, std::size_t expected);

}  // namespace ferry::fhir
