#include "adapters/postgres/postgres_sink.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "adapters/postgres/pg_cursor.hpp"
#include "adapters/postgres/pg_sql.hpp"
#include "core/common/clock.hpp"
#include "core/common/error.hpp"
#include "core/common/hash.hpp"

namespace ferry::postgres {

namespace {

using Key = std::pair<std::string, std::string>;  // resource_type, id

constexpr const char* kWriting = "writing a batch";

bool Writable(const Resource& resource) {
  return !resource.resource_type.empty() && !resource.id.empty();
}

/// Marks each resource at `indexes` kWritten when `returned` lists its key, else
/// kUnchanged.
void MarkOutcomes(std::span<const Resource> batch, std::span<const std::size_t> indexes,
                  const PgResult& returned, std::vector<WriteOutcome>& outcomes) {
  std::set<Key> written;
  for (int row = 0; row < returned.Rows(); ++row) {
    written.emplace(returned.Text(row, 0), returned.Text(row, 1));
  }
  for (std::size_t index : indexes) {
    const Resource& resource = batch[index];
    bool was_written = written.count({resource.resource_type, resource.id}) != 0;
    outcomes[index] = {was_written ? WriteStatus::kWritten : WriteStatus::kUnchanged, ""};
  }
}

}  // namespace

std::vector<std::vector<std::size_t>> UniqueKeyRounds(std::span<const Resource> batch) {
  std::vector<std::vector<std::size_t>> rounds;
  std::map<Key, std::size_t> copies;
  for (std::size_t index = 0; index < batch.size(); ++index) {
    if (!Writable(batch[index])) continue;
    std::size_t round = copies[{batch[index].resource_type, batch[index].id}]++;
    if (round == rounds.size()) rounds.emplace_back();
    rounds[round].push_back(index);
  }
  return rounds;
}

PostgresSink::PostgresSink(std::unique_ptr<Connection> connection, std::string schema,
                           std::string table)
    : connection_(std::move(connection)),
      schema_(std::move(schema)),
      table_(std::move(table)),
      upsert_sql_(UpsertSql(schema_, table_)) {}

std::vector<WriteOutcome> PostgresSink::Write(std::span<const Resource> batch) {
  std::vector<WriteOutcome> outcomes(
      batch.size(),
      {WriteStatus::kFailed, "resource has no type or no id; the store keys resources by both"});
  std::string now = NowInstant();
  if (!TryWriteAll(batch, now, outcomes)) WriteOneByOne(batch, now, outcomes);
  return outcomes;
}

// One transaction, one statement per round. False (rolled back) when the server refused
// some resource's data; any other refusal ends the run.
bool PostgresSink::TryWriteAll(std::span<const Resource> batch, const std::string& now,
                               std::vector<WriteOutcome>& outcomes) {
  connection_->Exec("BEGIN", kWriting);
  for (const std::vector<std::size_t>& round : UniqueKeyRounds(batch)) {
    PgResult returned = Upsert(batch, round, now);
    if (!returned.ok()) {
      connection_->Exec("ROLLBACK", kWriting);
      if (IsDataError(returned.error().sqlstate)) return false;
      throw ConnectError(connection_->what() + ": " + kWriting + ": " +
                         returned.error().Redacted());
    }
    MarkOutcomes(batch, round, returned, outcomes);
  }
  connection_->Exec("COMMIT", kWriting);
  return true;
}

// One transaction, one savepoint per resource, so that only refused resources fail.
void PostgresSink::WriteOneByOne(std::span<const Resource> batch, const std::string& now,
                                 std::vector<WriteOutcome>& outcomes) {
  connection_->Exec("BEGIN", kWriting);
  for (std::size_t index = 0; index < batch.size(); ++index) {
    if (!Writable(batch[index])) continue;
    connection_->Exec("SAVEPOINT ferry_resource", kWriting);
    std::size_t only[] = {index};
    PgResult returned = Upsert(batch, only, now);
    if (returned.ok()) {
      connection_->Exec("RELEASE SAVEPOINT ferry_resource", kWriting);
      MarkOutcomes(batch, only, returned, outcomes);
      continue;
    }
    if (!IsDataError(returned.error().sqlstate)) {
      throw ConnectError(connection_->what() + ": " + kWriting + ": " +
                         returned.error().Redacted());
    }
    connection_->Exec("ROLLBACK TO SAVEPOINT ferry_resource", kWriting);
    outcomes[index] = {WriteStatus::kFailed,
                       "PostgreSQL refused the resource: " + returned.error().Redacted()};
  }
  connection_->Exec("COMMIT", kWriting);
}

PgResult PostgresSink::Upsert(std::span<const Resource> batch, std::span<const std::size_t> indexes,
                              const std::string& now) {
  std::vector<std::string> digests;
  digests.reserve(indexes.size());
  std::vector<std::string_view> types, ids, digest_views, texts;
  for (std::size_t index : indexes) {
    const Resource& resource = batch[index];
    digests.push_back(ToHex(resource.digest));
    types.push_back(resource.resource_type);
    ids.push_back(resource.id);
    texts.push_back(resource.json);
  }
  digest_views.assign(digests.begin(), digests.end());
  return connection_->Run(upsert_sql_, {TextArray(types), TextArray(ids), TextArray(digest_views),
                                        TextArray(texts), now});
}

void PostgresSink::Scan(const std::function<void(const StoredResource&)>& visit) {
  connection_->Exec("BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", "reading the store");
  {
    CursorReader rows(*connection_, "ferry_scan", ScanSql(schema_, table_), 0, "reading the store");
    while (rows.Step()) visit(StoredResource{rows.Text(0), rows.Text(1), rows.Text(2)});
  }
  connection_->Exec("COMMIT", "reading the store");
}

bool PostgresSink::Remove(std::span<const ResourceKey> keys) {
  std::vector<std::string_view> types, ids;
  for (const ResourceKey& key : keys) {
    types.push_back(key.resource_type);
    ids.push_back(key.id);
  }
  connection_->Exec("DELETE FROM " + QualifiedName(schema_, table_) +
                        " WHERE (resource_type, id) IN (SELECT * FROM unnest($1::text[], $2::text[]))",
                    "deleting from the store", {TextArray(types), TextArray(ids)});
  return true;
}

// ---------------------------------------------------------------------------------------
// Opening

namespace {

constexpr const char* kLock = "SELECT pg_advisory_xact_lock(hashtext($1))";
constexpr const char* kSchemaExists = "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = $1";
constexpr const char* kTableColumns =
    "SELECT attname FROM pg_catalog.pg_attribute"
    " WHERE attrelid = to_regclass($1) AND attnum > 0 AND NOT attisdropped";

/// The first store column `table` lacks, or "" when it has them all.
std::string MissingColumn(Connection& connection, const std::string& table) {
  PgResult rows = connection.Exec(kTableColumns, "checking the store table", {table});
  std::set<std::string_view> found;
  for (int row = 0; row < rows.Rows(); ++row) found.insert(rows.Text(row, 0));
  for (std::string_view column : StoreColumns()) {
    if (!found.count(column)) return std::string(column);
  }
  return "";
}

}  // namespace

void EnsureStore(Connection& connection, const std::string& schema, const std::string& table,
                 const std::string& where) {
  std::string name = QualifiedName(schema, table);
  std::string prefix = where + connection.what() + ": ";
  connection.Exec("BEGIN", "creating the store table");
  connection.Exec(kLock, "creating the store table", {"ferry store " + name});
  if (connection.Exec(kSchemaExists, "looking up the schema", {schema}).Rows() == 0) {
    throw PlanError(prefix + "schema '" + schema +
                    "' does not exist; create it, or set `schema` to an existing one");
  }
  PgResult created = connection.Run(CreateStoreSql(schema, table));
  if (!created.ok()) {
    throw ConnectError(prefix + "cannot create the store table " + name + ": " +
                       created.error().ToString() +
                       "; grant the user CREATE on the schema, or create the table first");
  }
  if (std::string missing = MissingColumn(connection, name); !missing.empty()) {
    throw PlanError(prefix + "table " + name + " is not a ferry FHIR store (it has no column '" +
                    missing + "'); set `table` to a new or a store table");
  }
  connection.Exec("COMMIT", "creating the store table");
}

std::unique_ptr<Sink> OpenSink(const AdapterConfig& config) {
  ConnectionParams params = ReadConnectionParams(config, "postgres target");
  std::string where = config.location.empty() ? "" : config.location + ": ";
  auto connection =
      std::make_unique<Connection>(params, "postgres target " + Address(params), where);
  std::string schema = config.GetString("schema", "public");
  std::string table = config.GetString("table", "fhir_resources");
  EnsureStore(*connection, schema, table, where);
  return std::make_unique<PostgresSink>(std::move(connection), schema, table);
}

}  // namespace ferry::postgres
