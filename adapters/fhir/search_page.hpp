#pragma once
/// One page of a FHIR search: the resources of a `searchset` Bundle (entries with
/// `search.mode` "match", or no mode), the Bundle's `next` link as the server gave it
/// (paging always follows it; ferry never builds page URLs) and `total` when present.
///
///     auto page = ParseSearchPage(response.body);
///     if (!page) throw ConnectError(url + ": " + page.error());
///     for (auto& json : page->resources) ...;   // compact JSON, one resource each
///     url = page->next;                           // "" on the last page

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace ferry::fhir {

struct SearchPage {
  std::vector<std::string> resources;  ///< compact JSON of each matching resource, in order
  std::string next;                    ///< the `next` link, "" on the last page
  std::optional<std::uint64_t> total;  ///< Bundle.total when the server filled it
  std::size_t skipped = 0;             ///< entries that were not matches (include, outcome)
};

/// Parses a searchset Bundle; an error names what is wrong with it (never a value).
Result<SearchPage> ParseSearchPage(std::string_view json);

/// The `total` of a `_summary=count` search Bundle.
Result<std::uint64_t> ParseSearchTotal(std::string_view json);

}  // namespace ferry::fhir
