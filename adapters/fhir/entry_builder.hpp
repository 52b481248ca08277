#pragma once
/// Turns one resource into the Bundle entry that writes it to a FHIR target: its id set
/// to the target id (IdMapper), every reference rewritten to the target's ids, and the
/// request: `PUT Type/<target id>`, or under `ids: server` for a resource the target has
/// not seen, `POST Type` with a `urn:uuid:` fullUrl and, when it has an identifier with a
/// system, `ifNoneExist: identifier=<system>|<value>` (a re-run then finds it instead of
/// creating it twice).
///
/// A reference to a resource that is still waiting in the same Write (`waiting`) makes
/// the entry wait for a later wave instead of failing; resolved conditional references
/// (`Patient?identifier=...`) come from `conditional`.
///
///     PreparedEntry p = PrepareEntry(resource, ids, pending, waiting, conditional);
///     if (p.state == PreparedEntry::State::kReady) entries.push_back(p.entry);

#include <map>
#include <optional>
#include <set>
#include <string>

#include "adapters/fhir/bundle.hpp"
#include "adapters/fhir/id_mapper.hpp"
#include "core/adapter.hpp"

namespace ferry::fhir {

struct PreparedEntry {
  enum class State { kReady, kWaiting, kFailed } state = State::kReady;
  BundleEntry entry;
  std::string error;  ///< kFailed: why (no values)
};

/// Conditional reference text (`Patient?identifier=...`) -> `Patient/<target id>`, or
/// nullopt when the target has no single match.
using ConditionalRefs = std::map<std::string, std::optional<std::string>>;

PreparedEntry PrepareEntry(const Resource& resource, IdMapper& ids, const PendingRefs& pending,
                           const std::set<std::string>& waiting, const ConditionalRefs& conditional);

/// The fullUrl of a resource POSTed under `ids: server`.
std::string PendingUrn(const std::string& type, const std::string& source_id);

}  // namespace ferry::fhir
