#include "core/state/state_store.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>

#include "core/state/sqlite_db.hpp"

namespace ferry {

namespace {

constexpr const char* kSchema = R"sql(
PRAGMA journal_mode=WAL;
PRAGMA synchronous=NORMAL;
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS checkpoint (id INTEGER PRIMARY KEY CHECK (id = 1), source_cursor TEXT NOT NULL,
  sink_checkpoint TEXT, dead_letter_bytes INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS records (key INTEGER PRIMARY KEY, digest INTEGER NOT NULL, run INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS records_recent (key INTEGER PRIMARY KEY, digest INTEGER NOT NULL, run INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS counts (kind INTEGER NOT NULL, name TEXT NOT NULL, read INTEGER NOT NULL,
  written INTEGER NOT NULL, unchanged INTEGER NOT NULL, filtered INTEGER NOT NULL, dead INTEGER NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (kind, name));
CREATE TABLE IF NOT EXISTS failures (kind INTEGER NOT NULL, name TEXT NOT NULL, stage TEXT NOT NULL,
  location TEXT NOT NULL, message TEXT NOT NULL);
INSERT OR IGNORE INTO meta VALUES ('schema', '1');
)sql";

constexpr std::size_t kKeyBufferSize = 256;

/// Rows per multi-row upsert of `records_recent`: one statement step for many rows.
constexpr std::size_t kRowsPerUpsert = 64;

/// `records_recent` is merged into `records` once it holds this many rows, or an eighth of
/// `records` if that is more (see the class comment).
constexpr std::uint64_t kMinRecentRows = 1 << 18;
constexpr std::uint64_t kMaxRecentRows = 1 << 21;

std::string UpsertSql(std::size_t rows) {
  std::string sql = "INSERT OR REPLACE INTO records_recent (key, digest, run) VALUES (?, ?, ?)";
  for (std::size_t row = 1; row < rows; ++row) sql += ", (?, ?, ?)";
  return sql;
}

std::uint64_t First8(const std::uint8_t* bytes) {
  std::uint64_t value = 0;
  for (int idx = 0; idx < 8; ++idx) value = (value << 8) | bytes[idx];
  return value;
}

/// SQLite integers are signed; store the bits.
std::int64_t ToSigned(std::uint64_t value) {
  std::int64_t out;
  std::memcpy(&out, &value, sizeof out);
  return out;
}

std::uint64_t ToUnsigned(std::int64_t value) {
  std::uint64_t out;
  std::memcpy(&out, &value, sizeof out);
  return out;
}

}  // namespace

const char* RunStatusName(RunStatus status) {
  switch (status) {
    case RunStatus::kNone: return "none";
    case RunStatus::kRunning: return "running";
    case RunStatus::kInterrupted: return "interrupted";
    case RunStatus::kFinished: return "finished";
  }
  return "none";
}

std::uint64_t RecordKey(std::string_view resource_type, std::string_view id) {
  char buffer[kKeyBufferSize];  // "type/id" without a heap allocation when it fits
  std::size_t size = resource_type.size() + 1 + id.size();
  if (size > sizeof buffer) return First8(Sha256Of(std::string(resource_type) + "/" + std::string(id)).data());
  std::memcpy(buffer, resource_type.data(), resource_type.size());
  buffer[resource_type.size()] = '/';
  std::memcpy(buffer + resource_type.size() + 1, id.data(), id.size());
  return First8(Sha256Of(std::string_view(buffer, size)).data());
}

std::uint64_t DigestPrefix(const Sha256& digest) { return First8(digest.data()); }

StateStore::StateStore(const std::string& path) : db_(std::make_unique<SqliteDb>(path)) {
  db_->Exec(kSchema);
  AddDeletedColumn();
  select_recent_ = std::make_unique<SqliteStatement>(*db_, "SELECT digest, run FROM records_recent WHERE key = ?1");
  select_digest_ = std::make_unique<SqliteStatement>(*db_, "SELECT digest, run FROM records WHERE key = ?1");
  upsert_digest_ = std::make_unique<SqliteStatement>(*db_, UpsertSql(1));
  upsert_digests_ = std::make_unique<SqliteStatement>(*db_, UpsertSql(kRowsPerUpsert));
  merged_rows_ = CountRows("records");
  recent_rows_ = CountRows("records_recent");
}

void StateStore::AddDeletedColumn() {
  SqliteStatement columns(*db_, "SELECT 1 FROM pragma_table_info('counts') WHERE name = 'deleted'");
  if (!columns.Step()) db_->Exec("ALTER TABLE counts ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;");
}

std::uint64_t StateStore::CountRows(const char* table) {
  SqliteStatement count(*db_, std::string("SELECT count(*) FROM ") + table);
  return count.Step() ? static_cast<std::uint64_t>(count.Integer(0)) : 0;
}

StateStore::~StateStore() = default;

std::string StateStore::Meta(const std::string& key) const {
  SqliteStatement select(*db_, "SELECT value FROM meta WHERE key = ?1");
  select.Bind(1, key);
  return select.Step() ? select.Text(0) : "";
}

void StateStore::SetMeta(const std::string& key, const std::string& value) {
  SqliteStatement upsert(*db_, "INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)");
  upsert.Bind(1, key).Bind(2, value).Run();
}

RunStatus StateStore::status() const {
  std::string text = Meta("status");
  if (text == "running") return RunStatus::kRunning;
  if (text == "interrupted") return RunStatus::kInterrupted;
  if (text == "finished") return RunStatus::kFinished;
  return RunStatus::kNone;
}

std::string StateStore::fingerprint() const { return Meta("fingerprint"); }

std::string StateStore::HashKey() {
  std::string key = Meta("hash_key");
  if (!key.empty()) return key;
  unsigned char bytes[32];
  RAND_bytes(bytes, sizeof bytes);
  key = ToHex(bytes, sizeof bytes);
  SetMeta("hash_key", key);
  return key;
}

Checkpoint StateStore::LoadCheckpoint() {
  SqliteStatement select(*db_, "SELECT source_cursor, sink_checkpoint, dead_letter_bytes FROM checkpoint WHERE id = 1");
  Checkpoint checkpoint;
  if (select.Step()) {
    checkpoint.source_cursor = select.Text(0);
    checkpoint.has_sink_checkpoint = !select.IsNull(1);
    checkpoint.sink_checkpoint = select.Text(1);
    checkpoint.dead_letter_bytes = static_cast<std::uint64_t>(select.Integer(2));
  }
  return checkpoint;
}

Checkpoint StateStore::BeginFresh(const std::string& fingerprint) {
  Checkpoint checkpoint = LoadCheckpoint();
  checkpoint.source_cursor.clear();
  checkpoint.dead_letter_bytes = 0;
  db_->Exec("BEGIN IMMEDIATE; DELETE FROM counts; DELETE FROM failures;");
  SqliteStatement update(*db_, "INSERT OR REPLACE INTO checkpoint VALUES (1, '', ?1, 0)");
  if (checkpoint.has_sink_checkpoint) update.Bind(1, checkpoint.sink_checkpoint);
  update.Run();
  SetMeta("status", "running");
  SetMeta("fingerprint", fingerprint);
  run_ = std::atol(Meta("run").c_str()) + 1;
  SetMeta("run", std::to_string(run_));
  db_->Exec("COMMIT;");
  return checkpoint;
}

Checkpoint StateStore::BeginResume() {
  SetMeta("status", "running");
  run_ = std::atol(Meta("run").c_str());
  return LoadCheckpoint();
}

std::optional<StoredRecord> StateStore::StoredDigest(std::uint64_t key) {
  for (SqliteStatement* select : {select_recent_.get(), select_digest_.get()}) {  // newest first
    select->Bind(1, ToSigned(key));
    std::optional<StoredRecord> digest;
    if (select->Step()) digest = StoredRecord{ToUnsigned(select->Integer(0)), select->Integer(1)};
    select->Reset();
    if (digest) return digest;
  }
  return std::nullopt;
}

void StateStore::SaveSourceCursor(const std::string& cursor) {
  SqliteStatement update(*db_, "UPDATE checkpoint SET source_cursor = ?1 WHERE id = 1");
  update.Bind(1, cursor);
  update.Run();
}

void StateStore::Commit(const BatchCommit& batch) {
  // In key order, so that the B-tree is walked once rather than hit at random. Stable: a
  // key repeated in a batch keeps its last digest.
  std::vector<RecordDigest> records = batch.records;
  std::stable_sort(records.begin(), records.end(),
                   [](const RecordDigest& a, const RecordDigest& b) { return ToSigned(a.key) < ToSigned(b.key); });
  db_->Exec("BEGIN IMMEDIATE;");
  UpsertRecords(records);
  AddCounts(GroupKind::kType, batch.type_counts);
  AddCounts(GroupKind::kRule, batch.rule_counts);
  AddFailures(GroupKind::kType, batch.type_failures);
  AddFailures(GroupKind::kRule, batch.rule_failures);
  SqliteStatement update(*db_, "INSERT OR REPLACE INTO checkpoint VALUES (1, ?1, ?2, ?3)");
  update.Bind(1, batch.checkpoint.source_cursor);
  if (batch.checkpoint.has_sink_checkpoint) update.Bind(2, batch.checkpoint.sink_checkpoint);
  update.Bind(3, static_cast<std::int64_t>(batch.checkpoint.dead_letter_bytes));
  update.Run();
  db_->Exec("COMMIT;");
  recent_rows_ += records.size();  // an upper bound: a replaced row counts twice
  if (recent_rows_ >= std::clamp(merged_rows_ / 8, kMinRecentRows, kMaxRecentRows)) MergeRecent();
}

void StateStore::MergeRecent() {
  // One pass over `records` in key order: each of its pages is written at most once.
  db_->Exec(R"sql(BEGIN IMMEDIATE;
    INSERT OR REPLACE INTO records (key, digest, run) SELECT key, digest, run FROM records_recent ORDER BY key;
    DELETE FROM records_recent;
    COMMIT;)sql");
  merged_rows_ = CountRows("records");
  recent_rows_ = 0;
}

void StateStore::UpsertRecords(const std::vector<RecordDigest>& records) {
  std::size_t done = 0;
  for (; records.size() - done >= kRowsPerUpsert; done += kRowsPerUpsert) {
    for (std::size_t row = 0; row < kRowsPerUpsert; ++row) {
      const RecordDigest& record = records[done + row];
      int first = static_cast<int>(row * 3) + 1;
      upsert_digests_->Bind(first, ToSigned(record.key)).Bind(first + 1, ToSigned(record.digest));
      upsert_digests_->Bind(first + 2, run_);
    }
    upsert_digests_->Run();
  }
  for (; done < records.size(); ++done) {
    const RecordDigest& record = records[done];
    upsert_digest_->Bind(1, ToSigned(record.key)).Bind(2, ToSigned(record.digest)).Bind(3, run_).Run();
  }
}

void StateStore::AddCounts(GroupKind kind, const std::map<std::string, Counts>& deltas) {
  SqliteStatement upsert(*db_, R"sql(
    INSERT INTO counts (kind, name, read, written, unchanged, filtered, dead, deleted)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
    ON CONFLICT (kind, name) DO UPDATE SET read = read + ?3, written = written + ?4,
      unchanged = unchanged + ?5, filtered = filtered + ?6, dead = dead + ?7, deleted = deleted + ?8)sql");
  for (const auto& [name, counts] : deltas) {
    upsert.Bind(1, static_cast<std::int64_t>(kind)).Bind(2, name);
    upsert.Bind(3, static_cast<std::int64_t>(counts.read)).Bind(4, static_cast<std::int64_t>(counts.written));
    upsert.Bind(5, static_cast<std::int64_t>(counts.unchanged)).Bind(6, static_cast<std::int64_t>(counts.filtered));
    upsert.Bind(7, static_cast<std::int64_t>(counts.dead));
    upsert.Bind(8, static_cast<std::int64_t>(counts.deleted)).Run();
  }
}

void StateStore::AddFailures(GroupKind kind, const std::vector<std::pair<std::string, FailureNote>>& failures) {
  if (failures.empty()) return;
  SqliteStatement count(*db_, "SELECT count(*) FROM failures WHERE kind = ?1 AND name = ?2");
  SqliteStatement insert(*db_, "INSERT INTO failures VALUES (?1, ?2, ?3, ?4, ?5)");
  for (const auto& [name, note] : failures) {
    count.Bind(1, static_cast<std::int64_t>(kind)).Bind(2, name);
    bool full = count.Step() && count.Integer(0) >= static_cast<std::int64_t>(kMaxFailureNotes);
    count.Reset();
    if (full) continue;
    insert.Bind(1, static_cast<std::int64_t>(kind)).Bind(2, name).Bind(3, note.stage).Bind(4, note.location);
    insert.Bind(5, note.message).Run();
  }
}

void StateStore::Finish(RunStatus status) { SetMeta("status", RunStatusName(status)); }

StoredCounts StateStore::LoadCounts() {
  StoredCounts stored;
  SqliteStatement counts(*db_, "SELECT kind, name, read, written, unchanged, filtered, dead, deleted FROM counts "
                              "ORDER BY kind, name");
  while (counts.Step()) {
    auto& group = counts.Integer(0) == static_cast<std::int64_t>(GroupKind::kType) ? stored.types : stored.rules;
    GroupResult& result = group[counts.Text(1)];
    result.name = counts.Text(1);
    result.counts = {static_cast<std::uint64_t>(counts.Integer(2)), static_cast<std::uint64_t>(counts.Integer(3)),
                     static_cast<std::uint64_t>(counts.Integer(4)), static_cast<std::uint64_t>(counts.Integer(5)),
                     static_cast<std::uint64_t>(counts.Integer(6)), static_cast<std::uint64_t>(counts.Integer(7))};
  }
  SqliteStatement failures(*db_, "SELECT kind, name, stage, location, message FROM failures ORDER BY rowid");
  while (failures.Step()) {
    auto& group = failures.Integer(0) == static_cast<std::int64_t>(GroupKind::kType) ? stored.types : stored.rules;
    GroupResult& result = group[failures.Text(1)];
    result.name = failures.Text(1);
    result.failures.push_back({failures.Text(2), failures.Text(3), failures.Text(4)});
  }
  return stored;
}

std::uint64_t StateStore::RecordCount() {
  SqliteStatement count(*db_, R"sql(SELECT (SELECT count(*) FROM records) + (SELECT count(*) FROM records_recent r
    WHERE NOT EXISTS (SELECT 1 FROM records WHERE key = r.key)))sql");
  return count.Step() ? static_cast<std::uint64_t>(count.Integer(0)) : 0;
}

}  // namespace ferry
