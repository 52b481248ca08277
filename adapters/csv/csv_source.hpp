#pragma once
/// The CSV source: a directory of CSV exports, one file per stream (`patients` reads
/// `patients.csv`, or the file `files:` names for it), RFC 4180 with a header row.
///
/// Each file is read with a fixed-size buffer (csv_scanner.hpp); every row becomes a
/// RawRecord whose `columns` are the file's header, shared by all its rows. A row that
/// cannot be read (wrong number of fields, a stray quote, invalid UTF-8) comes back with
/// `read_error` set and its raw bytes in `payload`, and reading goes on with the next row.
///
/// Cursor: `<stream index>:<byte offset of the next row>:<its line number>`, e.g.
/// `2:123456:789`; offset 0 means "the start of that stream". Seek restores it exactly.

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "adapters/csv/csv_scanner.hpp"
#include "adapters/file_sequence.hpp"
#include "core/adapter.hpp"

namespace ferry::csv {

/// One stream and the file it is read from.
struct StreamFile {
  std::string stream;      ///< as the mapping names it: `patients`
  std::string file;        ///< relative to the source directory, for locations: `patients.csv`
  std::string path;        ///< absolute path
  std::uint64_t size = 0;  ///< bytes, when opened (for Progress)
};

class CsvSource final : public Source {
 public:
  /// Reads `streams` in order, splitting fields at `delimiter`.
  CsvSource(std::vector<StreamFile> streams, char delimiter);

  void Seek(const std::string& cursor) override;
  RecordBatch Next(std::size_t max) override;
  std::optional<double> Progress() const override;
  /// Rows (not counting the header) of `stream`, by one quick pass over its file: a line
  /// break outside quotes ends a row, so a file with stray quotes may count fewer rows
  /// than Next returns.
  std::optional<std::uint64_t> CountRecords(const std::string& stream) override;
  /// The header of `stream`'s file; empty for a stream this source does not read.
  std::vector<std::string> Columns(const std::string& stream) override;

 private:
  void OpenStream(std::uint64_t offset, std::uint64_t line);
  void CloseStream();
  bool ReadRecord(RawRecord& record);
  void FillRow(ScannedRecord& scanned, RawRecord& record);
  std::string Cursor() const;
  const StreamFile* Find(const std::string& stream) const;

  std::vector<StreamFile> streams_;
  FileSequence sequence_;  ///< which of streams_ is being read
  char delimiter_;
  std::unique_ptr<RecordScanner> scanner_;         ///< open on streams_[sequence_.index()], or null
  std::shared_ptr<const ferry::Columns> columns_;  ///< header of the open stream
};

/// Opens a CSV source from checked config (keys in csv::kInfo). Throws PlanError for a bad
/// delimiter or encoding, IoError when the directory or a stream's file is missing.
std::unique_ptr<Source> OpenSource(const AdapterConfig& config, const SourceContext& context);

}  // namespace ferry::csv
