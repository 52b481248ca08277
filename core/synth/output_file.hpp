#pragma once
/// A buffered output file for the synthetic population (internal to core/synth): lines go
/// straight to disk through a large buffer, so memory does not grow with the output.

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace ferry::synth {

class OutputFile {
 public:
  /// Creates (truncates) `path`. Throws IoError naming the path when it cannot.
  explicit OutputFile(std::string path);
  ~OutputFile();
  OutputFile(const OutputFile&) = delete;
  OutputFile& operator=(const OutputFile&) = delete;

  /// Appends `text` (buffered). Throws IoError when a write to disk fails.
  void Write(std::string_view text);
  /// Appends `line` and a newline, and counts it.
  void WriteLine(std::string_view line);
  /// Lines written with WriteLine.
  std::uint64_t lines() const { return lines_; }
  /// Flushes and closes; throws IoError when that fails (a full disk shows here).
  void Close();

 private:
  void Flush();

  std::string path_;
  std::FILE* file_ = nullptr;
  std::string buffer_;
  std::uint64_t lines_ = 0;
};

/// Creates `dir` and its parents. Throws IoError when it cannot.
void MakeDirectories(const std::string& dir);

}  // namespace ferry::synth
