#include <algorithm>
#include <cctype>

#include "core/synth/generators.hpp"
#include "core/synth/names.hpp"

namespace ferry::synth {

namespace {

constexpr std::string_view kHospitalSpecialities[] = {"EMERGENCY MEDICINE", "EMERGENCY MEDICINE",
                                                      "INTERNAL MEDICINE", "GENERAL PRACTICE"};
constexpr std::string_view kClinicSpecialities[] = {"GENERAL PRACTICE", "GENERAL PRACTICE",
                                                    "PEDIATRICS"};

std::string Upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string Phone(Random& random) {
  return "508555" + std::to_string(random.UniformInt(1000, 9999));
}

Organization MakeOrganization(std::uint64_t seed, std::size_t org_idx, const Town& town,
                              bool hospital, Random& random) {
  Organization org;
  org.id = SynthUuid(seed, "organizations", org_idx);
  org.name =
      Upper(std::string(town.name) + (hospital ? " GENERAL HOSPITAL" : " FAMILY HEALTH CENTER"));
  org.address = Upper(StreetAddress(random));
  org.city = Upper(std::string(town.name));
  org.state = std::string(kStateCode);
  org.zip = std::string(town.zip);
  org.lat = FormatMillionths(town.lat_millionths + random.UniformInt(-20000, 20000));
  org.lon = FormatMillionths(town.lon_millionths + random.UniformInt(-20000, 20000));
  org.phone = Phone(random);
  org.hospital = hospital;
  return org;
}

Clinician MakeClinician(std::uint64_t seed, World& world, std::size_t org_idx,
                        std::string_view speciality, Random& random) {
  const Organization& org = world.organizations[org_idx];
  const bool male = random.Chance(500);
  Clinician clinician;
  clinician.id = SynthUuid(seed, "providers", world.clinicians.size());
  clinician.organization = org_idx;
  clinician.name = NumberedName(random, random.Pick(male ? MaleFirstNames() : FemaleFirstNames())) +
                   " " + NumberedName(random, random.Pick(LastNames()));
  clinician.gender = male ? "M" : "F";
  clinician.speciality = std::string(speciality);
  clinician.address = org.address;
  clinician.city = org.city;
  clinician.state = org.state;
  clinician.zip = org.zip;
  clinician.lat = org.lat;
  clinician.lon = org.lon;
  return clinician;
}

void AddOrganization(std::uint64_t seed, World& world, const Town& town, bool hospital,
                     Random& random) {
  const std::size_t org_idx = world.organizations.size();
  world.organizations.push_back(MakeOrganization(seed, org_idx, town, hospital, random));
  const std::span<const std::string_view> specialities =
      hospital ? std::span<const std::string_view>(kHospitalSpecialities)
               : std::span<const std::string_view>(kClinicSpecialities);
  for (std::string_view speciality : specialities) {
    world.organizations[org_idx].clinicians.push_back(world.clinicians.size());
    world.clinicians.push_back(MakeClinician(seed, world, org_idx, speciality, random));
  }
}

Payer MakePayer(std::uint64_t seed, std::size_t payer_idx, std::string_view name, Random& random) {
  Payer payer;
  payer.id = SynthUuid(seed, "payers", payer_idx);
  payer.name = std::string(name);
  if (name == "NO_INSURANCE") {
    payer.ownership = "NO_INSURANCE";
    return payer;
  }
  payer.ownership = (name == "Medicare" || name == "Medicaid") ? "GOVERNMENT" : "PRIVATE";
  payer.address = StreetAddress(random);
  payer.city = "Boston";
  payer.state = std::string(kStateCode);
  payer.zip = "02108";
  payer.phone = "1-800-555-" + std::to_string(random.UniformInt(1000, 9999));
  return payer;
}

}  // namespace

World MakeWorld(std::uint64_t seed) {
  Random random = Random::ForStream(seed, 0, kStreamWorld);
  World world;
  for (const Town& town : Towns()) {
    AddOrganization(seed, world, town, true, random);
    AddOrganization(seed, world, town, false, random);
  }
  for (std::string_view name : PayerNames()) {
    world.payers.push_back(MakePayer(seed, world.payers.size(), name, random));
  }
  return world;
}

std::string NumberedName(Random& random, std::string_view name) {
  return std::string(name) + std::to_string(random.UniformInt(1, 999));
}

std::string StreetAddress(Random& random) {
  return std::to_string(random.UniformInt(1, 999)) + " " + std::string(random.Pick(StreetNames())) +
         " " + std::string(random.Pick(StreetSuffixes()));
}

}  // namespace ferry::synth
