#pragma once
/// An evaluation file (YAML, version 1) for `ferry evaluate`, loaded and checked into
/// plain structs with every mistake reported at once as `file:line:col: message`, the
/// same way plans are (each provider's `target:` is checked exactly like a plan's). See
/// ferry-evaluate(5).
///
///     EvalConfig config = LoadEvalConfig("eval.yaml", AllAdapters());   // throws PlanError
///     EvalConfig one = EvalConfigFromPlan(LoadPlan("plan.yaml", AllAdapters()));

#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/evaluate/cost.hpp"
#include "core/plan/plan.hpp"

namespace ferry::evaluate {

enum class Probe { kCapabilities, kFidelity, kThroughput, kLimits, kCost };

/// The probe names as written in the file, in report order.
const std::vector<std::string>& ProbeNames();

struct ProviderConfig {
  std::string name;
  std::string location;  ///< `eval.yaml:12:5` of the provider entry
  AdapterConfig target;
  std::string prefix;    ///< put before every id written; allows a target holding data
  std::optional<Pricing> pricing;
};

struct EvalConfig {
  std::string path;
  std::string name;
  std::uint64_t patients = 10;
  std::uint64_t seed = 1;
  std::uint64_t extrapolate_to = 0;  ///< 0 = the evaluated population
  std::set<Probe> probes = {Probe::kCapabilities, Probe::kFidelity, Probe::kThroughput, Probe::kLimits, Probe::kCost};
  std::optional<double> min_fidelity;
  std::vector<int> concurrency = {1, 4, 16};
  std::size_t batch_size = 50;
  std::uint64_t max_resource_bytes = 1 << 20;
  std::uint64_t max_batch = 1000;
  std::size_t max_examples = 5;
  std::vector<ProviderConfig> providers;

  bool Runs(Probe probe) const { return probes.count(probe) != 0; }
};

/// Loads and checks the evaluation file at `path`. Throws PlanError listing every error.
EvalConfig LoadEvalConfig(const std::string& path, std::span<const AdapterInfo* const> adapters);

/// A one-provider evaluation of `plan`'s target, with the defaults above.
EvalConfig EvalConfigFromPlan(const Plan& plan);

}  // namespace ferry::evaluate
