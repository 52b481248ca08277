#pragma once
/// Writes the synthetic population as Synthea's CSV export: one file per table, the
/// header lines of Synthea's CSVExporter (CSVConstants, Synthea 3.x order) and cells
/// written as Synthea writes them: no quoting, commas and line breaks in text replaced by
/// a space (Synthea's `clean`), dates `yyyy-MM-dd`, timestamps `yyyy-MM-dd'T'HH:mm:ss'Z'`,
/// costs with two decimals, observation values with one.
///
///     CsvWriter csv(out_dir + "/csv");                  // creates files, writes headers
///     for (...) csv.WritePatient(record, world);
///     csv.WriteWorld(world, utilization);               // organizations, providers, payers
///     csv.Close();
///     csv.Rows();                                       // {"patients": 100, ...}

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "core/synth/population.hpp"
#include "core/synth/utilization.hpp"

namespace ferry::synth {

/// The tables written, in Synthea's order, with their header lines.
struct CsvTable {
  std::string_view name;    ///< file stem: `patients`
  std::string_view header;  ///< `Id,BIRTHDATE,...`
};
/// Every table, patients.csv first.
std::span<const CsvTable> CsvTables();

/// Synthea's `clean`: commas, CR, LF and CRLF become one space; ends trimmed.
std::string CleanCell(std::string_view text);
/// False when CleanCell(text) == text.
bool NeedsCleaning(std::string_view text);

class CsvWriter {
 public:
  /// Creates `dir` and one file per table holding its header line. Throws IoError.
  explicit CsvWriter(const std::string& dir);
  ~CsvWriter();
  CsvWriter(const CsvWriter&) = delete;
  CsvWriter& operator=(const CsvWriter&) = delete;

  /// The patient's row and every row of its encounters.
  void WritePatient(const PatientRecord& record, const World& world);
  /// organizations.csv, providers.csv and payers.csv, with the totals.
  void WriteWorld(const World& world, const Utilization& utilization);
  /// Flushes and closes every file. Throws IoError.
  void Close();
  /// Data rows written per table (headers not counted).
  std::map<std::string, std::uint64_t> Rows() const;

 private:
  struct Files;
  std::unique_ptr<Files> files_;
};

}  // namespace ferry::synth
