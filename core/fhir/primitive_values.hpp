#pragma once
/// Checks of one JSON value against an R4 primitive type (the JSON kind, then the lexical
/// form through fhir_primitives.hpp), phrased for a validation issue.
///
///     if (auto problem = PrimitiveValueProblem(value, r4::ValueKind::kDate)) {
///       Report(path, *problem);  // "not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"
///     }

#include <optional>
#include <string>

#include "core/fhir/json.hpp"
#include "core/fhir/r4_tables.hpp"

namespace ferry {

/// What is wrong with `value` as a primitive of `kind` (which must be a primitive kind),
/// or nullopt when it is valid. The message says what is expected, never the value.
/// Numbers must be JSON numbers (raw number text, see json.hpp, or RapidJSON numbers);
/// every other primitive must be a non-empty JSON string.
std::optional<std::string> PrimitiveValueProblem(const JsonValue& value, r4::ValueKind kind);

/// "a string", "a number", "an object", ... for messages about the JSON kind of `value`.
const char* JsonKindName(const JsonValue& value);

}  // namespace ferry
