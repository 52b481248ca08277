#include "core/transform/transform_chain.hpp"

#include "core/common/clock.hpp"
#include "core/common/error.hpp"
#include "core/transform/date_shift.hpp"

namespace ferry::transform {

TransformChain::TransformChain(const std::vector<TransformConfig>& configs, const std::string& plan_dir) {
  int year = YearOf(NowInstant()).value_or(1970);
  for (const auto& config : configs) {
    try {
      deidentifiers_.emplace_back(LoadDeidProfile(config.profile, plan_dir), config.key, year);
    } catch (const PlanError& error) {
      throw PlanError(config.location + ": deidentify: " + error.what());
    }
  }
}

void TransformChain::Apply(JsonDocument& doc) const {
  ChangeCounts counts;
  for (const auto& deidentifier : deidentifiers_) deidentifier.Apply(doc, counts);
  std::lock_guard lock(mutex_);
  for (auto& [change, count] : counts) totals_[change] += count;
}

ChangeCounts TransformChain::Totals() const {
  std::lock_guard lock(mutex_);
  return totals_;
}

}  // namespace ferry::transform
