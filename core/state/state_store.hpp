#pragma once
/// The state file of a plan (SQLite, mode 0600): where the source is, what the target
/// holds, and the running accounting, all committed together once per batch so that a
/// crash at any point resumes without losing or duplicating a record.
///
/// Tables: `meta` (status, plan fingerprint, the keyed-hash key), `checkpoint` (source
/// cursor, sink checkpoint, dead-letter length), `records` and `records_recent` (a 64-bit
/// key of type+id -> 64-bit prefix of the digest of what was written: "unchanged"
/// detection; kDeletedDigest marks a resource the run deleted from the target), `counts`
/// and `failures` (the accounting so far, per type and per rule).
///
/// The record keys are hashes, so inserting a batch into one big B-tree dirties nearly
/// every page of it: each commit rewrote the whole table, and a run's writes grew with
/// the square of its size (10k patients: 0.44 GB of state writes; 30k: 3.4 GB). Commits
/// therefore go to the small `records_recent`, which is merged into `records` in key
/// order once it holds an eighth of it (at least 2^18, at most 2^21 rows); a lookup
/// reads `records_recent` first.
///
///     StateStore state(plan.state_path);
///     Checkpoint start = resume ? state.BeginResume() : state.BeginFresh(fingerprint);
///     ... state.Commit(batch) after every sink Commit ...
///     state.Finish(RunStatus::kFinished);

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/common/hash.hpp"
#include "core/report/run_summary.hpp"

namespace ferry {

class SqliteDb;
class SqliteStatement;

enum class RunStatus { kNone, kRunning, kInterrupted, kFinished };

/// Text for messages: "none", "running", "interrupted", "finished".
const char* RunStatusName(RunStatus status);

/// Where a run is, as committed.
struct Checkpoint {
  std::string source_cursor;    ///< "" = the start of the source
  std::string sink_checkpoint;  ///< for Sink::Restore
  std::uint64_t dead_letter_bytes = 0;  ///< valid length of the dead-letter file
  bool has_sink_checkpoint = false;     ///< a sink has committed at least once
};

/// The digest the state stores for a resource deleted from the target (a tombstone: a
/// later write of it is a new write, and a repeated delete of it is unchanged).
inline constexpr std::uint64_t kDeletedDigest = 0;

/// A written resource as the state remembers it.
struct RecordDigest {
  std::uint64_t key = 0;     ///< RecordKey(type, id)
  std::uint64_t digest = 0;  ///< DigestPrefix(Resource::digest), or kDeletedDigest
};

/// What the state knows of a written resource.
struct StoredRecord {
  std::uint64_t digest = 0;  ///< DigestPrefix of what was written
  std::int64_t run = 0;      ///< the run that last wrote it (see StateStore::run)
};

/// Which group a count or failure belongs to.
enum class GroupKind { kType, kRule };

/// Everything one committed batch changes.
struct BatchCommit {
  Checkpoint checkpoint;
  std::vector<RecordDigest> records;
  std::map<std::string, Counts> type_counts;  ///< deltas
  std::map<std::string, Counts> rule_counts;  ///< deltas
  std::vector<std::pair<std::string, FailureNote>> type_failures;
  std::vector<std::pair<std::string, FailureNote>> rule_failures;
};

/// The accounting so far of the current run.
struct StoredCounts {
  std::map<std::string, GroupResult> types;
  std::map<std::string, GroupResult> rules;
};

/// 64-bit key of a resource in the state: the first 8 bytes of SHA-256(type "/" id).
std::uint64_t RecordKey(std::string_view resource_type, std::string_view id);
/// First 8 bytes of a digest, as stored.
std::uint64_t DigestPrefix(const Sha256& digest);

class StateStore {
 public:
  /// Opens or creates the state file at `path`.
  explicit StateStore(const std::string& path);
  ~StateStore();

  RunStatus status() const;
  /// The plan fingerprint the state was started with ("" when new).
  std::string fingerprint() const;
  /// A random secret of this state, for keyed hashes in logs (created on first use).
  std::string HashKey();

  /// Starts a fresh pass over the source: counts cleared, cursor cleared, dead-letter
  /// restarted; the records (what the target holds) and the sink checkpoint are kept.
  Checkpoint BeginFresh(const std::string& fingerprint);
  /// Continues an unfinished run from its last committed checkpoint.
  Checkpoint BeginResume();

  /// What was last written for the resource with `key`, if anything was.
  std::optional<StoredRecord> StoredDigest(std::uint64_t key);
  /// The number of the current run (a fresh pass increments it; a resume keeps it).
  std::int64_t run() const { return run_; }
  /// Stores the source cursor alone (before the first batch: Source::StartCursor).
  void SaveSourceCursor(const std::string& cursor);
  /// Commits one batch atomically.
  void Commit(const BatchCommit& batch);
  /// Marks the end of a run.
  void Finish(RunStatus status);
  /// The accounting of the current run, as committed.
  StoredCounts LoadCounts();
  /// Number of resources the state knows as written.
  std::uint64_t RecordCount();

 private:
  std::string Meta(const std::string& key) const;
  void SetMeta(const std::string& key, const std::string& value);
  Checkpoint LoadCheckpoint();
  /// Stores `records` (in the open transaction), many rows per statement.
  void UpsertRecords(const std::vector<RecordDigest>& records);
  void AddCounts(GroupKind kind, const std::map<std::string, Counts>& deltas);
  void AddFailures(GroupKind kind, const std::vector<std::pair<std::string, FailureNote>>& failures);
  /// Moves `records_recent` into `records` (its own transaction).
  void MergeRecent();
  std::uint64_t CountRows(const char* table);
  /// Adds `counts.deleted` to a state file made before deletes were carried.
  void AddDeletedColumn();

  std::unique_ptr<SqliteDb> db_;
  std::unique_ptr<SqliteStatement> select_recent_;
  std::unique_ptr<SqliteStatement> select_digest_;
  std::unique_ptr<SqliteStatement> upsert_digest_;   ///< one row
  std::unique_ptr<SqliteStatement> upsert_digests_;  ///< kRowsPerUpsert rows
  std::int64_t run_ = 0;
  std::uint64_t merged_rows_ = 0;  ///< rows in `records`
  std::uint64_t recent_rows_ = 0;  ///< rows in `records_recent` (an upper bound)
};

}  // namespace ferry
