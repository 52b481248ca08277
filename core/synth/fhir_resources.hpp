#pragma once
/// One FHIR R4 resource (JSON text, one line) per row of the synthetic Synthea CSV export,
/// exactly as mappings/synthea-csv.yaml maps that row (internal to core/synth). The
/// mapping is the contract: a change to one is a change to the other, and the round-trip
/// test (tests/unit/core/synth) compares them.
///
/// Each function builds into `json` (reused between resources) and returns the text,
/// valid until the next resource is built.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/synth/fhir_json.hpp"
#include "core/synth/population.hpp"

namespace ferry::synth {

/// References to the world's resources, computed once (`Organization/<id>`, ...).
struct WorldReferences {
  explicit WorldReferences(const World& world);
  std::vector<std::string> organizations;
  std::vector<std::string> practitioners;
};

/// References to one patient's resources, computed once per patient.
struct PatientReferences {
  PatientReferences(const PatientRecord& patient, const WorldReferences& world);
  std::string patient;
  std::vector<std::string> encounters;
  const WorldReferences& world;
};

/// patients.csv -> Patient.
std::string_view PatientResource(FhirJson& json, const PatientRecord& patient);
/// organizations.csv -> Organization; `encounters` is its UTILIZATION.
std::string_view OrganizationResource(FhirJson& json, const Organization& organization,
                                      std::int64_t encounters);
/// providers.csv -> Practitioner; `encounters` is its ENCOUNTERS.
std::string_view PractitionerResource(FhirJson& json, const Clinician& clinician,
                                      std::int64_t encounters);
/// providers.csv -> PractitionerRole (the clinician at its ORGANIZATION).
std::string_view PractitionerRoleResource(FhirJson& json, const Clinician& clinician,
                                          const World& world);

/// encounters.csv -> Encounter.
std::string_view EncounterResource(FhirJson& json, const PatientRecord& patient,
                                   const PatientReferences& refs, std::size_t encounter_idx);
/// conditions.csv -> Condition.
std::string_view ConditionResource(FhirJson& json, const PatientRecord& patient,
                                   const PatientReferences& refs, const ConditionRecord& condition);
/// observations.csv -> Observation.
std::string_view ObservationResource(FhirJson& json, const PatientRecord& patient,
                                     const PatientReferences& refs,
                                     const ObservationRecord& observation);
/// medications.csv -> MedicationRequest.
std::string_view MedicationRequestResource(FhirJson& json, const PatientRecord& patient,
                                           const PatientReferences& refs,
                                           const MedicationRecord& medication);
/// allergies.csv -> AllergyIntolerance.
std::string_view AllergyIntoleranceResource(FhirJson& json, const PatientRecord& patient,
                                            const PatientReferences& refs,
                                            const AllergyRecord& allergy);
/// procedures.csv -> Procedure.
std::string_view ProcedureResource(FhirJson& json, const PatientRecord& patient,
                                   const PatientReferences& refs, const ProcedureRecord& procedure);
/// immunizations.csv -> Immunization.
std::string_view ImmunizationResource(FhirJson& json, const PatientRecord& patient,
                                      const PatientReferences& refs,
                                      const ImmunizationRecord& immunization);

}  // namespace ferry::synth
