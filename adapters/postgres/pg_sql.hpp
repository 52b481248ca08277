#pragma once
/// The SQL text the postgres adapter sends, built by pure functions so that it can be
/// tested without a server. Identifiers are always double-quoted (so a stream named
/// `Patients` reads the table "Patients", exactly as spelled); values never appear in
/// SQL text, they travel as parameters.
///
///     DefaultQuery("public", "patients", {"id"})
///       == R"(SELECT * FROM "public"."patients" ORDER BY "id")"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::postgres {

/// `name` as a quoted SQL identifier: `"name"`, with any `"` doubled.
std::string QuoteIdentifier(std::string_view name);

/// `"schema"."name"`.
std::string QualifiedName(std::string_view schema, std::string_view name);

/// `query` without trailing white space and semicolons, so it can be wrapped in
/// `DECLARE ... FOR` or a subquery.
std::string TrimQuery(std::string_view query);

/// True when `query` has the words ORDER BY (any case) outside string literals, quoted
/// identifiers and comments; a query without them has no stable row order.
bool HasOrderBy(std::string_view query);

/// `SELECT * FROM "schema"."table" ORDER BY "k1", "k2"`: the default query of a stream,
/// ordered by the table's primary key columns `key_columns` (not empty).
std::string DefaultQuery(std::string_view schema, std::string_view table,
                         std::span<const std::string> key_columns);

/// `SELECT count(*) FROM (query) q`.
std::string CountQuery(std::string_view query);

/// `DECLARE "name" NO SCROLL CURSOR FOR query`.
std::string DeclareCursor(std::string_view name, std::string_view query);

/// `values` as the text of a PostgreSQL array literal (`{"a","b\"c"}`), every element
/// quoted and its `"` and `\` escaped, for a `$n::text[]` parameter.
std::string TextArray(std::span<const std::string_view> values);

/// Where a source is: the index of the stream it reads and the rows of it handed out.
/// Its text form, the source's cursor, is `<stream index>:<rows done>` (`1:5000`).
struct StreamPosition {
  std::size_t stream_idx = 0;
  std::uint64_t rows_done = 0;
};

/// Parses a cursor made by FormatPosition; nullopt when `text` is not one.
std::optional<StreamPosition> ParsePosition(std::string_view text);

/// `<stream index>:<rows done>`.
std::string FormatPosition(const StreamPosition& position);

// ---------------------------------------------------------------------------------------
// The FHIR store (sink)

/// CREATE TABLE IF NOT EXISTS for the store `"schema"."table"`.
std::string CreateStoreSql(std::string_view schema, std::string_view table);

/// The names of the store's columns, in table order.
std::span<const std::string_view> StoreColumns();

/// The batch upsert: parameters $1..$4 are text arrays (resource_type, id, digest,
/// resource text), $5 the time as a timestamptz. A row whose digest is already stored is
/// left alone; the rows it returns (resource_type, id) are those written.
std::string UpsertSql(std::string_view schema, std::string_view table);

/// Every stored resource (resource_type, id, resource_text), ordered by type, then id.
std::string ScanSql(std::string_view schema, std::string_view table);

}  // namespace ferry::postgres
