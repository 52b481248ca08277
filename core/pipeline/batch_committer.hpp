#pragma once
/// The last stage of a run, on one thread (and a StateWriter): takes processed batches in
/// source order, decides unchanged vs. to-write from the state, writes to the sink,
/// appends the dead-letter lines, and commits sink, dead-letter and state together. Keeps
/// the accounting of the run.
///
/// Delete items (ProcessedItem::Kind::kDelete) go to Sink::Remove in batch order with the
/// writes: a batch is cut into runs of writes and runs of deletes, each sent before the
/// next, so the later of a write and a delete of one key wins. The state keeps a deleted
/// key as a tombstone (kDeletedDigest): a repeated delete is unchanged (no Remove), a later
/// write is a new write. A sink that cannot delete gets its deletes dead-lettered.
///
/// Durable commits are grouped: at most once per kCommitInterval (and at the end), so
/// that fsyncs do not dominate. The state's part of a commit runs on a StateWriter thread
/// while the next batches go to the sink (Flush waits for it). A crash loses only the work
/// since the last durable commit, which `--resume` redoes; the sink's Restore and
/// idempotent writes make sure nothing is duplicated.

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/pipeline/dead_letter.hpp"
#include "core/pipeline/key_digest_map.hpp"
#include "core/pipeline/provenance.hpp"
#include "core/pipeline/record_processor.hpp"
#include "core/pipeline/state_writer.hpp"
#include "core/report/run_summary.hpp"
#include "core/state/state_store.hpp"

namespace ferry {

/// A batch after the workers: items in record order, and the source cursor after it.
struct ProcessedBatch {
  std::uint64_t sequence = 0;
  std::uint64_t records = 0;
  std::vector<ProcessedItem> items;
  std::string cursor;
  std::optional<double> fraction;  ///< of the source done after this batch, if known
};

class BatchCommitter {
 public:
  /// `sink`, `state` and `dead_letter` are all null on a dry run (nothing is written).
  /// `hash_key` keys the hashes that name dead-lettered records in debug logs.
  BatchCommitter(Sink* sink, StateStore* state, DeadLetterFile* dead_letter, std::string hash_key);

  /// Takes `batch` (the next in sequence); starts making it durable when the interval is
  /// up. When it throws, no state commit is left in flight.
  void Commit(ProcessedBatch& batch);
  /// Makes everything taken so far durable, and waits for it (call at the end, or when
  /// stopping). When it throws, no state commit is left in flight.
  void Flush();
  /// Tells that the source has given its last batch: the committer then starts making
  /// what it has taken durable (if that is much), in the background while the last batches
  /// are processed, so that the commit Flush makes at the very end is small.
  void SourceDone();

  /// Writes a Provenance through `writer` after each batch that wrote resources (null = none).
  void set_provenance(ProvenanceWriter* writer) { provenance_ = writer; }

  /// The accounting so far: per type and per rule.
  std::map<std::string, GroupResult>& types() { return types_; }
  std::map<std::string, GroupResult>& rules() { return rules_; }
  /// Seconds the committing thread spent in the sink and the state (or waiting for it).
  double write_seconds() const { return write_seconds_; }

 private:
  /// Sorts the resources of items [begin, end) into unchanged ones and ones to write.
  std::vector<Resource> SelectWrites(ProcessedBatch& batch, std::size_t begin, std::size_t end,
                                     std::vector<std::size_t>& write_index);
  /// Removes the resources of the delete items [begin, end) from the sink.
  void ApplyDeletes(ProcessedBatch& batch, std::size_t begin, std::size_t end);
  void WriteToSink(ProcessedBatch& batch, std::vector<Resource>& writes, const std::vector<std::size_t>& write_index);
  void Account(const ProcessedItem& item, WriteStatus status, BatchCommit& commit);
  /// Hands the resources the batch wrote to provenance_.
  void WriteProvenance(const ProcessedBatch& batch);
  /// The state's record of `key`, counting batches not yet durable.
  std::optional<StoredRecord> Lookup(std::uint64_t key);
  /// Adds committed `records` to the filter of committed keys.
  void RememberCommitted(const std::vector<RecordDigest>& records);
  void CommitBatch(ProcessedBatch& batch);
  /// Makes the sink and dead-letter file durable, then hands the state's part to writer_.
  void StartFlush();
  /// After a failure: waits for a state commit in flight, dropping its own failure.
  void WaitQuietly() noexcept;

  Sink* sink_;
  StateStore* state_;
  DeadLetterFile* dead_letter_;
  std::map<std::string, GroupResult> types_;
  std::map<std::string, GroupResult> rules_;
  ProvenanceWriter* provenance_ = nullptr;
  std::vector<WriteStatus> statuses_;  ///< per item of the current batch
  BatchCommit pending_;                ///< taken but not yet durable
  KeyDigestMap pending_digests_;       ///< key -> digest, not yet handed to the state
  KeyDigestMap committing_digests_;    ///< key -> digest of the last commit handed over
  std::size_t pending_batches_ = 0;
  std::chrono::steady_clock::time_point last_commit_;
  bool state_has_records_ = false;     ///< false: a first run; nothing to look up
  /// When the state started empty (`filter_committed_`), a Bloom filter of the keys this
  /// run has committed: a key not in it is not in the state, so its look-up is skipped (a
  /// false "maybe" only costs the look-up). Fixed size (4 MiB), made at the first commit.
  bool filter_committed_ = false;
  std::vector<std::uint64_t> committed_keys_;
  std::string hash_key_;
  double write_seconds_ = 0;
  std::unique_ptr<StateWriter> writer_;  ///< null when there is no state
};

}  // namespace ferry
