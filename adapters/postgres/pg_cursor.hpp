#pragma once
/// A server-side cursor over one query, read kFetchRows rows at a time, so that memory
/// does not depend on how many rows the query has. Used by the source (streams) and by
/// the sink (Scan, for `ferry verify`).
///
/// A cursor lives inside a transaction: create the reader after BEGIN and destroy it
/// before the transaction ends.
///
///     CursorReader rows(connection, "ferry_scan", "SELECT ...", 0, "reading the store");
///     while (rows.Step()) Use(rows.Text(0), rows.IsNull(1));

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "adapters/postgres/pg_connection.hpp"
#include "core/record.hpp"

namespace ferry::postgres {

class CursorReader {
 public:
  /// Rows fetched from the server per round trip.
  static constexpr int kFetchRows = 1000;

  /// Declares cursor `name` for `query` and skips its first `skip` rows on the server
  /// (MOVE, without sending them). `doing` (`reading stream 'patients'`) names the work
  /// in messages. Throws ConnectError when the server refuses.
  CursorReader(Connection& connection, std::string name, const std::string& query,
               std::uint64_t skip, std::string doing);
  /// Closes the cursor; ignores a failure (the transaction's end closes it anyway).
  ~CursorReader();
  CursorReader(const CursorReader&) = delete;
  CursorReader& operator=(const CursorReader&) = delete;

  /// Moves to the next row: true when there is one, false at the end. Throws
  /// ConnectError when a fetch fails (the message hides quoted values).
  bool Step();
  /// The query's column names, shared by every row.
  const std::shared_ptr<const Columns>& columns() const { return columns_; }
  /// True when `column` of the current row is SQL NULL.
  bool IsNull(int column) const { return rows_->IsNull(row_, column); }
  /// `column` of the current row as text; valid until the next Step.
  std::string_view Text(int column) const { return rows_->Text(row_, column); }

 private:
  Connection& connection_;
  std::string name_;
  std::string doing_;
  std::shared_ptr<const Columns> columns_;
  std::optional<PgResult> rows_;  ///< the last fetch
  int row_ = 0;                   ///< the current row in rows_
  bool exhausted_ = false;        ///< the last fetch was the end
};

}  // namespace ferry::postgres
