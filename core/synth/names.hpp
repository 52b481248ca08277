#pragma once
/// Made-up people and places for the synthetic population: name and street lists and a
/// table of Massachusetts towns (public geography: county, FIPS county code, a ZIP code,
/// the town centre). Names get digits appended, as Synthea does, so no synthetic person
/// can be mistaken for a real one.

#include <cstdint>
#include <span>
#include <string_view>

namespace ferry::synth {

/// A town people live in and organizations stand in.
struct Town {
  std::string_view name;
  std::string_view county;  ///< "Suffolk County"
  std::string_view fips;    ///< FIPS county code, "25025"
  std::string_view zip;
  std::int64_t lat_millionths;
  std::int64_t lon_millionths;
};

/// The state every town is in: full name (patients.csv) and abbreviation (providers).
inline constexpr std::string_view kStateName = "Massachusetts";
inline constexpr std::string_view kStateCode = "MA";

/// The towns; organization i/2 of the world stands in town i.
std::span<const Town> Towns();
/// Given names by sex, family names, street names and street kinds ("Landing").
std::span<const std::string_view> MaleFirstNames();
std::span<const std::string_view> FemaleFirstNames();  ///< see MaleFirstNames
std::span<const std::string_view> LastNames();         ///< see MaleFirstNames
std::span<const std::string_view> StreetNames();       ///< see MaleFirstNames
std::span<const std::string_view> StreetSuffixes();    ///< see MaleFirstNames

/// Race and ethnicity as Synthea writes them (`white`, `hispanic`, ...).
std::span<const std::string_view> Races();
/// Insurer names; the last is `NO_INSURANCE`.
std::span<const std::string_view> PayerNames();

}  // namespace ferry::synth
