#include "core/evaluate/evaluate.hpp"

#include <sys/utsname.h>

#include <fstream>
#include <thread>

#include "core/common/clock.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"
#include "core/common/strings.hpp"
#include "core/evaluate/population.hpp"
#include "core/evaluate/provider_run.hpp"

namespace ferry::evaluate {

namespace {

const AdapterInfo& Lookup(std::span<const AdapterInfo* const> adapters, const std::string& name) {
  for (const AdapterInfo* info : adapters) {
    if (info->name == name) return *info;
  }
  throw PlanError("unknown adapter '" + name + "'");
}

/// The value after `key` and ':' on the first line of `path` that starts with `key`.
std::string ProcField(const char* path, const std::string& key) {
  std::ifstream in(path);
  for (std::string line; std::getline(in, line);) {
    if (!StartsWith(line, key)) continue;
    std::size_t colon = line.find(':');
    if (colon != std::string::npos) return std::string(Trim(std::string_view(line).substr(colon + 1)));
  }
  return "";
}

}  // namespace

Machine ThisMachine() {
  Machine machine;
  struct utsname name {};
  if (uname(&name) == 0) machine.os = std::string(name.sysname) + " " + name.release + " " + name.machine;
  machine.cpu = ProcField("/proc/cpuinfo", "model name");
  if (machine.cpu.empty()) machine.cpu = "unknown CPU";
  machine.cores = std::thread::hardware_concurrency();
  std::string memory = ProcField("/proc/meminfo", "MemTotal");  // "16318460 kB"
  if (!memory.empty()) machine.memory_bytes = std::stoull(memory) * 1024;
  return machine;
}

EvalReport RunEvaluation(const EvalConfig& config, std::span<const AdapterInfo* const> adapters,
                         const EvalOptions& options) {
  std::vector<ProviderRun> runs;
  runs.reserve(config.providers.size());
  for (const ProviderConfig& provider : config.providers) runs.emplace_back(config, provider, Lookup(adapters, provider.target.adapter));
  std::vector<std::string> refusals;
  try {
    for (ProviderRun& run : runs) {
      if (std::string refusal = run.Preflight(); !refusal.empty()) refusals.push_back(refusal);
    }
    if (!refusals.empty()) throw PlanError(Join(refusals, "\n"));
  } catch (...) {  // a refusal or an unreachable target: leave no file the checks created
    for (ProviderRun& run : runs) run.RemoveCreatedFiles();
    throw;
  }

  EvalReport report;
  report.name = config.name;
  report.ferry_version = options.ferry_version;
  report.generated_at = NowInstant();
  report.machine = ThisMachine();
  report.patients = config.patients;
  report.seed = config.seed;
  report.extrapolate_to = config.extrapolate_to == 0 ? config.patients : config.extrapolate_to;
  report.min_fidelity = config.min_fidelity;
  for (Probe probe : config.probes) report.probes.push_back(ProbeNames()[static_cast<std::size_t>(probe)]);
  std::vector<Resource> population = MakePopulation({config.patients, config.seed, ""});
  report.resources = population.size();
  for (const Resource& resource : population) report.population_types[resource.resource_type]++;
  for (std::size_t index = 0; index < runs.size(); ++index) {
    FERRY_INFO("evaluating provider " + config.providers[index].name);
    report.providers.push_back(runs[index].Run(population, options.keep));
  }
  return report;
}

}  // namespace ferry::evaluate
