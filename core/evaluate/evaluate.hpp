#pragma once
/// `ferry evaluate`: runs the probes of an evaluation file against each provider, in
/// order, and returns the side-by-side report. Before writing anything it checks that
/// every target is empty (or that nothing there carries the provider's `prefix`), and it
/// deletes everything it wrote afterwards unless `keep` (a store file it created is
/// deleted too).
///
///     EvalConfig config = LoadEvalConfig("eval.yaml", AllAdapters());
///     EvalReport report = RunEvaluation(config, AllAdapters(), {.keep = false, .ferry_version = "0.1.0"});
///     std::string json = WriteJsonReport(report);
///
/// Throws PlanError (exit 2) for a target that already holds data, and whatever the
/// adapter throws (ConnectError, exit 3) for a target that cannot be reached; what was
/// written to that target is deleted first.

#include <span>
#include <string>

#include "core/adapter.hpp"
#include "core/evaluate/eval_config.hpp"
#include "core/evaluate/report.hpp"

namespace ferry::evaluate {

struct EvalOptions {
  bool keep = false;          ///< leave what was written in the targets
  std::string ferry_version;  ///< for the report
};

EvalReport RunEvaluation(const EvalConfig& config, std::span<const AdapterInfo* const> adapters,
                         const EvalOptions& options);

/// The machine this process runs on (from uname, /proc/cpuinfo and /proc/meminfo).
Machine ThisMachine();

}  // namespace ferry::evaluate
