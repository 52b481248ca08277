#pragma once
/// The engine of the streaming validator (streaming_validator.hpp): a RapidJSON SAX
/// handler that checks one resource against the R4 tables while it is parsed, with the
/// decisions of validation_rules.hpp, and reports what validator.cpp's document walker
/// would report, in the same order.
///
/// State is a stack of frames (one per open object or array) in a vector that is reused
/// from line to line; element paths are built only for an issue. What a member means must
/// be known when it arrives, so a resource whose first member is not `resourceType` stops
/// the parse with `needs_document()` set: the caller then validates the document instead.
///
/// Checks that depend on members yet to come are settled when their object closes, and
/// the issue is inserted where the document walker would have put it: a null in a
/// primitive array (allowed when `_name` is there), and a second member of a choice group
/// (an issue only if the group ends up with two types).
///
///     SaxValidator sax;
///     rapidjson::ParseResult parsed = sax.Parse(line);
///     if (sax.needs_document()) ...;  // fall back to ParseJson + Validator
///     for (const auto& issue : sax.issues()) ...;

#include <rapidjson/reader.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/fhir/json.hpp"
#include "core/fhir/r4_tables.hpp"
#include "core/fhir/validator.hpp"

namespace ferry {

class SaxValidator {
 public:
  SaxValidator();

  /// Parses and checks `json`. The result is RapidJSON's; kParseErrorTermination with
  /// `needs_document()` means the handler stopped (see the file comment).
  rapidjson::ParseResult Parse(std::string_view json);

  /// True when the last Parse stopped because the text needs the document walker.
  bool needs_document() const { return needs_document_; }
  /// The issues of the last Parse (valid when it parsed and did not stop).
  std::vector<ValidationIssue>& issues() { return issues_; }
  /// The top-level `resourceType` and `id` when they are JSON strings (not numbers), else "".
  const std::string& resource_type() const { return resource_type_; }
  const std::string& id() const { return id_; }

  // RapidJSON handler events (numbers arrive as RawNumber: kParseNumbersAsStringsFlag).
  bool Null();
  bool Bool(bool value);
  bool Int(int) { return Unexpected(); }
  bool Uint(unsigned) { return Unexpected(); }
  bool Int64(std::int64_t) { return Unexpected(); }
  bool Uint64(std::uint64_t) { return Unexpected(); }
  bool Double(double) { return Unexpected(); }
  bool RawNumber(const char* text, rapidjson::SizeType length, bool copy);
  bool String(const char* text, rapidjson::SizeType length, bool copy);
  bool StartObject();
  bool Key(const char* text, rapidjson::SizeType length, bool copy);
  bool EndObject(rapidjson::SizeType member_count);
  bool StartArray();
  bool EndArray(rapidjson::SizeType element_count);

 private:
  enum class FrameKind : std::uint8_t;
  enum class Target : std::uint8_t;
  enum class Event : std::uint8_t;
  enum class Pending : std::uint8_t;
  struct Segment;
  struct Frame;
  struct Deferred;
  struct ChoiceGroup;
  struct CodingCapture;

  void Reset();
  bool Unexpected();
  bool Value(Event event, const JsonValue& value);
  void Capture(Event event, const JsonValue& value);
  void CaptureCoding(Event event, const JsonValue& value);
  void RootValue(Event event);
  void ResourceTypeValue(Event event, const JsonValue& value);
  void MemberValue(Event event, const JsonValue& value);
  void ItemValue(Event event, const JsonValue& value);
  void PrimitiveExtensionItem(Event event, const Segment& segment);
  void ElementValue(Event event, const JsonValue& value, const r4::ElementInfo& element,
                    const Segment& segment);
  void ObjectKey(Frame& frame, std::string_view key);
  void ChoiceMember(Frame& frame, const r4::ElementInfo& element);
  void NullItem(const r4::ElementInfo& element, int index);
  void CloseObject(Frame& frame, rapidjson::SizeType member_count);
  void SettleDeferred(Frame& frame);
  void CheckBinding(Frame& frame);
  void FinishCoding(Frame& frame);
  void TrimShared(const Frame& frame);

  Frame& Push();
  Frame& PushObject(const r4::StructInfo& info, const Segment& segment);
  Frame& Top();
  void Skip(Event event);
  bool HasPrimitiveExtension(const Frame& frame, const r4::ElementInfo& element) const;

  void Report(const Segment* tail, std::string message);
  void Insert(std::size_t position, const Segment& tail, std::string message);
  std::string PathTo(const Segment* tail) const;

  rapidjson::Reader reader_;
  std::vector<Frame> frames_;
  std::size_t depth_ = 0;                    ///< open frames in frames_
  std::size_t skip_depth_ = 0;               ///< > 0 inside a value that is not checked
  std::vector<Deferred> deferred_;           ///< checks settled when their object closes
  std::vector<ChoiceGroup> choices_;         ///< choice groups seen in open objects
  std::vector<const r4::ElementInfo*> primitive_extensions_;  ///< `_name`s of open objects
  std::vector<int> bad_codings_;             ///< bound CodeableConcepts: codings with bad codes
  std::vector<ValidationIssue> issues_;
  std::string number_;                       ///< a raw number's text, marked as in json.hpp
  std::string system_;                       ///< the Coding being read: its system and code
  std::string code_;
  std::string resource_type_;
  std::string id_;
  Target target_;                            ///< what the next value is
  const r4::ElementInfo* element_ = nullptr;  ///< for Target::kMember
  bool primitive_extension_ = false;          ///< for Target::kMember
  std::uint8_t capture_ = 0;                 ///< CaptureField bits for the next value
  std::uint8_t coding_state_ = 0;            ///< CodingField bits of the open Coding
  std::size_t coding_depth_ = 0;             ///< depth of the Coding being read, or 0
  bool needs_document_ = false;
};

}  // namespace ferry
