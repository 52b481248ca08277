#include "adapters/ndjson/ndjson_source.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>

#include "core/common/error.hpp"

namespace ferry::ndjson {

namespace {

/// Parses `a:b:c` into three numbers; false when `text` is not that.
bool ParseCursor(std::string_view text, std::uint64_t (&parts)[3]) {
  const char* p = text.data();
  const char* end = text.data() + text.size();
  for (std::size_t part_idx = 0; part_idx < 3; ++part_idx) {
    auto [next, ec] = std::from_chars(p, end, parts[part_idx]);
    if (ec != std::errc() || next == p) return false;
    p = next;
    if (part_idx < 2 && (p == end || *p++ != ':')) return false;
  }
  return p == end;
}

RawRecord ToRecord(const Line& line, const NdjsonFile& file) {
  RawRecord record;
  record.stream = file.resource_type;
  record.location.file = file.name;
  record.location.line = line.number;
  record.payload.assign(line.text);
  record.read_error = line.error;
  return record;
}

}  // namespace

NdjsonSource::NdjsonSource(std::vector<NdjsonFile> files) : files_(std::move(files)) {
  for (const NdjsonFile& file : files_) total_bytes_ += file.size;
}

void NdjsonSource::Seek(const std::string& cursor) {
  reader_.reset();
  std::uint64_t parts[3] = {0, 0, 0};
  if (!cursor.empty() && (!ParseCursor(cursor, parts) || parts[0] > files_.size() ||
                          (parts[0] == files_.size() && parts[1] != 0))) {
    throw PlanError("ndjson source: cannot resume from cursor '" + cursor +
                    "': it does not fit the files in the directory; run again without --resume");
  }
  file_idx_ = static_cast<std::size_t>(parts[0]);
  bytes_before_ = 0;
  for (std::size_t file_idx = 0; file_idx < file_idx_; ++file_idx) {
    bytes_before_ += files_[file_idx].size;
  }
  if (parts[1] > 0) OpenFile(parts[1], parts[2]);
}

RecordBatch NdjsonSource::Next(std::size_t max) {
  RecordBatch batch;
  batch.records.reserve(std::min<std::size_t>(max, 4096));
  while (batch.records.size() < max && file_idx_ < files_.size()) {
    if (!reader_) OpenFile(0, 1);
    Line line;
    if (reader_->Next(line)) {
      batch.records.push_back(ToRecord(line, files_[file_idx_]));
      continue;
    }
    bytes_before_ += files_[file_idx_].size;
    ++file_idx_;
    reader_.reset();
  }
  batch.cursor = Cursor();
  return batch;
}

std::optional<double> NdjsonSource::Progress() const {
  if (total_bytes_ == 0) return file_idx_ >= files_.size() ? 1.0 : 0.0;
  std::uint64_t done = bytes_before_ + (reader_ ? reader_->disk_offset() : 0);
  return std::min(1.0, static_cast<double>(done) / static_cast<double>(total_bytes_));
}

std::optional<std::uint64_t> NdjsonSource::CountRecords(const std::string& stream) {
  std::uint64_t lines = 0;
  for (const NdjsonFile& file : files_) {
    if (file.resource_type != stream) continue;
    LineReader reader(file.path, file.name);
    for (Line line; reader.Next(line);) ++lines;
  }
  return lines;
}

void NdjsonSource::OpenFile(std::uint64_t offset, std::uint64_t number) {
  const NdjsonFile& file = files_[file_idx_];
  reader_ = std::make_unique<LineReader>(file.path, file.name);
  if (offset > 0) reader_->Seek(offset, number);
}

std::string NdjsonSource::Cursor() const {
  if (!reader_) return std::to_string(file_idx_) + ":0:0";
  return std::to_string(file_idx_) + ":" + std::to_string(reader_->offset()) + ":" +
         std::to_string(reader_->number());
}

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  std::filesystem::path dir = config.GetString("path");
  if (!std::filesystem::is_directory(dir)) {
    std::string where = config.location.empty() ? "" : config.location + ": ";
    throw IoError(where + "ndjson source: directory " + dir.string() +
                  " does not exist; set `path` to the folder that holds the .ndjson files");
  }
  return std::make_unique<NdjsonSource>(ListInputs(dir, context.streams));
}

}  // namespace ferry::ndjson
