#pragma once
/// Reads a text file line by line with a bounded buffer, through zlib so that a gzip file
/// (`.gz`) reads the same as a plain one. Blank lines are skipped; a line longer than
/// kMaxLineBytes comes back with `error` set, and reading goes on after it.
///
///     LineReader reader("/data/Patient.ndjson.gz", "Patient.ndjson.gz");
///     for (Line line; reader.Next(line);) Use(line.text, line.number);

#include <zlib.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::ndjson {

/// The longest line a reader accepts (64 MiB).
inline constexpr std::size_t kMaxLineBytes = std::size_t{64} << 20;

/// One line as read.
struct Line {
  /// The line without its `\n` or `\r\n`; valid until the next call to Next. For a line
  /// that is too long: its first kMaxLineBytes bytes.
  std::string_view text;
  std::uint64_t number = 0;  ///< 1-based line number
  std::string error;         ///< why the line could not be read ("" when it could)
};

class LineReader {
 public:
  /// Opens `path`; throws IoError naming `display_name` when it cannot.
  LineReader(const std::string& path, std::string display_name);
  ~LineReader();
  LineReader(const LineReader&) = delete;
  LineReader& operator=(const LineReader&) = delete;

  /// Moves to uncompressed byte `offset`, the start of line `number`. In a gzip file this
  /// decompresses everything before it.
  void Seek(std::uint64_t offset, std::uint64_t number);
  /// The next non-blank line; false at the end of the file. Throws IoError when the file
  /// cannot be read (a truncated or corrupt gzip stream, a disk error).
  bool Next(Line& line);

  /// Uncompressed byte offset of the next line.
  std::uint64_t offset() const { return buffer_offset_ + begin_; }
  /// Line number of the next line.
  std::uint64_t number() const { return number_; }
  /// Bytes of the file on disk consumed so far (compressed bytes for gzip).
  std::uint64_t disk_offset() const;

 private:
  bool Cut(Line& line);
  void Emit(std::size_t stop, Line& line);
  void TooLong(Line& line);
  std::size_t Refill();

  gzFile file_ = nullptr;
  std::string path_;
  std::string display_name_;
  std::vector<char> buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
  std::uint64_t buffer_offset_ = 0;  ///< uncompressed offset of buffer_[0]
  std::uint64_t number_ = 1;
  bool eof_ = false;
  std::string too_long_;  ///< text of the last line that was too long
};

}  // namespace ferry::ndjson
