#include "core/fhir/sax_validator.hpp"

#include "core/common/utf8.hpp"
#include "core/fhir/validation_rules.hpp"

namespace ferry {

namespace {

using r4::ElementInfo;
using sax::Frame;
using sax::FrameKind;
using sax::Segment;

/// ParseJson's flags, in situ: strings are decoded in a copy of the text, not pushed
/// through the reader's stack (the same events, errors and offsets, at twice the speed).
constexpr unsigned kAsciiFlags =
    rapidjson::kParseNumbersAsStringsFlag | rapidjson::kParseInsituFlag;
constexpr unsigned kUtf8Flags = kAsciiFlags | rapidjson::kParseValidateEncodingFlag;

/// Bits of `capture_`: what the next value also tells.
enum CaptureField : std::uint8_t {
  kCaptureId = 1,       ///< the top-level `id`
  kCaptureSystem = 2,   ///< `system` of the Coding being read
  kCaptureCode = 4,     ///< `code` of the Coding being read
  kCaptureCodings = 8,  ///< the first `coding` of a bound CodeableConcept
};

/// Bits of `coding_state_`.
enum CodingField : std::uint8_t { kSystemSeen = 1, kSystemText = 2, kCodeSeen = 4, kCodeText = 8 };

std::string_view Text(const JsonValue& value) {
  return std::string_view(value.GetString(), value.GetStringLength());
}

/// The text of a JSON string that is not a number kept as text (json.hpp), else "".
std::string_view PlainText(const JsonValue& value) {
  return value.IsString() && !IsRawNumber(value) ? Text(value) : std::string_view();
}

}  // namespace

rapidjson::ParseResult SaxValidator::Parse(std::string_view json) {
  Reset();
  text_.assign(json.begin(), json.end());
  text_.push_back('\0');  // the end, as a MemoryStream reads it
  rapidjson::InsituStringStream stream(text_.data());
  // As ParseJson: only a text with a byte >= 0x80 needs RapidJSON's (costly) UTF-8 check.
  if (IsAscii(json)) return reader_.Parse<kAsciiFlags>(stream, *this);
  return reader_.Parse<kUtf8Flags>(stream, *this);
}

void SaxValidator::Reset() {
  frames_.Clear();
  skip_depth_ = 0;
  resource_type_.clear();
  id_.clear();
  target_ = Target::kSkip;
  capture_ = 0;
  coding_state_ = 0;
  coding_depth_ = 0;
  id_seen_ = false;
  needs_document_ = false;
}

bool SaxValidator::NeedsDocument() {
  needs_document_ = true;
  return false;
}

// ---- events ----

bool SaxValidator::Null() { return Value(Event::kNull, JsonValue()); }

bool SaxValidator::Bool(bool value) { return Value(Event::kScalar, JsonValue(value)); }

bool SaxValidator::RawNumber(const char* text, rapidjson::SizeType length, bool) {
  if (skip_depth_ > 0) return true;
  number_.assign(1, kRawNumberMark);
  number_.append(text, length);
  return Value(Event::kScalar, JsonValue(rapidjson::StringRef(number_.data(), number_.size())));
}

bool SaxValidator::String(const char* text, rapidjson::SizeType length, bool) {
  return Value(Event::kScalar, JsonValue(rapidjson::StringRef(text, length)));
}

bool SaxValidator::StartObject() {
  if (skip_depth_ > 0) return ++skip_depth_, true;
  return Value(Event::kObject, JsonValue(rapidjson::kObjectType));
}

bool SaxValidator::StartArray() {
  if (skip_depth_ > 0) return ++skip_depth_, true;
  return Value(Event::kArray, JsonValue(rapidjson::kArrayType));
}

bool SaxValidator::Key(const char* text, rapidjson::SizeType length, bool) {
  if (skip_depth_ > 0) return true;
  std::string_view key(text, length);
  Frame& frame = frames_.Top();
  if (frames_.depth() == 1 && !id_seen_ && key == "id") {
    id_seen_ = true;
    capture_ |= kCaptureId;
  }
  target_ = Target::kSkip;
  if (frame.kind == FrameKind::kResourceStart) {
    if (key != "resourceType") return NeedsDocument();  // see the file comment
    target_ = Target::kResourceType;
  } else if (frame.kind == FrameKind::kObject) {
    ObjectKey(frame, key);
  }
  return true;
}

bool SaxValidator::EndObject(rapidjson::SizeType member_count) {
  if (skip_depth_ > 0) return --skip_depth_, true;
  Frame& frame = frames_.Top();
  CloseObject(frame, member_count);
  bool concept_coding = frame.concept_coding;
  int index = frame.segment.index;
  frames_.Pop();
  if (concept_coding) JudgeConceptCoding(index);
  return true;
}

bool SaxValidator::EndArray(rapidjson::SizeType element_count) {
  if (skip_depth_ > 0) return --skip_depth_, true;
  if (element_count == 0 && !frames_.Top().primitive_extension) {
    frames_.Report(nullptr, rules::kEmptyArray);
  }
  frames_.Pop();
  return true;
}

/// One value (a scalar, or the start of an object or array), routed by where it is.
bool SaxValidator::Value(Event event, const JsonValue& value) {
  if (skip_depth_ > 0) return true;  // only scalars get here: containers count in Start*
  if (capture_ != 0) Capture(event, value);
  if (frames_.depth() == 0) {
    RootValue(event);
  } else if (frames_.Top().kind == FrameKind::kArray) {
    ItemValue(event, value);
  } else if (target_ == Target::kMember) {
    MemberValue(event, value);
  } else if (target_ == Target::kResourceType) {
    ResourceTypeValue(event, value);
  } else {
    Skip(event);
  }
  capture_ = 0;
  return !needs_document_;
}

/// Notes what the document walker reads with FindMember: the top-level `id`, and the
/// `system` and `code` of a Coding under a required binding (their first occurrence).
void SaxValidator::Capture(Event event, const JsonValue& value) {
  if ((capture_ & kCaptureId) != 0) id_.assign(PlainText(value));
  if ((capture_ & (kCaptureSystem | kCaptureCode)) == 0 || event != Event::kScalar) return;
  if (!value.IsString()) return;
  bool system = (capture_ & kCaptureSystem) != 0;
  (system ? system_ : code_).assign(value.GetString(), value.GetStringLength());
  coding_state_ |= system ? kSystemText : kCodeText;
}

void SaxValidator::RootValue(Event event) {
  if (event != Event::kObject) {
    frames_.Report(nullptr, rules::kNotResource);
    return Skip(event);
  }
  frames_.Push(FrameKind::kResourceStart, Segment{}, nullptr);
}

void SaxValidator::ResourceTypeValue(Event event, const JsonValue& value) {
  Frame& frame = frames_.Top();
  bool top = frames_.depth() == 1;
  if (top) resource_type_.assign(PlainText(value));
  int struct_index = value.IsString() ? r4::FindResourceStruct(Text(value)) : -1;
  Skip(event);
  if (struct_index < 0) {
    frame.kind = FrameKind::kUnknownType;
    Segment type{"resourceType"};
    return frames_.Report(&type, rules::kUnknownResourceType);
  }
  frame.kind = FrameKind::kObject;
  frame.info = &r4::kStructs[struct_index];
  if (top) frame.segment.name = r4::PoolText(frame.info->path, frame.info->path_size);
}

void SaxValidator::ObjectKey(Frame& frame, std::string_view key) {
  if (coding_depth_ == frames_.depth()) CodingKey(key);
  if (key == "extension") frame.has_extension = true;
  if (key == "contained") frame.has_contained = true;
  bool primitive_extension = false;
  const ElementInfo* element = rules::LookupMember(*frame.info, key, primitive_extension);
  if (element == nullptr) {
    Segment unknown{key};
    if (!rules::IsResourceTypeKey(*frame.info, key))
      frames_.Report(&unknown, rules::kUnknownElement);
    return;
  }
  if (element->slot != r4::kNoSlot) {
    std::uint64_t bit = std::uint64_t{1} << element->slot;
    if ((element->flags & r4::kElementChoice) != 0 && (frame.seen & bit) != 0) {
      ChoiceMember(frame, *element);
    } else if ((element->flags & r4::kElementChoice) != 0) {
      frames_.choices.push_back({element->slot, element, false});
    }
    frame.seen |= bit;
  }
  if (primitive_extension) frames_.primitive_extensions.push_back(element);
  if (frame.value_set != r4::kNoValueSet && !frame.coding_seen && key == "coding") {
    frame.coding_seen = true;
    capture_ |= kCaptureCodings;
  }
  target_ = Target::kMember;
  element_ = element;
  primitive_extension_ = primitive_extension;
}

void SaxValidator::CodingKey(std::string_view key) {
  if (key == "system" && (coding_state_ & kSystemSeen) == 0) {
    coding_state_ |= kSystemSeen;
    capture_ |= kCaptureSystem;
  } else if (key == "code" && (coding_state_ & kCodeSeen) == 0) {
    coding_state_ |= kCodeSeen;
    capture_ |= kCaptureCode;
  }
}

/// A second member of a choice group: an issue once the group has two types, which may
/// be known only when the object closes.
void SaxValidator::ChoiceMember(const Frame& frame, const ElementInfo& element) {
  sax::ChoiceGroup& group = frames_.GroupOf(frame, element.slot);
  if (group.first != &element) group.mixed = true;
  if (!group.mixed) {
    frames_.deferred.push_back(
        {frames_.issues().size(), sax::Pending::kChoice, &element, sax::kNoIndex});
    return;
  }
  std::string name = rules::ChoiceName(element);
  Segment choice{name};
  frames_.Report(&choice, rules::kMixedChoice);
}

void SaxValidator::MemberValue(Event event, const JsonValue& value) {
  const ElementInfo& element = *element_;
  Segment segment{rules::NameOf(element), primitive_extension_};
  bool many = (element.flags & r4::kElementMany) != 0;
  if (primitive_extension_ && !many) {
    if (event == Event::kObject) {
      frames_.Push(FrameKind::kObject, segment, &r4::kStructs[r4::kElementStruct]).empty_check =
          true;
      return;
    }
    frames_.Report(&segment, rules::kNotObject);
    return Skip(event);
  }
  if (many) {
    if (event != Event::kArray) {
      frames_.Report(&segment, rules::kNotArray);
      return Skip(event);
    }
    Frame& array = frames_.Push(FrameKind::kArray, segment, nullptr);
    array.element = &element;
    array.primitive_extension = primitive_extension_;
    array.codings = (capture_ & kCaptureCodings) != 0;
    return;
  }
  if (event == Event::kArray) {
    frames_.Report(&segment, rules::kNotSingle);
    return Skip(event);
  }
  if (event == Event::kNull) return frames_.Report(&segment, rules::kNull);
  ElementValue(event, value, element, segment);
}

void SaxValidator::ItemValue(Event event, const JsonValue& value) {
  Frame& array = frames_.Top();
  Segment segment{array.segment.name, array.segment.underscore, array.next_index++};
  const ElementInfo& element = *array.element;
  bool codings = array.codings;
  if (array.primitive_extension) return PrimitiveExtensionItem(event, segment);
  if (event == Event::kNull) return NullItem(element, segment.index);
  ElementValue(event, value, element, segment);  // may Push: `array` is stale from here
  if (codings && event == Event::kObject) {
    frames_.Top().concept_coding = true;
    StartCoding();
  }
}

void SaxValidator::PrimitiveExtensionItem(Event event, const Segment& segment) {
  if (event == Event::kObject) {
    frames_.Push(FrameKind::kObject, segment, &r4::kStructs[r4::kElementStruct]).empty_check = true;
  } else if (event != Event::kNull) {
    frames_.Report(&segment, rules::kNotObjectOrNull);
    Skip(event);
  }
}

/// A non-null value of `element` (a member's single value, or an item).
void SaxValidator::ElementValue(Event event, const JsonValue& value, const ElementInfo& element,
                                const Segment& segment) {
  if (element.kind == r4::ValueKind::kResource) {
    if (event != Event::kObject) {
      frames_.Report(&segment, rules::kNotResource);
      return Skip(event);
    }
    frames_.Push(FrameKind::kResourceStart, segment, nullptr).contained =
        rules::IsContainedElement(element);
    return;
  }
  if (element.kind != r4::ValueKind::kComplex) {
    if (auto problem = rules::PrimitiveProblem(value, element)) {
      frames_.Report(&segment, std::move(*problem));
    }
    return Skip(event);
  }
  if (event != Event::kObject) {
    frames_.Report(&segment, rules::kNotObject);
    return Skip(event);
  }
  Frame& frame = frames_.Push(FrameKind::kObject, segment, &r4::kStructs[element.type]);
  frame.empty_check = true;
  frame.value_set = element.value_set;
  if (element.value_set != r4::kNoValueSet && element.type == r4::kCodingStruct) StartCoding();
}

void SaxValidator::NullItem(const ElementInfo& element, int index) {
  Segment segment{rules::NameOf(element), false, index};
  if (!r4::IsPrimitive(element.kind)) return frames_.Report(&segment, rules::kNull);
  const Frame& object = frames_.Top(1);
  if (frames_.HasPrimitiveExtension(object, element)) return;
  frames_.deferred.push_back({frames_.issues().size(), sax::Pending::kNullItem, &element, index});
}

/// The object at the top is a Coding whose system and code are judged when it closes.
void SaxValidator::StartCoding() {
  if (coding_depth_ != 0) needs_document_ = true;  // a judged Coding in another: not in R4
  coding_depth_ = frames_.depth();
  coding_state_ = 0;
}

void SaxValidator::Skip(Event event) {
  if (event == Event::kObject || event == Event::kArray) skip_depth_ = 1;
}

// ---- closing objects ----

void SaxValidator::CloseObject(Frame& frame, rapidjson::SizeType member_count) {
  if (frame.kind == FrameKind::kResourceStart) {  // `{}`: any member would have stopped us
    Segment type{"resourceType"};
    return frames_.Report(&type, rules::kMissing);
  }
  if (frame.kind != FrameKind::kObject) return;
  if (frame.empty_check && member_count == 0) {
    frames_.Report(nullptr, rules::kEmptyObject);
  } else {
    SettleDeferred(frame);
    if ((frame.seen & frame.info->required_mask) != frame.info->required_mask) {
      for (const auto& name : rules::MissingElements(*frame.info, frame.seen)) {
        Segment missing{name};
        frames_.Report(&missing, rules::kMissing);
      }
    }
    if (rules::IsExtension(*frame.info)) {
      if (const char* problem = rules::ExtensionShapeProblem(frame.seen, frame.has_extension)) {
        frames_.Report(nullptr, problem);
      }
    }
    if (frame.value_set != r4::kNoValueSet && frame.info != &r4::kStructs[r4::kCodingStruct]) {
      CheckConcept(frame);
    }
  }
  if (coding_depth_ == frames_.depth() && !frame.concept_coding) JudgeBoundCoding(frame);
  if (frame.contained && frame.has_contained) {
    Segment contained{"contained"};
    frames_.Report(&contained, rules::kNestedContained);
  }
}

/// The checks that waited for the whole object, each issue put where the document walker
/// reports it (latest first, so that earlier positions stay valid).
void SaxValidator::SettleDeferred(const Frame& frame) {
  for (std::size_t idx = frames_.deferred.size(); idx-- > frame.deferred_begin;) {
    const sax::Deferred deferred = frames_.deferred[idx];
    const ElementInfo& element = *deferred.element;
    if (deferred.kind == sax::Pending::kNullItem) {
      if (frames_.HasPrimitiveExtension(frame, element)) continue;
      frames_.Insert(deferred.position, Segment{rules::NameOf(element), false, deferred.index},
                     rules::kNull);
    } else if (frames_.GroupOf(frame, element.slot).mixed) {
      std::string name = rules::ChoiceName(element);
      frames_.Insert(deferred.position, Segment{name}, rules::kMixedChoice);
    }
  }
}

/// A required binding on a CodeableConcept: the codes of its codings were judged as each
/// coding closed; report them, then whether any coding was of the value set.
void SaxValidator::CheckConcept(const Frame& frame) {
  for (std::size_t idx = frame.bad_codings_begin; idx < frames_.bad_codings.size(); ++idx) {
    Segment coding{"coding", false, frames_.bad_codings[idx]};
    frames_.AddIssue(frames_.PathTo(&coding) + ".code", rules::NotInValueSet(frame.value_set));
  }
  if (!frame.matched) frames_.Report(nullptr, rules::NoCodingFrom(frame.value_set));
}

rules::CodingMatch SaxValidator::MatchCoding(std::uint16_t value_set) {
  coding_depth_ = 0;
  std::string_view system(system_);
  std::string_view code(code_);
  return rules::MatchCoding(value_set, (coding_state_ & kSystemText) ? &system : nullptr,
                            (coding_state_ & kCodeText) ? &code : nullptr);
}

/// A Coding with a required binding of its own closes (the top frame).
void SaxValidator::JudgeBoundCoding(const Frame& frame) {
  if (MatchCoding(frame.value_set) != rules::CodingMatch::kNotInValueSet) return;
  Segment code{"code"};
  frames_.Report(&code, rules::NotInValueSet(frame.value_set));
}

/// Coding `index` of a bound CodeableConcept has closed: the top is the `coding` array,
/// the concept is below it.
void SaxValidator::JudgeConceptCoding(int index) {
  Frame& concept_frame = frames_.Top(1);
  rules::CodingMatch match = MatchCoding(concept_frame.value_set);
  if (match != rules::CodingMatch::kOtherSystem) concept_frame.matched = true;
  if (match == rules::CodingMatch::kNotInValueSet) frames_.bad_codings.push_back(index);
}

}  // namespace ferry
