#pragma once
/// The order in which resource types are read from a FHIR source and written to a FHIR
/// target, so that a resource comes after the resources it usually references: first
/// Organization, Location, Practitioner and Patient, then Encounter, then clinical
/// resources, then Claim, ExplanationOfBenefit and Provenance. Types not in the table sit
/// with the clinical ones. Ties are broken by name, so the order is deterministic.
///
///     std::vector<std::string> types = {"Observation", "Patient", "Encounter"};
///     SortByDependency(types);   // Patient, Encounter, Observation

#include <string>
#include <string_view>
#include <vector>

namespace ferry::fhir {

/// Smaller ranks are written first.
int DependencyRank(std::string_view resource_type);

/// Sorts `types` by (DependencyRank, name).
void SortByDependency(std::vector<std::string>& types);

}  // namespace ferry::fhir
