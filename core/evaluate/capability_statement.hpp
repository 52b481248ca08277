#pragma once
/// The parts of a FHIR server's CapabilityStatement (`GET [base]/metadata`) that an
/// evaluation reports: FHIR version, resource types with their interactions and search
/// parameters, batch/transaction, and the Bulk Data `$export` / `$import` operations.
///
///     auto statement = ParseCapabilityStatement(response.body);
///     statement->Allows("Patient", "update");   // PUT with client ids

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>

#include "core/common/result.hpp"

namespace ferry::evaluate {

struct CapabilityStatement {
  std::string fhir_version;
  std::string software;
  std::map<std::string, std::set<std::string>> interactions;  ///< type -> interaction codes
  std::uint64_t search_params = 0;  ///< declared over every type
  bool batch = false, transaction = false;
  bool bulk_export = false, bulk_import = false;

  bool Allows(const std::string& type, const std::string& interaction) const {
    auto found = interactions.find(type);
    return found != interactions.end() && found->second.count(interaction) != 0;
  }
};

/// Parses the statement (rest entries with mode `server`); an error says what is wrong.
Result<CapabilityStatement> ParseCapabilityStatement(std::string_view json);

}  // namespace ferry::evaluate
