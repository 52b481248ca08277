#pragma once
/// A parsed HL7 v2 message in ER7 encoding (`MSH|^~\&|...` segments).
///
/// Parse splits a message into segments (terminated by CR, LF or CRLF) and fields, with
/// the separators of its MSH-1 and MSH-2. Repetitions, components and subcomponents are
/// split on demand when a value is read, and escape sequences are resolved then
/// (hl7_escape.hpp). HL7's explicit null `""` reads as a null value, distinct from an
/// empty one. Z-segments are kept like any other segment.
///
/// MSH numbering follows the standard: MSH-1 is the field separator itself and MSH-2 the
/// encoding characters, so MSH-9 is the ninth field of the segment counting MSH-1.
///
///     auto message = Hl7Message::Parse(text);
///     if (!message) return Failure(message.error());  // "segment 2 has no segment id"
///     message->Get("PID-5.1");                        // family name, decoded
///     message->Get("OBX[3]-5");                       // value of the third OBX

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adapters/hl7v2/hl7_escape.hpp"
#include "core/common/result.hpp"

namespace ferry::hl7v2 {

/// One segment: its id and its fields as ER7 text (escape sequences not yet resolved).
class Hl7Segment {
 public:
  /// A segment with id `id`, fields `fields` (fields[0] is field 1), read at `line`.
  Hl7Segment(std::string id, std::vector<std::string> fields, std::uint64_t line);

  /// The segment id: `PID`, `ZPD`.
  const std::string& id() const { return id_; }
  /// The 1-based line of the segment in its file (or its position in the message).
  std::uint64_t line() const { return line_; }
  /// The number of the last field present (0 for a segment with no fields).
  std::size_t FieldCount() const { return fields_.size(); }
  /// The ER7 text of field `field_number` (1-based); "" when absent.
  std::string_view Field(std::size_t field_number) const;

 private:
  std::string id_;
  std::vector<std::string> fields_;
  std::uint64_t line_;
};

/// A decoded value: its text, and whether it was HL7's explicit null `""`.
struct Hl7Value {
  std::string text;   ///< escape sequences resolved; "" when empty, null or absent
  bool null = false;  ///< the value (or its field) was `""`
};

/// The piece `number` (1-based) of `text` split at `separator`; "" when there are fewer.
std::string_view Piece(std::string_view text, char separator, std::size_t number);

/// A parsed message; see the file comment.
class Hl7Message {
 public:
  /// Parses `text`, one message. `segment_lines[i]` is the file line of segment i (the
  /// segment's position when absent). On failure, the error names the segment number and
  /// what is wrong, never a value: `segment 2 has no segment id`.
  static Result<Hl7Message> Parse(std::string_view text,
                                  std::span<const std::uint64_t> segment_lines = {});

  /// The separators from MSH-1 and MSH-2.
  const Hl7Encoding& encoding() const { return encoding_; }
  /// The segments in message order; the first is MSH.
  const std::vector<Hl7Segment>& segments() const { return segments_; }
  /// MSH-9.1 and MSH-9.2 joined by `^` (`ORU^R01`); only MSH-9.1 when there is no trigger.
  std::string MessageType() const;
  /// MSH-9.3, the message structure (`ORU_R01`); "" when absent.
  std::string MessageStructure() const;
  /// MSH-10, the message control id.
  std::string ControlId() const;

  /// The `occurrence`-th (1-based) segment with id `id`, or nullptr.
  const Hl7Segment* Find(std::string_view id, std::size_t occurrence = 1) const;
  /// The value at `path` (hl7_path.hpp), decoded; empty when the message does not have
  /// it. Fails only when `path` is not an HL7 path.
  Result<Hl7Value> Get(std::string_view path) const;
  /// The value at field/repetition/component/subcomponent (all 1-based) of `segment`.
  Hl7Value Value(const Hl7Segment& segment, std::size_t field, std::size_t repetition = 1,
                 std::size_t component = 1, std::size_t subcomponent = 1) const;

 private:
  Hl7Encoding encoding_;
  std::vector<Hl7Segment> segments_;
};

}  // namespace ferry::hl7v2
