#pragma once
/// What a FHIR server says it supports, from its CapabilityStatement (`GET [base]/metadata`):
/// the resource types of `rest[mode=server].resource`, and for each whether it allows
/// type-level search. A source refuses types the server lacks before reading anything.
///
///     auto caps = ParseCapabilities(response.body);
///     if (!caps->Supports("Patient")) throw PlanError("the server has no Patient");

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/common/result.hpp"

namespace ferry::fhir {

struct Capabilities {
  std::string fhir_version;                ///< e.g. "4.0.1"
  std::map<std::string, bool> types;       ///< type -> supports search-type
  std::map<std::string, std::set<std::string>> search_params;  ///< type -> searchParam names it lists
  bool Supports(const std::string& type) const { return types.count(type) != 0; }
  bool Searchable(const std::string& type) const {
    auto it = types.find(type);
    return it != types.end() && it->second;
  }
  std::vector<std::string> TypeNames() const;
  /// True when the statement lists search parameter `name` for `type`.
  bool HasSearchParam(const std::string& type, const std::string& name) const {
    auto it = search_params.find(type);
    return it != search_params.end() && it->second.count(name) != 0;
  }
};

/// Parses a CapabilityStatement; an error says what is missing.
Result<Capabilities> ParseCapabilities(std::string_view json);

}  // namespace ferry::fhir
