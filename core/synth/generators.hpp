#pragma once
/// The synthetic population's generators (internal to core/synth): one per concern, each
/// drawing from the random stream it is given. Population (population.cpp) calls them.

#include <cstdint>
#include <string>
#include <string_view>

#include "core/synth/population.hpp"
#include "core/synth/random.hpp"

namespace ferry::synth {

/// Random streams: every concern draws from its own, so adding draws to one never
/// changes another.
inline constexpr std::uint64_t kStreamWorld = 1;
inline constexpr std::uint64_t kStreamPatient = 2;
inline constexpr std::uint64_t kStreamHistory = 3;

/// Organizations, clinicians and payers for `seed`.
World MakeWorld(std::uint64_t seed);

/// Fills the patients.csv fields of `record` (not the costs: FinishCosts does those) and
/// picks the patient's payer.
void MakeDemographics(std::uint64_t seed, std::uint64_t index, const World& world, Random& random,
                      PatientRecord& record);

/// Fills the encounters and everything recorded at them, from history start to
/// ReferenceTime() or death.
void MakeHistory(std::uint64_t seed, std::uint64_t index, const World& world, Random& random,
                 PatientRecord& record);

/// A Synthea-style synthetic name: `name` followed by one to three digits ("Sarah254").
std::string NumberedName(Random& random, std::string_view name);

/// `number street suffix` ("633 Abernathy Landing").
std::string StreetAddress(Random& random);

}  // namespace ferry::synth
