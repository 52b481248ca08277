#include <algorithm>

#include "core/synth/history.hpp"

namespace ferry::synth {

namespace {

constexpr std::string_view kSeverities[] = {"MILD", "MODERATE", "SEVERE"};

/// Per-mille chance per wellness visit that `condition` is found, given what is known.
int DiagnosisOdds(const HistoryContext& context, const ConditionDef& condition) {
  const std::string_view code = condition.code.code;
  if (code == "44054006")
    return HasChronic(context, ChronicConditions()[1].code) ? 120 : 0;         // diabetes
  if (code == "162864005") return context.state.bmi_tenths >= 300 ? 1000 : 0;  // obesity
  if (code == "59621000") return 60;
  if (code == "15777000" || code == "55822004") return 40;
  return 8;
}

void AddChronicDiagnoses(HistoryContext& context, std::size_t encounter_idx, int age) {
  const EncounterRecord& encounter = context.record.encounters[encounter_idx];
  for (const ConditionDef& condition : ChronicConditions()) {
    if (age < condition.min_age || HasChronic(context, condition.code)) continue;
    if (!context.random.Chance(DiagnosisOdds(context, condition))) continue;
    context.state.chronic.push_back(&condition);
    ConditionRecord& row = context.record.conditions.emplace_back();
    row.encounter = encounter_idx;
    row.code = &condition.code;
    row.start = FormatDate(encounter.start_time);
    if (condition.medication)
      AddMedication(context, encounter_idx, *condition.medication, &condition.code, 0);
  }
}

void AddAllergies(HistoryContext& context, std::size_t encounter_idx) {
  if (context.state.allergies_done) return;
  context.state.allergies_done = true;
  if (!context.random.Chance(150)) return;
  const std::span<const AllergyDef> allergies = Allergies();
  const std::size_t first = context.random.Index(allergies.size());
  const std::size_t count = context.random.Chance(300) ? 2 : 1;
  for (std::size_t offset = 0; offset < count; ++offset) {
    AllergyRecord& row = context.record.allergies.emplace_back();
    row.encounter = encounter_idx;
    row.allergy = &allergies[(first + offset * 3) % allergies.size()];
    row.start = FormatDate(context.record.encounters[encounter_idx].start_time);
    const std::span<const Code> reactions = AllergyReactions();
    const std::size_t reaction = context.random.Index(reactions.size());
    row.reactions[0] = &reactions[reaction];
    row.severities[0] = kSeverities[context.random.Index(2)];
    if (context.random.Chance(400)) {
      row.reactions[1] = &reactions[(reaction + 1) % reactions.size()];
      row.severities[1] = kSeverities[context.random.Index(3)];
    }
  }
}

void AddImmunization(HistoryContext& context, std::size_t encounter_idx, const Code& vaccine) {
  ImmunizationRecord& row = context.record.immunizations.emplace_back();
  row.encounter = encounter_idx;
  row.code = &vaccine;
  row.date = context.record.encounters[encounter_idx].start;
  row.base_cost_cents = 13649;
}

void AddImmunizations(HistoryContext& context, std::size_t encounter_idx) {
  const Instant when = context.record.encounters[encounter_idx].start_time;
  const Instant age_months = (when - context.record.birth_time) / (kSecondsPerYear / 12);
  if (age_months >= 6 && context.random.Chance(650))
    AddImmunization(context, encounter_idx, FluVaccine());
  std::vector<std::string_view>& given = context.state.vaccines;
  for (const VaccineDef& vaccine : Vaccines()) {
    if (age_months < vaccine.min_months || age_months > vaccine.max_months) continue;
    if (std::find(given.begin(), given.end(), vaccine.code.code) != given.end()) continue;
    given.push_back(vaccine.code.code);
    AddImmunization(context, encounter_idx, vaccine.code);
  }
}

void AddScreenings(HistoryContext& context, std::size_t encounter_idx, int age) {
  int ordinal = 0;
  if (!context.state.chronic.empty()) {
    AddProcedure(context, encounter_idx, MedicationReconciliation(), nullptr, ordinal++);
  }
  if (age < 18) return;
  if (context.random.Chance(500))
    AddProcedure(context, encounter_idx, DepressionScreening(), nullptr, ordinal++);
  if (context.random.Chance(500))
    AddProcedure(context, encounter_idx, NeedsAssessment(), nullptr, ordinal++);
}

}  // namespace

void AddWellnessVisit(HistoryContext& context, std::size_t encounter_idx) {
  const int age = AgeAt(context, context.record.encounters[encounter_idx].start_time);
  AddAllergies(context, encounter_idx);
  AddChronicDiagnoses(context, encounter_idx, age);
  AddVitals(context, encounter_idx, nullptr);
  AddImmunizations(context, encounter_idx);
  AddScreenings(context, encounter_idx, age);
}

}  // namespace ferry::synth
