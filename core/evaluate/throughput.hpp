#pragma once
/// Throughput and latency of a target: the population written (import) and read back
/// (export) by 1, 4, 16... concurrent writers/readers, each with its own sink instance
/// (its own connection or file handle), as the adapter allows. Each level writes its own
/// relabelled copy (ids prefixed `t<level>-`), so no level finds the previous one's
/// resources already there. A request is one Sink::Write of `batch_size` resources (one
/// transaction or one bundle); its latency is measured around the call. Figures are for
/// this machine and this target only.
///
///     ThroughputResult result = MeasureThroughput(open_sink, population, "", {1, 4, 16}, 50, written);
///     result.import_levels[1].resources_per_second;

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/adapter.hpp"

namespace ferry::evaluate {

/// Opens a new sink instance on the evaluated target; throws what the adapter throws.
using SinkFactory = std::function<std::unique_ptr<Sink>()>;

struct Latency {
  double p50_ms = 0, p95_ms = 0, p99_ms = 0;
};

/// One concurrency level of import or export.
struct LevelResult {
  int concurrency = 1;
  std::uint64_t resources = 0;  ///< written (import) or read (export)
  std::uint64_t requests = 0;   ///< Write calls (import) or full reads (export)
  std::uint64_t failed = 0;     ///< resources refused (import) or readers that failed
  std::uint64_t throttled = 0;  ///< refusals that said 429 / too many requests
  double seconds = 0;
  double resources_per_second = 0;
  Latency latency;
  std::string error;  ///< the first fatal error at this level ("" when none)
};

struct ThroughputResult {
  std::size_t batch_size = 0;
  std::vector<LevelResult> import_levels;
  std::vector<LevelResult> export_levels;
  std::optional<int> throttled_from;  ///< lowest concurrency that saw a 429, if any
};

/// Measures import then export at each level; `population` is unprefixed and each level's
/// copy gets ids `<id_prefix>t<level>-<id>`. `written` gets the key of every resource
/// written (for cleanup).
ThroughputResult MeasureThroughput(const SinkFactory& open_sink, const std::vector<Resource>& population,
                                   const std::string& id_prefix, const std::vector<int>& levels,
                                   std::size_t batch_size, std::vector<ResourceKey>& written);

/// Nearest-rank percentiles of `samples_ms` (sorted in place); zeros when empty.
Latency Percentiles(std::vector<double>& samples_ms);

/// True when a refusal message says the target is throttling (HTTP 429).
bool IsThrottled(const std::string& message);

}  // namespace ferry::evaluate
