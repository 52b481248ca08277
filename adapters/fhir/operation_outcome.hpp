#pragma once
/// A server's failure in words safe to log: the HTTP status and, from its
/// OperationOutcome, each error issue's code and element path (`expression`, else
/// `location`). `diagnostics` and `details.text` are left out, since servers may quote the
/// offending value there (PHI).
///
///     OutcomeText(400, body)  // "HTTP 400: structure at Patient.birthDate; structure at Patient.foo"

#include <string>
#include <string_view>

#include "core/fhir/json.hpp"

namespace ferry::fhir {

/// From an OperationOutcome already parsed (`outcome` may be null or not an OperationOutcome).
std::string OutcomeText(long status, const JsonValue* outcome);

/// From a response body (parsed here; a body that is not an OperationOutcome adds nothing).
std::string OutcomeText(long status, std::string_view body);

}  // namespace ferry::fhir
