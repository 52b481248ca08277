#pragma once
/// An append-only output file with its own write buffer, that knows its length and line
/// count, so that the sink can checkpoint both and truncate back to them.

#include <cstdint>
#include <string>
#include <string_view>

namespace ferry::ndjson {

class OutputFile {
 public:
  /// Opens `path` (creating it, mode 0644) and cuts it to `bytes`, which hold `lines`
  /// lines; writes then append. Throws IoError when the file cannot be opened or is
  /// shorter than `bytes`.
  OutputFile(std::string path, std::uint64_t bytes, std::uint64_t lines);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// Appends `text` and a line break (buffered).
  void AppendLine(std::string_view text);
  /// Writes the buffer out to the file.
  void Flush();
  /// Flushes, then makes the file's data durable (fdatasync; skipped when nothing was
  /// appended since the last Sync).
  void Sync();

  /// Length of the file including buffered bytes.
  std::uint64_t bytes() const { return bytes_; }
  /// Lines in the file including buffered ones.
  std::uint64_t lines() const { return lines_; }

 private:
  std::string path_;
  int fd_ = -1;
  std::string buffer_;
  std::uint64_t bytes_ = 0;
  std::uint64_t lines_ = 0;
  std::uint64_t synced_bytes_ = UINT64_MAX;  ///< length at the last Sync (none yet: the first always syncs)
};

/// Cuts the file at `path` to `bytes`; throws IoError when it is shorter than that (the
/// target was changed outside ferry) or cannot be cut.
void TruncateFile(const std::string& path, std::uint64_t bytes);

}  // namespace ferry::ndjson
