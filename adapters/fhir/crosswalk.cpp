#include "adapters/fhir/crosswalk.hpp"

#include <sys/stat.h>

#include <filesystem>

namespace ferry::fhir {

namespace {

sqlite::Database OpenDatabase(const std::string& path) {
  std::string file = path.empty() ? ":memory:" : path;
  if (!path.empty()) {
    std::error_code ignored;  // a missing directory shows up as SQLite's open error
    std::filesystem::create_directories(std::filesystem::path(path).parent_path(), ignored);
  }
  sqlite::Database db(file, sqlite::Database::Mode::kReadWriteCreate, "id crosswalk " + file);
  if (!path.empty()) chmod(path.c_str(), 0600);
  // WAL + synchronous=NORMAL: a commit survives a crash of ferry (not of the OS) without an
  // fsync per Write; after an OS crash a lost mapping is found again by the re-run's
  // conditional create (ids: server) or recomputed (preserve, uuid5).
  db.Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;");
  db.Exec(
      "CREATE TABLE IF NOT EXISTS fhir_ids(target TEXT NOT NULL, type TEXT NOT NULL, source_id TEXT NOT NULL,"
      " target_id TEXT NOT NULL, PRIMARY KEY(target, type, source_id));"
      "CREATE INDEX IF NOT EXISTS fhir_ids_by_target ON fhir_ids(target, type, target_id);"
      "CREATE INDEX IF NOT EXISTS fhir_ids_by_source_id ON fhir_ids(target, source_id);");
  return db;
}

std::optional<std::string> OneText(sqlite::Statement& statement) {
  std::optional<std::string> out;
  if (statement.Step()) out = std::string(statement.Text(0));
  statement.Reset();
  return out;
}

}  // namespace

Crosswalk::Crosswalk(const std::string& path, std::string target)
    : target_(std::move(target)),
      db_(OpenDatabase(path)),
      put_(db_.Prepare("INSERT OR REPLACE INTO fhir_ids(target, type, source_id, target_id) VALUES (?1, ?2, ?3, ?4)")),
      by_source_(db_.Prepare("SELECT target_id FROM fhir_ids WHERE target = ?1 AND type = ?2 AND source_id = ?3")),
      by_target_(db_.Prepare("SELECT source_id FROM fhir_ids WHERE target = ?1 AND type = ?2 AND target_id = ?3")),
      by_source_id_(db_.Prepare("SELECT type, target_id FROM fhir_ids WHERE target = ?1 AND source_id = ?2")) {}

Crosswalk::~Crosswalk() {
  try {
    Commit();
  } catch (...) {  // destructors do not throw; an uncommitted mapping is found again on re-run
  }
}

std::optional<std::string> Crosswalk::TargetId(const std::string& type, const std::string& source_id) {
  by_source_.BindText(1, target_);
  by_source_.BindText(2, type);
  by_source_.BindText(3, source_id);
  return OneText(by_source_);
}

std::optional<std::string> Crosswalk::SourceId(const std::string& type, const std::string& target_id) {
  by_target_.BindText(1, target_);
  by_target_.BindText(2, type);
  by_target_.BindText(3, target_id);
  return OneText(by_target_);
}

std::optional<std::pair<std::string, std::string>> Crosswalk::FindBySourceId(const std::string& source_id) {
  by_source_id_.BindText(1, target_);
  by_source_id_.BindText(2, source_id);
  std::optional<std::pair<std::string, std::string>> out;
  if (by_source_id_.Step()) out.emplace(std::string(by_source_id_.Text(0)), std::string(by_source_id_.Text(1)));
  by_source_id_.Reset();
  return out;
}

void Crosswalk::Put(const std::string& type, const std::string& source_id, const std::string& target_id) {
  Begin();
  put_.BindText(1, target_);
  put_.BindText(2, type);
  put_.BindText(3, source_id);
  put_.BindText(4, target_id);
  put_.Step();
  put_.Reset();
}

void Crosswalk::Begin() {
  if (in_transaction_) return;
  db_.Exec("BEGIN IMMEDIATE");
  in_transaction_ = true;
}

void Crosswalk::Commit() {
  if (!in_transaction_) return;
  db_.Exec("COMMIT");
  in_transaction_ = false;
}

}  // namespace ferry::fhir
