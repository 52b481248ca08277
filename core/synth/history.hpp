#pragma once
/// Building one patient's clinical history (internal to core/synth): the state that lasts
/// across encounters and the helpers that append rows to the record. history.cpp plans
/// the encounters; wellness.cpp and vitals.cpp fill them.

#include <cstdint>
#include <string_view>
#include <vector>

#include "core/synth/population.hpp"
#include "core/synth/random.hpp"

namespace ferry::synth {

/// What the patient carries from one encounter to the next.
struct PatientState {
  std::int64_t adult_height_tenths = 0;      ///< cm
  std::int64_t bmi_tenths = 0;               ///< kg/m2, adult baseline
  std::size_t smoking = 0;                   ///< index into SmokingStatuses()
  int coverage_percent = 0;                  ///< share of costs the payer covers
  std::vector<const ConditionDef*> chronic;  ///< diagnosed so far
  std::vector<std::string_view> vaccines;    ///< CVX codes given so far (not flu)
  bool allergies_done = false;
};

/// Everything the history helpers work on.
struct HistoryContext {
  std::uint64_t seed;
  std::uint64_t index;
  const World& world;
  Random& random;
  PatientRecord& record;
  Instant end;  ///< death or the reference time
  PatientState state;
};

/// True when `condition` has been diagnosed.
bool HasChronic(const HistoryContext& context, const Code& condition);
/// Whole years of age at `when`.
int AgeAt(const HistoryContext& context, Instant when);

/// Appends the lines of a wellness visit to encounter `encounter_idx`.
void AddWellnessVisit(HistoryContext& context, std::size_t encounter_idx);
/// Appends the vital signs (and labs) of a visit of the encounter's class.
void AddVitals(HistoryContext& context, std::size_t encounter_idx, const ConditionDef* acute);
/// Appends a medication ordered at the encounter; `stop` 0 = still active (or until death).
void AddMedication(HistoryContext& context, std::size_t encounter_idx, const Code& medication,
                   const Code* reason, Instant stop);
/// Appends a procedure done `ordinal` five-minute steps into the encounter.
void AddProcedure(HistoryContext& context, std::size_t encounter_idx, const Code& procedure,
                  const Code* reason, int ordinal);

}  // namespace ferry::synth
