#pragma once
/// The per-element decisions of R4 validation, shared by the two walkers that apply them:
/// the document walker (validator.cpp, over a parsed JSON document) and the streaming
/// validator (sax_validator.cpp, over the parse events). Both ask the same questions here
/// and report with the same words, so that they find the same issues.
///
///     bool primitive_extension = false;
///     const r4::ElementInfo* element = rules::LookupMember(info, key, primitive_extension);
///     if (element == nullptr && !rules::IsResourceTypeKey(info, key))
///     Report(rules::kUnknownElement);

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/fhir/json.hpp"
#include "core/fhir/r4_tables.hpp"

namespace ferry::rules {

/// Issue messages about the shape of the JSON (values never appear in a message).
inline constexpr const char* kUnknownElement = "unknown element";
inline constexpr const char* kNotSingle = "must be a single value, not an array";
inline constexpr const char* kNull = "must not be null";
inline constexpr const char* kNotArray = "must be an array";
inline constexpr const char* kEmptyArray = "must not be an empty array";
inline constexpr const char* kNotObject = "must be an object";
inline constexpr const char* kEmptyObject = "must not be an empty object";
inline constexpr const char* kNotObjectOrNull = "must be an object or null";
inline constexpr const char* kMissing = "required element missing";
inline constexpr const char* kUnknownResourceType = "unknown resource type";
inline constexpr const char* kNotResource = "must be a JSON object with a resourceType";
inline constexpr const char* kNestedContained = "a contained resource must not contain resources";
inline constexpr const char* kMixedChoice = "only one type of a choice element may be present";

/// The property name of `element` (`valueQuantity`, `birthDate`).
std::string_view NameOf(const r4::ElementInfo& element);
/// The name of a choice group in messages: `value[x]`.
std::string ChoiceName(const r4::ElementInfo& element);

/// The element member `key` of struct `info` names; for `_name`, the primitive element
/// `name`, and then `primitive_extension` is set. nullptr for an unknown member.
const r4::ElementInfo* LookupMember(const r4::StructInfo& info, std::string_view key,
                                    bool& primitive_extension);
/// True for the member a walker skips silently: `resourceType` of a resource.
bool IsResourceTypeKey(const r4::StructInfo& info, std::string_view key);
/// True when `element` holds a contained resource (which may not contain resources).
bool IsContainedElement(const r4::ElementInfo& element);

/// What is wrong with `value` as primitive `element`: its JSON kind, its lexical form,
/// then the code of a required binding. nullopt when it is valid.
std::optional<std::string> PrimitiveProblem(const JsonValue& value, const r4::ElementInfo& element);

/// The names (`status`, `value[x]`) of the required elements of `info` whose slot is not
/// in `seen`, in table order; empty when none is missing.
std::vector<std::string> MissingElements(const r4::StructInfo& info, std::uint64_t seen);

/// True for the Extension struct, whose shape (ext-1) is checked after its members.
bool IsExtension(const r4::StructInfo& info);
/// ext-1 for an Extension with member slots `seen`: the problem, or nullptr when it has
/// either nested extensions or a value[x].
const char* ExtensionShapeProblem(std::uint64_t seen, bool has_extensions);

/// How a Coding relates to a required value set.
enum class CodingMatch {
  kOtherSystem,    ///< no system or code, or a system the value set does not use
  kInValueSet,     ///< a code of the value set
  kNotInValueSet,  ///< a system of the value set, with a code not in it
};
/// Decides a Coding from its `system` and `code` members: the text of each when it is a
/// JSON string (a raw number's text keeps its mark, see json.hpp), nullptr when absent
/// or of another JSON kind.
CodingMatch MatchCoding(std::uint16_t value_set, const std::string_view* system,
                        const std::string_view* code);
/// "code not in required value set <url>".
std::string NotInValueSet(std::uint16_t value_set);
/// "no coding from required value set <url>".
std::string NoCodingFrom(std::uint16_t value_set);

}  // namespace ferry::rules
