#include "adapters/sqlite/sqlite_source.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <map>

#include "core/common/utf8.hpp"
#include "core/common/error.hpp"

namespace ferry::sqlite {

namespace {

/// Parses `a:b` into two numbers; false when `text` is not that.
bool ParseCursor(std::string_view text, std::uint64_t (&parts)[2]) {
  const char* end = text.data() + text.size();
  auto [colon, ec1] = std::from_chars(text.data(), end, parts[0]);
  if (ec1 != std::errc() || colon == text.data() || colon == end || *colon != ':') return false;
  auto [stop, ec2] = std::from_chars(colon + 1, end, parts[1]);
  return ec2 == std::errc() && stop == end && stop != colon + 1;
}

std::string CountQuery(const std::string& query) { return "SELECT count(*) FROM (" + query + ")"; }

}  // namespace

SqliteSource::SqliteSource(std::unique_ptr<Database> db, std::vector<QueryStream> streams)
    : db_(std::move(db)), streams_(std::move(streams)) {}

void SqliteSource::Seek(const std::string& cursor) {
  statement_.reset();
  std::uint64_t parts[2] = {0, 0};
  if (!cursor.empty() && (!ParseCursor(cursor, parts) || parts[0] > streams_.size())) {
    throw PlanError("sqlite source: cannot resume from cursor '" + cursor +
                    "': it does not fit this plan's streams; run again without --resume");
  }
  stream_idx_ = static_cast<std::size_t>(parts[0]);
  rows_done_ = parts[1];
}

RecordBatch SqliteSource::Next(std::size_t max) {
  RecordBatch batch;
  batch.records.reserve(std::min<std::size_t>(max, 4096));
  while (batch.records.size() < max && stream_idx_ < streams_.size()) {
    if (!statement_) OpenStream();
    if (statement_->Step()) {
      ReadRow(batch.records.emplace_back());
      continue;
    }
    statement_.reset();
    ++stream_idx_;
    rows_done_ = 0;
  }
  batch.cursor = std::to_string(stream_idx_) + ":" + std::to_string(rows_done_);
  return batch;
}

std::optional<double> SqliteSource::Progress() const {
  if (streams_.empty() || stream_idx_ >= streams_.size()) return 1.0;
  double within =
      stream_rows_ == 0
          ? 0.0
          : std::min(1.0, static_cast<double>(rows_done_) / static_cast<double>(stream_rows_));
  return (static_cast<double>(stream_idx_) + within) / static_cast<double>(streams_.size());
}

std::optional<std::uint64_t> SqliteSource::CountRecords(const std::string& stream) {
  const QueryStream* found = Find(stream);
  if (!found) return std::nullopt;
  Statement count = db_->Prepare(CountQuery(found->query));
  return count.Step() ? static_cast<std::uint64_t>(count.Int(0)) : 0;
}

std::vector<std::string> SqliteSource::Columns(const std::string& stream) {
  const QueryStream* found = Find(stream);
  if (!found) return {};
  Statement query = db_->Prepare(found->query);
  std::vector<std::string> names;
  for (int column = 0; column < query.ColumnCount(); ++column)
    names.push_back(query.ColumnName(column));
  return names;
}

// Runs the current stream's query and skips the rows already done.
void SqliteSource::OpenStream() {
  const QueryStream& stream = streams_[stream_idx_];
  stream_rows_ = CountRecords(stream.name).value_or(0);
  statement_.emplace(db_->Prepare(stream.query));
  auto columns = std::make_shared<ferry::Columns>();
  for (int column = 0; column < statement_->ColumnCount(); ++column) {
    columns->push_back(statement_->ColumnName(column));
  }
  columns_ = std::move(columns);
  for (std::uint64_t row = 0; row < rows_done_ && statement_->Step(); ++row) {
  }
}

void SqliteSource::ReadRow(RawRecord& record) {
  const QueryStream& stream = streams_[stream_idx_];
  record.stream = stream.name;
  record.location.file = stream.name;
  record.location.line = ++rows_done_;
  record.columns = columns_;
  std::size_t width = columns_->size();
  record.values.reserve(width);
  for (std::size_t column_idx = 0; column_idx < width; ++column_idx) {
    int column = static_cast<int>(column_idx);
    if (statement_->IsNull(column)) {
      record.nulls.resize(width, false);
      record.nulls[column_idx] = true;
      record.values.emplace_back();
      continue;
    }
    std::string_view text = statement_->Text(column);
    if (!IsValidUtf8(text)) {
      record.read_error = "field " + std::to_string(column_idx + 1) + ": invalid UTF-8";
      record.values.clear();
      record.nulls.clear();
      return;
    }
    record.values.emplace_back(text);
  }
}

const QueryStream* SqliteSource::Find(const std::string& stream) const {
  for (const QueryStream& candidate : streams_) {
    if (candidate.name == stream) return &candidate;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------
// Opening from config

namespace {

/// `plan.yaml:7:5: ` for `key` of `config` (or of its block), or "" when unknown.
std::string Where(const AdapterConfig& config, const std::string& key) {
  auto it = config.values.find(key);
  const std::string& location = it != config.values.end() && !it->second.location.empty()
                                    ? it->second.location
                                    : config.location;
  return location.empty() ? "" : location + ": ";
}

bool IsIdentifier(const std::string& name) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  return !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0])) &&
         std::all_of(name.begin(), name.end(), word);
}

bool IsView(Database& db, const std::string& name) {
  Statement view = db.Prepare("SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = ?1");
  view.BindText(1, name);
  return view.Step();
}

QueryStream ResolveStream(const AdapterConfig& config, Database& db, const std::string& name) {
  std::map<std::string, std::string> queries = config.GetMap("queries");
  auto given = queries.find(name);
  if (given == queries.end() && !IsIdentifier(name)) {
    throw PlanError(Where(config, "path") + "sqlite source: stream '" + name +
                    "' is not a plain table name; give its SELECT under `queries`");
  }
  if (given == queries.end() && IsView(db, name)) {
    throw PlanError(Where(config, "path") + "sqlite source: stream '" + name +
                    "' is a view, whose rows have no stable order; give a SELECT with an ORDER "
                    "BY under `queries`");
  }
  std::string query =
      given != queries.end() ? given->second : "SELECT * FROM \"" + name + "\" ORDER BY rowid";
  std::string where = Where(config, given != queries.end() ? "queries" : "path");
  Result<Statement> statement = db.TryPrepare(query);
  if (!statement) {
    throw PlanError(where + "sqlite source: stream '" + name + "': " + statement.error() +
                    "; name an existing table (not a view), or give a SELECT with a stable "
                    "ORDER BY under `queries`");
  }
  if (!statement->ReadOnly()) {
    throw PlanError(where + "sqlite source: stream '" + name +
                    "': the query would change the database; give a SELECT");
  }
  return {name, query};
}

/// The tables of `db`, sorted: the streams when the mapping names none.
std::vector<std::string> TablesIn(Database& db) {
  Statement tables = db.Prepare(
      "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
      "ORDER BY name");
  std::vector<std::string> names;
  while (tables.Step()) names.emplace_back(tables.Text(0));
  return names;
}

}  // namespace

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  std::string path = config.GetString("path");
  if (!std::filesystem::is_regular_file(path)) {
    throw IoError(Where(config, "path") + "sqlite source: database " + path +
                  " does not exist; set `path` to a SQLite database file");
  }
  auto db = std::make_unique<Database>(path, Database::Mode::kReadOnly, "sqlite source " + path);
  std::vector<std::string> names = context.streams.empty() ? TablesIn(*db) : context.streams;
  std::vector<QueryStream> streams;
  for (const std::string& name : names) streams.push_back(ResolveStream(config, *db, name));
  return std::make_unique<SqliteSource>(std::move(db), std::move(streams));
}

}  // namespace ferry::sqlite
