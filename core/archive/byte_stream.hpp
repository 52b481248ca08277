#pragma once
/// Byte streams: the pipes between the layers of an escrow archive.
///
/// Writing, each layer is a `ByteSink` that transforms what it is given and writes it to the
/// next one (tar -> zstd -> age -> file); reading, each is a `ByteSource` that reads from the
/// one below (file -> age -> zstd -> tar). Every layer holds a bounded buffer, so memory does
/// not grow with the size of the archive.
///
///     FileSink file("out.age");
///     AgeEncryptor age(file, recipients);
///     age.Write(AsBytes("hello"));
///     age.Finish();
///     file.Commit();  // until now, nothing was visible at out.age

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::archive {

using ByteSpan = std::span<const std::uint8_t>;
using MutableByteSpan = std::span<std::uint8_t>;
using Bytes = std::vector<std::uint8_t>;

/// The bytes of `text`, without a copy.
inline ByteSpan AsBytes(std::string_view text) {
  return {reinterpret_cast<const std::uint8_t*>(text.data()), text.size()};
}

/// The bytes of `bytes` as text, without a copy.
inline std::string_view AsText(ByteSpan bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), bytes.size()};
}

/// Where bytes go. Errors throw (IoError, ArchiveError).
class ByteSink {
 public:
  virtual ~ByteSink() = default;
  /// Takes all of `bytes`; the sink does not keep the span.
  virtual void Write(ByteSpan bytes) = 0;
};

/// Where bytes come from. Errors throw (IoError, ArchiveError).
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  /// Fills up to `out.size()` bytes and returns how many; 0 (for a non-empty `out`) means
  /// the end, and only then.
  virtual std::size_t Read(MutableByteSpan out) = 0;
};

/// Reads until `out` is full or `source` ends; returns how many bytes were read.
std::size_t ReadFull(ByteSource& source, MutableByteSpan out);

/// A source over another with a buffer, for reading text lines before binary data.
class BufferedSource : public ByteSource {
 public:
  /// Reads from `source`, which must outlive this object.
  explicit BufferedSource(ByteSource& source) : source_(source), buffer_(64 * 1024) {}
  /// The next line without its '\n'. Returns false at the end or if the line would be longer
  /// than `max_size` (`*line` then holds what was read, `*ended` tells which).
  bool ReadLine(std::size_t max_size, std::string* line, bool* ended);
  std::size_t Read(MutableByteSpan out) override;

 private:
  bool Refill();
  ByteSource& source_;
  Bytes buffer_;
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

/// A source over a file on disk; throws IoError naming the path.
class FileSource : public ByteSource {
 public:
  explicit FileSource(const std::string& path);
  ~FileSource() override;
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  std::size_t Read(MutableByteSpan out) override;

 private:
  std::string path_;
  int fd_;
};

/// A sink that becomes the file at `path` only on Commit(): it writes a temporary file
/// (mode 0600) in the same directory and, if it is destroyed before Commit(), removes it.
/// So a failed write never leaves anything at `path` that looks like a good file.
class FileSink : public ByteSink {
 public:
  /// Throws IoError if `path` exists already (an archive is never overwritten) or if the
  /// temporary file cannot be created.
  explicit FileSink(const std::string& path);
  ~FileSink() override;
  FileSink(const FileSink&) = delete;
  FileSink& operator=(const FileSink&) = delete;
  void Write(ByteSpan bytes) override;
  /// Flushes to disk and links the file at `path`, failing if something appeared there.
  void Commit();

 private:
  std::string path_;
  std::string temp_path_;
  int fd_;
};

/// A sink that keeps everything in memory (tests and small files).
class MemorySink : public ByteSink {
 public:
  void Write(ByteSpan bytes) override { bytes_.insert(bytes_.end(), bytes.begin(), bytes.end()); }
  /// What was written so far.
  const Bytes& bytes() const { return bytes_; }

 private:
  Bytes bytes_;
};

/// A source over bytes in memory, which must outlive it. `max_read` caps each Read, so tests
/// can exercise short reads.
class MemorySource : public ByteSource {
 public:
  explicit MemorySource(ByteSpan bytes, std::size_t max_read = SIZE_MAX)
      : bytes_(bytes), max_read_(max_read) {}
  std::size_t Read(MutableByteSpan out) override;

 private:
  ByteSpan bytes_;
  std::size_t max_read_;
};

}  // namespace ferry::archive
