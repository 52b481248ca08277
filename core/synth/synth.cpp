#include "core/synth/synth.hpp"

#include <memory>
#include <optional>

#include "core/common/error.hpp"
#include "core/synth/csv_writer.hpp"
#include "core/synth/fhir_writer.hpp"
#include "core/synth/hl7_writer.hpp"
#include "core/synth/sql_writer.hpp"
#include "core/synth/population.hpp"
#include "core/synth/utilization.hpp"

namespace ferry {

SynthResult WriteSynthPopulation(const SynthOptions& options) {
  if (options.out_dir.empty()) throw PlanError("synth: no output directory given");
  const synth::Population population(options.seed);
  const synth::World& world = population.world();
  std::optional<synth::FhirWriter> fhir;
  std::optional<synth::CsvWriter> csv;
  if (options.write_fhir) fhir.emplace(options.out_dir + "/fhir", world);
  if (options.write_csv) csv.emplace(options.out_dir + "/csv");
  std::optional<synth::Hl7Writer> hl7;
  if (options.write_hl7v2) hl7.emplace(options.out_dir + "/hl7v2", world);
  std::optional<synth::SqlWriter> sql;
  if (options.write_sql) sql.emplace(options.out_dir + "/sql");

  synth::Utilization utilization(world);
  synth::PatientRecord record;
  for (std::uint64_t index = 0; index < options.patients; ++index) {
    population.MakePatient(index, record);
    utilization.Add(record);
    if (fhir) fhir->WritePatient(record);
    if (csv) csv->WritePatient(record, world);
    if (hl7) hl7->WritePatient(record);
    if (sql) sql->WritePatient(record);
  }

  SynthResult result;
  if (fhir) {
    fhir->WriteWorld(utilization);
    fhir->Close("ferry synth --patients " + std::to_string(options.patients) + " --seed " +
                std::to_string(options.seed));
    result.fhir_counts = fhir->Counts();
  }
  if (csv) {
    csv->WriteWorld(world, utilization);
    csv->Close();
    result.csv_rows = csv->Rows();
  }
  if (hl7) {
    hl7->Close();
    result.hl7_messages = hl7->Messages();
  }
  if (sql) {
    sql->Close();
    result.sql_rows = sql->Rows();
  }
  return result;
}

}  // namespace ferry
