#include "core/fhir/validator.hpp"

#include <cstdint>
#include <string>

#include "core/fhir/r4_tables.hpp"
#include "core/fhir/validation_rules.hpp"

namespace ferry {

namespace {

using r4::ElementInfo;
using r4::StructInfo;
using r4::ValueKind;

constexpr int kNoIndex = -1;
constexpr std::size_t kMaxKeySize = 256;

/// One step of an element path, living on the walker's stack. The path's text is built
/// only when an issue is reported, so the happy path allocates nothing.
struct PathFrame {
  const PathFrame* parent;
  std::string_view name;
  int index;  ///< position in an array, or kNoIndex
};

void AppendPath(const PathFrame* frame, std::string& out) {
  if (frame == nullptr) return;
  AppendPath(frame->parent, out);
  if (frame->parent != nullptr) out += '.';
  out.append(frame->name);
  if (frame->index != kNoIndex) out += '[' + std::to_string(frame->index) + ']';
}

std::string_view Text(const JsonValue& value) {
  return std::string_view(value.GetString(), value.GetStringLength());
}

using rules::NameOf;

/// Walks one resource and collects its issues (the decisions are in validation_rules.hpp).
class Walker {
 public:
  explicit Walker(std::vector<ValidationIssue>& issues) : issues_(issues) {}

  /// A resource at `frame` (nullptr at the top, where the path starts with its type).
  void Resource(const JsonValue& value, const PathFrame* frame, bool contained) {
    PathFrame type_frame{frame, "resourceType", kNoIndex};
    if (!value.IsObject()) return Report(frame, rules::kNotResource);
    auto type = value.FindMember("resourceType");
    if (type == value.MemberEnd()) return Report(&type_frame, rules::kMissing);
    int struct_index = type->value.IsString() ? r4::FindResourceStruct(Text(type->value)) : -1;
    if (struct_index < 0) return Report(&type_frame, rules::kUnknownResourceType);
    PathFrame root{nullptr, Text(type->value), kNoIndex};
    const PathFrame& self = frame != nullptr ? *frame : root;
    Object(value, r4::kStructs[struct_index], self);
    if (contained && value.HasMember("contained")) {
      Report(Child(self, "contained"), rules::kNestedContained);
    }
  }

 private:
  static PathFrame Child(const PathFrame& parent, std::string_view name, int index = kNoIndex) {
    return PathFrame{&parent, name, index};
  }

  void Report(const PathFrame* frame, std::string message) {
    ValidationIssue issue;
    AppendPath(frame, issue.element_path);
    if (issue.element_path.empty()) issue.element_path = "(resource)";
    issue.message = std::move(message);
    issues_.push_back(std::move(issue));
  }
  void Report(const PathFrame& frame, std::string message) { Report(&frame, std::move(message)); }

  /// Checks every member of `object` against struct `info`, then what must be present.
  void Object(const JsonValue& object, const StructInfo& info, const PathFrame& frame) {
    std::uint64_t seen = 0;
    for (const auto& member : object.GetObject()) {
      std::string_view key = Text(member.name);
      PathFrame child = Child(frame, key);
      bool primitive_extension = false;
      const ElementInfo* element = rules::LookupMember(info, key, primitive_extension);
      if (element == nullptr) {
        if (!rules::IsResourceTypeKey(info, key)) Report(child, rules::kUnknownElement);
        continue;
      }
      if (element->slot != r4::kNoSlot) {
        std::uint64_t bit = std::uint64_t{1} << element->slot;
        if ((seen & bit) != 0 && (element->flags & r4::kElementChoice) != 0) {
          CheckOneChoice(object, info, *element, frame);
        }
        seen |= bit;
      }
      if (primitive_extension) {
        PrimitiveExtension(member.value, *element, child);
      } else {
        Occurrences(object, member.value, *element, child);
      }
    }
    if ((seen & info.required_mask) != info.required_mask) {
      for (auto& name : rules::MissingElements(info, seen)) Report(Child(frame, name), rules::kMissing);
    }
    if (rules::IsExtension(info)) {
      if (const char* problem = rules::ExtensionShapeProblem(seen, object.HasMember("extension"))) {
        Report(frame, problem);
      }
    }
  }

  /// The value of one member: an array for `max = *`, a single value otherwise.
  void Occurrences(const JsonValue& object, const JsonValue& value, const ElementInfo& element,
                   const PathFrame& frame) {
    if ((element.flags & r4::kElementMany) == 0) {
      if (value.IsArray()) return Report(frame, rules::kNotSingle);
      if (value.IsNull()) return Report(frame, rules::kNull);
      return Value(value, element, frame);
    }
    if (!value.IsArray()) return Report(frame, rules::kNotArray);
    if (value.Empty()) return Report(frame, rules::kEmptyArray);
    int index = 0;
    for (const auto& item : value.GetArray()) {
      PathFrame item_frame{frame.parent, frame.name, index++};
      if (!item.IsNull()) {
        Value(item, element, item_frame);
      } else if (!r4::IsPrimitive(element.kind) || !HasPrimitiveExtension(object, element)) {
        Report(item_frame, rules::kNull);
      }
    }
  }

  /// True when `object` has `_name` for primitive `element` (which may fill a null).
  static bool HasPrimitiveExtension(const JsonValue& object, const ElementInfo& element) {
    char key[kMaxKeySize];
    if (element.name_size + 1u > sizeof key) return false;
    key[0] = '_';
    NameOf(element).copy(key + 1, element.name_size);
    return object.FindMember(JsonValue(rapidjson::StringRef(key, element.name_size + 1u))) !=
           object.MemberEnd();
  }

  void Value(const JsonValue& value, const ElementInfo& element, const PathFrame& frame) {
    if (element.kind == ValueKind::kResource) {
      return Resource(value, &frame, rules::IsContainedElement(element));
    }
    if (element.kind != ValueKind::kComplex) {
      if (auto problem = rules::PrimitiveProblem(value, element)) Report(frame, std::move(*problem));
      return;
    }
    if (!value.IsObject()) return Report(frame, rules::kNotObject);
    if (value.ObjectEmpty()) return Report(frame, rules::kEmptyObject);
    Object(value, r4::kStructs[element.type], frame);
    if (element.value_set != r4::kNoValueSet) CheckConceptBinding(value, element, frame);
  }

  /// `_name`: an Element (id, extension), or an array of them and nulls.
  void PrimitiveExtension(const JsonValue& value, const ElementInfo& element,
                          const PathFrame& frame) {
    const StructInfo& info = r4::kStructs[r4::kElementStruct];
    if ((element.flags & r4::kElementMany) == 0) {
      if (!value.IsObject()) return Report(frame, rules::kNotObject);
      if (value.ObjectEmpty()) return Report(frame, rules::kEmptyObject);
      return Object(value, info, frame);
    }
    if (!value.IsArray()) return Report(frame, rules::kNotArray);
    int index = 0;
    for (const auto& item : value.GetArray()) {
      PathFrame item_frame{frame.parent, frame.name, index++};
      if (item.IsObject() && item.ObjectEmpty()) {
        Report(item_frame, rules::kEmptyObject);
      } else if (item.IsObject()) {
        Object(item, info, item_frame);
      } else if (!item.IsNull()) {
        Report(item_frame, rules::kNotObjectOrNull);
      }
    }
  }

  /// Called when a second member of a choice group appears: reports when it is another type.
  void CheckOneChoice(const JsonValue& object, const StructInfo& info, const ElementInfo& element,
                      const PathFrame& frame) {
    std::string_view first;
    for (const auto& member : object.GetObject()) {
      bool primitive_extension = false;
      const ElementInfo* other = rules::LookupMember(info, Text(member.name), primitive_extension);
      if (other == nullptr || other->slot != element.slot) continue;
      std::string_view name = NameOf(*other);
      if (first.empty()) {
        first = name;
      } else if (name != first) {
        return Report(Child(frame, rules::ChoiceName(element)), rules::kMixedChoice);
      }
    }
  }

  /// A required binding on a CodeableConcept or Coding: a coding of the value set's systems
  /// must use one of its codes, and a CodeableConcept needs at least one such coding.
  void CheckConceptBinding(const JsonValue& value, const ElementInfo& element,
                           const PathFrame& frame) {
    if (element.type == r4::kCodingStruct) {
      CheckCoding(value, element.value_set, frame);
      return;
    }
    auto codings = value.FindMember("coding");
    bool matched = false;
    if (codings != value.MemberEnd() && codings->value.IsArray()) {
      int index = 0;
      for (const auto& coding : codings->value.GetArray()) {
        PathFrame item_frame = Child(frame, "coding", index++);
        if (coding.IsObject()) {
          matched = CheckCoding(coding, element.value_set, item_frame) || matched;
        }
      }
    }
    if (!matched) Report(frame, rules::NoCodingFrom(element.value_set));
  }

  /// True when `coding` is from the value set (reports a code of its systems that is not).
  bool CheckCoding(const JsonValue& coding, std::uint16_t value_set, const PathFrame& frame) {
    std::string_view system;
    std::string_view code;
    bool has_system = StringMember(coding, "system", system);
    bool has_code = StringMember(coding, "code", code);
    rules::CodingMatch match =
        rules::MatchCoding(value_set, has_system ? &system : nullptr, has_code ? &code : nullptr);
    if (match == rules::CodingMatch::kNotInValueSet) {
      Report(Child(frame, "code"), rules::NotInValueSet(value_set));
    }
    return match != rules::CodingMatch::kOtherSystem;
  }

  /// Sets `text` to the first member `name` of `object` when it is a JSON string.
  static bool StringMember(const JsonValue& object, const char* name, std::string_view& text) {
    auto member = object.FindMember(name);
    if (member == object.MemberEnd() || !member->value.IsString()) return false;
    text = Text(member->value);
    return true;
  }

  std::vector<ValidationIssue>& issues_;
};

}  // namespace

Validator::Validator() = default;

std::vector<ValidationIssue> Validator::Validate(const JsonValue& resource) const {
  std::vector<ValidationIssue> issues;
  Walker(issues).Resource(resource, nullptr, false);
  return issues;
}

bool Validator::IsResourceType(std::string_view resource_type) const {
  return r4::FindResourceStruct(resource_type) >= 0;
}

const char* Validator::FhirVersion() { return r4::kFhirVersion; }

}  // namespace ferry
