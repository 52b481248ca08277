#pragma once
/// Writes the synthetic population as a small relational "legacy EHR" database: one SQL
/// script (out_dir/sql/legacy_ehr.sql) that creates and fills the tables patients,
/// encounters and observations in the shape of tests/cli/fixtures/legacy_ehr.sql (short
/// column names, codes in char(1), results as free text, no foreign keys), so the
/// PostgreSQL examples and tests need no outside data. Mapped with
/// tests/cli/fixtures/legacy_ehr_mapping.yaml it gives the patients, encounters and
/// numeric observations of the FHIR output (text results, such as smoking status, have
/// no place in this schema and are left out).
///
///     SqlWriter sql(out_dir + "/sql");   // writes the CREATE TABLE statements
///     for (...) sql.WritePatient(record);
///     sql.Close();
///     sql.Rows();                         // {"patients": 100, "encounters": ..., ...}

#include <cstdint>
#include <map>
#include <string>

#include "core/synth/output_file.hpp"
#include "core/synth/population.hpp"

namespace ferry::synth {

/// `'text'` as a SQL string literal (quotes doubled), or NULL when `text` is empty.
std::string SqlText(std::string_view text);

class SqlWriter {
 public:
  /// Creates `dir` and `dir/legacy_ehr.sql` with the schema. Throws IoError.
  explicit SqlWriter(const std::string& dir);

  /// The patient's rows: one in patients, its encounters and numeric observations.
  void WritePatient(const PatientRecord& record);
  /// Ends the transaction, flushes and closes. Throws IoError.
  void Close();
  /// Rows written per table.
  const std::map<std::string, std::uint64_t>& Rows() const { return rows_; }

 private:
  OutputFile file_;
  std::uint64_t next_encounter_ = 5001;
  std::uint64_t next_observation_ = 9001;
  std::map<std::string, std::uint64_t> rows_;
};

}  // namespace ferry::synth
