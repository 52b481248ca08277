#include "core/pipeline/pipeline.hpp"

#include <chrono>
#include <exception>
#include <map>
#include <mutex>
#include <thread>

#include "core/common/error.hpp"
#include "core/common/log.hpp"
#include "core/fhir/validator.hpp"
#include "core/pipeline/batch_committer.hpp"
#include "core/pipeline/bounded_queue.hpp"
#include "core/pipeline/plan_parts.hpp"
#include "core/state/state_store.hpp"

namespace ferry {

namespace {

struct ReadBatch {
  std::uint64_t sequence = 0;
  std::vector<RawRecord> records;
  std::string cursor;
  std::optional<double> fraction;
};

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

/// Everything the threads of one run share.
class RunContext {
 public:
  RunContext(const Plan& plan, const RunOptions& options, SourceParts& parts)
      : plan_(plan),
        options_(options),
        parts_(parts),
        processor_(parts.spec.get(), parts.mapper.get(), validator_, parts.wanted_types, parts.transforms.get()),
        read_queue_(static_cast<std::size_t>(plan.options.queue_batches)),
        done_queue_(static_cast<std::size_t>(plan.options.queue_batches)) {}

  /// Reads the source (already positioned by StartSource) into the read queue.
  void Read();
  void Work();
  /// Drains processed batches in order into `committer`.
  void CommitAll(BatchCommitter& committer);
  /// Stops every stage (after a failure).
  void Abort() {
    aborted_ = true;
    read_queue_.Close();
    done_queue_.Close();
  }
  void RethrowIfFailed() {
    if (failure_) std::rethrow_exception(failure_);
  }
  int WorkerCount() const {
    int count = plan_.options.concurrency > 0 ? plan_.options.concurrency
                                              : static_cast<int>(std::thread::hardware_concurrency());
    return std::max(1, count);
  }
  void set_workers(int count) { running_workers_ = count; }
  bool interrupted() const { return interrupted_; }
  bool stopped_at_limit() const { return stopped_at_limit_; }
  Timings& timings() { return timings_; }

 private:
  void Fail(std::exception_ptr failure) {
    std::lock_guard lock(mutex_);
    if (!failure_) failure_ = failure;
    Abort();
  }
  bool StopRequested() const { return options_.stop && options_.stop->load(); }
  std::size_t NextBatchSize(std::uint64_t records_read) const;

  const Plan& plan_;
  const RunOptions& options_;
  SourceParts& parts_;
  Validator validator_;
  RecordProcessor processor_;
  BoundedQueue<ReadBatch> read_queue_;
  BoundedQueue<ProcessedBatch> done_queue_;
  std::mutex mutex_;
  std::exception_ptr failure_;
  std::atomic<bool> aborted_ = false;
  std::atomic<bool> read_done_ = false;  ///< the reader has pushed its last batch
  std::atomic<int> running_workers_ = 0;
  bool interrupted_ = false;
  bool stopped_at_limit_ = false;
  Timings timings_;
};

std::size_t RunContext::NextBatchSize(std::uint64_t records_read) const {
  std::uint64_t size = static_cast<std::uint64_t>(plan_.options.batch_size);
  if (options_.limit) size = std::min(size, *options_.limit - std::min(*options_.limit, records_read));
  return static_cast<std::size_t>(size);
}

void RunContext::Read() {
  try {
    auto start = Clock::now();
    std::uint64_t sequence = 0;
    std::uint64_t records_read = 0;
    while (!aborted_) {
      if (StopRequested()) {
        interrupted_ = true;
        break;
      }
      std::size_t size = NextBatchSize(records_read);
      if (size == 0) {
        stopped_at_limit_ = true;
        break;
      }
      RecordBatch batch = parts_.source->Next(size);
      if (batch.records.empty()) break;
      records_read += batch.records.size();
      ReadBatch read{sequence++, std::move(batch.records), std::move(batch.cursor), parts_.source->Progress()};
      timings_.read_seconds = SecondsSince(start);
      if (!read_queue_.Push(std::move(read))) break;
    }
  } catch (...) {
    Fail(std::current_exception());
  }
  read_done_ = true;
  read_queue_.Close();
}

void RunContext::Work() {
  double map_seconds = 0;
  double validate_seconds = 0;
  try {
    while (auto batch = read_queue_.Pop()) {
      ProcessedBatch done;
      done.sequence = batch->sequence;
      done.records = batch->records.size();
      done.cursor = std::move(batch->cursor);
      done.fraction = batch->fraction;
      done.items.reserve(batch->records.size());
      for (auto& record : batch->records) processor_.Process(std::move(record), done.items, map_seconds, validate_seconds);
      if (!done_queue_.Push(std::move(done))) break;
    }
  } catch (...) {
    Fail(std::current_exception());
  }
  {
    std::lock_guard lock(mutex_);
    timings_.map_seconds += map_seconds;
    timings_.validate_seconds += validate_seconds;
  }
  if (--running_workers_ == 0) done_queue_.Close();
}

void RunContext::CommitAll(BatchCommitter& committer) {
  std::map<std::uint64_t, ProcessedBatch> waiting;
  std::uint64_t next = 0;
  std::uint64_t records_done = 0;
  std::optional<double> fraction;
  bool told_read_done = false;
  while (auto batch = done_queue_.Pop()) {
    waiting.emplace(batch->sequence, std::move(*batch));
    for (auto it = waiting.find(next); it != waiting.end(); it = waiting.find(next)) {
      committer.Commit(it->second);
      if (!told_read_done && read_done_) {
        committer.SourceDone();
        told_read_done = true;
      }
      records_done += it->second.records;
      if (it->second.fraction) fraction = it->second.fraction;
      waiting.erase(it);
      ++next;
      if (options_.progress) options_.progress->Update(records_done, fraction);
    }
  }
  committer.Flush();
  if (options_.progress) options_.progress->Finish(records_done);
}

/// Positions the source at `cursor`, and stores its start cursor (an export job's status
/// URL, say) in the state at once, before any batch.
void StartSource(Source& source, const std::string& cursor, StateStore* state) {
  try {
    source.Seek(cursor);
    std::string start = source.StartCursor();
    if (state && !start.empty()) state->SaveSourceCursor(start);
  } catch (...) {
    if (state) state->Finish(RunStatus::kInterrupted);
    throw;
  }
}

/// Retries of the source and the sink, added up by kind.
std::map<std::string, std::uint64_t> AllRetries(const Source& source, const Sink* sink) {
  std::map<std::string, std::uint64_t> retries = source.RetryCounts();
  if (sink) {
    for (const auto& [kind, count] : sink->RetryCounts()) retries[kind] += count;
  }
  return retries;
}

/// Opens the state and decides where this run starts.
Checkpoint StartState(StateStore& state, const Plan& plan, const RunOptions& options, bool& resumed) {
  RunStatus status = state.status();
  std::string fingerprint = PlanFingerprint(plan);
  bool unfinished = status == RunStatus::kRunning || status == RunStatus::kInterrupted;
  if (options.resume && unfinished) {
    if (state.fingerprint() != fingerprint)
      FERRY_WARN("the plan or its mapping changed since the interrupted run; resuming with the new version",
                 {"state", plan.state_path});
    resumed = true;
    return state.BeginResume();
  }
  if (unfinished)
    throw PlanError(plan.state_path + ": the previous run of this plan did not finish (" + RunStatusName(status) +
                    "); run again with --resume to continue it, or delete the state file to start over");
  if (options.resume) FERRY_INFO("nothing to resume: the previous run finished; starting a new pass");
  return state.BeginFresh(fingerprint);
}

std::vector<GroupResult> Sorted(std::map<std::string, GroupResult>& groups) {
  std::vector<GroupResult> out;
  for (auto& [name, group] : groups) out.push_back(std::move(group));
  return out;
}

/// Fills the summary's groups from the committer (this run) or the state (resumed run).
void FillGroups(RunSummary& summary, BatchCommitter& committer, StateStore* state, const SourceParts& parts) {
  std::map<std::string, GroupResult> types = committer.types();
  std::map<std::string, GroupResult> rules = committer.rules();
  if (state) {
    StoredCounts stored = state->LoadCounts();
    types = std::move(stored.types);
    rules = std::move(stored.rules);
  }
  summary.per_type = Sorted(types);
  if (parts.spec) {
    for (const auto& rule : parts.spec->rules) {
      if (!parts.wanted_types.empty() && !parts.wanted_types.count(rule.to)) continue;
      GroupResult group = rules.count(rule.name) ? rules[rule.name] : GroupResult{};
      group.name = rule.name;
      group.detail = rule.from + " -> " + rule.to + " (" + rule.location + ")";
      summary.per_rule.push_back(std::move(group));
    }
  }
  for (const auto& group : summary.per_type) summary.total += group.counts;
}

}  // namespace

RunSummary RunPlan(const Plan& plan, const RunOptions& options) {
  auto start = Clock::now();
  RunSummary summary;
  summary.plan_name = plan.name;
  summary.plan_path = plan.path;
  summary.source_adapter = plan.source.adapter;
  summary.target_adapter = options.dry_run ? "" : plan.target.adapter;
  summary.fhir_version = Validator::FhirVersion();
  summary.dry_run = options.dry_run;

  SourceParts parts = OpenSourceParts(plan, options.only_types);
  std::unique_ptr<Sink> sink;
  std::unique_ptr<StateStore> state;
  std::unique_ptr<DeadLetterFile> dead_letter;
  Checkpoint checkpoint;
  if (!options.dry_run) {
    sink = OpenTarget(plan);
    state = std::make_unique<StateStore>(plan.state_path);
    checkpoint = StartState(*state, plan, options, summary.resumed);
    if (checkpoint.has_sink_checkpoint || summary.resumed) sink->Restore(checkpoint.sink_checkpoint);
    dead_letter = std::make_unique<DeadLetterFile>(plan.dead_letter_path, checkpoint.dead_letter_bytes,
                                                   plan.dead_letter_recipients);
    summary.dead_letter_path = plan.dead_letter_path;
  }
  StartSource(*parts.source, checkpoint.source_cursor, state.get());
  std::string hash_key = !plan.options.hash_key.empty() ? plan.options.hash_key
                         : state                        ? state->HashKey()
                                                        : Sha256Hex(std::to_string(Clock::now().time_since_epoch().count()));
  BatchCommitter committer(sink.get(), state.get(), dead_letter.get(), hash_key);
  std::unique_ptr<ProvenanceWriter> provenance;
  if (sink && plan.provenance) provenance = std::make_unique<ProvenanceWriter>(*sink, ProvenanceContextOf(plan));
  committer.set_provenance(provenance.get());
  RunContext context(plan, options, parts);
  int workers = context.WorkerCount();
  context.set_workers(workers);
  std::thread reader([&] { context.Read(); });
  std::vector<std::thread> pool;
  for (int worker_idx = 0; worker_idx < workers; ++worker_idx) pool.emplace_back([&] { context.Work(); });
  try {
    context.CommitAll(committer);
  } catch (...) {
    context.Abort();
    reader.join();
    for (auto& thread : pool) thread.join();
    if (state) state->Finish(RunStatus::kInterrupted);
    throw;
  }
  reader.join();
  for (auto& thread : pool) thread.join();
  try {
    context.RethrowIfFailed();
  } catch (...) {
    if (state) state->Finish(RunStatus::kInterrupted);
    throw;
  }

  summary.interrupted = context.interrupted();
  summary.stopped_at_limit = context.stopped_at_limit();
  bool complete = !summary.interrupted && !summary.stopped_at_limit;
  if (sink && complete) sink->Finish();
  if (state) state->Finish(complete ? RunStatus::kFinished : RunStatus::kInterrupted);
  FillGroups(summary, committer, state.get(), parts);
  summary.element_changes = ElementChangesOf(parts.transforms->Totals());
  summary.timings = context.timings();
  summary.retries = AllRetries(*parts.source, sink.get());
  summary.timings.write_seconds = committer.write_seconds();
  summary.timings.total_seconds = SecondsSince(start);
  summary.exit_code = summary.interrupted        ? static_cast<int>(ExitCode::kInterrupted)
                      : summary.total.dead > 0   ? static_cast<int>(ExitCode::kRecordsFailed)
                                                 : static_cast<int>(ExitCode::kOk);
  return summary;
}

}  // namespace ferry
