#pragma once
/// The SQLite source: reads rows of a SQLite database file (opened read-only), one stream
/// per query. A stream's query is the one `queries:` gives for it, else
/// `SELECT * FROM "<stream>" ORDER BY rowid`. Rows are stepped one at a time (bounded
/// memory); every value comes as text, and SQL NULL is flagged in `nulls`.
///
/// Cursor: `<stream index>:<rows of that stream done>`, e.g. `1:5000`. Resuming runs the
/// stream's query again and skips that many rows, so a query in `queries:` must have an
/// ORDER BY that gives the same order every time (the default orders by rowid).

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adapters/sqlite/sqlite_db.hpp"
#include "core/adapter.hpp"

namespace ferry::sqlite {

/// One stream and the query that reads it.
struct QueryStream {
  std::string name;   ///< `patients`
  std::string query;  ///< a read-only SELECT
};

class SqliteSource final : public Source {
 public:
  /// Reads `streams` from `db`, in order.
  SqliteSource(std::unique_ptr<Database> db, std::vector<QueryStream> streams);

  void Seek(const std::string& cursor) override;
  RecordBatch Next(std::size_t max) override;
  std::optional<double> Progress() const override;
  /// `SELECT count(*)` over the stream's query.
  std::optional<std::uint64_t> CountRecords(const std::string& stream) override;
  /// The result columns of the stream's query.
  std::vector<std::string> Columns(const std::string& stream) override;

 private:
  void OpenStream();
  void ReadRow(RawRecord& record);
  const QueryStream* Find(const std::string& stream) const;

  std::unique_ptr<Database> db_;
  std::vector<QueryStream> streams_;
  std::size_t stream_idx_ = 0;
  std::uint64_t rows_done_ = 0;         ///< rows of streams_[stream_idx_] handed out
  std::uint64_t stream_rows_ = 0;       ///< rows the open stream has in all (for Progress)
  std::optional<Statement> statement_;  ///< the open stream's query, or none
  std::shared_ptr<const ferry::Columns> columns_;
};

/// Opens a SQLite source from checked config (keys in sqlite::kInfo). Compiles every
/// stream's query up front: throws PlanError for a bad stream name or query, IoError when
/// the database cannot be opened.
std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context);

}  // namespace ferry::sqlite
