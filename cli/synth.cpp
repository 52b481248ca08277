#include "cli/synth.hpp"

#include "cli/common.hpp"
#include "cli/exit.hpp"

#include <map>
#include <vector>
#include "core/synth/synth.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::uint64_t patients = 100;
  std::uint64_t seed = 1;
  std::string out = "synth";
  std::string format = "fhir,csv";
};

std::uint64_t Sum(const std::map<std::string, std::uint64_t>& counts) {
  std::uint64_t total = 0;
  for (const auto& [name, count] : counts) total += count;
  return total;
}

/// "" when every comma-separated word of `format` is fhir, csv, hl7v2 or sql; else why not.
std::string CheckFormat(const std::string& format) {
  std::size_t start = 0;
  while (start <= format.size()) {
    std::size_t end = format.find(',', start);
    if (end == std::string::npos) end = format.size();
    const std::string word = format.substr(start, end - start);
    if (word != "fhir" && word != "csv" && word != "hl7v2" && word != "sql")
      return "'" + word + "' is not a format; use fhir, csv, hl7v2 and sql, comma-separated";
    start = end + 1;
  }
  return "";
}

int Run(const Options& options) {
  SynthOptions synth;
  synth.patients = options.patients;
  synth.seed = options.seed;
  synth.out_dir = options.out;
  synth.write_fhir = options.format.find("fhir") != std::string::npos;
  synth.write_csv = options.format.find("csv") != std::string::npos;
  synth.write_hl7v2 = options.format.find("hl7v2") != std::string::npos;
  synth.write_sql = options.format.find("sql") != std::string::npos;
  SynthResult result = WriteSynthPopulation(synth);
  std::vector<std::string> parts;
  if (synth.write_fhir) parts.push_back(std::to_string(Sum(result.fhir_counts)) + " FHIR resources in " + options.out + "/fhir");
  if (synth.write_csv) parts.push_back(std::to_string(Sum(result.csv_rows)) + " CSV rows in " + options.out + "/csv");
  if (synth.write_hl7v2)
    parts.push_back(std::to_string(Sum(result.hl7_messages)) + " HL7 v2 messages in " + options.out + "/hl7v2");
  if (synth.write_sql) parts.push_back(std::to_string(Sum(result.sql_rows)) + " SQL rows in " + options.out + "/sql");
  std::string summary;
  for (const std::string& part : parts) summary += (summary.empty() ? "" : ", ") + part;
  Say("synth: " + std::to_string(options.patients) + " patients (seed " + std::to_string(options.seed) + ") -> " + summary);
  return 0;
}

}  // namespace

void SetupSynth(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("synth", "Write a deterministic synthetic population (no PHI) as FHIR NDJSON, Synthea CSV, HL7 v2 and SQL");
  cmd->add_option("--patients", options->patients, "How many patients")->default_val(100)->check(CLI::Range(1, 10000000));
  cmd->add_option("--seed", options->seed, "Random seed: the same seed gives byte-identical files")->default_val(1);
  cmd->add_option("--out", options->out, "Output directory (gets fhir/ and csv/)")->default_val("synth");
  cmd->add_option("--format", options->format, "What to write: fhir, csv, hl7v2, sql, comma-separated")
      ->check(CLI::Validator(CheckFormat, "FORMATS"))
      ->default_val("fhir,csv");
  cmd->footer(R"(Everything is made up: names, identifiers, dates, codes are plausible, never real.
Patient i is the same for any --patients >= i, so small sets are prefixes of large ones.

Examples:
  ferry synth --patients 200 --seed 7 --out /tmp/clinic
  ferry synth --patients 100000 --format csv --out bench/data
  ferry synth --patients 50 --format fhir,hl7v2 --out /tmp/feed   # + HL7 v2 ADT/ORU/VXU messages
  ferry synth --patients 50 --format sql --out /tmp/ehr   # psql -d ehr -f /tmp/ehr/sql/legacy_ehr.sql)");
  cmd->callback([options] { throw ExitWith(Run(*options)); });
}

}  // namespace ferry::cli
