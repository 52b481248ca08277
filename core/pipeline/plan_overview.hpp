#pragma once
/// `ferry plan`: what a run would do, without running it — the source streams with their
/// record counts (where cheap) and column coverage, the mapping rules, the target.

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/plan/plan.hpp"

namespace ferry {

struct StreamOverview {
  std::string stream;
  std::optional<std::uint64_t> records;      ///< when the source can count cheaply
  std::vector<std::string> unread_columns;   ///< columns no rule reads
  std::vector<std::string> missing_columns;  ///< columns rules read that the source lacks
  std::vector<std::string> rules;            ///< rules reading this stream
};

struct PlanOverview {
  std::string plan_name;
  std::string source;   ///< `csv (/abs/path)`
  std::string mapping;  ///< spec path, "" for FHIR sources
  std::string target;   ///< `sqlite (/abs/path), write: upsert`
  std::vector<std::string> resource_types;  ///< empty = all
  std::vector<StreamOverview> streams;
  std::string state_path;
  std::string dead_letter_path;
};

/// Opens the plan's source (no target access) and describes the run.
PlanOverview DescribePlan(const Plan& plan, const std::vector<std::string>& only_types);

/// Human-readable text of `overview`.
std::string RenderPlanOverview(const PlanOverview& overview);

}  // namespace ferry
