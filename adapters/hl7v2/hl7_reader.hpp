#pragma once
/// Finds the HL7 v2 messages in a byte stream, with bounded memory.
///
/// A file may hold one message or many, each starting with an MSH segment; batch files
/// (FHS/BHS ... BTS/FTS, whose wrapper segments are skipped); or MLLP-framed captures
/// (0x0B message 0x1C 0x0D, the frame bytes dropped). Segments end with CR, LF or CRLF;
/// empty lines are skipped, as is a UTF-8 byte order mark at the start. Lines before the
/// first MSH form a message of their own, which then fails to parse (it has no MSH).
///
/// The stream is read through a fixed-size buffer; a segment longer than
/// `max_segment_bytes` or a message longer than `max_message_bytes` is not kept but
/// consumed, and its message comes back with `error` set. So does a message with a NUL
/// byte or bytes that are not UTF-8 (the only encoding supported).
///
///     Hl7Reader reader(std::make_unique<std::ifstream>(path, std::ios::binary));
///     for (FramedMessage message; reader.Next(message);) ...

#include <cstdint>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace ferry::hl7v2 {

/// Size limits of a reader.
struct ReaderLimits {
  std::size_t buffer_bytes = 64 * 1024;              ///< the read buffer
  std::size_t max_segment_bytes = 1024 * 1024;       ///< a longer segment is an error
  std::size_t max_message_bytes = 16 * 1024 * 1024;  ///< a longer message is an error
};

/// One message as found in the stream.
struct FramedMessage {
  std::string text;  ///< its segments, each ended by CR, framing removed; on error, the
                     ///< segments kept within the limits
  std::vector<std::uint64_t> segment_lines;  ///< the file line of each segment in `text`
  std::uint64_t offset = 0;                  ///< byte offset of its first segment in the stream
  std::uint64_t line = 0;                    ///< line of its first segment (1-based)
  std::uint64_t index = 0;                   ///< 1-based number of the message in the stream
  std::string error;  ///< why it cannot be read (no values in it); "" when fine
};

/// Reads messages one after another; see the file comment.
class Hl7Reader {
 public:
  /// Reads from `in` (opened in binary mode) with `limits`.
  explicit Hl7Reader(std::unique_ptr<std::istream> in, ReaderLimits limits = {});

  /// Moves to byte `offset`, the start of a message found earlier (or 0), which is on
  /// line `line` and is message number `index`.
  void Seek(std::uint64_t offset, std::uint64_t line, std::uint64_t index);
  /// The next message into `message`; false at the end of the stream.
  bool Next(FramedMessage& message);

  /// Byte offset where the next message starts (the end of the stream after the last).
  std::uint64_t offset() const;
  /// Line of that offset.
  std::uint64_t line() const;
  /// Number the next message will have.
  std::uint64_t next_index() const { return next_index_; }
  /// The most bytes this reader has held at once (buffer, line and message capacity):
  /// under buffer_bytes + 2 * (max_segment_bytes + max_message_bytes) whatever the input
  /// (the factor 2 is string growth).
  std::size_t PeakBufferedBytes() const { return peak_bytes_; }

 private:
  /// One line of the stream, framing bytes removed.
  struct Line {
    std::string text;
    std::uint64_t offset = 0;
    std::uint64_t number = 0;
    bool too_long = false;
  };

  bool ReadLine(Line& line);
  int Peek();
  void Consume();
  std::string SegmentError(const Line& line, const FramedMessage& message) const;
  void AddSegment(const Line& line, FramedMessage& message);
  void TrackPeak(std::size_t message_bytes);

  std::unique_ptr<std::istream> in_;
  ReaderLimits limits_;
  std::vector<char> buffer_;
  std::size_t buffer_pos_ = 0;
  std::size_t buffer_len_ = 0;
  std::uint64_t position_ = 0;  ///< stream offset of buffer_[buffer_pos_]
  std::uint64_t line_ = 1;      ///< line number at position_
  bool after_cr_ = false;       ///< the last line ended with CR (an LF may follow)
  bool has_pending_ = false;    ///< pending_ holds the first line of the next message
  Line pending_;
  std::uint64_t next_index_ = 1;
  std::size_t peak_bytes_ = 0;
};

/// True when `text` is valid UTF-8 without NUL bytes.
bool IsCleanUtf8(std::string_view text);

}  // namespace ferry::hl7v2
