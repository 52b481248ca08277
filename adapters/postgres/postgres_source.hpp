#pragma once
/// The PostgreSQL source: reads rows of a PostgreSQL database, one stream per query (see
/// pg_streams.hpp for how each stream's query is chosen), in one read-only REPEATABLE
/// READ transaction, so that all streams see the same snapshot.
///
/// Rows stream through a server-side cursor (`DECLARE ... NO SCROLL CURSOR`, `FETCH 1000`),
/// so memory does not depend on table size. Every value comes as PostgreSQL's text form
/// (with DateStyle ISO, TimeZone UTC), and SQL NULL is flagged in `nulls`. A row's
/// location is `<stream>:<row number>`.
///
/// Cursor: `<stream index>:<rows of that stream done>`, as for the sqlite source.
/// Resuming runs the stream's query again and skips that many rows on the server, so the
/// query must give the same order every time: the default one orders by the primary key,
/// and a query in `queries:` must have an ORDER BY on a unique key. Rows added or removed
/// between the crash and the resume shift what is skipped.
///
/// The snapshot stays open for the whole run, which holds back VACUUM on the source
/// server meanwhile; for a large, busy source, read from a replica.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/postgres/pg_connection.hpp"
#include "adapters/postgres/pg_cursor.hpp"
#include "adapters/postgres/pg_sql.hpp"
#include "adapters/postgres/pg_streams.hpp"
#include "core/adapter.hpp"

namespace ferry::postgres {

class PostgresSource final : public Source {
 public:
  /// Reads `streams` over `connection`, which must be in the read-only transaction the
  /// streams were resolved in.
  PostgresSource(std::unique_ptr<Connection> connection, std::vector<QueryStream> streams);

  /// Closes any open stream and goes to `cursor` (`<stream index>:<rows done>`, "" =
  /// the start); throws PlanError for a cursor that does not fit the streams.
  void Seek(const std::string& cursor) override;
  /// Up to `max` rows, across streams; the rows already done are skipped on the server.
  RecordBatch Next(std::size_t max) override;
  /// Streams done plus the open stream's rows done over its count, over all streams.
  std::optional<double> Progress() const override;
  /// `SELECT count(*)` over the stream's rows.
  std::optional<std::uint64_t> CountRecords(const std::string& stream) override;
  /// The result columns of the stream's query (described, not run).
  std::vector<std::string> Columns(const std::string& stream) override;

 private:
  void OpenStream();
  void ReadRow(RawRecord& record);
  const QueryStream* Find(const std::string& stream) const;

  std::unique_ptr<Connection> connection_;  // declared first, so it closes after the reader
  std::vector<QueryStream> streams_;
  StreamPosition position_;             ///< the open stream, and its rows handed out
  std::uint64_t stream_rows_ = 0;       ///< rows the open stream has in all (Progress)
  std::optional<CursorReader> reader_;  ///< the open stream's cursor, or none
};

/// Opens a PostgreSQL source from checked config (keys in postgres::kInfo): connects,
/// begins the read-only transaction and resolves every stream. Throws ConnectError when
/// the server cannot be reached or refuses the login, PlanError for a bad key value,
/// stream or query.
std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context);

}  // namespace ferry::postgres
