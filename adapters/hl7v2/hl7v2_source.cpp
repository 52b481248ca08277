#include "adapters/hl7v2/hl7v2_source.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "adapters/hl7v2/hl7_path.hpp"
#include "core/common/error.hpp"

namespace ferry::hl7v2 {

namespace {

constexpr const char* kCharsetError =
    "segment 1 (MSH): MSH-18 declares a character set other than ASCII or UNICODE UTF-8; "
    "convert the messages to UTF-8 and set MSH-18 to UNICODE UTF-8";

/// True when MSH-18 of `message` is empty, ASCII or UTF-8 (the only encodings read).
bool IsSupportedCharset(const Hl7Message& message) {
  std::string charset = message.Value(message.segments().front(), 18).text;
  return charset.empty() || charset == "ASCII" || charset == "UNICODE UTF-8" || charset == "UTF-8";
}

}  // namespace

Hl7v2Source::Hl7v2Source(std::vector<Hl7File> files, std::vector<std::string> streams,
                         ReaderLimits limits)
    : files_(std::move(files)),
      sequence_("hl7v2 source", "this plan's files", FileSizes(files_)),
      streams_(streams.begin(), streams.end()),
      limits_(limits) {}

void Hl7v2Source::Seek(const std::string& cursor) {
  reader_.reset();
  has_message_ = false;
  std::vector<std::uint64_t> parts = sequence_.Seek(cursor, {0, 0, 1, 1, 0});
  if (parts[1] == 0 && parts[4] == 0) return;
  OpenFile(parts[1], parts[2], parts[3]);
  if (parts[4] == 0) return;
  if (!LoadMessage()) {
    throw IoError("hl7v2 source: " + files_[sequence_.index()].file +
                  " changed since the saved position; run again without --resume");
  }
  RawRecord skipped;
  for (std::uint64_t row_idx = 0; row_idx < parts[4] && has_message_; ++row_idx) EmitNext(skipped);
}

RecordBatch Hl7v2Source::Next(std::size_t max) {
  RecordBatch batch;
  batch.records.reserve(std::min<std::size_t>(max, 1024));
  while (batch.records.size() < max && (has_message_ || LoadMessage())) {
    RawRecord record;
    if (EmitNext(record)) batch.records.push_back(std::move(record));
  }
  batch.cursor = Cursor();
  return batch;
}

std::optional<double> Hl7v2Source::Progress() const {
  return sequence_.Progress(reader_ ? reader_->offset() : 0);
}

std::vector<std::string> Hl7v2Source::Columns(const std::string& stream) {
  if (!ParsePath(stream + "-1")) return {};
  return *RowSchema(stream).columns();
}

void Hl7v2Source::OnlyColumns(const std::map<std::string, std::vector<std::string>>& columns) {
  only_columns_ = columns;
  schemas_.clear();
}

std::size_t Hl7v2Source::PeakBufferedBytes() const {
  return std::max(peak_bytes_, reader_ ? reader_->PeakBufferedBytes() : 0);
}

void Hl7v2Source::OpenFile(std::uint64_t offset, std::uint64_t line, std::uint64_t index) {
  const Hl7File& file = files_[sequence_.index()];
  auto in = std::make_unique<std::ifstream>(file.path, std::ios::binary);
  if (!*in) {
    throw IoError("hl7v2 source: cannot open " + file.path +
                  "; check that it exists and is readable");
  }
  if (offset > std::filesystem::file_size(file.path)) {
    throw IoError("hl7v2 source: " + file.file + " changed since the saved position " +
                  std::to_string(offset) + "; run again without --resume");
  }
  reader_ = std::make_unique<Hl7Reader>(std::move(in), limits_);
  reader_->Seek(offset, line, index);
}

// Reads the next message of the current file, or of the next files; false at the end.
bool Hl7v2Source::LoadMessage() {
  while (!sequence_.done()) {
    if (!reader_) OpenFile(0, 1, 1);
    if (reader_->Next(framed_)) {
      has_message_ = true;
      segment_idx_ = 0;
      rows_done_ = 0;
      message_.reset();
      error_ = framed_.error;
      if (error_.empty()) {
        auto parsed = Hl7Message::Parse(framed_.text, framed_.segment_lines);
        if (!parsed) {
          error_ = parsed.error();
        } else if (!IsSupportedCharset(*parsed)) {
          error_ = kCharsetError;
        } else {
          message_ = std::move(*parsed);
        }
      }
      return true;
    }
    EndFile();
  }
  return false;
}

// Fills `record` with the next record of the current message, if there is one; ends the
// message when it has no more.
bool Hl7v2Source::EmitNext(RawRecord& record) {
  if (!message_) {
    EmitError(record);
    has_message_ = false;
    return true;
  }
  const auto& segments = message_->segments();
  while (segment_idx_ < segments.size() && !Wanted(segments[segment_idx_].id())) ++segment_idx_;
  if (segment_idx_ == segments.size()) {
    has_message_ = false;
    return false;
  }
  const Hl7Segment& segment = segments[segment_idx_];
  const RowSchema& schema = Schema(segment.id());
  record.stream = segment.id();
  record.location = SourceLocation{files_[sequence_.index()].file, segment.line()};
  record.columns = schema.columns();
  schema.Fill(*message_, segment_idx_, framed_.index, record);
  ++segment_idx_;
  ++rows_done_;
  return true;
}

void Hl7v2Source::EmitError(RawRecord& record) {
  record.stream = "MSH";
  record.location = SourceLocation{files_[sequence_.index()].file, framed_.line};
  record.columns = Schema("MSH").columns();
  record.read_error = "message " + std::to_string(framed_.index) + ": " + error_;
  record.payload = std::move(framed_.text);
  ++rows_done_;
}

void Hl7v2Source::EndFile() {
  peak_bytes_ = std::max(peak_bytes_, reader_->PeakBufferedBytes());
  reader_.reset();
  sequence_.NextFile();
}

bool Hl7v2Source::Wanted(const std::string& segment_id) const {
  return streams_.empty() || streams_.count(segment_id) != 0;
}

const RowSchema& Hl7v2Source::Schema(const std::string& segment_id) {
  auto it = schemas_.find(segment_id);
  if (it == schemas_.end()) {
    auto only = only_columns_.find(segment_id);
    const std::vector<std::string>* wanted = only == only_columns_.end() ? nullptr : &only->second;
    it = schemas_.emplace(segment_id, RowSchema(segment_id, wanted)).first;
  }
  return it->second;
}

std::string Hl7v2Source::Cursor() const {
  if (has_message_) {
    return sequence_.Cursor({framed_.offset, framed_.line, framed_.index, rows_done_});
  }
  if (!reader_) return sequence_.Cursor({0, 1, 1, 0});
  return sequence_.Cursor({reader_->offset(), reader_->line(), reader_->next_index(), 0});
}

// ---------------------------------------------------------------------------------------
// Opening from config

namespace {

namespace fs = std::filesystem;

std::string Where(const AdapterConfig& config) {
  auto it = config.values.find("path");
  const std::string& location = it != config.values.end() && !it->second.location.empty()
                                    ? it->second.location
                                    : config.location;
  return location.empty() ? "" : location + ": ";
}

bool IsHl7File(const fs::path& path) {
  std::string extension = path.extension().string();
  return extension == ".hl7" || extension == ".txt" || extension == ".mllp";
}

std::vector<Hl7File> FilesAt(const AdapterConfig& config) {
  fs::path path = config.GetString("path");
  std::vector<Hl7File> files;
  if (fs::is_regular_file(path)) {
    files.push_back({path.filename().string(), path.string(), fs::file_size(path)});
    return files;
  }
  if (!fs::is_directory(path)) {
    throw IoError(Where(config) + "hl7v2 source: " + path.string() +
                  " does not exist; set `path` to an HL7 file or a folder of them");
  }
  for (const fs::directory_entry& entry : fs::directory_iterator(path)) {
    if (!entry.is_regular_file() || !IsHl7File(entry.path())) continue;
    files.push_back({entry.path().filename().string(), entry.path().string(), entry.file_size()});
  }
  if (files.empty()) {
    throw IoError(Where(config) + "hl7v2 source: directory " + path.string() +
                  " holds no *.hl7, *.txt or *.mllp files");
  }
  std::sort(files.begin(), files.end(),
            [](const Hl7File& a, const Hl7File& b) { return a.file < b.file; });
  return files;
}

}  // namespace

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  for (const std::string& stream : context.streams) {
    if (!ParsePath(stream + "-1")) {
      throw PlanError(Where(config) + "hl7v2 source: stream '" + stream +
                      "' is not a segment id; name a segment such as PID or OBX in the rule's "
                      "`from`");
    }
  }
  return std::make_unique<Hl7v2Source>(FilesAt(config), context.streams);
}

}  // namespace ferry::hl7v2
