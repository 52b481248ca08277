#include "adapters/csv/csv_source.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>

#include "adapters/csv/csv_fields.hpp"
#include "core/common/error.hpp"

namespace ferry::csv {

namespace {

/// Reads the header row of the file `scanner` has just opened; empty for an empty file.
std::shared_ptr<const ferry::Columns> ReadHeader(RecordScanner& scanner, const StreamFile& file,
                                                 char delimiter) {
  auto columns = std::make_shared<ferry::Columns>();
  scanner.SkipBom();
  ScannedRecord header;
  if (!scanner.Next(header)) return columns;
  std::string error =
      header.error.empty() ? SplitRecord(header.text, delimiter, *columns) : header.error;
  if (!error.empty()) {
    throw IoError(file.file + ":" + std::to_string(header.line) + ": cannot read the header row: " +
                  error + "; fix the column names in " + file.path);
  }
  return columns;
}

}  // namespace

CsvSource::CsvSource(std::vector<StreamFile> streams, char delimiter)
    : streams_(std::move(streams)),
      sequence_("csv source", "this plan's streams", FileSizes(streams_)),
      delimiter_(delimiter) {}

void CsvSource::Seek(const std::string& cursor) {
  CloseStream();
  std::vector<std::uint64_t> parts = sequence_.Seek(cursor, {0, 0, 0});
  if (parts[1] > 0) OpenStream(parts[1], parts[2]);
}

RecordBatch CsvSource::Next(std::size_t max) {
  RecordBatch batch;
  batch.records.reserve(std::min<std::size_t>(max, 4096));
  while (batch.records.size() < max && !sequence_.done()) {
    if (!scanner_) OpenStream(0, 0);
    RawRecord record;
    if (ReadRecord(record)) {
      batch.records.push_back(std::move(record));
      continue;
    }
    sequence_.NextFile();
    CloseStream();
  }
  batch.cursor = Cursor();
  return batch;
}

std::optional<double> CsvSource::Progress() const {
  return sequence_.Progress(scanner_ ? scanner_->offset() : 0);
}

std::optional<std::uint64_t> CsvSource::CountRecords(const std::string& stream) {
  const StreamFile* file = Find(stream);
  if (!file) return std::nullopt;
  RecordScanner scanner(file->path, file->file);
  scanner.SkipBom();
  std::uint64_t records = 0;
  for (ScannedRecord record; scanner.Next(record);) ++records;
  return records == 0 ? 0 : records - 1;
}

std::vector<std::string> CsvSource::Columns(const std::string& stream) {
  const StreamFile* file = Find(stream);
  if (!file) return {};
  RecordScanner scanner(file->path, file->file);
  return *ReadHeader(scanner, *file, delimiter_);
}

// Opens the current stream and reads its header; a non-zero `offset` then moves to the
// row that starts there, on line `line`.
void CsvSource::OpenStream(std::uint64_t offset, std::uint64_t line) {
  const StreamFile& file = streams_[sequence_.index()];
  scanner_ = std::make_unique<RecordScanner>(file.path, file.file);
  columns_ = ReadHeader(*scanner_, file, delimiter_);
  if (offset == 0) return;
  if (offset < scanner_->offset() || offset > std::filesystem::file_size(file.path)) {
    throw IoError("csv source: " + file.file + " changed since the saved position " +
                  std::to_string(offset) + "; run again without --resume");
  }
  scanner_->Seek(offset, line);
}

void CsvSource::CloseStream() {
  scanner_.reset();
  columns_.reset();
}

bool CsvSource::ReadRecord(RawRecord& record) {
  ScannedRecord scanned;
  if (!scanner_->Next(scanned)) return false;
  const StreamFile& file = streams_[sequence_.index()];
  record.stream = file.stream;
  record.location.file = file.file;
  record.location.line = scanned.line;
  record.columns = columns_;
  if (!scanned.error.empty()) {
    record.read_error = std::move(scanned.error);
    record.payload.assign(scanned.text);
    return true;
  }
  FillRow(scanned, record);
  return true;
}

void CsvSource::FillRow(ScannedRecord& scanned, RawRecord& record) {
  record.values.reserve(columns_->size());
  std::string error = SplitRecord(scanned.text, delimiter_, record.values);
  if (IsQuoteError(error) && scanned.text.find('\n') != std::string_view::npos) {
    scanner_->KeepFirstLine(scanned);
    error = SplitRecord(scanned.text, delimiter_, record.values);
  }
  if (error.empty() && record.values.size() != columns_->size()) {
    error = "row has " + std::to_string(record.values.size()) + " fields, header has " +
            std::to_string(columns_->size());
  }
  if (error.empty()) return;
  record.values.clear();
  record.read_error = std::move(error);
  record.payload.assign(scanned.text);
}

std::string CsvSource::Cursor() const {
  if (!scanner_) return sequence_.Cursor({0, 0});
  return sequence_.Cursor({scanner_->offset(), scanner_->line()});
}

const StreamFile* CsvSource::Find(const std::string& stream) const {
  for (const StreamFile& file : streams_) {
    if (file.stream == stream) return &file;
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------
// Opening from config

namespace {

namespace fs = std::filesystem;

/// `plan.yaml:7:5: ` for `key` of `config` (or of its block), or "" when unknown.
std::string Where(const AdapterConfig& config, const std::string& key) {
  auto it = config.values.find(key);
  const std::string& location = it != config.values.end() && !it->second.location.empty()
                                    ? it->second.location
                                    : config.location;
  return location.empty() ? "" : location + ": ";
}

char CheckDelimiter(const AdapterConfig& config) {
  std::string text = config.GetString("delimiter", ",");
  if (text.size() != 1 || text == "\"" || text == "\n" || text == "\r") {
    throw PlanError(Where(config, "delimiter") +
                    "csv source: delimiter must be one character other than a quote or a line "
                    "break; use for example ',', ';' or '\\t'");
  }
  return text[0];
}

void CheckEncoding(const AdapterConfig& config) {
  std::string encoding = config.GetString("encoding", "utf-8");
  std::transform(encoding.begin(), encoding.end(), encoding.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (encoding == "utf-8" || encoding == "utf8") return;
  throw PlanError(Where(config, "encoding") + "csv source: encoding '" +
                  config.GetString("encoding") +
                  "' is not supported, only utf-8 is; convert the files first (iconv -f " +
                  config.GetString("encoding") + " -t utf-8) and remove the key");
}

/// Every `*.csv` in `dir`, sorted: the streams when the mapping names none.
std::vector<std::string> StreamsInDirectory(const fs::path& dir) {
  std::vector<std::string> streams;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.is_regular_file() && entry.path().extension() == ".csv") {
      streams.push_back(entry.path().stem().string());
    }
  }
  std::sort(streams.begin(), streams.end());
  return streams;
}

StreamFile ResolveStream(const AdapterConfig& config, const fs::path& dir,
                         const std::string& stream) {
  std::map<std::string, std::string> files = config.GetMap("files");
  StreamFile file;
  file.stream = stream;
  auto named = files.find(stream);
  if (named != files.end()) {
    file.file = named->second;
  } else {
    file.file = stream.size() > 4 && stream.ends_with(".csv") ? stream : stream + ".csv";
  }
  file.path = (dir / file.file).string();
  std::error_code error;
  file.size = fs::file_size(file.path, error);
  if (error || !fs::is_regular_file(file.path)) {
    throw IoError(Where(config, "path") + "csv source: stream '" + stream + "': file " + file.path +
                  " does not exist; export the table there, or name its file " + "under `files`");
  }
  return file;
}

}  // namespace

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  char delimiter = CheckDelimiter(config);
  CheckEncoding(config);
  fs::path dir = config.GetString("path");
  if (!fs::is_directory(dir)) {
    throw IoError(Where(config, "path") + "csv source: directory " + dir.string() +
                  " does not exist; set `path` to the folder that holds the CSV files");
  }
  std::vector<std::string> names =
      context.streams.empty() ? StreamsInDirectory(dir) : context.streams;
  std::vector<StreamFile> streams;
  for (const std::string& name : names) streams.push_back(ResolveStream(config, dir, name));
  return std::make_unique<CsvSource>(std::move(streams), delimiter);
}

}  // namespace ferry::csv
