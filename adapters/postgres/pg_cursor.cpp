#include "adapters/postgres/pg_cursor.hpp"

#include "adapters/postgres/pg_sql.hpp"

namespace ferry::postgres {

CursorReader::CursorReader(Connection& connection, std::string name, const std::string& query,
                           std::uint64_t skip, std::string doing)
    : connection_(connection), name_(std::move(name)), doing_(std::move(doing)) {
  connection_.Exec(DeclareCursor(name_, query), doing_);
  PgResult described = connection_.DescribeCursor(name_);
  auto columns = std::make_shared<Columns>();
  for (int column = 0; column < described.Columns(); ++column) {
    columns->push_back(described.ColumnName(column));
  }
  columns_ = std::move(columns);
  if (skip > 0) {
    connection_.Exec("MOVE FORWARD " + std::to_string(skip) + " IN " + QuoteIdentifier(name_),
                     doing_);
  }
}

CursorReader::~CursorReader() {
  try {
    connection_.Run("CLOSE " + QuoteIdentifier(name_));
  } catch (...) {  // NOLINT(bugprone-empty-catch): a lost connection closed it already
  }
}

bool CursorReader::Step() {
  if (rows_ && row_ + 1 < rows_->Rows()) {
    ++row_;
    return true;
  }
  if (exhausted_) return false;
  rows_.emplace(connection_.Exec(
      "FETCH FORWARD " + std::to_string(kFetchRows) + " FROM " + QuoteIdentifier(name_), doing_));
  row_ = 0;
  exhausted_ = rows_->Rows() < kFetchRows;
  return rows_->Rows() > 0;
}

}  // namespace ferry::postgres
