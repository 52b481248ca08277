#pragma once
/// Writes the synthetic population as FHIR R4 NDJSON in the Bulk Data layout: one
/// `<Type>.ndjson` per resource type and a `manifest.json` shaped like a bulk export's
/// completion manifest. Each resource is what mappings/synthea-csv.yaml makes of the
/// matching row of the CSV export (same ids, same elements).
///
///     FhirWriter fhir(out_dir + "/fhir", world);
///     for (...) fhir.WritePatient(record);
///     fhir.WriteWorld(utilization);
///     fhir.Close("ferry synth --patients 100 --seed 1");   // writes manifest.json

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "core/synth/population.hpp"
#include "core/synth/utilization.hpp"

namespace ferry::synth {

class FhirWriter {
 public:
  /// Creates `dir` and one NDJSON file per resource type; `world` must outlive the
  /// writer. Throws IoError.
  FhirWriter(const std::string& dir, const World& world);
  ~FhirWriter();
  FhirWriter(const FhirWriter&) = delete;
  FhirWriter& operator=(const FhirWriter&) = delete;

  /// The Patient and every resource of its encounters.
  void WritePatient(const PatientRecord& record);
  /// Organization, Practitioner and PractitionerRole resources.
  void WriteWorld(const Utilization& utilization);
  /// Closes the NDJSON files and writes manifest.json naming `request`. Throws IoError.
  void Close(const std::string& request);
  /// Resources written per type.
  std::map<std::string, std::uint64_t> Counts() const;

 private:
  struct Files;
  std::unique_ptr<Files> files_;
  std::string dir_;
  const World& world_;
};

}  // namespace ferry::synth
