#include "core/pipeline/batch_committer.hpp"

#include <chrono>

#include "core/common/log.hpp"
#include "core/fhir/json.hpp"

namespace ferry {

namespace {

constexpr auto kCommitInterval = std::chrono::seconds(1);
constexpr std::size_t kMaxPendingBatches = 64;

constexpr std::size_t kFilterBits = std::size_t{1} << 25;  // 4 MiB: ~9% false maybes at 6M keys
constexpr int kFilterHashes = 3;

/// The bits of `key` (a SHA-256 prefix, so uniform) in the filter, by double hashing.
template <typename Visit>
void ForEachFilterBit(std::uint64_t key, Visit visit) {
  std::uint64_t step = (key >> 32) | 1;
  for (int hash_idx = 0; hash_idx < kFilterHashes; ++hash_idx) {
    visit((key + static_cast<std::uint64_t>(hash_idx) * step) & (kFilterBits - 1));
  }
}

void Note(GroupResult& group, const FailureNote& note) {
  if (group.failures.size() < kMaxFailureNotes) group.failures.push_back(note);
}

}  // namespace

BatchCommitter::BatchCommitter(Sink* sink, StateStore* state, DeadLetterFile* dead_letter, std::string hash_key)
    : sink_(sink),
      state_(state),
      dead_letter_(dead_letter),
      last_commit_(std::chrono::steady_clock::now()),
      state_has_records_(state && state->RecordCount() > 0),
      filter_committed_(state && !state_has_records_),
      hash_key_(std::move(hash_key)),
      writer_(state ? std::make_unique<StateWriter>(*state) : nullptr) {}

std::optional<StoredRecord> BatchCommitter::Lookup(std::uint64_t key) {
  std::int64_t run = state_ ? state_->run() : 0;
  if (const std::uint64_t* digest = pending_digests_.Find(key)) return StoredRecord{*digest, run};
  if (const std::uint64_t* digest = committing_digests_.Find(key)) return StoredRecord{*digest, run};
  if (!state_ || !state_has_records_) return std::nullopt;
  if (filter_committed_) {
    bool maybe = !committed_keys_.empty();
    ForEachFilterBit(key, [&](std::uint64_t bit) { maybe = maybe && (committed_keys_[bit / 64] >> (bit % 64)) & 1; });
    if (!maybe) return std::nullopt;
  }
  writer_->Wait();  // the state is not to be read while a commit is in flight
  return state_->StoredDigest(key);
}

void BatchCommitter::RememberCommitted(const std::vector<RecordDigest>& records) {
  if (committed_keys_.empty() && !records.empty()) committed_keys_.assign(kFilterBits / 64, 0);
  for (const RecordDigest& record : records) {
    ForEachFilterBit(record.key, [&](std::uint64_t bit) { committed_keys_[bit / 64] |= std::uint64_t{1} << (bit % 64); });
  }
}

namespace {

/// Dead-letters a resource at stage `write`; the source row is no longer at hand, so the
/// entry carries the resource and where its record was read.
void MarkWriteFailed(ProcessedItem& item, std::string error) {
  RawRecord where;
  where.stream = item.resource.resource_type;
  where.location = item.resource.location;
  MarkDead(item, where, "write", std::move(error), item.resource.json);
}

/// Dead-letters a delete the target did not apply, with the delete as a Bundle entry.
void MarkDeleteFailed(ProcessedItem& item) {
  RawRecord where;
  where.stream = item.resource.resource_type;
  where.location = item.resource.location;
  MarkDead(item, where, "write",
           item.resource.resource_type + ": the target cannot delete resources (or refused the delete); the "
                                         "delete is kept here for replay",
           DeleteEntryJson(item.resource.resource_type, item.resource.id));
}

}  // namespace

std::vector<Resource> BatchCommitter::SelectWrites(ProcessedBatch& batch, std::size_t begin, std::size_t end,
                                                   std::vector<std::size_t>& write_index) {
  std::vector<Resource> writes;
  for (std::size_t item_idx = begin; item_idx < end; ++item_idx) {
    ProcessedItem& item = batch.items[item_idx];
    if (item.kind != ProcessedItem::Kind::kResource) continue;
    std::uint64_t key = item.record_key;
    std::uint64_t digest = DigestPrefix(item.resource.digest);
    std::optional<StoredRecord> stored = Lookup(key);
    if (stored && stored->digest == kDeletedDigest) stored.reset();  // deleted: a new write
    bool same_run = stored && state_ && stored->run == state_->run();
    if (stored && stored->digest == digest) {
      statuses_[item_idx] = WriteStatus::kUnchanged;
    } else if (stored && !same_run && sink_ && !sink_->ReplacesInPlace()) {
      MarkWriteFailed(item, item.resource.resource_type + ": changed since an earlier run, and this target only "
                            "appends; migrate into an empty target to replace it");
    } else if (stored && (same_run || !state_)) {
      MarkWriteFailed(item, item.resource.resource_type + ".id: another record of this run has the same id but "
                            "different content; make the mapping's key unique");
    } else {
      write_index.push_back(item_idx);
      writes.push_back(std::move(item.resource));  // WriteToSink gives it back
    }
    pending_digests_.Set(key, digest);
  }
  return writes;
}

void BatchCommitter::ApplyDeletes(ProcessedBatch& batch, std::size_t begin, std::size_t end) {
  std::vector<ResourceKey> keys;
  std::vector<std::size_t> key_index;
  for (std::size_t item_idx = begin; item_idx < end; ++item_idx) {
    const ProcessedItem& item = batch.items[item_idx];
    std::optional<StoredRecord> stored = Lookup(item.record_key);
    if (stored && stored->digest == kDeletedDigest) {
      statuses_[item_idx] = WriteStatus::kUnchanged;  // deleted by an earlier run already
      continue;
    }
    keys.push_back({item.resource.resource_type, item.resource.id});
    key_index.push_back(item_idx);
  }
  if (sink_ && !keys.empty() && !sink_->Remove(keys)) {
    for (std::size_t item_idx : key_index) MarkDeleteFailed(batch.items[item_idx]);
    return;
  }
  for (std::size_t item_idx : key_index) pending_digests_.Set(batch.items[item_idx].record_key, kDeletedDigest);
}

void BatchCommitter::WriteToSink(ProcessedBatch& batch, std::vector<Resource>& writes,
                                 const std::vector<std::size_t>& write_index) {
  std::vector<WriteOutcome> outcomes;
  if (sink_ && !writes.empty()) outcomes = sink_->Write(writes);
  for (std::size_t write_idx = 0; write_idx < write_index.size(); ++write_idx) {
    ProcessedItem& item = batch.items[write_index[write_idx]];
    item.resource = std::move(writes[write_idx]);  // moved out by SelectWrites
    if (!sink_) continue;
    const WriteOutcome& outcome = write_idx < outcomes.size() ? outcomes[write_idx]
                                                              : WriteOutcome{WriteStatus::kFailed, "no outcome from target"};
    statuses_[write_index[write_idx]] = outcome.status;
    if (outcome.status == WriteStatus::kFailed) MarkWriteFailed(item, outcome.error);
  }
}

void BatchCommitter::Account(const ProcessedItem& item, WriteStatus status, BatchCommit& commit) {
  Counts delta;
  delta.read = 1;
  if (item.kind == ProcessedItem::Kind::kFiltered) delta.filtered = 1;
  else if (item.kind == ProcessedItem::Kind::kDead) delta.dead = 1;
  else if (status == WriteStatus::kUnchanged) delta.unchanged = 1;
  else if (item.kind == ProcessedItem::Kind::kDelete) delta.deleted = 1;
  else delta.written = 1;
  if (item.kind == ProcessedItem::Kind::kResource)
    commit.records.push_back({item.record_key, DigestPrefix(item.resource.digest)});
  if (item.kind == ProcessedItem::Kind::kDelete && status != WriteStatus::kUnchanged)
    commit.records.push_back({item.record_key, kDeletedDigest});
  GroupResult& type_group = types_[item.resource_type];
  type_group.name = item.resource_type;
  type_group.counts += delta;
  commit.type_counts[item.resource_type] += delta;
  GroupResult* rule_group = nullptr;
  if (!item.rule.empty()) {
    rule_group = &rules_[item.rule];
    rule_group->name = item.rule;
    rule_group->counts += delta;
    commit.rule_counts[item.rule] += delta;
  }
  if (item.kind != ProcessedItem::Kind::kDead) return;
  if (dead_letter_) dead_letter_->Append(item.dead_letter);
  FERRY_DEBUG("dead-lettered a record", {"stage", item.failure.stage}, {"location", item.failure.location},
              {"type", item.resource_type}, {"record", HmacSha256Hex(hash_key_, item.dead_letter).substr(0, 16)});
  Note(type_group, item.failure);
  commit.type_failures.emplace_back(item.resource_type, item.failure);
  if (rule_group) {
    Note(*rule_group, item.failure);
    commit.rule_failures.emplace_back(item.rule, item.failure);
  }
}

void BatchCommitter::Flush() {
  try {
    StartFlush();
    if (writer_) writer_->Wait();
  } catch (...) {
    WaitQuietly();
    throw;
  }
}

void BatchCommitter::StartFlush() {
  auto start = std::chrono::steady_clock::now();
  if (state_ && pending_batches_ > 0) {
    if (dead_letter_) pending_.checkpoint.dead_letter_bytes = dead_letter_->Flush();
    if (sink_) {
      pending_.checkpoint.sink_checkpoint = sink_->Commit();
      pending_.checkpoint.has_sink_checkpoint = true;
    }
    state_has_records_ = state_has_records_ || !pending_.records.empty();
    if (filter_committed_) RememberCommitted(pending_.records);
    std::swap(pending_digests_, committing_digests_);  // looked up there until the next one
    writer_->Start(std::move(pending_));                // after the previous commit is done
  }
  pending_ = BatchCommit{};
  pending_digests_.Clear();
  pending_batches_ = 0;
  last_commit_ = std::chrono::steady_clock::now();
  write_seconds_ += std::chrono::duration<double>(last_commit_ - start).count();
}

void BatchCommitter::WaitQuietly() noexcept {
  if (!writer_) return;
  try {
    writer_->Wait();
  } catch (...) {  // the failure that is already on its way matters more
  }
}

void BatchCommitter::SourceDone() {
  if (pending_batches_ < kMaxPendingBatches / 4) return;  // the last commit is small anyway
  try {
    StartFlush();
  } catch (...) {
    WaitQuietly();
    throw;
  }
}

void BatchCommitter::WriteProvenance(const ProcessedBatch& batch) {
  std::vector<const Resource*> written;
  for (std::size_t item_idx = 0; item_idx < batch.items.size(); ++item_idx) {
    const ProcessedItem& item = batch.items[item_idx];
    if (item.kind == ProcessedItem::Kind::kResource && statuses_[item_idx] == WriteStatus::kWritten)
      written.push_back(&item.resource);
  }
  provenance_->AfterBatch(written, batch.cursor);
}

void BatchCommitter::Commit(ProcessedBatch& batch) {
  try {
    CommitBatch(batch);
  } catch (...) {
    WaitQuietly();
    throw;
  }
}

void BatchCommitter::CommitBatch(ProcessedBatch& batch) {
  auto start = std::chrono::steady_clock::now();
  statuses_.assign(batch.items.size(), WriteStatus::kWritten);
  auto is_delete = [&](std::size_t item_idx) { return batch.items[item_idx].kind == ProcessedItem::Kind::kDelete; };
  for (std::size_t begin = 0, end = 0; begin < batch.items.size(); begin = end) {  // runs of writes, runs of deletes
    bool deletes = is_delete(begin);
    for (end = begin + 1; end < batch.items.size() && is_delete(end) == deletes;) ++end;
    if (deletes) {
      ApplyDeletes(batch, begin, end);
      continue;
    }
    std::vector<std::size_t> write_index;
    std::vector<Resource> writes = SelectWrites(batch, begin, end, write_index);
    WriteToSink(batch, writes, write_index);
  }
  if (provenance_) WriteProvenance(batch);
  for (std::size_t item_idx = 0; item_idx < batch.items.size(); ++item_idx)
    Account(batch.items[item_idx], statuses_[item_idx], pending_);
  pending_.checkpoint.source_cursor = batch.cursor;
  ++pending_batches_;
  auto now = std::chrono::steady_clock::now();
  write_seconds_ += std::chrono::duration<double>(now - start).count();
  if (now - last_commit_ >= kCommitInterval || pending_batches_ >= kMaxPendingBatches) StartFlush();
}

}  // namespace ferry
