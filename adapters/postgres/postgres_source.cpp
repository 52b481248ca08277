#include "adapters/postgres/postgres_source.hpp"

#include <algorithm>
#include <charconv>

#include "core/common/error.hpp"
#include "core/common/utf8.hpp"

namespace ferry::postgres {

namespace {

constexpr const char* kStreamCursor = "ferry_stream";
constexpr const char* kColumnsCursor = "ferry_columns";
constexpr const char* kBegin = "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY";

std::string Reading(const QueryStream& stream) { return "reading stream '" + stream.name + "'"; }

}  // namespace

PostgresSource::PostgresSource(std::unique_ptr<Connection> connection,
                               std::vector<QueryStream> streams)
    : connection_(std::move(connection)), streams_(std::move(streams)) {}

void PostgresSource::Seek(const std::string& cursor) {
  reader_.reset();
  std::optional<StreamPosition> position =
      cursor.empty() ? StreamPosition{} : ParsePosition(cursor);
  if (!position || position->stream_idx > streams_.size()) {
    throw PlanError("postgres source: cannot resume from cursor '" + cursor +
                    "': it does not fit this plan's streams; run again without --resume");
  }
  position_ = *position;
}

RecordBatch PostgresSource::Next(std::size_t max) {
  RecordBatch batch;
  batch.records.reserve(std::min<std::size_t>(max, CursorReader::kFetchRows));
  while (batch.records.size() < max && position_.stream_idx < streams_.size()) {
    if (!reader_) OpenStream();
    if (reader_->Step()) {
      ReadRow(batch.records.emplace_back());
      continue;
    }
    reader_.reset();
    ++position_.stream_idx;
    position_.rows_done = 0;
  }
  batch.cursor = FormatPosition(position_);
  return batch;
}

std::optional<double> PostgresSource::Progress() const {
  if (streams_.empty() || position_.stream_idx >= streams_.size()) return 1.0;
  double done = static_cast<double>(position_.rows_done);
  double within = stream_rows_ == 0 ? 0.0 : std::min(1.0, done / static_cast<double>(stream_rows_));
  return (static_cast<double>(position_.stream_idx) + within) /
         static_cast<double>(streams_.size());
}

std::optional<std::uint64_t> PostgresSource::CountRecords(const std::string& stream) {
  const QueryStream* found = Find(stream);
  if (!found) return std::nullopt;
  PgResult count = connection_->Exec(found->count_query, "counting stream '" + stream + "'");
  std::uint64_t rows = 0;
  std::string_view text = count.Text(0, 0);
  std::from_chars(text.data(), text.data() + text.size(), rows);
  return rows;
}

std::vector<std::string> PostgresSource::Columns(const std::string& stream) {
  const QueryStream* found = Find(stream);
  if (!found) return {};
  CursorReader described(*connection_, kColumnsCursor, found->query, 0, Reading(*found));
  return *described.columns();
}

// Declares the current stream's cursor and skips the rows already done.
void PostgresSource::OpenStream() {
  const QueryStream& stream = streams_[position_.stream_idx];
  stream_rows_ = CountRecords(stream.name).value_or(0);
  reader_.emplace(*connection_, kStreamCursor, stream.query, position_.rows_done, Reading(stream));
}

void PostgresSource::ReadRow(RawRecord& record) {
  const QueryStream& stream = streams_[position_.stream_idx];
  record.stream = stream.name;
  record.location.file = stream.name;
  record.location.line = ++position_.rows_done;
  record.columns = reader_->columns();
  std::size_t width = record.columns->size();
  record.values.reserve(width);
  for (std::size_t column_idx = 0; column_idx < width; ++column_idx) {
    int column = static_cast<int>(column_idx);
    if (reader_->IsNull(column)) {
      record.nulls.resize(width, false);
      record.nulls[column_idx] = true;
      record.values.emplace_back();
      continue;
    }
    std::string_view text = reader_->Text(column);
    if (!IsValidUtf8(text)) {  // possible in a SQL_ASCII database
      record.read_error = "field " + std::to_string(column_idx + 1) + ": invalid UTF-8";
      record.values.clear();
      record.nulls.clear();
      return;
    }
    record.values.emplace_back(text);
  }
}

const QueryStream* PostgresSource::Find(const std::string& stream) const {
  for (const QueryStream& candidate : streams_) {
    if (candidate.name == stream) return &candidate;
  }
  return nullptr;
}

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  ConnectionParams params = ReadConnectionParams(config, "postgres source");
  std::string where = config.location.empty() ? "" : config.location + ": ";
  auto connection =
      std::make_unique<Connection>(params, "postgres source " + Address(params), where);
  connection->Exec(kBegin, "starting a read-only transaction");
  std::vector<std::string> names = context.streams.empty()
                                       ? TablesIn(*connection, config.GetString("schema", "public"))
                                       : context.streams;
  std::vector<QueryStream> streams;
  for (const std::string& name : names) streams.push_back(ResolveStream(*connection, config, name));
  return std::make_unique<PostgresSource>(std::move(connection), std::move(streams));
}

}  // namespace ferry::postgres
