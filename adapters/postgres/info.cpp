#include "adapters/postgres/info.hpp"

#include "adapters/postgres/postgres_sink.hpp"
#include "adapters/postgres/postgres_source.hpp"

namespace ferry::postgres {

namespace {

/// The keys that say how to reach the server, shared by source and target.
std::vector<KeySpec> ConnectionKeys() {
  return {
      {"host", KeyType::kString, false, "127.0.0.1",
       "server name or address (or a Unix socket directory)"},
      {"port", KeyType::kInteger, false, "5432", "server TCP port"},
      {"database", KeyType::kString, true, "", "database to connect to"},
      {"user", KeyType::kString, true, "", "role to log in as"},
      {"password", KeyType::kSecret, false, "",
       "the role's password (env:NAME or file:PATH); without it libpq may use ~/.pgpass"},
      {"sslmode", KeyType::kString, false, "prefer",
       "TLS: disable, allow, prefer, require, verify-ca or verify-full (as in libpq)"},
  };
}

std::vector<KeySpec> SourceKeys() {
  std::vector<KeySpec> keys = ConnectionKeys();
  keys.push_back(
      {"schema", KeyType::kString, false, "public", "schema of the tables that streams name"});
  keys.push_back({"queries", KeyType::kStringMap, false, "",
                  "SELECT for a stream, with an ORDER BY on a unique key; default: the table "
                  "of that name, ordered by its primary key"});
  return keys;
}

std::vector<KeySpec> TargetKeys() {
  std::vector<KeySpec> keys = ConnectionKeys();
  keys.push_back({"schema", KeyType::kString, false, "public", "schema of the store table"});
  keys.push_back({"table", KeyType::kString, false, "fhir_resources",
                  "FHIR store table (created when absent)"});
  return keys;
}

}  // namespace

const AdapterInfo kInfo = {
    .name = "postgres",
    .summary = "PostgreSQL: reads tables or queries; writes a FHIR store table",
    .shape = RecordShape::kRows,
    .source_keys = SourceKeys(),
    .target_keys = TargetKeys(),
    .open_source = &OpenSource,
    .open_sink = &OpenSink,
};

}  // namespace ferry::postgres
