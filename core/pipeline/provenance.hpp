#pragma once
/// Provenance (`provenance: true` in a plan): after each batch is written, one FHIR R4
/// Provenance resource goes to the same target, so the target can show where each record
/// came from. It names, as `target`, every resource of the batch that was written (not the
/// unchanged or failed ones; a batch that wrote nothing gets none); `recorded` is the time
/// (NowInstant, which FERRY_FIXED_TIME fixes); the `agent` is ferry and its version; the
/// `policy` and the `entity` carry the SHA-256 of the plan file, and the entity describes
/// the source (adapter and path; never a secret).
///
/// Its id is `ferry-prov-` and 40 hex digits of a digest of the plan, the batch's source
/// cursor and the time, so `ferry verify` can tell Ferry's own Provenance resources from
/// migrated ones (IsFerryProvenance).
///
///     ProvenanceWriter provenance(*sink, plan);
///     provenance.AfterBatch(written_resources);  // one Provenance, written to the sink

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/adapter.hpp"
#include "core/plan/plan.hpp"

namespace ferry {

/// What a Provenance says besides its targets.
struct ProvenanceContext {
  std::string plan_sha256;   ///< SHA-256 of the plan file, hex
  std::string source;        ///< `csv source clinic/csv`
  std::string ferry_version;
};

/// The context of `plan`.
ProvenanceContext ProvenanceContextOf(const Plan& plan);

/// The Provenance resource for `targets` (`Type/id` each), as compact JSON, with `id`.
std::string ProvenanceJson(const ProvenanceContext& context, std::string_view id,
                           const std::vector<std::string>& targets, std::string_view recorded);

/// True for a Provenance Ferry wrote (by its id).
bool IsFerryProvenance(std::string_view resource_type, std::string_view id);

class ProvenanceWriter {
 public:
  ProvenanceWriter(Sink& sink, ProvenanceContext context) : sink_(sink), context_(std::move(context)) {}
  /// Writes the Provenance of a batch that wrote `written` (nothing when it is empty);
  /// `cursor` is the batch's source cursor. Throws IoError when the target refuses it.
  void AfterBatch(const std::vector<const Resource*>& written, const std::string& cursor);
  /// Provenance resources written so far.
  std::uint64_t count() const { return count_; }

 private:
  Sink& sink_;
  ProvenanceContext context_;
  std::uint64_t count_ = 0;
};

}  // namespace ferry
