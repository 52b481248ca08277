#pragma once
/// Where a file-based source stands in its files, read one after another: the index of the
/// current file, the bytes of the files before it, the resume cursor and progress by bytes.
/// The source keeps its own reader; it passes that reader's byte offset in when it asks
/// for progress or a cursor.
///
/// The cursor is `<file index>:<n1>:<n2>...`, all unsigned numbers, where `n1` is the
/// byte offset in that file (0 = not started) and the rest belong to the source:
///
/// ```cpp
/// FileSequence sequence("csv source", "this plan's streams", FileSizes(streams));
/// std::vector<std::uint64_t> parts = sequence.Seek(cursor, {0, 0, 0});  // index, offset, line
/// ...
/// batch.cursor = sequence.Cursor({scanner.offset(), scanner.line()});
/// ```

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <vector>

namespace ferry {

class FileSequence {
 public:
  /// `source` names the adapter in messages (`csv source`), `files` its files as in "it
  /// does not fit <files>" (`this plan's streams`); `sizes` are the files' byte sizes, in
  /// reading order.
  FileSequence(std::string source, std::string files, std::vector<std::uint64_t> sizes);

  /// Moves to the file a cursor names and returns the cursor's numbers, or `defaults`
  /// (which also gives their count, file index first) when `cursor` is empty. Throws
  /// PlanError when the cursor is not that many numbers joined by ':', or names a file
  /// past the end (the end itself only with offset 0).
  std::vector<std::uint64_t> Seek(const std::string& cursor, std::vector<std::uint64_t> defaults);
  /// Moves on to the next file.
  void NextFile();

  /// The current file; equal to the file count once all are read.
  std::size_t index() const { return index_; }
  /// True once every file has been read.
  bool done() const { return index_ >= sizes_.size(); }
  /// The cursor: the current file index, then `rest`, joined by ':'.
  std::string Cursor(std::initializer_list<std::uint64_t> rest) const;
  /// Fraction of all bytes read, `offset` being the bytes read of the current file; with
  /// no bytes at all, 1 once done and 0 before.
  double Progress(std::uint64_t offset) const;

 private:
  std::string source_;
  std::string files_;
  std::vector<std::uint64_t> sizes_;
  std::uint64_t total_bytes_ = 0;
  std::size_t index_ = 0;
  std::uint64_t bytes_before_ = 0;  ///< size of the files before index_
};

/// The `size` member of each of `files`, in order (for FileSequence).
template <typename File>
std::vector<std::uint64_t> FileSizes(const std::vector<File>& files) {
  std::vector<std::uint64_t> sizes;
  sizes.reserve(files.size());
  for (const File& file : files) sizes.push_back(file.size);
  return sizes;
}

}  // namespace ferry
