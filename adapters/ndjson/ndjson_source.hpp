#pragma once
/// The NDJSON source: a directory in FHIR Bulk Data layout (ndjson_files.hpp), one
/// resource per line. Each non-blank line becomes a RawRecord whose `payload` is the line
/// exactly as read and whose `stream` is the resource type of its file; JSON is not parsed
/// here (the pipeline does). `.ndjson.gz` files are read transparently. The directory's
/// `deleted` files (deleted_file.hpp) are read last, each entry a delete record.
///
/// Cursor: `<file index>:<uncompressed byte offset of the next line>:<its line number>`,
/// e.g. `1:52311:40`; offset 0 means "the start of that file". Seeking into a gzip file
/// decompresses everything before the offset.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adapters/file_sequence.hpp"
#include "adapters/ndjson/line_reader.hpp"
#include "adapters/ndjson/ndjson_files.hpp"
#include "core/adapter.hpp"

namespace ferry::ndjson {

/// The record of one NDJSON line of `file` (local or on a store): its resource type as the
/// stream, file:line as the location, the text as payload, the line's read error if any.
RawRecord ToRecord(const Line& line, const NdjsonFile& file);

class NdjsonSource final : public Source {
 public:
  /// Reads `files` in order.
  explicit NdjsonSource(std::vector<NdjsonFile> files);

  void Seek(const std::string& cursor) override;
  RecordBatch Next(std::size_t max) override;
  std::optional<double> Progress() const override;
  /// Non-blank lines in the files of resource type `stream` (reads them all).
  std::optional<std::uint64_t> CountRecords(const std::string& stream) override;

 private:
  void OpenFile(std::uint64_t offset, std::uint64_t number);
  std::string Cursor() const;

  std::vector<NdjsonFile> files_;
  FileSequence sequence_;               ///< which of files_ is being read (by disk size)
  std::unique_ptr<LineReader> reader_;  ///< open on files_[sequence_.index()], or null
};

/// Opens an NDJSON source from checked config; the streams of `context` are resource
/// types (empty = every type found). Throws IoError when the directory is missing.
std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context);

}  // namespace ferry::ndjson
