#pragma once
/// `ferry run`: source -> map -> validate -> sink, streaming with bounded queues.
///
/// One reader thread pulls batches from the source; a pool of workers maps and
/// validates them (RecordProcessor); the calling thread commits them in source order
/// (BatchCommitter). At most `options.queue_batches` batches are in flight, so memory
/// does not grow with the input. Every committed batch moves the state's cursor, so a
/// crash loses no work and `--resume` continues after the last committed batch.
///
///     RunOptions options;
///     options.resume = true;
///     RunSummary summary = RunPlan(plan, options);   // exit code in summary.exit_code

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/common/progress.hpp"
#include "core/plan/plan.hpp"
#include "core/report/run_summary.hpp"

namespace ferry {

struct RunOptions {
  bool dry_run = false;   ///< read, map and validate only; no target, state or dead-letter
  bool resume = false;    ///< continue an unfinished run
  std::optional<std::uint64_t> limit;   ///< stop after this many source records
  std::vector<std::string> only_types;  ///< narrow the plan's resource types
  const std::atomic<bool>* stop = nullptr;  ///< set by a signal handler: finish in-flight batches, save, stop
  Progress* progress = nullptr;
};

/// Runs `plan`. Throws PlanError (bad plan/mapping/state), ConnectError/IoError (source
/// or target failed). Record failures do not throw: they are dead-lettered and counted.
RunSummary RunPlan(const Plan& plan, const RunOptions& options);

}  // namespace ferry
