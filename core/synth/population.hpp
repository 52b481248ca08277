#pragma once
/// The synthetic population in memory: the world (organizations, clinicians, payers),
/// fixed by the seed alone, and one patient's record at a time.
///
/// Every text field holds exactly what goes into Synthea's CSV cell, so the CSV writer
/// and the FHIR writer read the same strings and cannot disagree. Patient i is made from
/// its own random stream (seed, i): it does not depend on how many patients there are.
///
///     Population population(seed);
///     PatientRecord record;
///     for (std::uint64_t index = 0; index < count; ++index) {
///       population.MakePatient(index, record);   // reuses record's buffers
///       csv.Write(record);  fhir.Write(record);
///     }

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/synth/calendar.hpp"
#include "core/synth/codes.hpp"

namespace ferry::synth {

/// A provider organization (a row of organizations.csv).
struct Organization {
  std::string id, name, address, city, state, zip, lat, lon, phone;
  bool hospital = false;
  std::vector<std::size_t> clinicians;  ///< indexes into World::clinicians
};

/// A clinician (a row of providers.csv).
struct Clinician {
  std::string id;
  std::size_t organization = 0;
  std::string name, gender, speciality, address, city, state, zip, lat, lon;
};

/// An insurer (a row of payers.csv); the last one is NO_INSURANCE.
struct Payer {
  std::string id, name, ownership, address, city, state, zip, phone;
};

/// Everything patients share; made from the seed alone.
struct World {
  std::vector<Organization> organizations;
  std::vector<Clinician> clinicians;
  std::vector<Payer> payers;
};

/// A row of encounters.csv.
struct EncounterRecord {
  std::string id, start, stop;
  Instant start_time = 0;
  Instant stop_time = 0;
  EncounterClass encounter_class = EncounterClass::kWellness;
  const Code* type = nullptr;
  const Code* reason = nullptr;  ///< null: no REASONCODE
  std::size_t organization = 0;
  std::size_t clinician = 0;
  std::int64_t base_cost_cents = 0;
  std::int64_t total_cost_cents = 0;  ///< base + line items, set when the record is done
  std::int64_t payer_coverage_cents = 0;
};

/// A row of conditions.csv; `encounter` indexes PatientRecord::encounters (so do the
/// other rows').
struct ConditionRecord {
  std::size_t encounter = 0;
  const Code* code = nullptr;
  std::string start, stop;  ///< dates; stop empty while active
};

/// A row of observations.csv; `value` is the VALUE cell.
struct ObservationRecord {
  std::size_t encounter = 0;
  ObservationKind kind = ObservationKind::kHeight;
  std::string date, value;
};

/// A row of medications.csv (TOTALCOST is base cost times dispenses).
struct MedicationRecord {
  std::size_t encounter = 0;
  const Code* code = nullptr;
  const Code* reason = nullptr;
  std::string start, stop;  ///< timestamps; stop empty while active
  std::int64_t base_cost_cents = 0;
  std::int64_t payer_coverage_cents = 0;
  std::int64_t dispenses = 1;
};

/// A row of allergies.csv, with up to two reactions.
struct AllergyRecord {
  std::size_t encounter = 0;
  const AllergyDef* allergy = nullptr;
  std::string start, stop;
  const Code* reactions[2] = {nullptr, nullptr};
  std::string_view severities[2];  ///< MILD, MODERATE or SEVERE
};

/// A row of procedures.csv.
struct ProcedureRecord {
  std::size_t encounter = 0;
  const Code* code = nullptr;
  const Code* reason = nullptr;
  std::string start, stop;
  std::int64_t base_cost_cents = 0;
};

/// A row of immunizations.csv.
struct ImmunizationRecord {
  std::size_t encounter = 0;
  const Code* code = nullptr;
  std::string date;
  std::int64_t base_cost_cents = 0;
};

/// One patient: a row of patients.csv and every row that points at it.
struct PatientRecord {
  std::string id, birthdate, deathdate, ssn, drivers, passport, prefix, first, middle, last, suffix,
      maiden, marital, race, ethnicity, gender, birthplace, address, city, state, county, fips, zip,
      lat, lon, healthcare_expenses, healthcare_coverage, income;
  Instant birth_time = 0;
  std::optional<Instant> death_time;
  std::size_t payer = 0;
  std::size_t clinic = 0;    ///< organization of wellness and ambulatory visits
  std::size_t hospital = 0;  ///< organization of emergency and inpatient visits
  std::vector<EncounterRecord> encounters;
  std::vector<ConditionRecord> conditions;
  std::vector<ObservationRecord> observations;
  std::vector<MedicationRecord> medications;
  std::vector<AllergyRecord> allergies;
  std::vector<ProcedureRecord> procedures;
  std::vector<ImmunizationRecord> immunizations;

  /// Empties every list, keeping their buffers.
  void Clear();
};

/// Makes the world and its patients from one seed.
class Population {
 public:
  explicit Population(std::uint64_t seed);
  /// Organizations, clinicians and payers; the same for every patient count.
  const World& world() const { return world_; }
  /// Fills `record` with patient `index` (0-based).
  void MakePatient(std::uint64_t index, PatientRecord& record) const;

 private:
  std::uint64_t seed_;
  World world_;
};

/// `1234.50` from 123450 cents.
std::string FormatCents(std::int64_t cents);
/// `72.4` from 724 tenths (Synthea's `%.1f`).
std::string FormatTenths(std::int64_t tenths);
/// `42.360100` from 42360100 millionths.
std::string FormatMillionths(std::int64_t millionths);

/// A CSV id: the text form of Uuid5 over the seed, the table and the item's index path.
std::string SynthUuid(std::uint64_t seed, std::string_view table, std::uint64_t index,
                      std::uint64_t sub_index = 0);

}  // namespace ferry::synth
