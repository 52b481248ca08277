// The synthetic FHIR output against the CSV it comes with: valid R4, ids made from the
// CSV keys exactly as mappings/synthea-csv.yaml makes them, references that resolve.
// (The byte-for-byte comparison with the mapping engine's output runs where the engine
// is linked: `ferry mapping test` over a `ferry synth` CSV export.)

#include <catch2/catch.hpp>
#include <functional>
#include <map>
#include <set>

#include "core/common/hash.hpp"
#include "core/fhir/json.hpp"
#include "core/fhir/validator.hpp"
#include "tests/unit/core/synth/synth_test_util.hpp"

namespace ferry {

using synth_test::CsvFile;
using synth_test::Generate;
using synth_test::Lines;
using synth_test::ReadCsv;
using synth_test::ReadFile;
using synth_test::ScratchDir;

namespace {

struct KeyedTable {
  const char* table;
  const char* type;
  std::vector<std::string> key_columns;
};

// The `key:` of each rule of mappings/synthea-csv.yaml.
const std::vector<KeyedTable> kKeys = {
    {"patients", "Patient", {"Id"}},
    {"encounters", "Encounter", {"Id"}},
    {"organizations", "Organization", {"Id"}},
    {"providers", "Practitioner", {"Id"}},
    {"providers", "PractitionerRole", {"Id"}},
    {"conditions", "Condition", {"PATIENT", "ENCOUNTER", "CODE", "START"}},
    {"observations", "Observation", {"PATIENT", "ENCOUNTER", "CODE", "DATE"}},
    {"medications", "MedicationRequest", {"PATIENT", "ENCOUNTER", "CODE", "START"}},
    {"allergies", "AllergyIntolerance", {"PATIENT", "ENCOUNTER", "CODE", "START"}},
    {"procedures", "Procedure", {"PATIENT", "ENCOUNTER", "CODE", "START"}},
    {"immunizations", "Immunization", {"PATIENT", "ENCOUNTER", "CODE", "DATE"}},
};

std::vector<std::unique_ptr<JsonDocument>> ParseAll(const std::string& path) {
  std::vector<std::unique_ptr<JsonDocument>> docs;
  for (const std::string& line : Lines(ReadFile(path))) {
    auto doc = std::make_unique<JsonDocument>();
    REQUIRE(ParseJson(line, *doc).ok());
    docs.push_back(std::move(doc));
  }
  return docs;
}

void ForEachReference(const JsonValue& value,
                      const std::function<void(const std::string&)>& visit) {
  if (value.IsObject()) {
    for (const auto& member : value.GetObject()) {
      if (std::string(member.name.GetString()) == "reference" && member.value.IsString()) {
        visit(member.value.GetString());
      } else {
        ForEachReference(member.value, visit);
      }
    }
  } else if (value.IsArray()) {
    for (const auto& item : value.GetArray()) ForEachReference(item, visit);
  }
}

/// A population big enough to have every kind of row (allergies, deaths, inpatient stays).
class Population {
 public:
  Population() : dir_("fhir_population") { Generate(dir_.str(), 120, 4); }
  std::string Csv(const std::string& table) const { return dir_.str() + "/csv/" + table + ".csv"; }
  std::string Fhir(const std::string& type) const {
    return dir_.str() + "/fhir/" + type + ".ndjson";
  }

 private:
  ScratchDir dir_;
};

const Population& SharedPopulation() {
  static const Population population;
  return population;
}

}  // namespace

TEST_CASE("Every synthetic resource is valid FHIR R4", "[synth]") {
  const Validator validator;
  for (const KeyedTable& keyed : kKeys) {
    const auto docs = ParseAll(SharedPopulation().Fhir(keyed.type));
    CHECK_FALSE(docs.empty());
    for (const auto& doc : docs) {
      const std::vector<ValidationIssue> issues = validator.Validate(*doc);
      INFO(keyed.type << " " << WriteJson(*doc));
      for (const auto& issue : issues) INFO(issue.ToString());
      CHECK(issues.empty());
    }
  }
}

TEST_CASE("The validity check would catch a broken synthetic resource", "[synth]") {
  auto docs = ParseAll(SharedPopulation().Fhir("Patient"));
  REQUIRE_FALSE(docs.empty());
  JsonDocument& patient = *docs.front();
  patient["gender"].SetString("mostly");
  CHECK_FALSE(Validator().Validate(patient).empty());
}

TEST_CASE("FHIR ids are the mapping's ids for the CSV rows' keys", "[synth]") {
  for (const KeyedTable& keyed : kKeys) {
    INFO(keyed.table << " -> " << keyed.type);
    const CsvFile csv = ReadCsv(SharedPopulation().Csv(keyed.table));
    const auto docs = ParseAll(SharedPopulation().Fhir(keyed.type));
    REQUIRE(docs.size() == csv.rows.size());
    std::set<std::string> ids;
    for (std::size_t row_idx = 0; row_idx < csv.rows.size(); ++row_idx) {
      std::string name = std::string("urn:ferry:synthea|") + keyed.type;
      for (const auto& column : keyed.key_columns) name += "|" + csv.Get(row_idx, column);
      CHECK(std::string((*docs[row_idx])["id"].GetString()) == Uuid5(kFerryUuidNamespace, name));
      ids.insert((*docs[row_idx])["id"].GetString());
    }
    CHECK(ids.size() == docs.size());
  }
}

TEST_CASE("Every reference in the synthetic FHIR resolves", "[synth]") {
  std::set<std::string> known;
  std::vector<std::unique_ptr<JsonDocument>> all;
  for (const KeyedTable& keyed : kKeys) {
    for (auto& doc : ParseAll(SharedPopulation().Fhir(keyed.type))) {
      known.insert(std::string(keyed.type) + "/" + (*doc)["id"].GetString());
      all.push_back(std::move(doc));
    }
  }
  std::size_t references = 0;
  for (const auto& doc : all) {
    ForEachReference(*doc, [&](const std::string& reference) {
      ++references;
      INFO(reference);
      CHECK(known.count(reference) == 1);
    });
  }
  CHECK(references > all.size());
}

TEST_CASE("Observation values keep the CSV's text and type", "[synth]") {
  const CsvFile csv = ReadCsv(SharedPopulation().Csv("observations"));
  const auto docs = ParseAll(SharedPopulation().Fhir("Observation"));
  REQUIRE(docs.size() == csv.rows.size());
  std::size_t text_values = 0;
  for (std::size_t row_idx = 0; row_idx < csv.rows.size(); ++row_idx) {
    const JsonDocument& doc = *docs[row_idx];
    if (csv.Get(row_idx, "TYPE") == "numeric") {
      REQUIRE(IsRawNumber(doc["valueQuantity"]["value"]));
      CHECK(std::string(RawNumberText(doc["valueQuantity"]["value"])) == csv.Get(row_idx, "VALUE"));
      CHECK(std::string(doc["valueQuantity"]["code"].GetString()) == csv.Get(row_idx, "UNITS"));
    } else {
      ++text_values;
      CHECK(std::string(doc["valueString"].GetString()) == csv.Get(row_idx, "VALUE"));
    }
  }
  CHECK(text_values > 0);
}

TEST_CASE("The population has the variety the mapping cases need", "[synth]") {
  const CsvFile patients = ReadCsv(SharedPopulation().Csv("patients"));
  const CsvFile encounters = ReadCsv(SharedPopulation().Csv("encounters"));
  std::set<std::string> classes;
  for (std::size_t row_idx = 0; row_idx < encounters.rows.size(); ++row_idx) {
    classes.insert(encounters.Get(row_idx, "ENCOUNTERCLASS"));
  }
  CHECK(classes == std::set<std::string>{"ambulatory", "emergency", "inpatient", "wellness"});
  std::size_t deceased = 0;
  for (std::size_t row_idx = 0; row_idx < patients.rows.size(); ++row_idx) {
    deceased += patients.Get(row_idx, "DEATHDATE").empty() ? 0u : 1u;
  }
  CHECK(deceased > 0);
  CHECK(deceased < patients.rows.size() / 2);
  CHECK_FALSE(ReadCsv(SharedPopulation().Csv("allergies")).rows.empty());
}

}  // namespace ferry
