#pragma once
/// `ferry synth`: a deterministic synthetic population, with no real data in it, written
/// twice: as FHIR R4 NDJSON in the Bulk Data layout (out_dir/fhir: `Patient.ndjson`, ...,
/// `manifest.json`) and as Synthea's CSV export (out_dir/csv: `patients.csv`, ...), the
/// legacy side of a migration, and on request as HL7 v2 messages (out_dir/hl7v2) and as a
/// small "legacy EHR" SQL database (out_dir/sql). The FHIR resources are exactly what the shipped mapping
/// mappings/synthea-csv.yaml makes of the CSV rows, so the pair is a round-trip test.
///
/// Deterministic: the same `patients` and `seed` give byte-identical files on any machine
/// (own PRNG, no clock: dates are relative to 2026-01-01). Patient i comes from its own
/// random stream, so the first 200 patients of a 1,000-patient run are the 200 of a
/// 200-patient run (organizations, providers and payers carry totals, and differ).
/// Streaming: one patient is in memory at a time.
///
///     SynthOptions options;
///     options.patients = 1000;
///     options.out_dir = "synthetic";
///     SynthResult result = WriteSynthPopulation(options);
///     result.fhir_counts["Observation"];   // resources written
///     result.csv_rows["observations"];     // data rows written (headers not counted)

#include <cstdint>
#include <map>
#include <string>

namespace ferry {

/// What to generate and where.
struct SynthOptions {
  std::uint64_t patients = 100;  ///< how many patients
  std::uint64_t seed = 1;        ///< the whole population follows from it
  std::string out_dir;           ///< gets `fhir/` and `csv/`; created when missing
  bool write_fhir = true;
  bool write_csv = true;
  bool write_hl7v2 = false;  ///< out_dir/hl7v2/messages.hl7 (hl7_writer.hpp)
  bool write_sql = false;    ///< out_dir/sql/legacy_ehr.sql (sql_writer.hpp)
};

/// What was written.
struct SynthResult {
  std::map<std::string, std::uint64_t> fhir_counts;  ///< resource type -> resources written
  std::map<std::string, std::uint64_t> csv_rows;     ///< table (file stem) -> data rows written
  std::map<std::string, std::uint64_t> hl7_messages; ///< message type -> messages written
  std::map<std::string, std::uint64_t> sql_rows;     ///< legacy table -> rows written
};

/// Writes the population under out_dir/fhir and out_dir/csv. Throws IoError when a file
/// cannot be written, PlanError when out_dir is empty.
SynthResult WriteSynthPopulation(const SynthOptions& options);

}  // namespace ferry
