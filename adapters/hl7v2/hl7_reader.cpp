#include "adapters/hl7v2/hl7_reader.hpp"

#include <algorithm>
#include <cctype>

namespace ferry::hl7v2 {

namespace {

constexpr char kStartBlock = '\x0B';
constexpr char kEndBlock = '\x1C';
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

enum class LineKind { kEmpty, kWrapper, kHeader, kSegment };

/// What `text` (a line with framing removed) is to the message framing.
LineKind Classify(std::string_view text) {
  if (text.empty()) return LineKind::kEmpty;
  std::string_view id = text.substr(0, 3);
  bool id_only =
      text.size() == 3 || (text.size() > 3 && !std::isalnum(static_cast<unsigned char>(text[3])));
  if (!id_only) return LineKind::kSegment;
  if (id == "MSH") return LineKind::kHeader;
  if (id == "FHS" || id == "BHS" || id == "BTS" || id == "FTS") return LineKind::kWrapper;
  return LineKind::kSegment;
}

/// Drops MLLP frame bytes at the start and end of `text`.
void StripFraming(std::string& text) {
  std::size_t start = 0;
  while (start < text.size() && (text[start] == kStartBlock || text[start] == kEndBlock)) ++start;
  std::size_t end = text.size();
  while (end > start && (text[end - 1] == kEndBlock || text[end - 1] == kStartBlock)) --end;
  if (start > 0 || end < text.size()) text = text.substr(start, end - start);
}

/// Length of the UTF-8 sequence starting with `lead`, or 0 when it cannot start one.
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

}  // namespace

bool IsCleanUtf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    auto lead = static_cast<unsigned char>(text[pos]);
    std::size_t length = SequenceLength(lead);
    if (lead == 0 || length == 0 || pos + length > text.size()) return false;
    for (std::size_t byte_idx = 1; byte_idx < length; ++byte_idx) {
      auto byte = static_cast<unsigned char>(text[pos + byte_idx]);
      if ((byte & 0xC0) != 0x80) return false;
    }
    if (length >= 3) {
      auto second = static_cast<unsigned char>(text[pos + 1]);
      if (lead == 0xE0 && second < 0xA0) return false;  // overlong
      if (lead == 0xED && second > 0x9F) return false;  // surrogate
      if (lead == 0xF0 && second < 0x90) return false;  // overlong
      if (lead == 0xF4 && second > 0x8F) return false;  // above U+10FFFF
    }
    pos += length;
  }
  return true;
}

Hl7Reader::Hl7Reader(std::unique_ptr<std::istream> in, ReaderLimits limits)
    : in_(std::move(in)), limits_(limits), buffer_(limits.buffer_bytes) {}

void Hl7Reader::Seek(std::uint64_t offset, std::uint64_t line, std::uint64_t index) {
  in_->clear();
  in_->seekg(static_cast<std::streamoff>(offset));
  buffer_pos_ = buffer_len_ = 0;
  position_ = offset;
  line_ = line == 0 ? 1 : line;
  after_cr_ = false;
  has_pending_ = false;
  next_index_ = index == 0 ? 1 : index;
}

std::uint64_t Hl7Reader::offset() const { return has_pending_ ? pending_.offset : position_; }

std::uint64_t Hl7Reader::line() const { return has_pending_ ? pending_.number : line_; }

int Hl7Reader::Peek() {
  if (buffer_pos_ == buffer_len_) {
    if (!*in_) return -1;
    in_->read(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
    buffer_len_ = static_cast<std::size_t>(in_->gcount());
    buffer_pos_ = 0;
    if (buffer_len_ == 0) return -1;
  }
  return static_cast<unsigned char>(buffer_[buffer_pos_]);
}

void Hl7Reader::Consume() {
  ++buffer_pos_;
  ++position_;
}

bool Hl7Reader::ReadLine(Line& line) {
  if (after_cr_ && Peek() == '\n') Consume();
  after_cr_ = false;
  line.text.clear();
  line.too_long = false;
  line.offset = position_;
  line.number = line_;
  int c = Peek();
  if (c < 0) return false;
  for (; c >= 0 && c != '\r' && c != '\n'; c = Peek()) {
    if (line.text.size() < limits_.max_segment_bytes) {
      line.text.push_back(static_cast<char>(c));
    } else {
      line.too_long = true;
    }
    Consume();
  }
  if (c >= 0) {
    after_cr_ = c == '\r';
    Consume();
    ++line_;
  }
  if (line.offset == 0 && line.text.starts_with(kByteOrderMark)) line.text.erase(0, 3);
  StripFraming(line.text);
  return true;
}

// Why `line`, the next segment of `message`, cannot be read; "" when it can.
std::string Hl7Reader::SegmentError(const Line& line, const FramedMessage& message) const {
  std::string segment = "segment " + std::to_string(message.segment_lines.size() + 1);
  if (line.too_long) {
    return segment + " is longer than the limit of " + std::to_string(limits_.max_segment_bytes) +
           " bytes";
  }
  if (message.text.size() + line.text.size() + 1 > limits_.max_message_bytes) {
    return "the message is longer than the limit of " + std::to_string(limits_.max_message_bytes) +
           " bytes";
  }
  if (!IsCleanUtf8(line.text)) {
    return segment + " is not UTF-8 text (it has a NUL byte or an invalid byte sequence)";
  }
  return "";
}

// Adds `line` to `message`, keeping the first error and never more than the limits.
void Hl7Reader::AddSegment(const Line& line, FramedMessage& message) {
  if (message.error.empty()) message.error = SegmentError(line, message);
  if (!line.too_long && message.text.size() + line.text.size() + 1 <= limits_.max_message_bytes) {
    message.text.append(line.text).push_back('\r');
    message.segment_lines.push_back(line.number);
  }
  TrackPeak(message.text.capacity() + line.text.capacity());
}

void Hl7Reader::TrackPeak(std::size_t message_bytes) {
  peak_bytes_ = std::max(peak_bytes_, message_bytes + buffer_.size());
}

bool Hl7Reader::Next(FramedMessage& message) {
  message = FramedMessage{};
  bool started = false;
  Line line;
  while (true) {
    if (has_pending_) {
      line = std::move(pending_);
      has_pending_ = false;
    } else if (!ReadLine(line)) {
      break;
    }
    LineKind kind = line.too_long ? LineKind::kSegment : Classify(line.text);
    if (kind == LineKind::kEmpty) continue;
    if (started && (kind == LineKind::kHeader || kind == LineKind::kWrapper)) {
      pending_ = std::move(line);
      has_pending_ = true;
      break;
    }
    if (kind == LineKind::kWrapper) continue;
    if (!started) {
      started = true;
      message.offset = line.offset;
      message.line = line.number;
    }
    AddSegment(line, message);
  }
  if (!started) return false;
  message.index = next_index_++;
  return true;
}

}  // namespace ferry::hl7v2
