#pragma once
/// Reads an object of a Store (adapters/storage/store.hpp) line by line, as LineReader
/// does a local file: ranged reads of `chunk` bytes at a time, so memory holds one chunk
/// and the longest line, whatever the object's size; Seek starts the next range at any
/// offset (resuming costs no re-read). Blank lines are skipped; a line longer than
/// kMaxLineBytes comes back with `error` set. Plain NDJSON only (no gzip).
///
///     ObjectLineReader reader(store, "run1/Patient.ndjson", "Patient.ndjson", size);
///     for (Line line; reader.Next(line);) Use(line.text, line.number);

#include <cstdint>
#include <functional>
#include <string>

#include "adapters/ndjson/line_reader.hpp"
#include "adapters/storage/store.hpp"

namespace ferry::ndjson {

class ObjectLineReader {
 public:
  /// Will read `key` (of `size` bytes) from `store`, which must outlive the reader.
  ObjectLineReader(storage::Store& store, std::string key, std::string display_name,
                   std::uint64_t size, std::uint64_t chunk = std::uint64_t{8} << 20);

  /// Moves to byte `offset`, the start of line `number`.
  void Seek(std::uint64_t offset, std::uint64_t number);
  /// The next non-blank line; false at the end. Throws what the store throws.
  bool Next(Line& line);
  /// Called with every byte read, in order (e.g. to hash the object); set before reading.
  void OnBytes(std::function<void(std::string_view)> on_bytes) { on_bytes_ = std::move(on_bytes); }

  /// Byte offset of the next line.
  std::uint64_t offset() const { return buffer_offset_ + begin_; }
  /// Line number of the next line.
  std::uint64_t number() const { return number_; }
  /// Bytes fetched from the store so far (for progress).
  std::uint64_t disk_offset() const { return fetched_; }

 private:
  bool Cut(Line& line);
  void Emit(std::size_t stop, Line& line);
  void TooLong(Line& line);
  bool Fetch();

  storage::Store& store_;
  std::string key_;
  std::string display_name_;
  std::uint64_t size_;
  std::uint64_t chunk_;
  std::function<void(std::string_view)> on_bytes_;
  std::string buffer_;
  std::size_t begin_ = 0;
  std::uint64_t buffer_offset_ = 0;  ///< object offset of buffer_[0]
  std::uint64_t fetched_ = 0;        ///< object offset just after buffer_
  std::uint64_t number_ = 1;
  std::string too_long_;  ///< text of the last line that was too long
};

}  // namespace ferry::ndjson
