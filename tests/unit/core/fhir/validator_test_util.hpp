#pragma once
/// Helpers shared by the validator's tests: parse a JSON text and list its issues as
/// `element_path: message` lines.

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/fhir/json.hpp"
#include "core/fhir/validator.hpp"

namespace ferry::testing {

/// The issues of the resource `json` as `ToString()` lines, in the order reported.
inline std::vector<std::string> Issues(std::string_view json) {
  JsonDocument doc;
  auto parsed = ParseJson(json, doc);
  INFO(json);
  REQUIRE(parsed.ok());
  std::vector<std::string> lines;
  for (const auto& issue : Validator().Validate(doc)) lines.push_back(issue.ToString());
  return lines;
}

/// Shorthand for an expected list of issue lines.
using Lines = std::vector<std::string>;

}  // namespace ferry::testing
