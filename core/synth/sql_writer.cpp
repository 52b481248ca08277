#include "core/synth/sql_writer.hpp"

#include <string_view>
#include <vector>

namespace ferry::synth {

namespace {

constexpr std::string_view kSchema = R"(-- A "legacy EHR" database made by `ferry synth --format sql` (synthetic, no real person),
-- in the shape of tests/cli/fixtures/legacy_ehr.sql; map it with legacy_ehr_mapping.yaml.
BEGIN;
CREATE TABLE patients (
  pat_id     integer PRIMARY KEY,
  mrn        varchar(64) NOT NULL,
  last_name  varchar(60),
  first_name varchar(60),
  sex        char(1),
  birth_dt   date,
  deceased   char(1)
);
CREATE TABLE encounters (
  enc_id     integer PRIMARY KEY,
  pat_id     integer NOT NULL,
  enc_type   varchar(4) NOT NULL,
  admit_dt   timestamptz NOT NULL,
  disch_dt   timestamptz
);
CREATE TABLE observations (
  obs_id     bigint PRIMARY KEY,
  enc_id     integer,
  pat_id     integer NOT NULL,
  loinc      varchar(10) NOT NULL,
  obs_desc   varchar(80),
  result_val varchar(30),
  units      varchar(20),
  obs_dt     timestamp NOT NULL
);
)";

/// IP, OP or ER, as the legacy schema codes encounter types.
std::string_view EncounterType(EncounterClass encounter_class) {
  switch (encounter_class) {
    case EncounterClass::kEmergency:
      return "ER";
    case EncounterClass::kInpatient:
      return "IP";
    case EncounterClass::kWellness:
    case EncounterClass::kAmbulatory:
      break;
  }
  return "OP";
}

/// `2016-01-08 17:21:55` from Synthea's `2016-01-08T17:21:55Z` (UTC).
std::string SqlTimestamp(std::string_view iso) {
  std::string out(iso.substr(0, 19));
  if (out.size() > 10) out[10] = ' ';
  return out;
}

std::string Number(std::uint64_t value) { return std::to_string(value); }

}  // namespace

std::string SqlText(std::string_view text) {
  if (text.empty()) return "NULL";
  std::string out = "'";
  for (char c : text) {
    out += c;
    if (c == '\'') out += '\'';
  }
  return out + "'";
}

SqlWriter::SqlWriter(const std::string& dir) : file_((MakeDirectories(dir), dir + "/legacy_ehr.sql")) {
  file_.Write(kSchema);
}

void SqlWriter::WritePatient(const PatientRecord& p) {
  const std::string pat_id = Number(++rows_["patients"]);
  file_.WriteLine("INSERT INTO patients VALUES (" + pat_id + ", " + SqlText(p.id) + ", " + SqlText(p.last) +
                  ", " + SqlText(p.first) + ", " + SqlText(p.gender) + ", " + SqlText(p.birthdate) + ", " +
                  (p.deathdate.empty() ? "'N'" : "'Y'") + ");");
  std::vector<std::string> enc_ids;
  for (const EncounterRecord& e : p.encounters) {
    enc_ids.push_back(Number(next_encounter_++));
    ++rows_["encounters"];
    file_.WriteLine("INSERT INTO encounters VALUES (" + enc_ids.back() + ", " + pat_id + ", '" +
                    std::string(EncounterType(e.encounter_class)) + "', " + SqlText(SqlTimestamp(e.start) + "+00") +
                    ", " + (e.stop.empty() ? std::string("NULL") : SqlText(SqlTimestamp(e.stop) + "+00")) + ");");
  }
  for (const ObservationRecord& o : p.observations) {
    const ObservationDef& def = Observation(o.kind);
    if (!def.numeric) continue;
    ++rows_["observations"];
    file_.WriteLine("INSERT INTO observations VALUES (" + Number(next_observation_++) + ", " +
                    enc_ids[o.encounter] + ", " + pat_id + ", " + SqlText(def.code.code) + ", " +
                    SqlText(def.code.display) + ", " + SqlText(o.value) + ", " + SqlText(def.units) + ", " +
                    SqlText(SqlTimestamp(o.date)) + ");");
  }
}

void SqlWriter::Close() {
  file_.Write("COMMIT;\n");
  file_.Close();
}

}  // namespace ferry::synth
