#include "cli/synth.hpp"

#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/synth/synth.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::uint64_t patients = 100;
  std::uint64_t seed = 1;
  std::string out = "synth";
  std::string format = "fhir,csv";
};

int Run(const Options& options) {
  SynthOptions synth;
  synth.patients = options.patients;
  synth.seed = options.seed;
  synth.out_dir = options.out;
  synth.write_fhir = options.format.find("fhir") != std::string::npos;
  synth.write_csv = options.format.find("csv") != std::string::npos;
  SynthResult result = WriteSynthPopulation(synth);
  std::uint64_t resources = 0;
  for (const auto& [type, count] : result.fhir_counts) resources += count;
  std::uint64_t rows = 0;
  for (const auto& [table, count] : result.csv_rows) rows += count;
  Say("synth: " + std::to_string(options.patients) + " patients (seed " + std::to_string(options.seed) + ") -> " +
      (synth.write_fhir ? std::to_string(resources) + " FHIR resources in " + options.out + "/fhir" : "") +
      (synth.write_fhir && synth.write_csv ? ", " : "") +
      (synth.write_csv ? std::to_string(rows) + " CSV rows in " + options.out + "/csv" : ""));
  return 0;
}

}  // namespace

void SetupSynth(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("synth", "Write a deterministic synthetic population (no PHI) as FHIR NDJSON and Synthea CSV");
  cmd->add_option("--patients", options->patients, "How many patients")->default_val(100)->check(CLI::Range(1, 10000000));
  cmd->add_option("--seed", options->seed, "Random seed: the same seed gives byte-identical files")->default_val(1);
  cmd->add_option("--out", options->out, "Output directory (gets fhir/ and csv/)")->default_val("synth");
  cmd->add_option("--format", options->format, "What to write: fhir, csv or fhir,csv")
      ->check(CLI::IsMember({"fhir", "csv", "fhir,csv", "csv,fhir"}))
      ->default_val("fhir,csv");
  cmd->footer(R"(Everything is made up: names, identifiers, dates, codes are plausible, never real.
Patient i is the same for any --patients >= i, so small sets are prefixes of large ones.

Examples:
  ferry synth --patients 200 --seed 7 --out /tmp/clinic
  ferry synth --patients 100000 --format csv --out bench/data)");
  cmd->callback([options] { throw ExitWith(Run(*options)); });
}

}  // namespace ferry::cli
