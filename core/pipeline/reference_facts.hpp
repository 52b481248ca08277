#pragma once
/// What one resource tells the reference check (core/pipeline/reference_check.hpp): the
/// hashes of what it is (its `Type/id`, its id, its identifiers) and its references,
/// each classified and hashed. Extracting is pure, so worker threads do it in parallel;
/// ReferenceCheck::Merge then takes the facts in source order.
///
///     ResourceFacts facts = ExtractReferenceFacts(json, location, local_bases);
///     if (facts.ok) check.Merge(std::move(facts));

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.hpp"

namespace ferry {

/// Why a reference points outside the data set.
enum class DanglingKind {
  kMissing,      ///< `Type/id`: no resource of that type and id in the data set
  kUrn,          ///< `urn:uuid:x` / `urn:oid:x`: no resource with that id in the data set
  kConditional,  ///< `Type?identifier=...`: no resource of the data set has that identifier
  kUnchecked,    ///< `Type?other=...`: search criteria ferry cannot evaluate offline
  kAbsolute,     ///< `https://other.server/...`: a resource on another server
  kContained,    ///< `#x`: the resource contains no resource with that id
  kInvalid,      ///< not a reference FHIR R4 can resolve (no type, bad id)
};

/// One reference of a resource.
struct ReferenceFact {
  std::string element_path;  ///< `Observation.subject`
  std::string target_type;   ///< "" when the reference does not say
  DanglingKind kind = DanglingKind::kMissing;
  std::uint64_t target = 0;  ///< the hash the data set must hold; 0 = dangling as it is
};

struct ResourceFacts {
  bool ok = false;          ///< false: not a JSON object with a resourceType
  std::string type;
  std::uint64_t key = 0;    ///< hash of `Type/id`; 0 when the resource has no id
  std::vector<std::uint64_t> present;   ///< hashes the data set gains with it
  std::vector<ReferenceFact> references;  ///< those to look up or count
  std::uint64_t checked = 0;  ///< references seen (resolved contained ones too)
  SourceLocation location;
};

/// Extracts the facts of the resource `json` read at `location`. Absolute references under
/// one of `local_bases` (each ending in '/') count as relative.
ResourceFacts ExtractReferenceFacts(std::string_view json, SourceLocation location,
                                    const std::vector<std::string>& local_bases);

/// The hash a data set holds for `Type/id`.
std::uint64_t ResourceKeyHash(std::string_view type, std::string_view id);

}  // namespace ferry
