#pragma once
/// The last stage of a run, on one thread: takes processed batches in source order,
/// decides unchanged vs. to-write from the state, writes to the sink, appends the
/// dead-letter lines, and commits sink, dead-letter and state together. Keeps the
/// accounting of the run.

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/adapter.hpp"
#include "core/pipeline/dead_letter.hpp"
#include "core/pipeline/record_processor.hpp"
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
  BatchCommitter(Sink* sink, StateStore* state, DeadLetterFile* dead_letter);

  /// Commits `batch` (the next in sequence).
  void Commit(ProcessedBatch& batch);

  /// The accounting so far: per type and per rule.
  std::map<std::string, GroupResult>& types() { return types_; }
  std::map<std::string, GroupResult>& rules() { return rules_; }
  /// Seconds spent in the sink and the state.
  double write_seconds() const { return write_seconds_; }

 private:
  /// Sorts the batch's resources into unchanged ones and ones to write.
  std::vector<Resource> SelectWrites(ProcessedBatch& batch, std::vector<std::size_t>& write_index);
  void WriteToSink(ProcessedBatch& batch, std::vector<Resource>& writes, const std::vector<std::size_t>& write_index);
  void Account(const ProcessedItem& item, WriteStatus status, BatchCommit& commit);
  void CommitDurably(const ProcessedBatch& batch, BatchCommit& commit);

  Sink* sink_;
  StateStore* state_;
  DeadLetterFile* dead_letter_;
  std::map<std::string, GroupResult> types_;
  std::map<std::string, GroupResult> rules_;
  std::vector<WriteStatus> statuses_;  ///< per item of the current batch
  double write_seconds_ = 0;
  bool has_sink_checkpoint_ = false;
};

}  // namespace ferry
