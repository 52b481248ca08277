#include "adapters/fhir/type_order.hpp"

#include <algorithm>
#include <utility>

namespace ferry::fhir {

namespace {

constexpr int kDefaultRank = 6;

/// Rank by what each type references in practice (US Core, Synthea).
constexpr std::pair<std::string_view, int> kRanks[] = {
    {"Organization", 0},
    {"Location", 1},
    {"Practitioner", 1},
    {"Endpoint", 1},
    {"HealthcareService", 2},
    {"PractitionerRole", 2},
    {"Patient", 3},
    {"Medication", 3},
    {"Substance", 3},
    {"Device", 4},
    {"Group", 4},
    {"RelatedPerson", 4},
    {"Coverage", 4},
    {"Account", 4},
    {"EpisodeOfCare", 4},
    {"Appointment", 4},
    {"Encounter", 5},
    {"CareTeam", 6},
    {"Condition", 6},
    {"AllergyIntolerance", 6},
    {"Observation", 6},
    {"Procedure", 6},
    {"Immunization", 6},
    {"MedicationRequest", 6},
    {"ServiceRequest", 6},
    {"ImagingStudy", 7},
    {"CarePlan", 7},
    {"Goal", 7},
    {"DiagnosticReport", 7},
    {"MedicationAdministration", 7},
    {"MedicationDispense", 7},
    {"MedicationStatement", 7},
    {"DocumentReference", 7},
    {"SupplyDelivery", 7},
    {"Claim", 8},
    {"ClaimResponse", 9},
    {"ExplanationOfBenefit", 9},
    {"Composition", 9},
    {"Provenance", 10},
    {"AuditEvent", 10},
};

}  // namespace

int DependencyRank(std::string_view resource_type) {
  for (const auto& [type, rank] : kRanks) {
    if (type == resource_type) return rank;
  }
  return kDefaultRank;
}

void SortByDependency(std::vector<std::string>& types) {
  std::stable_sort(types.begin(), types.end(), [](const std::string& a, const std::string& b) {
    int rank_a = DependencyRank(a);
    int rank_b = DependencyRank(b);
    return rank_a != rank_b ? rank_a < rank_b : a < b;
  });
}

}  // namespace ferry::fhir
