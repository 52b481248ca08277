#pragma once
/// The result of `ferry evaluate`: one ProviderReport per provider, side by side, and
/// the machine it was measured on. Written as JSON (report_json.hpp; schema in
/// core/evaluate/evaluate-report.schema.json), Markdown and a self-contained HTML page.
/// It holds counts, element paths, sizes and timings only, never a resource value.
///
///     EvalReport report = RunEvaluation(config, AllAdapters(), options);
///     WriteJsonReport(report);  report.Passed();

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/evaluate/cost.hpp"
#include "core/evaluate/fidelity.hpp"
#include "core/evaluate/limits.hpp"
#include "core/evaluate/throughput.hpp"

namespace ferry::evaluate {

/// Where the figures were measured; absolute figures only hold for this machine.
struct Machine {
  std::string os;   ///< `Linux 6.1.0 x86_64`
  std::string cpu;  ///< model name
  unsigned cores = 0;
  std::uint64_t memory_bytes = 0;
};

/// What the target says it can do.
struct Capabilities {
  std::string kind;     ///< "store" (a Ferry sink read back with Scan) or "fhir" (a FHIR server)
  std::string summary;  ///< the adapter's one-line description
  bool reads_back = true;
  bool deletes = false;
  bool replaces_in_place = true;
  std::vector<std::string> types_needed;     ///< resource types of the population
  std::vector<std::string> types_missing;    ///< of those, the ones the target does not take
  /// For kind "fhir": what the CapabilityStatement says.
  struct Fhir {
    std::string fhir_version, software;
    std::uint64_t resource_types = 0, search_params = 0;
    bool batch = false, transaction = false, bulk_export = false, bulk_import = false;
    std::vector<std::string> types_without_update;  ///< population types with no `update` (PUT)
  };
  std::optional<Fhir> fhir;
};

struct Cleanup {
  bool kept = false;            ///< --keep: nothing deleted
  bool supported = true;        ///< the adapter can delete
  std::uint64_t removed = 0;    ///< resources deleted
  bool removed_store_file = false;  ///< the store file the evaluation created was deleted
};

struct ProviderReport {
  std::string name, adapter, location, prefix;
  std::vector<std::string> failures;  ///< thresholds not met
  std::vector<std::string> notes;     ///< what could not be measured and why
  std::optional<Capabilities> capabilities;
  std::optional<FidelityResult> fidelity;
  std::uint64_t write_refused = 0;  ///< population resources the target refused
  std::optional<ThroughputResult> throughput;
  std::optional<LimitsResult> limits;
  std::optional<CostResult> cost;
  Cleanup cleanup;
  bool Passed() const { return failures.empty(); }
};

struct EvalReport {
  std::string name;
  std::string ferry_version;
  std::string generated_at;  ///< UTC instant
  Machine machine;
  std::uint64_t patients = 0, seed = 0, extrapolate_to = 0, resources = 0;
  std::map<std::string, std::uint64_t> population_types;
  std::optional<double> min_fidelity;
  std::vector<std::string> probes;
  std::vector<ProviderReport> providers;

  bool Passed() const {
    for (const ProviderReport& provider : providers) {
      if (!provider.Passed()) return false;
    }
    return true;
  }
};

/// The sentence every report carries next to its timings.
inline constexpr const char* kMachineNote =
    "Throughput and latency are absolute figures for this machine and this run; they depend on the machine "
    "and its load. Compare providers measured in the same run.";

/// Serialisations (each complete, UTF-8).
std::string WriteJsonReport(const EvalReport& report);
std::string WriteMarkdownReport(const EvalReport& report);
std::string WriteHtmlReport(const EvalReport& report);

}  // namespace ferry::evaluate
