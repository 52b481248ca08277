#include "core/synth/population.hpp"

#include "core/common/hash.hpp"
#include "core/synth/generators.hpp"

namespace ferry::synth {

namespace {

/// `whole.fraction` with `digits` fraction digits, from value * 10^digits.
std::string FormatFixed(std::int64_t scaled, int digits) {
  std::int64_t unit = 1;
  for (int digit = 0; digit < digits; ++digit) unit *= 10;
  const bool negative = scaled < 0;
  const std::uint64_t magnitude =
      negative ? 0 - static_cast<std::uint64_t>(scaled) : static_cast<std::uint64_t>(scaled);
  std::string fraction = std::to_string(magnitude % static_cast<std::uint64_t>(unit));
  fraction.insert(0, static_cast<std::size_t>(digits) - fraction.size(), '0');
  return (negative ? "-" : "") + std::to_string(magnitude / static_cast<std::uint64_t>(unit)) +
         "." + fraction;
}

}  // namespace

void PatientRecord::Clear() {
  PatientRecord fresh;
  auto reuse = [](auto& from, auto& to) {
    from.clear();
    to.swap(from);
  };
  reuse(encounters, fresh.encounters);
  reuse(conditions, fresh.conditions);
  reuse(observations, fresh.observations);
  reuse(medications, fresh.medications);
  reuse(allergies, fresh.allergies);
  reuse(procedures, fresh.procedures);
  reuse(immunizations, fresh.immunizations);
  *this = std::move(fresh);
}

Population::Population(std::uint64_t seed) : seed_(seed), world_(MakeWorld(seed)) {}

void Population::MakePatient(std::uint64_t index, PatientRecord& record) const {
  record.Clear();
  Random demographics = Random::ForStream(seed_, index, kStreamPatient);
  MakeDemographics(seed_, index, world_, demographics, record);
  Random history = Random::ForStream(seed_, index, kStreamHistory);
  MakeHistory(seed_, index, world_, history, record);
}

std::string FormatCents(std::int64_t cents) { return FormatFixed(cents, 2); }
std::string FormatTenths(std::int64_t tenths) { return FormatFixed(tenths, 1); }
std::string FormatMillionths(std::int64_t millionths) { return FormatFixed(millionths, 6); }

std::string SynthUuid(std::uint64_t seed, std::string_view table, std::uint64_t index,
                      std::uint64_t sub_index) {
  std::string name = "urn:ferry:synth|";
  name += std::to_string(seed);
  name += '|';
  name += table;
  name += '|';
  name += std::to_string(index);
  name += '|';
  name += std::to_string(sub_index);
  return Uuid5(kFerryUuidNamespace, name);
}

}  // namespace ferry::synth
