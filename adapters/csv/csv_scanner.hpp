#pragma once
/// Cuts a CSV file into records with a fixed-size buffer, so memory stays bounded whatever
/// the file size: a record ends at a line break outside quotes (LF or CRLF). Blank lines
/// are skipped. Splitting a record into fields is SplitRecord's job (csv_fields.hpp).
///
/// A record that cannot be cut cleanly (a quote still open at the end of the file, or a
/// record longer than kMaxRecordBytes) comes back with `error` set and only its first
/// physical line as text; scanning goes on with the next line, so one stray quote costs
/// one row, not the rest of the file.
///
///     RecordScanner scanner("/data/patients.csv", "patients.csv");
///     scanner.SkipBom();
///     for (ScannedRecord record; scanner.Next(record);) Use(record.text, record.line);

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::csv {

/// The longest record the scanner accepts (16 MiB).
inline constexpr std::size_t kMaxRecordBytes = std::size_t{16} << 20;

/// One record as cut from the file.
struct ScannedRecord {
  /// The record's bytes without its line terminator; valid until the next call to Next.
  std::string_view text;
  std::uint64_t line = 0;  ///< 1-based line on which the record starts
  std::string error;       ///< why the record could not be cut ("" when it could)
};

class RecordScanner {
 public:
  /// Opens `path` for reading; throws IoError naming `display_name` when it cannot.
  RecordScanner(const std::string& path, std::string display_name);
  ~RecordScanner();
  RecordScanner(const RecordScanner&) = delete;
  RecordScanner& operator=(const RecordScanner&) = delete;

  /// Positions the scanner at byte `offset` of the file, which is the start of line `line`.
  void Seek(std::uint64_t offset, std::uint64_t line);
  /// Skips a UTF-8 byte order mark at the current position (call at the file's start).
  void SkipBom();
  /// Cuts the next non-blank record into `record`; false at the end of the file.
  bool Next(ScannedRecord& record);

  /// Cuts `record`, just returned by Next, back to its first physical line; scanning goes
  /// on with the line after it. For a record whose quotes look wrong: a stray quote
  /// then costs one row, not every row up to the next quote.
  void KeepFirstLine(ScannedRecord& record);

  /// Byte offset in the file where the next record starts.
  std::uint64_t offset() const { return buffer_offset_ + begin_; }
  /// 1-based line on which the next record starts.
  std::uint64_t line() const { return line_; }

 private:
  bool Cut(ScannedRecord& record);
  void Emit(std::size_t stop, std::uint64_t inner_breaks, ScannedRecord& record);
  bool Recover(const char* error, ScannedRecord& record);
  void SkipPastLineBreak();
  std::size_t Refill();

  int fd_ = -1;
  std::string display_name_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;            ///< first unconsumed byte in buffer_
  std::size_t end_ = 0;              ///< one past the last byte read into buffer_
  std::uint64_t buffer_offset_ = 0;  ///< file offset of buffer_[0]
  std::uint64_t line_ = 1;
  bool eof_ = false;
  std::string recovered_;  ///< text of the last record returned by Recover
};

}  // namespace ferry::csv
