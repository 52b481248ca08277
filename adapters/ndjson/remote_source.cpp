#include "adapters/ndjson/remote_source.hpp"

#include <algorithm>

#include "adapters/ndjson/ndjson_source.hpp"  // ToRecord

namespace ferry::ndjson {

RemoteSource::RemoteSource(std::unique_ptr<storage::Store> store, std::vector<NdjsonFile> files)
    : store_(std::move(store)),
      files_(std::move(files)),
      sequence_("ndjson source", "the objects under the prefix", FileSizes(files_)) {}

void RemoteSource::Seek(const std::string& cursor) {
  reader_.reset();
  std::vector<std::uint64_t> parts = sequence_.Seek(cursor, {0, 0, 0});
  if (parts[1] > 0) OpenFile(parts[1], parts[2]);
}

RecordBatch RemoteSource::Next(std::size_t max) {
  RecordBatch batch;
  batch.records.reserve(std::min<std::size_t>(max, 4096));
  while (batch.records.size() < max && !sequence_.done()) {
    if (!reader_) OpenFile(0, 1);
    Line line;
    if (reader_->Next(line)) {
      batch.records.push_back(ToRecord(line, files_[sequence_.index()]));
      continue;
    }
    sequence_.NextFile();
    reader_.reset();
  }
  batch.cursor = Cursor();
  return batch;
}

std::optional<double> RemoteSource::Progress() const {
  return sequence_.Progress(reader_ ? reader_->disk_offset() : 0);
}

std::optional<std::uint64_t> RemoteSource::CountRecords(const std::string& stream) {
  std::uint64_t lines = 0;
  for (const NdjsonFile& file : files_) {
    if (file.resource_type != stream) continue;
    ObjectLineReader reader(*store_, file.path, file.name, file.size);
    for (Line line; reader.Next(line);) ++lines;
  }
  return lines;
}

void RemoteSource::OpenFile(std::uint64_t offset, std::uint64_t number) {
  const NdjsonFile& file = files_[sequence_.index()];
  reader_ = std::make_unique<ObjectLineReader>(*store_, file.path, file.name, file.size);
  if (offset > 0) reader_->Seek(offset, number);
}

std::string RemoteSource::Cursor() const {
  if (!reader_) return sequence_.Cursor({0, 0});
  return sequence_.Cursor({reader_->offset(), reader_->number()});
}

}  // namespace ferry::ndjson
