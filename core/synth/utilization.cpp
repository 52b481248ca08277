#include "core/synth/utilization.hpp"

namespace ferry::synth {

Utilization::Utilization(const World& world)
    : organization_encounters(world.organizations.size()),
      organization_revenue_cents(world.organizations.size()),
      clinician_encounters(world.clinicians.size()),
      clinician_procedures(world.clinicians.size()),
      payers(world.payers.size()),
      no_insurance_(world.payers.size() - 1) {}

void Utilization::Add(const PatientRecord& record) {
  PayerTotals& payer = payers[record.payer];
  const bool covered = record.payer != no_insurance_;
  ++payer.customers;
  for (const EncounterRecord& encounter : record.encounters) {
    ++organization_encounters[encounter.organization];
    organization_revenue_cents[encounter.organization] += encounter.total_cost_cents;
    ++clinician_encounters[encounter.clinician];
    payer.covered_cents += encounter.payer_coverage_cents;
    payer.uncovered_cents += encounter.total_cost_cents - encounter.payer_coverage_cents;
    ++(covered ? payer.covered_encounters : payer.uncovered_encounters);
  }
  for (const ProcedureRecord& procedure : record.procedures) {
    ++clinician_procedures[record.encounters[procedure.encounter].clinician];
    ++(covered ? payer.covered_procedures : payer.uncovered_procedures);
  }
  for (const MedicationRecord& medication : record.medications) {
    payer.covered_cents += medication.payer_coverage_cents;
    payer.uncovered_cents +=
        medication.base_cost_cents * medication.dispenses - medication.payer_coverage_cents;
    ++(covered ? payer.covered_medications : payer.uncovered_medications);
  }
  payer.covered_immunizations +=
      covered ? static_cast<std::int64_t>(record.immunizations.size()) : 0;
  payer.uncovered_immunizations +=
      covered ? 0 : static_cast<std::int64_t>(record.immunizations.size());
  if (covered && !record.encounters.empty()) {
    const Instant first = record.encounters.front().start_time;
    payer.member_months +=
        (record.death_time.value_or(ReferenceTime()) - first) / (kSecondsPerYear / 12);
  }
}

}  // namespace ferry::synth
