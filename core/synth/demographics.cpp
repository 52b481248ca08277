#include "core/synth/generators.hpp"
#include "core/synth/names.hpp"

namespace ferry::synth {

namespace {

constexpr std::string_view kSuffixes[] = {"PhD", "MD", "JD"};

std::string Digits(Random& random, int count) {
  std::string out;
  for (int digit = 0; digit < count; ++digit)
    out.push_back(static_cast<char>('0' + random.UniformInt(0, 9)));
  return out;
}

std::string_view PickRace(Random& random) {
  const std::int64_t roll = random.UniformInt(0, 999);
  const std::span<const std::string_view> races = Races();
  if (roll < 700) return races[0];
  if (roll < 800) return races[1];
  if (roll < 880) return races[2];
  if (roll < 890) return races[3];
  if (roll < 900) return races[4];
  return races[5];
}

/// Birth and death. The living are 0-94 years old at the reference time; a few die within
/// the ten years of history.
void MakeLifespan(Random& random, PatientRecord& record) {
  const Instant reference = ReferenceTime();
  const std::int64_t age_days = random.UniformInt(0, 95 * 365 - 1);
  record.birth_time =
      reference - age_days * kSecondsPerDay - random.UniformInt(1, kSecondsPerDay - 1);
  record.birthdate = FormatDate(record.birth_time);
  const int age = YearsBetween(record.birth_time, reference);
  const int death_per_mille = age >= 75 ? 250 : age >= 50 ? 60 : 10;
  if (!random.Chance(death_per_mille)) return;
  const Instant earliest =
      std::max(record.birth_time + kSecondsPerYear, reference - 10 * kSecondsPerYear);
  if (earliest >= reference - kSecondsPerDay) return;
  record.death_time = random.UniformInt(earliest, reference - kSecondsPerDay);
  record.deathdate = FormatDate(*record.death_time);
}

void MakeName(Random& random, int age, PatientRecord& record) {
  const bool male = record.gender == "M";
  const std::span<const std::string_view> firsts = male ? MaleFirstNames() : FemaleFirstNames();
  record.first = NumberedName(random, random.Pick(firsts));
  if (random.Chance(500)) record.middle = NumberedName(random, random.Pick(firsts));
  record.last = NumberedName(random, random.Pick(LastNames()));
  if (age < 18) return;
  record.marital = random.Chance(600) ? "M" : "S";
  record.prefix = male ? "Mr." : (record.marital == "M" ? "Mrs." : "Ms.");
  if (random.Chance(30))
    record.suffix = std::string(random.Pick(std::span<const std::string_view>(kSuffixes)));
  if (!male && record.marital == "M")
    record.maiden = NumberedName(random, random.Pick(LastNames()));
}

void MakeIdentifiers(Random& random, int age, PatientRecord& record) {
  record.ssn = "999-" + Digits(random, 2) + "-" + Digits(random, 4);
  if (age >= 16) record.drivers = "S999" + Digits(random, 5);
  if (age >= 18 && random.Chance(400)) record.passport = "X" + Digits(random, 8) + "X";
}

void MakeAddress(Random& random, PatientRecord& record) {
  const std::span<const Town> towns = Towns();
  const std::size_t town_idx = random.Index(towns.size());
  const Town& town = towns[town_idx];
  record.birthplace = std::string(random.Pick(towns).name) + " " + std::string(kStateName) + " US";
  record.address = StreetAddress(random);
  if (random.Chance(150)) record.address += " Unit " + std::to_string(random.UniformInt(1, 99));
  record.city = std::string(town.name);
  record.state = std::string(kStateName);
  record.county = std::string(town.county);
  record.fips = std::string(town.fips);
  record.zip = std::string(town.zip);
  record.lat = FormatMillionths(town.lat_millionths + random.UniformInt(-30000, 30000));
  record.lon = FormatMillionths(town.lon_millionths + random.UniformInt(-30000, 30000));
  record.hospital = 2 * town_idx;
  record.clinic = 2 * town_idx + 1;
}

/// Medicare from 65, Medicaid on a low income, otherwise a private insurer or none.
std::size_t PickPayer(Random& random, int age, std::int64_t income, const World& world) {
  const std::size_t no_insurance = world.payers.size() - 1;
  if (age >= 65) return 0;
  if (income < 25000) return 1;
  if (random.Chance(120)) return no_insurance;
  return static_cast<std::size_t>(
      random.UniformInt(2, static_cast<std::int64_t>(no_insurance) - 1));
}

}  // namespace

void MakeDemographics(std::uint64_t seed, std::uint64_t index, const World& world, Random& random,
                      PatientRecord& record) {
  record.id = SynthUuid(seed, "patients", index);
  MakeLifespan(random, record);
  const int age = YearsBetween(record.birth_time, record.death_time.value_or(ReferenceTime()));
  record.gender = random.Chance(500) ? "M" : "F";
  MakeName(random, age, record);
  MakeIdentifiers(random, age, record);
  record.race = std::string(PickRace(random));
  record.ethnicity = random.Chance(120) ? "hispanic" : "nonhispanic";
  MakeAddress(random, record);
  const std::int64_t income = random.UniformInt(12000, 160000);
  record.income = std::to_string(income);
  record.payer = PickPayer(random, age, income, world);
}

}  // namespace ferry::synth
