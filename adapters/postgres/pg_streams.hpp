#pragma once
/// Which query reads each stream of a postgres source, decided once when the source
/// opens, in its read-only transaction.
///
/// A stream's query is the one `queries:` gives for it (it must have an ORDER BY), else
/// `SELECT * FROM "<schema>"."<stream>" ORDER BY <primary key>`. A table without a primary
/// key, a view, or a missing table is a plan error asking for a query. Every query is
/// checked by declaring a cursor for it (planned, not run), so a typo fails before the
/// first row is read.

#include <string>
#include <vector>

#include "adapters/postgres/pg_connection.hpp"
#include "core/adapter.hpp"

namespace ferry::postgres {

/// One stream and the queries that read and count it.
struct QueryStream {
  std::string name;         ///< `patients`
  std::string query;        ///< a SELECT with a stable ORDER BY
  std::string count_query;  ///< `SELECT count(*) ...` of the same rows
};

/// The tables (plain and partitioned) of `schema`, sorted by name.
std::vector<std::string> TablesIn(Connection& connection, const std::string& schema);

/// The query for stream `name` under `config` (keys in postgres::kInfo). Throws
/// PlanError, with the plan location, for a missing table, a table without a primary
/// key, a query without ORDER BY or a query the server refuses.
QueryStream ResolveStream(Connection& connection, const AdapterConfig& config,
                          const std::string& name);

}  // namespace ferry::postgres
