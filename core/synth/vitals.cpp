#include <algorithm>
#include <array>

#include "core/synth/history.hpp"

namespace ferry::synth {

namespace {

using Kind = ObservationKind;

/// Height as a share (per mille) of adult height, by age in years.
constexpr std::array<std::int64_t, 18> kGrowth = {290, 430, 500, 550, 590, 630, 670, 700, 730,
                                                  760, 790, 820, 850, 890, 930, 960, 980, 990};

bool Has(const HistoryContext& context, std::string_view snomed_code) {
  return std::any_of(context.state.chronic.begin(), context.state.chronic.end(),
                     [&](const ConditionDef* def) { return def->code.code == snomed_code; });
}

bool Febrile(const ConditionDef* acute) {
  return acute && (acute->code.code == "195662009" || acute->code.code == "43878008" ||
                   acute->code.code == "840539006" || acute->code.code == "91302008" ||
                   acute->code.code == "10509002");
}

void Add(HistoryContext& context, std::size_t encounter_idx, Kind kind, std::string value) {
  ObservationRecord& row = context.record.observations.emplace_back();
  row.encounter = encounter_idx;
  row.kind = kind;
  row.date = context.record.encounters[encounter_idx].start;
  row.value = std::move(value);
}

/// A value in tenths, written as Synthea does (`%.1f`).
void AddTenths(HistoryContext& context, std::size_t encounter_idx, Kind kind, std::int64_t tenths) {
  Add(context, encounter_idx, kind, FormatTenths(std::max<std::int64_t>(0, tenths)));
}

/// A whole-number reading (blood pressure, rates, scores), still written with one decimal.
void AddWhole(HistoryContext& context, std::size_t encounter_idx, Kind kind, std::int64_t value) {
  AddTenths(context, encounter_idx, kind, std::max<std::int64_t>(0, value) * 10);
}

void AddBodySize(HistoryContext& context, std::size_t encounter_idx, int age) {
  Random& random = context.random;
  std::int64_t height = context.state.adult_height_tenths;
  std::int64_t bmi = context.state.bmi_tenths + random.Around(0, 10);
  if (age < 18) {
    height = height * kGrowth[static_cast<std::size_t>(age)] / 1000 + random.Around(0, 15);
    bmi = random.Around(165, 15);
  }
  const std::int64_t weight = bmi * height * height / 1000000;
  AddTenths(context, encounter_idx, Kind::kHeight, height);
  AddTenths(context, encounter_idx, Kind::kWeight, weight);
  if (age >= 2) AddTenths(context, encounter_idx, Kind::kBmi, weight * 1000000 / (height * height));
}

void AddBloodPressure(HistoryContext& context, std::size_t encounter_idx, int age) {
  const bool hypertensive = Has(context, "59621000");
  const std::int64_t systolic = age < 13 ? context.random.Around(105, 8)
                                         : context.random.Around(hypertensive ? 145 : 120, 12);
  const std::int64_t diastolic =
      age < 13 ? context.random.Around(65, 6) : context.random.Around(hypertensive ? 90 : 78, 8);
  AddWhole(context, encounter_idx, Kind::kDiastolic, diastolic);
  AddWhole(context, encounter_idx, Kind::kSystolic, systolic);
}

void AddLabs(HistoryContext& context, std::size_t encounter_idx, int age) {
  Random& random = context.random;
  const bool diabetic = Has(context, "44054006");
  const bool prediabetic = Has(context, "15777000");
  if (age >= 18 && (diabetic || prediabetic || random.Chance(200))) {
    const std::int64_t glucose = diabetic      ? random.Around(1600, 300)
                                 : prediabetic ? random.Around(1120, 100)
                                               : random.Around(850, 100);
    AddTenths(context, encounter_idx, Kind::kGlucose, glucose);
  }
  if (diabetic || prediabetic || (age >= 45 && random.Chance(200))) {
    const std::int64_t hba1c = diabetic      ? random.Around(75, 10)
                               : prediabetic ? random.Around(60, 3)
                                             : random.Around(52, 3);
    AddTenths(context, encounter_idx, Kind::kHbA1c, hba1c);
  }
  const bool hyperlipidemic = Has(context, "55822004");
  if (hyperlipidemic || (age >= 35 && random.Chance(200))) {
    AddTenths(context, encounter_idx, Kind::kCholesterol,
              hyperlipidemic ? random.Around(2300, 250) : random.Around(1750, 200));
  }
}

void AddWellnessVitals(HistoryContext& context, std::size_t encounter_idx, int age) {
  Random& random = context.random;
  AddBodySize(context, encounter_idx, age);
  if (age >= 3) AddBloodPressure(context, encounter_idx, age);
  AddWhole(context, encounter_idx, Kind::kHeartRate,
           age < 13 ? random.Around(100, 15) : random.Around(74, 12));
  AddLabs(context, encounter_idx, age);
  if (age >= 18) {
    Add(context, encounter_idx, Kind::kSmoking,
        std::string(SmokingStatuses()[context.state.smoking]));
  }
}

void AddEpisodeVitals(HistoryContext& context, std::size_t encounter_idx, const ConditionDef* acute,
                      int age) {
  Random& random = context.random;
  const EncounterClass encounter_class = context.record.encounters[encounter_idx].encounter_class;
  const bool fever = Febrile(acute);
  if (encounter_class != EncounterClass::kEmergency) {
    AddTenths(context, encounter_idx, Kind::kTemperature,
              fever ? random.Around(384, 6) : random.Around(369, 3));
  }
  AddWhole(context, encounter_idx, Kind::kHeartRate, random.Around(fever ? 92 : 78, 12));
  if (encounter_class == EncounterClass::kInpatient) {
    AddWhole(context, encounter_idx, Kind::kRespiratoryRate, random.Around(20, 4));
  }
  if (encounter_class != EncounterClass::kAmbulatory && age >= 3)
    AddBloodPressure(context, encounter_idx, age);
  if (encounter_class != EncounterClass::kInpatient && age >= 5) {
    AddWhole(context, encounter_idx, Kind::kPain,
             std::clamp<std::int64_t>(random.Around(5, 3), 0, 10));
  }
}

}  // namespace

void AddVitals(HistoryContext& context, std::size_t encounter_idx, const ConditionDef* acute) {
  const int age = AgeAt(context, context.record.encounters[encounter_idx].start_time);
  if (acute == nullptr) {
    AddWellnessVitals(context, encounter_idx, age);
  } else {
    AddEpisodeVitals(context, encounter_idx, acute, age);
  }
}

}  // namespace ferry::synth
