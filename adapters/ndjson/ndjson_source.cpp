#include "adapters/ndjson/ndjson_source.hpp"

#include <algorithm>
#include <filesystem>

#include "adapters/ndjson/deleted_file.hpp"
#include "adapters/ndjson/remote_files.hpp"
#include "adapters/ndjson/remote_source.hpp"
#include "adapters/storage/store_config.hpp"
#include "core/common/error.hpp"

namespace ferry::ndjson {

RawRecord ToRecord(const Line& line, const NdjsonFile& file) {
  RawRecord record;
  record.stream = file.resource_type;
  record.location.file = file.name;
  record.location.line = line.number;
  record.payload.assign(line.text);
  record.read_error = line.error;
  return record;
}

NdjsonSource::NdjsonSource(std::vector<NdjsonFile> files)
    : files_(std::move(files)),
      sequence_("ndjson source", "the files in the directory", FileSizes(files_)) {}

void NdjsonSource::Seek(const std::string& cursor) {
  reader_.reset();
  std::vector<std::uint64_t> parts = sequence_.Seek(cursor, {0, 0, 0});
  if (parts[1] > 0) OpenFile(parts[1], parts[2]);
}

RecordBatch NdjsonSource::Next(std::size_t max) {
  RecordBatch batch;
  batch.records.reserve(std::min<std::size_t>(max, 4096));
  while (batch.records.size() < max && !sequence_.done()) {
    if (!reader_) OpenFile(0, 1);
    Line line;
    if (reader_->Next(line)) {
      const NdjsonFile& file = files_[sequence_.index()];
      if (file.deletes) AppendDeleteRecords(line, file.name, "deleted file", batch.records);
      else batch.records.push_back(ToRecord(line, file));
      continue;
    }
    sequence_.NextFile();
    reader_.reset();
  }
  batch.cursor = Cursor();
  return batch;
}

std::optional<double> NdjsonSource::Progress() const {
  return sequence_.Progress(reader_ ? reader_->disk_offset() : 0);
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
  const NdjsonFile& file = files_[sequence_.index()];
  reader_ = std::make_unique<LineReader>(file.path, file.name);
  if (offset > 0) reader_->Seek(offset, number);
}

std::string NdjsonSource::Cursor() const {
  if (!reader_) return sequence_.Cursor({0, 0});
  return sequence_.Cursor({reader_->offset(), reader_->number()});
}

std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context) {
  std::string where = config.location.empty() ? "" : config.location + ": ";
  storage::StorageUrl url = storage::ParseStorageUrl(config.GetString("path"), where);
  if (url.kind != storage::StoreKind::kLocal) {
    std::unique_ptr<storage::Store> store = storage::OpenStore(url, config);
    std::vector<NdjsonFile> files = ListRemoteInputs(*store, url.prefix, context.streams);
    return std::make_unique<RemoteSource>(std::move(store), std::move(files));
  }
  std::filesystem::path dir = url.local_dir;
  if (!std::filesystem::is_directory(dir)) {
    throw IoError(where + "ndjson source: directory " + dir.string() +
                  " does not exist; set `path` to the folder that holds the .ndjson files");
  }
  std::vector<NdjsonFile> files = ListInputs(dir, context.streams);
  for (NdjsonFile& deleted : ListDeletedInputs(dir)) files.push_back(std::move(deleted));  // after the outputs
  return std::make_unique<NdjsonSource>(std::move(files));
}

}  // namespace ferry::ndjson
