#include "core/fhir/validation_rules.hpp"

#include "core/fhir/primitive_values.hpp"

namespace ferry::rules {

namespace {

std::string ValueSetUrl(std::uint16_t value_set) {
  return std::string(
      r4::PoolText(r4::kValueSets[value_set].url, r4::kValueSets[value_set].url_size));
}

}  // namespace

std::string_view NameOf(const r4::ElementInfo& element) {
  return r4::PoolText(element.name, element.name_size);
}

std::string ChoiceName(const r4::ElementInfo& element) {
  return std::string(NameOf(element).substr(0, element.base_size)) + "[x]";
}

const r4::ElementInfo* LookupMember(const r4::StructInfo& info, std::string_view key,
                                    bool& primitive_extension) {
  if (const r4::ElementInfo* element = r4::FindElement(info, key)) return element;
  if (key.size() < 2 || key[0] != '_') return nullptr;
  const r4::ElementInfo* element = r4::FindElement(info, key.substr(1));
  if (element == nullptr || !r4::IsPrimitive(element->kind)) return nullptr;
  primitive_extension = true;
  return element;
}

bool IsResourceTypeKey(const r4::StructInfo& info, std::string_view key) {
  return info.is_resource && key == "resourceType";
}

bool IsContainedElement(const r4::ElementInfo& element) { return NameOf(element) == "contained"; }

std::optional<std::string> PrimitiveProblem(const JsonValue& value,
                                            const r4::ElementInfo& element) {
  if (auto problem = PrimitiveValueProblem(value, element.kind)) return problem;
  if (element.value_set != r4::kNoValueSet &&
      !r4::ValueSetContains(element.value_set, {},
                            std::string_view(value.GetString(), value.GetStringLength()))) {
    return NotInValueSet(element.value_set);
  }
  return std::nullopt;
}

std::vector<std::string> MissingElements(const r4::StructInfo& info, std::uint64_t seen) {
  std::vector<std::string> names;
  std::uint64_t reported = seen;
  for (std::uint32_t row = 0; row < info.element_count; ++row) {
    const r4::ElementInfo& element = r4::kElements[info.first_element + row];
    if (element.slot == r4::kNoSlot) continue;
    std::uint64_t bit = std::uint64_t{1} << element.slot;
    if ((info.required_mask & bit) == 0 || (reported & bit) != 0) continue;
    reported |= bit;
    bool choice = (element.flags & r4::kElementChoice) != 0;
    names.push_back(choice ? ChoiceName(element) : std::string(NameOf(element)));
  }
  return names;
}

bool IsExtension(const r4::StructInfo& info) {
  return &info == &r4::kStructs[r4::kExtensionStruct];
}

const char* ExtensionShapeProblem(std::uint64_t seen, bool has_extensions) {
  static const std::uint8_t kValueSlot =
      r4::FindElement(r4::kStructs[r4::kExtensionStruct], "valueString")->slot;
  bool has_value = (seen & (std::uint64_t{1} << kValueSlot)) != 0;
  if (has_value && has_extensions) return "must have either extensions or a value[x], not both";
  if (!has_value && !has_extensions) return "must have either extensions or a value[x]";
  return nullptr;
}

CodingMatch MatchCoding(std::uint16_t value_set, const std::string_view* system,
                        const std::string_view* code) {
  if (system == nullptr || code == nullptr) return CodingMatch::kOtherSystem;
  if (!r4::ValueSetHasSystem(value_set, *system)) return CodingMatch::kOtherSystem;
  if (r4::ValueSetContains(value_set, *system, *code)) return CodingMatch::kInValueSet;
  return CodingMatch::kNotInValueSet;
}

std::string NotInValueSet(std::uint16_t value_set) {
  return "code not in required value set " + ValueSetUrl(value_set);
}

std::string NoCodingFrom(std::uint16_t value_set) {
  return "no coding from required value set " + ValueSetUrl(value_set);
}

}  // namespace ferry::rules
