#pragma once
/// Opens what a plan names: the source adapter, its mapping spec and mapper, the target
/// adapter. Shared by run, verify, plan and mapping test, so each opens them the same way.

#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/plan/plan.hpp"
#include "core/transform/transform_chain.hpp"
#include "mappings/engine/mapper.hpp"

namespace ferry {

/// The source side of a plan, opened.
struct SourceParts {
  const AdapterInfo* info = nullptr;
  std::unique_ptr<MappingSpec> spec;      ///< null for FHIR sources
  std::unique_ptr<Mapper> mapper;         ///< null for FHIR sources
  std::set<std::string> wanted_types;     ///< empty = every type
  std::vector<std::string> streams;       ///< what the source is asked to read
  std::unique_ptr<Source> source;
  std::unique_ptr<transform::TransformChain> transforms;  ///< the plan's `transforms:` (may be empty)
};

/// Resource types to migrate: the plan's `resources` narrowed by `only` (from --only).
/// Unknown type names are a PlanError.
std::set<std::string> WantedTypes(const Plan& plan, const std::vector<std::string>& only);

/// Loads the mapping (if any) and opens the source for the wanted types.
SourceParts OpenSourceParts(const Plan& plan, const std::vector<std::string>& only);

/// Opens the plan's target.
std::unique_ptr<Sink> OpenTarget(const Plan& plan);

/// SHA-256 of the plan file and its mapping spec, to notice a change between runs.
std::string PlanFingerprint(const Plan& plan);

}  // namespace ferry
