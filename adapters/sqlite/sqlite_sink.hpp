#pragma once
/// The SQLite sink: Ferry's embedded FHIR store, the default target. One table holds the
/// current version of every resource:
///
///     resources(resource_type, id, version, last_updated, digest, resource)
///     PRIMARY KEY (resource_type, id) WITHOUT ROWID
///
/// plus `ferry_store_info` (schema_version, fhir_version). Each Write is one transaction:
/// a resource whose stored digest is the same is kUnchanged; otherwise it is inserted or
/// replaced with version + 1 and last_updated = now, and is kWritten. Since every Write is
/// transactional, Commit has no checkpoint to return. WAL journal, synchronous=NORMAL.

#include <memory>
#include <string>

#include "adapters/sqlite/sqlite_db.hpp"
#include "core/adapter.hpp"

namespace ferry::sqlite {

/// Version of the store's schema; a store with another version is refused.
inline constexpr int kStoreSchemaVersion = 1;

class SqliteSink final : public Sink {
 public:
  /// Opens or creates the store at `path` (and its directory); `where` prefixes plan
  /// errors. Throws IoError when it cannot, PlanError for a store of another schema.
  SqliteSink(const std::string& path, const std::string& where);

  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override;
  /// Folds the write-ahead log into the database file.
  void Finish() override;
  /// Visits resources ordered by type, then id.
  void Scan(const std::function<void(const StoredResource&)>& visit) override;
  /// Deletes the named resources in one transaction.
  bool Remove(std::span<const ResourceKey> keys) override;

 private:
  void CreateSchema(const std::string& where);
  WriteOutcome WriteOne(const Resource& resource, const std::string& now);

  std::unique_ptr<Database> db_;  // declared first, so it closes after the statements
  std::unique_ptr<Statement> select_digest_;
  std::unique_ptr<Statement> upsert_;
};

/// Opens the store from checked config (keys in sqlite::kInfo).
std::unique_ptr<Sink> OpenSink(const AdapterConfig& config);

}  // namespace ferry::sqlite
