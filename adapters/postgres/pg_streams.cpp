#include "adapters/postgres/pg_streams.hpp"

#include <map>

#include "adapters/postgres/pg_sql.hpp"
#include "core/common/error.hpp"
#include "core/common/strings.hpp"

namespace ferry::postgres {

namespace {

constexpr const char* kTables =
    "SELECT c.relname FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname";

constexpr const char* kRelationKind =
    "SELECT c.relkind FROM pg_catalog.pg_class c"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " WHERE n.nspname = $1 AND c.relname = $2 AND c.relkind IN ('r', 'p', 'v', 'm', 'f')";

constexpr const char* kPrimaryKey =
    "SELECT a.attname FROM pg_catalog.pg_index i"
    " JOIN pg_catalog.pg_class c ON c.oid = i.indrelid"
    " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
    " JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY (i.indkey)"
    " WHERE i.indisprimary AND n.nspname = $1 AND c.relname = $2"
    " ORDER BY array_position(i.indkey::int2[], a.attnum)";

constexpr const char* kCheckCursor = "ferry_check";

std::string Prefix(const Connection& connection, const AdapterConfig& config,
                   const std::string& key, const std::string& name) {
  return Where(config, key) + connection.what() + ": stream '" + name + "': ";
}

std::vector<std::string> Column(PgResult rows) {
  std::vector<std::string> values;
  for (int row = 0; row < rows.Rows(); ++row) values.emplace_back(rows.Text(row, 0));
  return values;
}

/// The primary key columns of table `name`; throws PlanError when it has none or is
/// not a table.
std::vector<std::string> KeyColumns(Connection& connection, const AdapterConfig& config,
                                    const std::string& name) {
  std::string schema = config.GetString("schema", "public");
  std::string table = QualifiedName(schema, name);
  std::string prefix = Prefix(connection, config, "schema", name);
  Params params = {schema, name};
  PgResult kind = connection.Exec(kRelationKind, "looking up table " + table, params);
  if (kind.Rows() == 0) {
    throw PlanError(prefix + "there is no table " + table +
                    "; name an existing table, or give the stream's SELECT (with an ORDER BY) "
                    "under `queries`" +
                    DidYouMean(name, TablesIn(connection, schema)));
  }
  std::vector<std::string> keys =
      Column(connection.Exec(kPrimaryKey, "looking up the key of " + table, params));
  if (keys.empty()) {
    throw PlanError(prefix + table +
                    " has no primary key, so its rows have no stable order; give a SELECT with "
                    "an ORDER BY on a unique key under `queries`");
  }
  return keys;
}

/// Declares (and closes) a cursor for `query`: the server parses and plans it, and
/// refuses anything that is not a SELECT, without running it.
void CheckQuery(Connection& connection, const std::string& prefix, const std::string& query) {
  PgResult declared = connection.Run(DeclareCursor(kCheckCursor, query));
  if (!declared.ok()) {
    throw PlanError(prefix + declared.error().ToString() +
                    "; give a SELECT with a stable ORDER BY under `queries`, or name a table");
  }
  connection.Exec("CLOSE " + QuoteIdentifier(kCheckCursor), "checking a query");
}

}  // namespace

std::vector<std::string> TablesIn(Connection& connection, const std::string& schema) {
  return Column(connection.Exec(kTables, "listing the tables of schema " + schema, {schema}));
}

QueryStream ResolveStream(Connection& connection, const AdapterConfig& config,
                          const std::string& name) {
  std::map<std::string, std::string> queries = config.GetMap("queries");
  auto given = queries.find(name);
  QueryStream stream{name, "", ""};
  if (given == queries.end()) {
    std::string schema = config.GetString("schema", "public");
    stream.query = DefaultQuery(schema, name, KeyColumns(connection, config, name));
    stream.count_query = "SELECT count(*) FROM " + QualifiedName(schema, name);
    CheckQuery(connection, Prefix(connection, config, "schema", name), stream.query);
    return stream;
  }
  std::string prefix = Prefix(connection, config, "queries", name);
  stream.query = TrimQuery(given->second);
  if (!HasOrderBy(stream.query)) {
    throw PlanError(prefix +
                    "the query has no ORDER BY; --resume skips the rows already read, "
                    "so the order must be the same every time: add an ORDER BY on a "
                    "unique key");
  }
  stream.count_query = CountQuery(stream.query);
  CheckQuery(connection, prefix, stream.query);
  return stream;
}

}  // namespace ferry::postgres
