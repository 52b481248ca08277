#include "core/fhir/validator.hpp"

#include <cstdint>
#include <string>

#include "core/fhir/primitive_values.hpp"
#include "core/fhir/r4_tables.hpp"

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

std::string_view NameOf(const ElementInfo& element) {
  return r4::PoolText(element.name, element.name_size);
}

std::string ValueSetUrl(std::uint16_t value_set) {
  return std::string(
      r4::PoolText(r4::kValueSets[value_set].url, r4::kValueSets[value_set].url_size));
}

std::string NotInValueSet(std::uint16_t value_set) {
  return "code not in required value set " + ValueSetUrl(value_set);
}

/// Walks one resource and collects its issues.
class Walker {
 public:
  explicit Walker(std::vector<ValidationIssue>& issues) : issues_(issues) {}

  /// A resource at `frame` (nullptr at the top, where the path starts with its type).
  void Resource(const JsonValue& value, const PathFrame* frame, bool contained) {
    PathFrame type_frame{frame, "resourceType", kNoIndex};
    if (!value.IsObject()) return Report(frame, "must be a JSON object with a resourceType");
    auto type = value.FindMember("resourceType");
    if (type == value.MemberEnd()) return Report(&type_frame, "required element missing");
    int struct_index = type->value.IsString() ? r4::FindResourceStruct(Text(type->value)) : -1;
    if (struct_index < 0) return Report(&type_frame, "unknown resource type");
    PathFrame root{nullptr, Text(type->value), kNoIndex};
    const PathFrame& self = frame != nullptr ? *frame : root;
    Object(value, r4::kStructs[struct_index], self);
    if (contained && value.HasMember("contained")) {
      Report(Child(self, "contained"), "a contained resource must not contain resources");
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
      const ElementInfo* element = Lookup(info, key, primitive_extension);
      if (element == nullptr) {
        if (!info.is_resource || key != "resourceType") Report(child, "unknown element");
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
    if ((seen & info.required_mask) != info.required_mask) ReportMissing(info, seen, frame);
    if (&info == &r4::kStructs[r4::kExtensionStruct]) CheckExtensionShape(object, seen, frame);
  }

  /// The element `key` names; for `_name`, the primitive element `name`.
  static const ElementInfo* Lookup(const StructInfo& info, std::string_view key,
                                   bool& primitive_extension) {
    if (const ElementInfo* element = r4::FindElement(info, key)) return element;
    if (key.size() < 2 || key[0] != '_') return nullptr;
    const ElementInfo* element = r4::FindElement(info, key.substr(1));
    if (element == nullptr || !r4::IsPrimitive(element->kind)) return nullptr;
    primitive_extension = true;
    return element;
  }

  /// The value of one member: an array for `max = *`, a single value otherwise.
  void Occurrences(const JsonValue& object, const JsonValue& value, const ElementInfo& element,
                   const PathFrame& frame) {
    if ((element.flags & r4::kElementMany) == 0) {
      if (value.IsArray()) return Report(frame, "must be a single value, not an array");
      if (value.IsNull()) return Report(frame, "must not be null");
      return Value(value, element, frame);
    }
    if (!value.IsArray()) return Report(frame, "must be an array");
    if (value.Empty()) return Report(frame, "must not be an empty array");
    int index = 0;
    for (const auto& item : value.GetArray()) {
      PathFrame item_frame{frame.parent, frame.name, index++};
      if (!item.IsNull()) {
        Value(item, element, item_frame);
      } else if (!r4::IsPrimitive(element.kind) || !HasPrimitiveExtension(object, element)) {
        Report(item_frame, "must not be null");
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
      return Resource(value, &frame, NameOf(element) == "contained");
    }
    if (element.kind != ValueKind::kComplex) return Primitive(value, element, frame);
    if (!value.IsObject()) return Report(frame, "must be an object");
    if (value.ObjectEmpty()) return Report(frame, "must not be an empty object");
    Object(value, r4::kStructs[element.type], frame);
    if (element.value_set != r4::kNoValueSet) CheckConceptBinding(value, element, frame);
  }

  void Primitive(const JsonValue& value, const ElementInfo& element, const PathFrame& frame) {
    if (auto problem = PrimitiveValueProblem(value, element.kind)) {
      return Report(frame, std::move(*problem));
    }
    if (element.value_set != r4::kNoValueSet &&
        !r4::ValueSetContains(element.value_set, {}, Text(value))) {
      Report(frame, NotInValueSet(element.value_set));
    }
  }

  /// `_name`: an Element (id, extension), or an array of them and nulls.
  void PrimitiveExtension(const JsonValue& value, const ElementInfo& element,
                          const PathFrame& frame) {
    const StructInfo& info = r4::kStructs[r4::kElementStruct];
    if ((element.flags & r4::kElementMany) == 0) {
      if (!value.IsObject()) return Report(frame, "must be an object");
      if (value.ObjectEmpty()) return Report(frame, "must not be an empty object");
      return Object(value, info, frame);
    }
    if (!value.IsArray()) return Report(frame, "must be an array");
    int index = 0;
    for (const auto& item : value.GetArray()) {
      PathFrame item_frame{frame.parent, frame.name, index++};
      if (item.IsObject() && item.ObjectEmpty()) {
        Report(item_frame, "must not be an empty object");
      } else if (item.IsObject()) {
        Object(item, info, item_frame);
      } else if (!item.IsNull()) {
        Report(item_frame, "must be an object or null");
      }
    }
  }

  void ReportMissing(const StructInfo& info, std::uint64_t seen, const PathFrame& frame) {
    std::uint64_t reported = seen;
    for (std::uint32_t row = 0; row < info.element_count; ++row) {
      const ElementInfo& element = r4::kElements[info.first_element + row];
      if (element.slot == r4::kNoSlot) continue;
      std::uint64_t bit = std::uint64_t{1} << element.slot;
      if ((info.required_mask & bit) == 0 || (reported & bit) != 0) continue;
      reported |= bit;
      std::string name(NameOf(element).substr(0, element.base_size));
      if ((element.flags & r4::kElementChoice) != 0) name += "[x]";
      Report(Child(frame, name), "required element missing");
    }
  }

  /// Called when a second member of a choice group appears: reports when it is another type.
  void CheckOneChoice(const JsonValue& object, const StructInfo& info, const ElementInfo& element,
                      const PathFrame& frame) {
    std::string_view first;
    for (const auto& member : object.GetObject()) {
      bool primitive_extension = false;
      std::string_view key = Text(member.name);
      const ElementInfo* other = Lookup(info, key, primitive_extension);
      if (other == nullptr || other->slot != element.slot) continue;
      std::string_view name = NameOf(*other);
      if (first.empty()) {
        first = name;
      } else if (name != first) {
        std::string base(name.substr(0, element.base_size));
        return Report(Child(frame, base + "[x]"),
                      "only one type of a choice element may be present");
      }
    }
  }

  /// ext-1: an extension has either nested extensions or a value[x], not both.
  void CheckExtensionShape(const JsonValue& object, std::uint64_t seen, const PathFrame& frame) {
    static const std::uint8_t kValueSlot =
        r4::FindElement(r4::kStructs[r4::kExtensionStruct], "valueString")->slot;
    bool has_value = (seen & (std::uint64_t{1} << kValueSlot)) != 0;
    bool has_extensions = object.HasMember("extension");
    if (has_value && has_extensions) {
      Report(frame, "must have either extensions or a value[x], not both");
    } else if (!has_value && !has_extensions) {
      Report(frame, "must have either extensions or a value[x]");
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
    if (!matched) {
      Report(frame, "no coding from required value set " + ValueSetUrl(element.value_set));
    }
  }

  /// True when `coding` is from the value set (reports a code of its systems that is not).
  bool CheckCoding(const JsonValue& coding, std::uint16_t value_set, const PathFrame& frame) {
    auto system = coding.FindMember("system");
    auto code = coding.FindMember("code");
    if (system == coding.MemberEnd() || code == coding.MemberEnd()) return false;
    if (!system->value.IsString() || !code->value.IsString()) return false;
    if (!r4::ValueSetHasSystem(value_set, Text(system->value))) return false;
    if (r4::ValueSetContains(value_set, Text(system->value), Text(code->value))) return true;
    Report(Child(frame, "code"), NotInValueSet(value_set));
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
