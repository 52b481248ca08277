#pragma once
/// One line of a Synthea CSV table per record (internal to core/synth): the cells in the
/// header's order, each written as Synthea writes it (see csv_writer.hpp). No newline.

#include <cstdint>
#include <string>

#include "core/synth/population.hpp"
#include "core/synth/utilization.hpp"

namespace ferry::synth {

/// patients.csv
std::string PatientLine(const PatientRecord& patient);
/// encounters.csv
std::string EncounterLine(const PatientRecord& patient, const EncounterRecord& encounter,
                          const World& world);
/// conditions.csv
std::string ConditionLine(const PatientRecord& patient, const ConditionRecord& condition);
/// observations.csv
std::string ObservationLine(const PatientRecord& patient, const ObservationRecord& observation);
/// medications.csv
std::string MedicationLine(const PatientRecord& patient, const MedicationRecord& medication,
                           const World& world);
/// allergies.csv
std::string AllergyLine(const PatientRecord& patient, const AllergyRecord& allergy);
/// procedures.csv
std::string ProcedureLine(const PatientRecord& patient, const ProcedureRecord& procedure);
/// immunizations.csv
std::string ImmunizationLine(const PatientRecord& patient, const ImmunizationRecord& immunization);
/// organizations.csv; `encounters` and `revenue_cents` from the Utilization.
std::string OrganizationLine(const Organization& organization, std::int64_t encounters,
                             std::int64_t revenue_cents);
/// providers.csv
std::string ProviderLine(const Clinician& clinician, const World& world, std::int64_t encounters,
                         std::int64_t procedures);
/// payers.csv
std::string PayerLine(const Payer& payer, const PayerTotals& totals);

}  // namespace ferry::synth
