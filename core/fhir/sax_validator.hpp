#pragma once
/// The engine of the streaming validator (streaming_validator.hpp): a RapidJSON SAX
/// handler that checks one resource against the R4 tables while it is parsed, asking
/// validation_rules.hpp the same questions as validator.cpp's document walker, so that it
/// reports the same issues in the same order.
///
/// What a member means must be known when it arrives, so a resource whose first member
/// is not `resourceType` stops the parse with `needs_document()` set; the caller then
/// validates the document instead. Checks that depend on members still to come are
/// settled when their object closes, and their issue is inserted where the document
/// walker puts it: a null in a primitive array (allowed when `_name` is there), a second
/// member of a choice group (an issue if the group ends up with two types), and the
/// codings of a required binding (judged as each Coding closes, reported after the
/// CodeableConcept's own members).
///
///     SaxValidator sax;
///     rapidjson::ParseResult parsed = sax.Parse(line);
///     if (sax.needs_document()) ...;  // fall back to ParseJson + Validator
///     else if (!parsed.IsError()) for (const auto& issue : sax.issues()) ...;

#include <rapidjson/reader.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/fhir/json.hpp"
#include "core/fhir/sax_frames.hpp"
#include "core/fhir/validation_rules.hpp"

namespace ferry {

class SaxValidator {
 public:
  SaxValidator() = default;
  SaxValidator(const SaxValidator&) = delete;
  SaxValidator& operator=(const SaxValidator&) = delete;

  /// Parses and checks `json` (with the flags and UTF-8 choice of ParseJson). The result
  /// is RapidJSON's; kParseErrorTermination with `needs_document()` means it stopped.
  rapidjson::ParseResult Parse(std::string_view json);

  /// True when the last Parse stopped because the text needs the document walker.
  bool needs_document() const { return needs_document_; }
  /// The issues of the last Parse (complete when it neither failed nor stopped).
  std::vector<ValidationIssue>& issues() { return frames_.issues(); }
  /// The top-level `resourceType` when it is a JSON string (not a number), else "".
  const std::string& resource_type() const { return resource_type_; }
  /// The top-level `id` (its first occurrence) when it is a JSON string, else "".
  const std::string& id() const { return id_; }

  // RapidJSON handler events (numbers arrive as RawNumber: kParseNumbersAsStringsFlag).
  bool Null();
  bool Bool(bool value);
  bool Int(int) { return NeedsDocument(); }
  bool Uint(unsigned) { return NeedsDocument(); }
  bool Int64(std::int64_t) { return NeedsDocument(); }
  bool Uint64(std::uint64_t) { return NeedsDocument(); }
  bool Double(double) { return NeedsDocument(); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool copy);
  bool String(const char* text, rapidjson::SizeType length, bool copy);
  bool StartObject();
  bool Key(const char* text, rapidjson::SizeType length, bool copy);
  bool EndObject(rapidjson::SizeType member_count);
  bool StartArray();
  bool EndArray(rapidjson::SizeType element_count);

 private:
  /// What the next value of an object is.
  enum class Target : std::uint8_t { kSkip, kResourceType, kMember };
  /// What kind of value arrived.
  enum class Event : std::uint8_t { kNull, kScalar, kObject, kArray };

  void Reset();
  bool NeedsDocument();
  bool Value(Event event, const JsonValue& value);
  void Capture(Event event, const JsonValue& value);
  void RootValue(Event event);
  void ResourceTypeValue(Event event, const JsonValue& value);
  void ObjectKey(sax::Frame& frame, std::string_view key);
  void CodingKey(std::string_view key);
  void ChoiceMember(const sax::Frame& frame, const r4::ElementInfo& element);
  void MemberValue(Event event, const JsonValue& value);
  void ItemValue(Event event, const JsonValue& value);
  void PrimitiveExtensionItem(Event event, const sax::Segment& segment);
  void ElementValue(Event event, const JsonValue& value, const r4::ElementInfo& element,
                    const sax::Segment& segment);
  void NullItem(const r4::ElementInfo& element, int index);
  void StartCoding();
  void Skip(Event event);
  void CloseObject(sax::Frame& frame, rapidjson::SizeType member_count);
  void SettleDeferred(const sax::Frame& frame);
  void CheckConcept(const sax::Frame& frame);
  rules::CodingMatch MatchCoding(std::uint16_t value_set);
  void JudgeBoundCoding(const sax::Frame& frame);
  void JudgeConceptCoding(int index);

  rapidjson::Reader reader_;  ///< kept: its stack is reused from line to line
  std::vector<char> text_;    ///< the text being parsed, in situ
  sax::FrameStack frames_;
  std::size_t skip_depth_ = 0;  ///< > 0 inside a value that is not checked
  Target target_ = Target::kSkip;
  const r4::ElementInfo* element_ = nullptr;  ///< Target::kMember: the member's element
  bool primitive_extension_ = false;          ///< Target::kMember: it is `_name`
  std::uint8_t capture_ = 0;       ///< what the next value also tells (CaptureField bits)
  std::uint8_t coding_state_ = 0;  ///< what the Coding being judged has (CodingField bits)
  std::size_t coding_depth_ = 0;   ///< depth of the Coding being judged, or 0
  std::string system_;             ///< its system and code, when JSON strings
  std::string code_;
  std::string number_;  ///< a raw number's text, marked as in json.hpp
  std::string resource_type_;
  std::string id_;
  bool id_seen_ = false;
  bool needs_document_ = false;
};

}  // namespace ferry
