#pragma once
/// The plan's `transforms:`, applied in order to every resource before it is written, from
/// the worker threads. Today the one transform is `deidentify` (deidentifier.hpp). It also
/// adds up what the transforms changed, for the run report.
///
///     TransformChain chain(plan.transforms, plan.dir);  // throws PlanError for a bad profile
///     if (!chain.empty()) chain.Apply(doc);            // thread-safe
///     ChangeCounts totals = chain.Totals();

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "core/fhir/json.hpp"
#include "core/plan/plan.hpp"
#include "core/transform/deidentifier.hpp"

namespace ferry::transform {

class TransformChain {
 public:
  /// Loads the profiles of `configs` (paths relative to `plan_dir`). Ages are counted to
  /// the year of NowInstant() (FERRY_FIXED_TIME fixes it).
  TransformChain(const std::vector<TransformConfig>& configs, const std::string& plan_dir);

  bool empty() const { return deidentifiers_.empty(); }
  /// Applies every transform to the resource `doc`, in place.
  void Apply(JsonDocument& doc) const;
  /// What every Apply so far changed, by element path and change.
  ChangeCounts Totals() const;

 private:
  std::vector<Deidentifier> deidentifiers_;
  mutable std::mutex mutex_;
  mutable ChangeCounts totals_;
};

}  // namespace ferry::transform
