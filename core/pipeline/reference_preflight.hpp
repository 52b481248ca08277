#pragma once
/// `ferry plan --references`: reads (and maps) the plan's whole source as a run would,
/// without touching the target, and lists the references that point outside the data set
/// the run would write, with what the plan's target will do with each kind.
///
///     ReferencePreflight found = CheckPlanReferences(plan, {}, progress.get());
///     std::fputs(RenderReferencePreflight(found).c_str(), stdout);
///     WriteFileAtomically(report_path, ReferencePreflightJson(found));
///
/// The data set is what a run would write: resources of the wanted types that map and
/// validate. A record that fails is left out (counted), so a reference to it dangles too.
/// No id or value is ever printed: types, element paths, kinds, counts and locations.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/progress.hpp"
#include "core/pipeline/reference_check.hpp"
#include "core/plan/plan.hpp"

namespace ferry {

struct ReferencePreflight {
  ReferenceReport report;
  std::uint64_t records = 0;   ///< source records read
  std::uint64_t left_out = 0;  ///< mapped resources that fail mapping or validation
  std::string target;          ///< the target adapter, `fhir (ids: server)`
  std::string target_adapter;  ///< `fhir`, `ndjson`, ...
  std::string ids;             ///< the fhir target's `ids:` strategy, "" for others
};

/// Reads the plan's source for `only` types (empty = the plan's) and checks references.
/// Throws as a run would when the source cannot be opened or read.
ReferencePreflight CheckPlanReferences(const Plan& plan, const std::vector<std::string>& only, Progress* progress);

/// What the target does with a dangling reference of `kind`, in a few words.
std::string TargetConsequence(const ReferencePreflight& found, DanglingKind kind);

/// Human-readable text: one line per group, then each kind found with its consequence.
std::string RenderReferencePreflight(const ReferencePreflight& found);

/// The same as a JSON document (`{"references": {...}}`), for `--report`.
std::string ReferencePreflightJson(const ReferencePreflight& found);

}  // namespace ferry
