#pragma once
/// `ferry verify`: reconciles the source, as mapped now, with what the target holds.
///
/// Both sides are reduced to (type, id, SHA-256 of the canonical JSON) in a scratch
/// SQLite file beside the state (so memory stays flat), then compared: per-type counts,
/// an order-independent digest per type (DigestSum), and the ids that are missing,
/// unexpected or different. The source's delete records (Bulk `deleted` entries) name ids
/// the target must not hold: one it still holds is reported as "deleted-present" (and not
/// as unexpected). Only ids are ever reported, never content.

#include <cstdint>
#include <string>
#include <vector>

#include "core/common/progress.hpp"
#include "core/plan/plan.hpp"

namespace ferry {

struct TypeVerification {
  std::string resource_type;
  std::uint64_t source_count = 0;
  std::uint64_t target_count = 0;
  std::string source_digest;  ///< DigestSum hex
  std::string target_digest;
  std::uint64_t missing = 0;      ///< in the source, not in the target
  std::uint64_t unexpected = 0;   ///< in the target, not in the source
  std::uint64_t different = 0;    ///< in both, content differs
  std::uint64_t duplicated = 0;   ///< held more than once by the target
  std::uint64_t deleted_present = 0;  ///< deleted by the source (a delete record), still in the target
  std::vector<std::string> example_ids;  ///< up to VerifyOptions::max_ids, "missing Patient/123"
  bool Matches() const {
    return missing == 0 && unexpected == 0 && different == 0 && duplicated == 0 && deleted_present == 0;
  }
};

struct VerifyResult {
  std::vector<TypeVerification> types;  ///< sorted by type
  std::uint64_t source_failed = 0;      ///< source records that cannot be mapped or validated (not expected in the target)
  bool Matches() const;
};

struct VerifyOptions {
  std::vector<std::string> only_types;
  std::size_t max_ids = 20;
  Progress* progress = nullptr;
};

/// Compares source and target of `plan`. Throws like RunPlan.
VerifyResult VerifyPlan(const Plan& plan, const VerifyOptions& options);

/// SHA-256 of the canonical form of a resource's JSON text; the server-managed
/// `meta.versionId`, `meta.lastUpdated` and `meta.source` are left out. Empty when
/// `json` does not parse.
std::string CanonicalDigest(std::string_view json);

}  // namespace ferry
