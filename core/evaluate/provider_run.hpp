#pragma once
/// One provider's part of an evaluation: preflight (is the target empty?), the probes in
/// order (capabilities, round trip for fidelity and cost, throughput, limits) and the
/// cleanup. Used by RunEvaluation (evaluate.hpp).
///
///     ProviderRun run(config, provider, *info);
///     run.Preflight();                       // throws PlanError when the target holds data
///     ProviderReport report = run.Run(population, keep);

#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/evaluate/eval_config.hpp"
#include "core/evaluate/report.hpp"

namespace ferry::evaluate {

class ProviderRun {
 public:
  ProviderRun(const EvalConfig& config, const ProviderConfig& provider, const AdapterInfo& info);

  /// Checks the target holds nothing of the evaluation's (or nothing at all, without a
  /// prefix: then reading stops at the first resource); returns the error message, or ""
  /// when it may be used.
  std::string Preflight();
  /// Deletes the store file (and the crosswalk) when the evaluation created them; true
  /// when it did. For a run that stops after Preflight.
  bool RemoveCreatedFiles();
  /// Runs the probes on `population` (unprefixed) and cleans up unless `keep`.
  ProviderReport Run(const std::vector<Resource>& population, bool keep);

 private:
  std::unique_ptr<Sink> Open() const;
  bool Owned(std::string_view id) const;
  Capabilities ProbeCapabilities(const std::vector<Resource>& population, Sink& sink) const;
  /// Fills the FHIR part from the server's CapabilityStatement.
  void ReadStatement(Capabilities& capabilities) const;
  void RoundTrip(const std::vector<Resource>& population, ProviderReport& report);
  /// FHIR servers: updates the probe patient and reads its _history.
  std::optional<Check> ProbeHistory(const std::vector<Resource>& population, ProviderReport& report);
  void CheckThresholds(ProviderReport& report) const;
  void CleanUp(ProviderReport& report);

  const EvalConfig& config_;
  const ProviderConfig& provider_;
  const AdapterInfo& info_;
  AdapterConfig target_;          ///< provider_.target, plus a shared state path when needed
  std::string store_file_;        ///< the target's `path`, when it has one
  bool store_file_existed_ = true;
  std::vector<ResourceKey> written_;
};

}  // namespace ferry::evaluate
