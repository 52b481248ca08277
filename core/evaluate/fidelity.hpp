#pragma once
/// Round-trip fidelity: what a target did to the resources it was sent, element by
/// element. Feed it what was sent and what was read back; it matches resources (by the
/// evaluation's meta.tag, else by type and id), diffs their canonical leaves per element
/// path (element_leaves.hpp) and counts, per resource type and path, the values kept,
/// changed, dropped and added, with up to `max_examples` concrete paths (never values).
///
///     FidelityDiff diff(5);
///     for (const Resource& r : population) diff.AddSent(r.json);
///     sink.Scan([&](const StoredResource& s) { diff.AddReceived(s.json); });
///     FidelityResult result = diff.Finish();
///     result.Score();   // kept leaves / sent leaves
///
/// Server-added meta (a meta element the resource was not sent with, such as versionId)
/// is not a difference. The checks answer the usual questions: ids kept? references
/// resolve? meta.lastUpdated kept? decimal precision kept? extensions kept? unicode kept?

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/evaluate/element_leaves.hpp"

namespace ferry::evaluate {

/// Leaf counts: `kept + changed + dropped` is what was sent.
struct LeafCounts {
  std::uint64_t kept = 0, changed = 0, dropped = 0, added = 0;
  std::uint64_t Sent() const { return kept + changed + dropped; }
};

/// One element path of one resource type that differed.
struct PathDiff {
  std::string resource_type;
  std::string path;
  LeafCounts counts;
  std::vector<std::string> examples;  ///< concrete paths (`Patient.name[1].given[0]`)
};

/// Per resource type.
struct TypeFidelity {
  std::uint64_t resources_sent = 0, resources_received = 0, resources_matched = 0;
  LeafCounts leaves;
  /// kept / sent leaves (1 when nothing was sent).
  double Score() const;
};

/// How many of `total` were kept.
struct Check {
  std::uint64_t total = 0, kept = 0;
  bool Ok() const { return kept == total; }
};

struct FidelityChecks {
  Check ids;             ///< matched resources whose id came back the same
  Check references;      ///< relative references read back that resolve in what was read back
  Check last_updated;    ///< resources sent with meta.lastUpdated that came back with it unchanged
  Check decimals;        ///< decimal values kept exactly (precision included)
  std::uint64_t decimals_precision_lost = 0;  ///< of those not kept: same value, fewer/more digits
  Check extensions;      ///< values inside extensions kept
  Check unicode;         ///< non-ASCII strings kept
  /// FHIR servers: the probe patient updated once; kept when `_history` still has the
  /// first version. Absent for stores (they keep the current version only).
  std::optional<Check> history;
};

struct FidelityResult {
  std::map<std::string, TypeFidelity> types;
  std::vector<PathDiff> paths;  ///< only paths with a difference, by type then path
  std::uint64_t paths_compared = 0;
  std::uint64_t unreadable = 0;  ///< read-back resources that were not JSON objects
  FidelityChecks checks;
  LeafCounts Total() const;
  /// kept / sent leaves over every type (1 when nothing was sent).
  double Score() const;
};

class FidelityDiff {
 public:
  explicit FidelityDiff(std::size_t max_examples) : max_examples_(max_examples) {}
  /// A resource as it was sent (ferry's own JSON: always parses).
  void AddSent(std::string_view json);
  /// A resource as the target gave it back.
  void AddReceived(std::string_view json);
  /// Matches, diffs and counts. Call once.
  FidelityResult Finish();

 private:
  struct Group;
  void DiffPair(const FlatResource& sent, const FlatResource* received);
  void DiffPath(const std::string& type, const std::string& path, std::vector<const Leaf*>& sent,
                std::vector<const Leaf*>& received);
  void Tally(const Leaf& leaf, bool kept);
  PathDiff& PathFor(const std::string& type, const std::string& path);
  void AddExample(PathDiff& diff, const std::string& concrete);
  void CountReferences(const std::vector<FlatResource>& received);

  std::size_t max_examples_;
  std::vector<FlatResource> sent_, received_;
  std::map<std::pair<std::string, std::string>, PathDiff> paths_;
  FidelityResult result_;
};

}  // namespace ferry::evaluate
