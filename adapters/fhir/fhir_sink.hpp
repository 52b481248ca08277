#pragma once
/// The `fhir` target: writes resources to a FHIR R4 server in `batch` (default) or
/// `transaction` Bundles of `batch_size` entries (default 50; 8 for transactions under
/// `ids: server`, whose conditional creates the Medplum engine limits), sent `concurrency`
/// at a time. Idempotent: `PUT Type/id` under `ids: preserve` and `uuid5`; under `server`,
/// `POST` with `ifNoneExist` on the identifier, the target's id kept in the crosswalk.
///
/// Order: within a Write, resources are sent by type dependency rank (type_order.hpp);
/// under `ids: server` a resource whose reference points at another resource of the same
/// Write waits for a later wave (batch) or shares its transaction (`urn:uuid:` fullUrl).
/// Per-entry results come from the response Bundle: a failed entry becomes a failed
/// outcome with the HTTP status and the OperationOutcome's element paths.
///
/// Conflicts: a 409 (version conflict, e.g. HAPI under concurrent writes) or 412
/// (precondition failed, e.g. a conditional create matching several resources) means the
/// server did not apply the entry (FHIR R4 http.html#update, #concurrency), so it is sent
/// again, after a backoff with jitter, up to `conflict_retries` times (default 3): entry-level
/// conflicts of a batch go again in a Bundle of their own, a whole Bundle refused with
/// 409/412 (a transaction) goes again whole. Writes are unconditional PUTs (no If-Match),
/// so there is no version to re-read. Resends are counted as retries "409" and "412" (one
/// per entry of a batch, one per whole Bundle); an entry still in conflict after the last
/// one fails with its HTTP status.
///
/// Scan (for `ferry verify`) reads every type back with paging, mapping the target's ids
/// back to the source's.
///
///     auto sink = OpenSink(config);                 // config.state_path: crosswalk beside it
///     auto outcomes = sink->Write(resources);
///     sink->Commit();

#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "adapters/fhir/bundle.hpp"
#include "adapters/fhir/connection.hpp"
#include "adapters/fhir/crosswalk.hpp"
#include "adapters/fhir/entry_builder.hpp"
#include "adapters/fhir/id_mapper.hpp"
#include "core/adapter.hpp"

namespace ferry::fhir {

class FhirSink final : public Sink {
 public:
  explicit FhirSink(const AdapterConfig& config);

  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override;
  std::string Commit() override;
  bool ReplacesInPlace() const override { return true; }
  void Scan(const std::function<void(const StoredResource&)>& visit) override;
  /// Deletes the named resources (by their target ids) in `batch` Bundles of DELETE
  /// entries; false when the server refuses a Bundle.
  bool Remove(std::span<const ResourceKey> keys) override;

  /// The HTTP client's retries by kind plus the conflict resends ("409", "412").
  std::map<std::string, std::uint64_t> RetryCounts() const override;

 private:
  struct Item {
    std::size_t index;  ///< in the Write's batch
    PreparedEntry prepared;
  };
  /// Prepares `remaining` (indices into batch); ready items go to `ready`, waiting back to `remaining`.
  void PrepareWave(std::span<const Resource> batch, std::vector<std::size_t>& remaining,
                   std::vector<std::vector<Item>>& ready, std::vector<WriteOutcome>& outcomes);
  /// What a round of sending left in conflict (409/412): the groups to send again and
  /// one status per retry (an entry of a batch, or a whole Bundle refused).
  struct Conflicts {
    std::vector<std::vector<Item>> groups;
    std::vector<long> statuses;
  };
  /// Sends the groups of ready items (one Bundle each) and fills their outcomes; entries
  /// in conflict are sent again up to conflict_retries_ times.
  void SendGroups(std::span<const Resource> batch, std::vector<std::vector<Item>> groups,
                  std::vector<WriteOutcome>& outcomes);
  void Apply(std::span<const Resource> batch, const std::vector<Item>& group, const http::Response& response,
             std::vector<WriteOutcome>& outcomes, Conflicts& conflicts);
  /// Counts the resends of `conflicts` and waits the backoff of `round` (1 = first resend).
  void BeforeConflictRetry(const Conflicts& conflicts, int round);
  /// Resolves the conditional references of `batch` against the target (cached).
  void ResolveConditionals(std::span<const Resource> batch);
  http::Request BundleRequest(const std::vector<Item>& group) const;
  void ScanType(const std::string& type, const std::function<void(const StoredResource&)>& visit);

  Connection server_;
  Capabilities capabilities_;  ///< read when opened: the server is checked before the crosswalk is made
  BundleKind kind_ = BundleKind::kBatch;
  std::size_t bundle_size_ = 50;
  int conflict_retries_ = 3;
  mutable std::mutex conflict_mutex_;
  std::map<std::string, std::uint64_t> conflict_counts_;  ///< resends by status
  std::mt19937_64 random_;
  Crosswalk crosswalk_;
  IdMapper ids_;
  ConditionalRefs conditional_;
};

/// Opens a `fhir` target from checked config.
std::unique_ptr<Sink> OpenSink(const AdapterConfig& config);

}  // namespace ferry::fhir
