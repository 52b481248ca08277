#pragma once
/// The NDJSON source on object storage (`path: s3://bucket/prefix`, gs://, az://): the
/// same layout, records and cursor as NdjsonSource (ndjson_source.hpp), read from the
/// objects directly under the prefix with ranged reads (ObjectLineReader), so memory stays
/// flat whatever the object sizes and a resumed run starts at the cursor's byte.

#include <memory>
#include <string>
#include <vector>

#include "adapters/file_sequence.hpp"
#include "adapters/ndjson/ndjson_files.hpp"
#include "adapters/ndjson/object_line_reader.hpp"
#include "adapters/storage/store.hpp"
#include "core/adapter.hpp"

namespace ferry::ndjson {

class RemoteSource final : public Source {
 public:
  /// Reads `files` (from ListRemoteInputs) of `store` in order.
  RemoteSource(std::unique_ptr<storage::Store> store, std::vector<NdjsonFile> files);

  void Seek(const std::string& cursor) override;
  RecordBatch Next(std::size_t max) override;
  std::optional<double> Progress() const override;
  /// Non-blank lines in the objects of resource type `stream` (reads them all).
  std::optional<std::uint64_t> CountRecords(const std::string& stream) override;

 private:
  void OpenFile(std::uint64_t offset, std::uint64_t number);
  std::string Cursor() const;

  std::unique_ptr<storage::Store> store_;
  std::vector<NdjsonFile> files_;
  FileSequence sequence_;
  std::unique_ptr<ObjectLineReader> reader_;  ///< open on files_[sequence_.index()], or null
};

}  // namespace ferry::ndjson
