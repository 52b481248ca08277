#pragma once
/// Limits of a target, probed with synthetic `Basic` resources (no real data): the
/// largest resource and the largest write batch it accepts (bisected up to a cap), whether
/// numeric ids and 64-character ids are kept, and what it does with an invalid resource
/// (refused, or silently stored).
///
///     LimitsResult limits = ProbeLimits(open_sink, {.id_prefix = "ev-"}, written);
///     limits.largest_resource_bytes;   // == cap and reached_resource_cap when never refused

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "core/evaluate/throughput.hpp"

namespace ferry::evaluate {

struct LimitsOptions {
  std::string id_prefix;
  std::uint64_t max_resource_bytes = 1 << 20;  ///< bisection cap for one resource
  std::uint64_t max_batch = 1000;              ///< bisection cap for one write batch
};

/// Outcome of writing one test resource.
enum class Acceptance {
  kKept,      ///< written and read back the same
  kAltered,   ///< written, read back different or not found
  kRefused,   ///< the target refused it
};

struct LimitsResult {
  std::uint64_t largest_resource_bytes = 0;  ///< largest accepted (0: even the smallest refused)
  bool reached_resource_cap = false;
  std::uint64_t largest_batch = 0;  ///< largest accepted write batch, in resources
  bool reached_batch_cap = false;
  Acceptance numeric_id = Acceptance::kRefused;  ///< not tried when a prefix is set
  bool numeric_id_tried = false;
  Acceptance id_64_chars = Acceptance::kRefused;
  Acceptance id_65_chars = Acceptance::kRefused;  ///< FHIR allows 64; accepting 65 is lax
  Acceptance invalid_resource = Acceptance::kRefused;  ///< kKept/kAltered: silently stored
  /// Why the target refused, per probe ("id_64_chars": "HTTP 400 ..."), as the adapter
  /// says it (adapters put no field values in refusals); the last refusal of a bisection.
  std::map<std::string, std::string> refusals;
  LimitsOptions options;
};

/// Probes; every key written is appended to `written` (for cleanup). Throws what the
/// adapter throws when the target cannot be reached at all.
LimitsResult ProbeLimits(const SinkFactory& open_sink, const LimitsOptions& options,
                         std::vector<ResourceKey>& written);

/// "kept", "altered" or "refused".
const char* AcceptanceName(Acceptance acceptance);

}  // namespace ferry::evaluate
