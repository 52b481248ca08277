#pragma once
/// The PostgreSQL sink: a FHIR store in one table of a PostgreSQL database, holding the
/// current version of every resource:
///
///     "<schema>"."<table>" (resource_type text, id text, version_id bigint,
///       last_updated timestamptz, digest text, resource jsonb, resource_text text,
///       PRIMARY KEY (resource_type, id))
///
/// created when absent. `resource` is the JSON for queries (jsonb reorders keys and
/// drops white space); `resource_text` is the JSON exactly as ferry wrote it, and is what
/// Scan returns, so `ferry verify` compares what was sent. `digest` is the SHA-256 (hex)
/// of `resource_text`.
///
/// Each Write is one transaction with one multi-row upsert: a resource whose stored
/// digest is the same is left alone (kUnchanged); any other is inserted, or replaced with
/// version_id + 1 and last_updated = now (kWritten). When the server refuses a resource
/// (for example JSON that jsonb does not accept), the batch is written again one resource
/// at a time, each behind a savepoint, and only the refused ones are kFailed, with the
/// server's message minus anything quoted. Since every Write commits, Commit has no
/// checkpoint to return. Shards may write the same table at once.

#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "adapters/postgres/pg_connection.hpp"
#include "core/adapter.hpp"

namespace ferry::postgres {

class PostgresSink final : public Sink {
 public:
  /// Writes to `"schema"."table"` over `connection`, whose table EnsureStore has checked.
  PostgresSink(std::unique_ptr<Connection> connection, std::string schema, std::string table);

  /// Upserts `batch` in one transaction; one outcome per resource, in order. Throws
  /// ConnectError when the server refuses the batch for a reason other than its data.
  std::vector<WriteOutcome> Write(std::span<const Resource> batch) override;
  /// Visits resources ordered by type, then id, through a cursor (bounded memory).
  void Scan(const std::function<void(const StoredResource&)>& visit) override;
  /// Deletes the named resources in one statement.
  bool Remove(std::span<const ResourceKey> keys) override;

 private:
  bool TryWriteAll(std::span<const Resource> batch, const std::string& now,
                   std::vector<WriteOutcome>& outcomes);
  void WriteOneByOne(std::span<const Resource> batch, const std::string& now,
                     std::vector<WriteOutcome>& outcomes);
  PgResult Upsert(std::span<const Resource> batch, std::span<const std::size_t> indexes,
                  const std::string& now);

  std::unique_ptr<Connection> connection_;
  std::string schema_;
  std::string table_;
  std::string upsert_sql_;
};

/// The indexes of the writable resources of `batch` (type and id not empty) in rounds
/// in which no (type, id) repeats, in batch order: a resource's n-th copy goes in round n.
/// One upsert statement cannot touch a row twice, so each round is its own statement.
std::vector<std::vector<std::size_t>> UniqueKeyRounds(std::span<const Resource> batch);

/// Creates the store table when absent (under an advisory lock, so shards can start
/// together) and checks that an existing one has the store's columns. Throws PlanError
/// for a missing schema or a table that is not a store, ConnectError when the server
/// refuses (for example, no CREATE privilege). `where` prefixes messages.
void EnsureStore(Connection& connection, const std::string& schema, const std::string& table,
                 const std::string& where);

/// Opens the store from checked config (keys in postgres::kInfo).
std::unique_ptr<Sink> OpenSink(const AdapterConfig& config);

}  // namespace ferry::postgres
