#include "core/synth/history.hpp"

#include <algorithm>

#include "core/synth/generators.hpp"

namespace ferry::synth {

namespace {

constexpr Instant kHistoryYears = 10;
constexpr Instant kMinute = kSecondsPerMinute;

struct PlannedVisit {
  Instant start;
  EncounterClass encounter_class;
  const ConditionDef* acute;  ///< null for wellness visits
};

int CoveragePercent(const PatientRecord& record, const World& world) {
  const std::string& name = world.payers[record.payer].name;
  if (name == "NO_INSURANCE") return 0;
  if (name == "Medicaid") return 100;
  return name == "Medicare" ? 80 : 70;
}

/// A time of day between 08:00 and 17:59 on the day of `day`.
Instant DuringOfficeHours(Random& random, Instant day) {
  const Instant midnight = day - ((day % kSecondsPerDay) + kSecondsPerDay) % kSecondsPerDay;
  return midnight + 8 * kSecondsPerHour + random.UniformInt(0, 10 * kSecondsPerHour - 1);
}

Instant WellnessInterval(Random& random, int age) {
  if (age < 2) return 182 * kSecondsPerDay;
  if (age < 18) return 730 * kSecondsPerDay;
  if (age < 65) return random.UniformInt(1000, 1200) * kSecondsPerDay;
  return 730 * kSecondsPerDay;
}

Instant Duration(Random& random, EncounterClass encounter_class) {
  switch (encounter_class) {
    case EncounterClass::kWellness:
    case EncounterClass::kAmbulatory:
      return random.UniformInt(15, 30) * kMinute;
    case EncounterClass::kEmergency:
      return random.UniformInt(60, 240) * kMinute;
    case EncounterClass::kInpatient:
      return random.UniformInt(2, 6) * kSecondsPerDay;
  }
  return 15 * kMinute;
}

std::int64_t BaseCost(Random& random, EncounterClass encounter_class) {
  switch (encounter_class) {
    case EncounterClass::kWellness:
      return random.Around(13680, 2000);
    case EncounterClass::kAmbulatory:
      return random.Around(8555, 1500);
    case EncounterClass::kEmergency:
      return random.Around(14626, 3000);
    case EncounterClass::kInpatient:
      return random.Around(106244, 20000);
  }
  return 10000;
}

const ConditionDef* PickAcute(HistoryContext& context, EncounterClass encounter_class,
                              Instant when) {
  std::vector<const ConditionDef*> candidates;
  const int age = AgeAt(context, when);
  for (const ConditionDef& def : AcuteConditions()) {
    if (def.encounter_class == encounter_class && age >= def.min_age) candidates.push_back(&def);
  }
  if (candidates.empty()) return nullptr;
  return candidates[context.random.Index(candidates.size())];
}

void PlanAcute(HistoryContext& context, Instant year_start, std::vector<PlannedVisit>& plan) {
  const int age = AgeAt(context, year_start);
  const std::pair<EncounterClass, int> odds[] = {{EncounterClass::kAmbulatory, 250},
                                                 {EncounterClass::kEmergency, 50},
                                                 {EncounterClass::kInpatient, age >= 60 ? 40 : 10}};
  for (const auto& [encounter_class, per_mille] : odds) {
    if (!context.random.Chance(per_mille)) continue;
    const Instant when = year_start + context.random.UniformInt(0, kSecondsPerYear - 1);
    if (const ConditionDef* acute = PickAcute(context, encounter_class, when)) {
      plan.push_back({DuringOfficeHours(context.random, when), encounter_class, acute});
    }
  }
}

std::vector<PlannedVisit> PlanVisits(HistoryContext& context, Instant from) {
  std::vector<PlannedVisit> plan;
  for (Instant when = from + context.random.UniformInt(0, 180) * kSecondsPerDay; when < context.end;
       when += WellnessInterval(context.random, AgeAt(context, when))) {
    plan.push_back({DuringOfficeHours(context.random, when), EncounterClass::kWellness, nullptr});
  }
  for (Instant year_start = from; year_start < context.end; year_start += kSecondsPerYear) {
    PlanAcute(context, year_start, plan);
  }
  std::stable_sort(plan.begin(), plan.end(),
                   [](const PlannedVisit& a, const PlannedVisit& b) { return a.start < b.start; });
  return plan;
}

std::size_t AddEncounter(HistoryContext& context, Instant start, const PlannedVisit& visit) {
  PatientRecord& record = context.record;
  const std::size_t encounter_idx = record.encounters.size();
  EncounterRecord& encounter = record.encounters.emplace_back();
  encounter.id = SynthUuid(context.seed, "encounters", context.index, encounter_idx);
  encounter.start_time = start;
  encounter.start = FormatTimestamp(start);
  encounter.stop_time =
      std::min(start + Duration(context.random, visit.encounter_class), context.end);
  encounter.encounter_class = visit.encounter_class;
  encounter.type = &EncounterType(visit.encounter_class, AgeAt(context, start) < 18);
  const bool in_hospital = visit.encounter_class == EncounterClass::kEmergency ||
                           visit.encounter_class == EncounterClass::kInpatient;
  encounter.organization = in_hospital ? record.hospital : record.clinic;
  const std::vector<std::size_t>& staff =
      context.world.organizations[encounter.organization].clinicians;
  encounter.clinician = staff[context.random.Index(staff.size())];
  encounter.base_cost_cents = BaseCost(context.random, visit.encounter_class);
  return encounter_idx;
}

void AddAcuteEpisode(HistoryContext& context, std::size_t encounter_idx,
                     const ConditionDef& acute) {
  EncounterRecord& encounter = context.record.encounters[encounter_idx];
  encounter.reason = &acute.code;
  const Instant resolved =
      encounter.start_time +
      context.random.UniformInt(acute.min_days, acute.max_days) * kSecondsPerDay;
  ConditionRecord& condition = context.record.conditions.emplace_back();
  condition.encounter = encounter_idx;
  condition.code = &acute.code;
  condition.start = FormatDate(encounter.start_time);
  if (resolved < context.end) condition.stop = FormatDate(resolved);
  AddVitals(context, encounter_idx, &acute);
  if (acute.procedure) AddProcedure(context, encounter_idx, *acute.procedure, &acute.code, 0);
  if (acute.medication)
    AddMedication(context, encounter_idx, *acute.medication, &acute.code, resolved);
}

void InitState(HistoryContext& context) {
  PatientState& state = context.state;
  const bool male = context.record.gender == "M";
  state.adult_height_tenths = context.random.Around(male ? 1760 : 1625, 120);
  state.bmi_tenths = context.random.Around(265, 70);
  state.smoking =
      static_cast<std::size_t>(context.random.Chance(700) ? 0 : context.random.UniformInt(1, 2));
  state.coverage_percent = CoveragePercent(context.record, context.world);
}

std::int64_t Covered(const HistoryContext& context, std::int64_t cents) {
  return cents * context.state.coverage_percent / 100;
}

/// Encounter totals (base plus line items), coverage and the patient's lifetime sums.
void FinishCosts(HistoryContext& context) {
  PatientRecord& record = context.record;
  for (const ProcedureRecord& procedure : record.procedures) {
    record.encounters[procedure.encounter].total_cost_cents += procedure.base_cost_cents;
  }
  for (const ImmunizationRecord& immunization : record.immunizations) {
    record.encounters[immunization.encounter].total_cost_cents += immunization.base_cost_cents;
  }
  std::int64_t expenses = 0;
  std::int64_t coverage = 0;
  for (EncounterRecord& encounter : record.encounters) {
    encounter.total_cost_cents += encounter.base_cost_cents;
    encounter.payer_coverage_cents = Covered(context, encounter.total_cost_cents);
    expenses += encounter.total_cost_cents - encounter.payer_coverage_cents;
    coverage += encounter.payer_coverage_cents;
  }
  for (const MedicationRecord& medication : record.medications) {
    expenses += medication.base_cost_cents * medication.dispenses - medication.payer_coverage_cents;
    coverage += medication.payer_coverage_cents;
  }
  record.healthcare_expenses = FormatCents(expenses);
  record.healthcare_coverage = FormatCents(coverage);
}

}  // namespace

bool HasChronic(const HistoryContext& context, const Code& condition) {
  return std::any_of(context.state.chronic.begin(), context.state.chronic.end(),
                     [&](const ConditionDef* def) { return def->code.code == condition.code; });
}

int AgeAt(const HistoryContext& context, Instant when) {
  return YearsBetween(context.record.birth_time, when);
}

void AddMedication(HistoryContext& context, std::size_t encounter_idx, const Code& medication,
                   const Code* reason, Instant stop) {
  const EncounterRecord& encounter = context.record.encounters[encounter_idx];
  MedicationRecord& row = context.record.medications.emplace_back();
  row.encounter = encounter_idx;
  row.code = &medication;
  row.reason = reason;
  row.start = encounter.start;
  Instant until = context.end;
  if (stop != 0 && stop < context.end) until = stop;
  if (until < context.end || context.record.death_time) row.stop = FormatTimestamp(until);
  row.base_cost_cents = std::max<std::int64_t>(100, context.random.Around(2500, 2000));
  row.dispenses = std::max<std::int64_t>(1, (until - encounter.start_time) / (30 * kSecondsPerDay));
  row.payer_coverage_cents = Covered(context, row.base_cost_cents * row.dispenses);
}

void AddProcedure(HistoryContext& context, std::size_t encounter_idx, const Code& procedure,
                  const Code* reason, int ordinal) {
  EncounterRecord& encounter = context.record.encounters[encounter_idx];
  const Instant start = encounter.start_time + (ordinal + 1) * 5 * kMinute;
  const Instant stop = start + 10 * kMinute;
  encounter.stop_time = std::max(encounter.stop_time, stop + 5 * kMinute);
  ProcedureRecord& row = context.record.procedures.emplace_back();
  row.encounter = encounter_idx;
  row.code = &procedure;
  row.reason = reason;
  row.start = FormatTimestamp(start);
  row.stop = FormatTimestamp(stop);
  row.base_cost_cents = std::max<std::int64_t>(1000, context.random.Around(45000, 30000));
}

void MakeHistory(std::uint64_t seed, std::uint64_t index, const World& world, Random& random,
                 PatientRecord& record) {
  HistoryContext context{
      seed, index, world, random, record, record.death_time.value_or(ReferenceTime()), {}};
  InitState(context);
  const Instant from =
      std::max(record.birth_time, ReferenceTime() - kHistoryYears * kSecondsPerYear);
  Instant busy_until = from;
  for (const PlannedVisit& visit : PlanVisits(context, from)) {
    const Instant start = std::max(visit.start, busy_until + kSecondsPerHour);
    if (start >= context.end - kSecondsPerHour) break;
    const std::size_t encounter_idx = AddEncounter(context, start, visit);
    if (visit.acute) {
      AddAcuteEpisode(context, encounter_idx, *visit.acute);
    } else {
      AddWellnessVisit(context, encounter_idx);
    }
    EncounterRecord& encounter = record.encounters[encounter_idx];
    encounter.stop_time = std::min(encounter.stop_time, context.end);
    encounter.stop = FormatTimestamp(encounter.stop_time);
    busy_until = encounter.stop_time;
  }
  FinishCosts(context);
}

}  // namespace ferry::synth
