#include "core/synth/synth.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "core/common/error.hpp"
#include "core/common/hash.hpp"
#include "tests/unit/core/synth/synth_test_util.hpp"

namespace ferry {

using synth_test::Generate;
using synth_test::Lines;
using synth_test::ReadCsv;
using synth_test::ReadFile;
using synth_test::ScratchDir;

namespace {

const char* const kTables[] = {"patients",      "encounters", "conditions", "observations",
                               "medications",   "allergies",  "procedures", "immunizations",
                               "organizations", "providers",  "payers"};
const char* const kTypes[] = {"Patient",      "Encounter",         "Condition",
                              "Observation",  "MedicationRequest", "AllergyIntolerance",
                              "Procedure",    "Immunization",      "Organization",
                              "Practitioner", "PractitionerRole"};
// Tables whose rows belong to one patient: these grow as a prefix when patients are added.
const char* const kPatientTables[] = {"patients",    "encounters", "conditions", "observations",
                                      "medications", "allergies",  "procedures", "immunizations"};
const char* const kPatientTypes[] = {"Patient",     "Encounter",         "Condition",
                                     "Observation", "MedicationRequest", "AllergyIntolerance",
                                     "Procedure",   "Immunization"};

std::string CsvPath(const ScratchDir& dir, const std::string& table) {
  return dir.str() + "/csv/" + table + ".csv";
}
std::string FhirPath(const ScratchDir& dir, const std::string& type) {
  return dir.str() + "/fhir/" + type + ".ndjson";
}

}  // namespace

TEST_CASE("synth writes Synthea's CSV header lines exactly", "[synth]") {
  ScratchDir dir("headers");
  Generate(dir.str(), 2, 1);
  // Synthea 3.x, src/main/java/org/mitre/synthea/export/CSVConstants.java.
  const std::map<std::string, std::string> expected = {
      {"patients",
       "Id,BIRTHDATE,DEATHDATE,SSN,DRIVERS,PASSPORT,PREFIX,FIRST,MIDDLE,LAST,SUFFIX,MAIDEN,MARITAL,"
       "RACE,ETHNICITY,"
       "GENDER,BIRTHPLACE,ADDRESS,CITY,STATE,COUNTY,FIPS,ZIP,LAT,LON,HEALTHCARE_EXPENSES,"
       "HEALTHCARE_COVERAGE,INCOME"},
      {"encounters",
       "Id,START,STOP,PATIENT,ORGANIZATION,PROVIDER,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION,BASE_"
       "ENCOUNTER_COST,"
       "TOTAL_CLAIM_COST,PAYER_COVERAGE,REASONCODE,REASONDESCRIPTION"},
      {"conditions", "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION"},
      {"observations", "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE"},
      {"medications",
       "START,STOP,PATIENT,PAYER,ENCOUNTER,CODE,DESCRIPTION,BASE_COST,PAYER_COVERAGE,DISPENSES,"
       "TOTALCOST,"
       "REASONCODE,REASONDESCRIPTION"},
      {"allergies",
       "START,STOP,PATIENT,ENCOUNTER,CODE,SYSTEM,DESCRIPTION,TYPE,CATEGORY,REACTION1,DESCRIPTION1,"
       "SEVERITY1,"
       "REACTION2,DESCRIPTION2,SEVERITY2"},
      {"procedures",
       "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION,BASE_COST,REASONCODE,"
       "REASONDESCRIPTION"},
      {"immunizations", "DATE,PATIENT,ENCOUNTER,CODE,DESCRIPTION,BASE_COST"},
      {"organizations", "Id,NAME,ADDRESS,CITY,STATE,ZIP,LAT,LON,PHONE,REVENUE,UTILIZATION"},
      {"providers",
       "Id,ORGANIZATION,NAME,GENDER,SPECIALITY,ADDRESS,CITY,STATE,ZIP,LAT,LON,ENCOUNTERS,"
       "PROCEDURES"},
      {"payers",
       "Id,NAME,OWNERSHIP,ADDRESS,CITY,STATE_HEADQUARTERED,ZIP,PHONE,AMOUNT_COVERED,AMOUNT_"
       "UNCOVERED,REVENUE,"
       "COVERED_ENCOUNTERS,UNCOVERED_ENCOUNTERS,COVERED_MEDICATIONS,UNCOVERED_MEDICATIONS,COVERED_"
       "PROCEDURES,"
       "UNCOVERED_PROCEDURES,COVERED_IMMUNIZATIONS,UNCOVERED_IMMUNIZATIONS,UNIQUE_CUSTOMERS,QOLS_"
       "AVG,MEMBER_MONTHS"},
  };
  for (const auto& [table, header] : expected) {
    INFO(table);
    CHECK(Lines(ReadFile(CsvPath(dir, table))).at(0) == header);
  }
}

TEST_CASE("Every CSV row has as many cells as its header", "[synth]") {
  ScratchDir dir("cells");
  Generate(dir.str(), 40, 2);
  for (const char* table : kTables) {
    INFO(table);
    const std::vector<std::string> lines = Lines(ReadFile(CsvPath(dir, table)));
    const auto commas = std::count(lines[0].begin(), lines[0].end(), ',');
    for (const std::string& line : lines) {
      INFO(line);
      CHECK(std::count(line.begin(), line.end(), ',') == commas);
      CHECK(line.find('"') == std::string::npos);
    }
  }
}

TEST_CASE("synth output is byte-identical for the same seed and count", "[synth]") {
  ScratchDir first("same_a");
  ScratchDir second("same_b");
  Generate(first.str(), 25, 7);
  Generate(second.str(), 25, 7);
  for (const char* table : kTables) {
    INFO(table);
    CHECK(ReadFile(CsvPath(first, table)) == ReadFile(CsvPath(second, table)));
  }
  for (const char* type : kTypes) {
    INFO(type);
    CHECK(ReadFile(FhirPath(first, type)) == ReadFile(FhirPath(second, type)));
  }
  CHECK(ReadFile(first.str() + "/fhir/manifest.json") ==
        ReadFile(second.str() + "/fhir/manifest.json"));
}

TEST_CASE("synth output differs between seeds", "[synth]") {
  ScratchDir first("seed_a");
  ScratchDir second("seed_b");
  Generate(first.str(), 5, 1);
  Generate(second.str(), 5, 2);
  CHECK(ReadFile(CsvPath(first, "patients")) != ReadFile(CsvPath(second, "patients")));
  CHECK(ReadFile(FhirPath(first, "Organization")) != ReadFile(FhirPath(second, "Organization")));
}

TEST_CASE("A smaller population is a prefix of a larger one", "[synth]") {
  ScratchDir small("prefix_small");
  ScratchDir large("prefix_large");
  Generate(small.str(), 8, 3);
  Generate(large.str(), 30, 3);
  for (const char* table : kPatientTables) {
    INFO(table);
    const std::string head = ReadFile(CsvPath(small, table));
    CHECK(ReadFile(CsvPath(large, table)).compare(0, head.size(), head) == 0);
  }
  for (const char* type : kPatientTypes) {
    INFO(type);
    const std::string head = ReadFile(FhirPath(small, type));
    CHECK(ReadFile(FhirPath(large, type)).compare(0, head.size(), head) == 0);
  }
}

TEST_CASE("synth reports the rows and resources it wrote", "[synth]") {
  ScratchDir dir("counts");
  const SynthResult result = Generate(dir.str(), 12, 5);
  CHECK(result.csv_rows.at("patients") == 12);
  CHECK(result.fhir_counts.at("Patient") == 12);
  for (const char* table : kTables) {
    INFO(table);
    CHECK(Lines(ReadFile(CsvPath(dir, table))).size() == result.csv_rows.at(table) + 1);
  }
  for (const char* type : kTypes) {
    INFO(type);
    CHECK(Lines(ReadFile(FhirPath(dir, type))).size() == result.fhir_counts.at(type));
  }
  // One resource per mapped row.
  const std::map<std::string, std::string> pairs = {{"patients", "Patient"},
                                                    {"encounters", "Encounter"},
                                                    {"conditions", "Condition"},
                                                    {"observations", "Observation"},
                                                    {"medications", "MedicationRequest"},
                                                    {"allergies", "AllergyIntolerance"},
                                                    {"procedures", "Procedure"},
                                                    {"immunizations", "Immunization"},
                                                    {"organizations", "Organization"},
                                                    {"providers", "Practitioner"}};
  for (const auto& [table, type] : pairs) {
    INFO(table);
    CHECK(result.csv_rows.at(table) == result.fhir_counts.at(type));
  }
  CHECK(result.fhir_counts.at("PractitionerRole") == result.fhir_counts.at("Practitioner"));
  CHECK(result.csv_rows.at("encounters") > 12);
  CHECK(result.csv_rows.at("observations") > result.csv_rows.at("encounters"));
}

TEST_CASE("synth writes only what it is asked for", "[synth]") {
  ScratchDir dir("csv_only");
  SynthOptions options;
  options.patients = 3;
  options.out_dir = dir.str();
  options.write_fhir = false;
  const SynthResult result = WriteSynthPopulation(options);
  CHECK(result.fhir_counts.empty());
  CHECK(result.csv_rows.at("patients") == 3);
  CHECK_FALSE(std::filesystem::exists(dir.str() + "/fhir"));
}

TEST_CASE("synth without an output directory is a usage error", "[synth]") {
  SynthOptions options;
  CHECK_THROWS_AS(WriteSynthPopulation(options), PlanError);
}

TEST_CASE("synth reports a directory it cannot create", "[synth]") {
  ScratchDir dir("blocked");
  std::filesystem::create_directories(dir.str());
  { std::ofstream(dir.str() + "/file") << "x"; }
  SynthOptions options;
  options.patients = 1;
  options.out_dir = dir.str() + "/file";
  CHECK_THROWS_AS(WriteSynthPopulation(options), IoError);
}

TEST_CASE("The bulk manifest lists every file with its count", "[synth]") {
  ScratchDir dir("manifest");
  const SynthResult result = Generate(dir.str(), 2, 1);
  const std::string manifest = ReadFile(dir.str() + "/fhir/manifest.json");
  CHECK(manifest.find("\"transactionTime\": \"2026-01-01T00:00:00Z\"") != std::string::npos);
  CHECK(manifest.find("\"request\": \"ferry synth --patients 2 --seed 1\"") != std::string::npos);
  for (const auto& [type, count] : result.fhir_counts) {
    INFO(type);
    CHECK(manifest.find("\"url\": \"" + type + ".ndjson\",\n      \"count\": " +
                        std::to_string(count)) != std::string::npos);
  }
}

}  // namespace ferry
