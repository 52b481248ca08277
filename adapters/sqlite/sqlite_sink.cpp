#include "adapters/sqlite/sqlite_sink.hpp"

#include "core/common/clock.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>

#include "core/common/error.hpp"

namespace ferry::sqlite {

namespace {

constexpr const char* kSchema = R"(
PRAGMA journal_mode = WAL;
PRAGMA synchronous = NORMAL;
CREATE TABLE IF NOT EXISTS resources (
  resource_type TEXT NOT NULL,
  id TEXT NOT NULL,
  version INTEGER NOT NULL,
  last_updated TEXT NOT NULL,
  digest TEXT NOT NULL,
  resource TEXT NOT NULL,
  PRIMARY KEY (resource_type, id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS ferry_store_info (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;
INSERT OR IGNORE INTO ferry_store_info (key, value)
  VALUES ('schema_version', '1'), ('fhir_version', '4.0.1');
)";

constexpr const char* kSelectDigest =
    "SELECT digest FROM resources WHERE resource_type = ?1 AND id = ?2";

constexpr const char* kUpsert = R"(
INSERT INTO resources (resource_type, id, version, last_updated, digest, resource)
  VALUES (?1, ?2, 1, ?3, ?4, ?5)
  ON CONFLICT (resource_type, id) DO UPDATE SET
    version = version + 1, last_updated = excluded.last_updated,
    digest = excluded.digest, resource = excluded.resource
)";


}  // namespace

SqliteSink::SqliteSink(const std::string& path, const std::string& where) {
  std::filesystem::path parent = std::filesystem::path(path).parent_path();
  std::error_code error;
  if (!parent.empty()) std::filesystem::create_directories(parent, error);
  db_ = std::make_unique<Database>(path, Database::Mode::kReadWriteCreate, "sqlite store " + path);
  CreateSchema(where);
  select_digest_ = std::make_unique<Statement>(db_->Prepare(kSelectDigest));
  upsert_ = std::make_unique<Statement>(db_->Prepare(kUpsert));
}

std::vector<WriteOutcome> SqliteSink::Write(std::span<const Resource> batch) {
  std::string now = NowInstant();
  std::vector<WriteOutcome> outcomes;
  outcomes.reserve(batch.size());
  Transaction transaction(*db_);
  for (const Resource& resource : batch) outcomes.push_back(WriteOne(resource, now));
  transaction.Commit();
  return outcomes;
}

void SqliteSink::Finish() { db_->Exec("PRAGMA wal_checkpoint(TRUNCATE)"); }

void SqliteSink::Scan(const std::function<void(const StoredResource&)>& visit) {
  Statement scan =
      db_->Prepare("SELECT resource_type, id, resource FROM resources ORDER BY resource_type, id");
  while (scan.Step()) visit(StoredResource{scan.Text(0), scan.Text(1), scan.Text(2)});
}

bool SqliteSink::Remove(std::span<const ResourceKey> keys) {
  Statement remove = db_->Prepare("DELETE FROM resources WHERE resource_type = ?1 AND id = ?2");
  Transaction transaction(*db_);
  for (const ResourceKey& key : keys) {
    remove.Reset();
    remove.BindText(1, key.resource_type);
    remove.BindText(2, key.id);
    remove.Step();
  }
  remove.Reset();
  transaction.Commit();
  return true;
}

void SqliteSink::CreateSchema(const std::string& where) {
  db_->Exec(kSchema);
  Statement version =
      db_->Prepare("SELECT value FROM ferry_store_info WHERE key = 'schema_version'");
  std::string found = version.Step() ? std::string(version.Text(0)) : "";
  if (found != std::to_string(kStoreSchemaVersion)) {
    throw PlanError(where + "the FHIR store has schema version '" + found + "', this ferry reads " +
                    std::to_string(kStoreSchemaVersion) +
                    "; use the ferry version that made it, or set `path` to a new file");
  }
}

WriteOutcome SqliteSink::WriteOne(const Resource& resource, const std::string& now) {
  if (resource.resource_type.empty() || resource.id.empty()) {
    return {WriteStatus::kFailed,
            "resource has no type or no id; the store keys resources by both"};
  }
  std::string digest = ToHex(resource.digest);
  select_digest_->Reset();
  select_digest_->BindText(1, resource.resource_type);
  select_digest_->BindText(2, resource.id);
  bool same = select_digest_->Step() && select_digest_->Text(0) == digest;
  select_digest_->Reset();
  if (same) return {WriteStatus::kUnchanged, ""};
  upsert_->Reset();
  upsert_->BindText(1, resource.resource_type);
  upsert_->BindText(2, resource.id);
  upsert_->BindText(3, now);
  upsert_->BindText(4, digest);
  upsert_->BindText(5, resource.json);
  upsert_->Step();
  upsert_->Reset();
  return {WriteStatus::kWritten, ""};
}

std::unique_ptr<Sink> OpenSink(const AdapterConfig& config) {
  std::string where = config.location.empty() ? "" : config.location + ": ";
  return std::make_unique<SqliteSink>(config.GetString("path"), where);
}

}  // namespace ferry::sqlite
