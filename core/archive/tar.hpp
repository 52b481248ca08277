#pragma once
/// A streaming POSIX tar (ustar, with pax headers for long names and large sizes) writer
/// and reader, for the regular files of an escrow archive.
///
/// The writer emits what GNU and BSD tar extract; the reader also takes GNU tar's own
/// format (`tar -c` on Debian), GNU long names and pax headers. Entry data streams through
/// in both directions: neither side holds a whole file.
///
///     TarWriter tar(sink);
///     tar.BeginEntry({.name = "Patient.ndjson", .size = 1234, .mtime = 1700000000});
///     tar.WriteData(bytes);  // exactly `size` bytes in all
///     tar.EndEntry();
///     tar.Finish();

#include <cstdint>
#include <optional>
#include <string>

#include "core/archive/byte_stream.hpp"

namespace ferry::archive {

/// One member of a tar archive.
struct TarEntry {
  /// What the member is; only regular files carry data.
  enum class Type { kFile, kDirectory, kOther };
  std::string name;        ///< path inside the archive as stored ("./x" stays "./x")
  std::uint64_t size = 0;  ///< bytes of data
  std::int64_t mtime = 0;  ///< modification time, seconds since 1970
  unsigned mode = 0600;    ///< permission bits
  Type type = Type::kFile;
};

/// Writes a tar stream of regular files to a sink.
class TarWriter {
 public:
  /// Writes to `out`, which must outlive this object.
  explicit TarWriter(ByteSink& out) : out_(out) {}
  /// Starts a regular file (a pax header first if the name is over 100 bytes or the size
  /// over 8 GiB). The entry's type is ignored.
  void BeginEntry(const TarEntry& entry);
  /// Data of the current entry; throws std::logic_error past its declared size.
  void WriteData(ByteSpan bytes);
  /// Pads the current entry; throws std::logic_error if it got fewer bytes than declared.
  void EndEntry();
  /// Writes the end-of-archive marker and pads to a whole 10 KiB record.
  void Finish();

 private:
  void WriteBlock(const std::uint8_t* block);
  ByteSink& out_;
  std::uint64_t remaining_ = 0;
  std::uint64_t entry_size_ = 0;
  std::uint64_t written_ = 0;
  bool in_entry_ = false;
};

/// Reads a tar stream from a source, entry by entry.
class TarReader {
 public:
  /// Reads from `in`, which must outlive this object.
  explicit TarReader(ByteSource& in) : in_(in) {}
  /// The next entry, skipping what is left of the current one; nullopt at the end of the
  /// archive, after reading `in` to its end (so a decryptor below checks its last chunk).
  /// Throws ArchiveError for a damaged or truncated tar stream.
  std::optional<TarEntry> Next();
  /// Data of the current entry; 0 at its end. Throws ArchiveError if the stream ends early.
  std::size_t ReadData(MutableByteSpan out);

 private:
  bool ReadBlock(std::uint8_t* block);
  void Skip(std::uint64_t size);
  void Drain();
  std::string ReadSmallData(std::uint64_t size);
  ByteSource& in_;
  std::uint64_t remaining_ = 0;
  std::uint64_t padding_ = 0;
};

}  // namespace ferry::archive
