#include "adapters/hl7v2/hl7_message.hpp"

#include <cctype>

#include "adapters/hl7v2/hl7_path.hpp"

namespace ferry::hl7v2 {

namespace {

/// The explicit null of HL7: a value of two double quotes.
constexpr std::string_view kNull = "\"\"";

std::string SegmentName(std::size_t segment_number) {
  return "segment " + std::to_string(segment_number);
}

bool IsSeparatorChar(char c) {
  auto byte = static_cast<unsigned char>(c);
  return byte > 0x20 && byte < 0x7F && !std::isalnum(byte);
}

/// The encoding characters of the MSH segment `text`, or a failure.
Result<Hl7Encoding> ReadEncoding(std::string_view text) {
  if (text.size() < 4 || text.substr(0, 3) != "MSH") {
    return Failure("segment 1 is not an MSH segment; every message must start with MSH");
  }
  Hl7Encoding encoding;
  encoding.field = text[3];
  if (!IsSeparatorChar(encoding.field)) {
    return Failure("segment 1 (MSH): MSH-1 is not a valid field separator");
  }
  std::string_view chars = Piece(text.substr(4), encoding.field, 1);
  if (chars.size() < 4 || chars.size() > 5) {
    return Failure("segment 1 (MSH): MSH-2 must hold 4 or 5 encoding characters");
  }
  std::string seen(1, encoding.field);
  for (char c : chars) {
    if (!IsSeparatorChar(c) || seen.find(c) != std::string::npos) {
      return Failure("segment 1 (MSH): MSH-2 encoding characters must be distinct punctuation");
    }
    seen.push_back(c);
  }
  encoding.component = chars[0];
  encoding.repetition = chars[1];
  encoding.escape = chars[2];
  encoding.subcomponent = chars[3];
  if (chars.size() == 5) encoding.truncation = chars[4];
  return encoding;
}

bool IsSegmentId(std::string_view id) {
  if (id.size() != 3) return false;
  for (char c : id) {
    auto byte = static_cast<unsigned char>(c);
    if (!std::isupper(byte) && !std::isdigit(byte)) return false;
  }
  return true;
}

/// Splits segment `text` (number `segment_number`) into a segment, or a failure.
Result<Hl7Segment> SplitSegment(std::string_view text, std::size_t segment_number,
                                const Hl7Encoding& encoding, std::uint64_t line) {
  std::size_t id_end = text.find(encoding.field);
  std::string_view id = text.substr(0, id_end);
  if (id.empty()) return Failure(SegmentName(segment_number) + " has no segment id");
  if (!IsSegmentId(id)) {
    return Failure(SegmentName(segment_number) +
                   ": the segment id is not three upper-case letters or digits");
  }
  std::vector<std::string> fields;
  if (id == "MSH") fields.emplace_back(1, encoding.field);
  while (id_end != std::string_view::npos) {
    std::size_t next = text.find(encoding.field, id_end + 1);
    fields.emplace_back(text.substr(
        id_end + 1, next == std::string_view::npos ? std::string_view::npos : next - id_end - 1));
    id_end = next;
  }
  return Hl7Segment(std::string(id), std::move(fields), line);
}

}  // namespace

Hl7Segment::Hl7Segment(std::string id, std::vector<std::string> fields, std::uint64_t line)
    : id_(std::move(id)), fields_(std::move(fields)), line_(line) {}

std::string_view Hl7Segment::Field(std::size_t field_number) const {
  if (field_number == 0 || field_number > fields_.size()) return {};
  return fields_[field_number - 1];
}

std::string_view Piece(std::string_view text, char separator, std::size_t number) {
  std::size_t start = 0;
  for (std::size_t piece_idx = 1; piece_idx < number; ++piece_idx) {
    std::size_t next = text.find(separator, start);
    if (next == std::string_view::npos) return {};
    start = next + 1;
  }
  std::size_t end = text.find(separator, start);
  return text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

Result<Hl7Message> Hl7Message::Parse(std::string_view text,
                                     std::span<const std::uint64_t> segment_lines) {
  Hl7Message message;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find_first_of("\r\n", pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (line.empty()) continue;
    std::size_t segment_number = message.segments_.size() + 1;
    if (segment_number == 1) {
      auto encoding = ReadEncoding(line);
      if (!encoding) return Failure(encoding.error());
      message.encoding_ = *encoding;
    }
    std::uint64_t line_number =
        segment_number <= segment_lines.size() ? segment_lines[segment_number - 1] : segment_number;
    auto segment = SplitSegment(line, segment_number, message.encoding_, line_number);
    if (!segment) return Failure(segment.error());
    message.segments_.push_back(std::move(*segment));
  }
  if (message.segments_.empty()) return Failure("the message is empty");
  return message;
}

std::string Hl7Message::MessageType() const {
  const Hl7Segment& msh = segments_.front();
  std::string type = Value(msh, 9, 1, 1).text;
  std::string trigger = Value(msh, 9, 1, 2).text;
  return trigger.empty() ? type : type + "^" + trigger;
}

std::string Hl7Message::MessageStructure() const { return Value(segments_.front(), 9, 1, 3).text; }

std::string Hl7Message::ControlId() const { return Value(segments_.front(), 10).text; }

const Hl7Segment* Hl7Message::Find(std::string_view id, std::size_t occurrence) const {
  std::size_t seen = 0;
  for (const Hl7Segment& segment : segments_) {
    if (segment.id() == id && ++seen == occurrence) return &segment;
  }
  return nullptr;
}

Result<Hl7Value> Hl7Message::Get(std::string_view path_text) const {
  auto path = ParsePath(path_text);
  if (!path) {
    return Failure("'" + std::string(path_text) +
                   "' is not an HL7 path; write it as SEG-field[repetition].component."
                   "subcomponent, e.g. PID-3[2].1");
  }
  const Hl7Segment* segment = Find(path->segment, path->occurrence);
  if (!segment) return Hl7Value{};
  return Value(*segment, path->field, path->repetition, path->component, path->subcomponent);
}

Hl7Value Hl7Message::Value(const Hl7Segment& segment, std::size_t field, std::size_t repetition,
                           std::size_t component, std::size_t subcomponent) const {
  std::string_view text = segment.Field(field);
  if (segment.id() == "MSH" && field <= 2) {  // separators: never split nor unescaped
    bool whole = repetition == 1 && component == 1 && subcomponent == 1;
    return Hl7Value{whole ? std::string(text) : std::string(), false};
  }
  if (text == kNull) return Hl7Value{"", true};
  text = Piece(text, encoding_.repetition, repetition);
  text = Piece(text, encoding_.component, component);
  text = Piece(text, encoding_.subcomponent, subcomponent);
  if (text == kNull) return Hl7Value{"", true};
  return Hl7Value{Unescape(text, encoding_), false};
}

}  // namespace ferry::hl7v2
