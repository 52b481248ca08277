#pragma once
/// The pre-flight check of references: which References of a data set point at something
/// the data set does not hold (`ferry plan --references`).
///
///     ReferenceCheck check;
///     for (each resource the run would write) check.Add(json, location);
///     ReferenceReport report = check.Finish();   // dangling references, grouped
///
/// `Add` is `Merge(ExtractReferenceFacts(...))`; worker threads may extract in parallel
/// and merge in source order (core/pipeline/reference_facts.hpp).
///
/// One pass, bounded memory. Each resource leaves 64-bit hashes (never the text) of its
/// `Type/id`, its id (for `urn:uuid:` references) and its identifiers (for conditional
/// references): 16 bytes per resource plus 16 per identifier, held in a sorted vector.
/// References whose target may come later are spooled to a temporary file and looked up
/// in `Finish` (32 bytes each: the target's hash and the referring resource's, the group,
/// the location). With `refused_kinds`, the cascade keeps a hash set of the refused
/// resources (about 40 bytes each). A hash collision (odds about n^2/2^65) can only hide
/// a dangling reference, never invent one. Nothing of an id or a value is kept or reported:
/// a group names types, an element path, a kind, a count and source locations.

#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

#include "core/pipeline/reference_facts.hpp"

namespace ferry {

/// The word for a kind in reports (`missing`, `urn`, `conditional`, ...), text and JSON.
const char* DanglingKindName(DanglingKind kind);

/// Dangling references of one (source type, element path, target type, kind).
struct DanglingGroup {
  std::string source_type;   ///< the referring resource's type
  std::string element_path;  ///< `Observation.subject`, `Encounter.participant.individual`
  std::string target_type;   ///< the referenced type; "" when the reference does not say
  DanglingKind kind = DanglingKind::kMissing;
  std::uint64_t count = 0;
  std::vector<std::string> first_locations;  ///< `file:line` of the first few, source order
};

/// Resources of one type a target refuses because they refer, directly or through other
/// refused resources, to a resource refused for a dangling reference.
struct CascadeGroup {
  std::string resource_type;
  std::uint64_t count = 0;
  std::vector<std::string> first_locations;
};

struct ReferenceReport {
  std::uint64_t resources = 0;   ///< resources in the data set
  std::uint64_t references = 0;  ///< references checked
  std::uint64_t key_bytes = 0;   ///< memory the hashes took
  std::uint64_t spool_bytes = 0; ///< size of the temporary file of references
  std::vector<DanglingGroup> groups;  ///< sorted by source type, path, target type, kind
  std::vector<CascadeGroup> cascade;  ///< sorted by type; empty unless refused_kinds is set
  bool cascade_complete = true;       ///< false when the cascade stopped at its pass limit

  std::uint64_t Dangling() const;
};

struct ReferenceCheckOptions {
  /// Base URLs whose absolute references mean this data set (the source server's).
  std::vector<std::string> local_bases;
  std::size_t max_locations = 3;  ///< locations each group keeps
  /// Kinds for which the target refuses the referring resource, which then has no target
  /// id, so that a relative reference to it fails in turn (a fhir target with `ids:
  /// server`). Empty = no cascade is computed.
  std::vector<DanglingKind> refused_kinds;
};

class ReferenceCheck {
 public:
  explicit ReferenceCheck(ReferenceCheckOptions options = {});
  ~ReferenceCheck();
  ReferenceCheck(const ReferenceCheck&) = delete;
  ReferenceCheck& operator=(const ReferenceCheck&) = delete;

  /// Adds one resource of the data set, read at `location`. Returns false (and adds
  /// nothing) when `json` is not a JSON object with a resourceType.
  bool Add(std::string_view json, const SourceLocation& location);
  /// Adds the facts of one resource (ExtractReferenceFacts with local_bases()).
  void Merge(ResourceFacts&& facts);
  /// The base URLs, each ending in '/', for ExtractReferenceFacts.
  const std::vector<std::string>& local_bases() const { return options_.local_bases; }
  /// Looks up every spooled reference and returns the groups. Call once.
  ReferenceReport Finish();

 private:
  struct Pending;
  struct Where {
    std::uint32_t file = 0;
    std::uint64_t line = 0;
  };
  using GroupKey = std::tuple<std::string, std::string, std::string, DanglingKind>;

  void CheckTarget(std::uint64_t key, std::uint32_t group, Where where);
  std::uint32_t Group(const std::string& source_type, const std::string& path, std::string_view target_type,
                      DanglingKind kind);
  void Count(std::uint32_t group, Where where);
  Where Locate(const SourceLocation& location);
  void Flush();
  /// Passes over the spool (from the start) calling `visit` on each entry.
  void ScanSpool(const std::function<void(const Pending&)>& visit);
  /// Adds to `report.cascade` what refers to the resources in `refused`.
  void Cascade(std::vector<std::uint64_t> refused, ReferenceReport& report);

  ReferenceCheckOptions options_;
  std::vector<std::uint64_t> present_;  ///< hashes of what the data set holds
  std::map<GroupKey, std::uint32_t> group_index_;
  std::vector<DanglingGroup> groups_;
  std::map<std::string, std::uint32_t> file_index_;
  std::vector<std::string> files_;
  std::vector<Pending> buffer_;  ///< spooled references not yet written to `spool_`
  std::FILE* spool_ = nullptr;
  std::uint64_t resources_ = 0;
  std::uint64_t references_ = 0;
  std::uint64_t spooled_ = 0;
  std::uint64_t from_ = 0;  ///< hash of the resource being merged
};

}  // namespace ferry
