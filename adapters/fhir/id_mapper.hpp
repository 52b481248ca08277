#pragma once
/// How a FHIR target names the resources it receives, and how references are rewritten to
/// match (the `ids` plan key):
///  - `preserve`: the source id, written with `PUT Type/id` (references unchanged);
///  - `uuid5`: a name-based UUID of the source `Type/id` (RFC 4122 v5, same every run),
///    written with `PUT`; every relative reference is rewritten the same way, so it
///    resolves whatever the write order;
///  - `server`: the target assigns ids (`POST`); the ids it gives are recorded in the
///    crosswalk, and a reference is rewritten once what it points to is on the target.
/// `urn:uuid:X` references resolve to the resource whose source id is X. Every mapping is
/// recorded in the crosswalk, which also maps target ids back for `ferry verify`.
///
///     IdMapper ids(IdStrategy::kUuid5, crosswalk);
///     ids.TargetId("Patient", "123");              // "2c4f...", deterministic
///     Resolution r = ids.Resolve(ParseReference("Patient/123"), nullptr);   // Replace("Patient/2c4f...")

#include <map>
#include <optional>
#include <string>

#include "adapters/fhir/crosswalk.hpp"
#include "adapters/fhir/references.hpp"

namespace ferry::fhir {

enum class IdStrategy { kPreserve, kUuid5, kServer };

/// Parses `preserve`, `uuid5`, `server`.
std::optional<IdStrategy> ParseIdStrategy(const std::string& text);

/// References to resources of the same request (server strategy): `Type/source id` ->
/// the `urn:uuid:` fullUrl the entry carries in a transaction.
using PendingRefs = std::map<std::string, std::string>;

class IdMapper {
 public:
  IdMapper(IdStrategy strategy, Crosswalk& crosswalk) : strategy_(strategy), crosswalk_(crosswalk) {}

  IdStrategy strategy() const { return strategy_; }
  /// The target id of source `type`/`id`; nullopt under `server` until the target gave one.
  std::optional<std::string> TargetId(const std::string& type, const std::string& id);
  /// Records the target id of a written resource.
  void Record(const std::string& type, const std::string& source_id, const std::string& target_id);
  /// How a reference in a resource being written changes; `pending` may be null.
  Resolution Resolve(const ParsedReference& ref, const PendingRefs* pending);
  /// The inverse, for reading the target back: target `Type/id` -> source `Type/id`.
  Resolution ResolveBack(const ParsedReference& ref);
  /// The source id of a target resource (itself when unknown or under `preserve`).
  std::string SourceId(const std::string& type, const std::string& target_id);

 private:
  Resolution ResolveUrn(const ParsedReference& ref, const PendingRefs* pending);

  IdStrategy strategy_;
  Crosswalk& crosswalk_;
};

/// The `uuid5` id of source `type`/`id`.
std::string Uuid5Id(const std::string& type, const std::string& id);

}  // namespace ferry::fhir
