#include "core/synth/csv_writer.hpp"

#include <array>
#include <vector>

#include "core/synth/csv_rows.hpp"
#include "core/synth/output_file.hpp"

namespace ferry::synth {

namespace {

enum Table : std::size_t {
  kPatients,
  kEncounters,
  kConditions,
  kObservations,
  kMedications,
  kAllergies,
  kProcedures,
  kImmunizations,
  kOrganizations,
  kProviders,
  kPayers,
  kTableCount,
};

constexpr std::array<CsvTable, kTableCount> kTables = {{
    {"patients",
     "Id,BIRTHDATE,DEATHDATE,SSN,DRIVERS,PASSPORT,PREFIX,FIRST,MIDDLE,LAST,SUFFIX,MAIDEN,MARITAL,"
     "RACE,"
     "ETHNICITY,GENDER,BIRTHPLACE,ADDRESS,CITY,STATE,COUNTY,FIPS,ZIP,LAT,LON,HEALTHCARE_EXPENSES,"
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
     "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION,BASE_COST,REASONCODE,REASONDESCRIPTION"},
    {"immunizations", "DATE,PATIENT,ENCOUNTER,CODE,DESCRIPTION,BASE_COST"},
    {"organizations", "Id,NAME,ADDRESS,CITY,STATE,ZIP,LAT,LON,PHONE,REVENUE,UTILIZATION"},
    {"providers",
     "Id,ORGANIZATION,NAME,GENDER,SPECIALITY,ADDRESS,CITY,STATE,ZIP,LAT,LON,ENCOUNTERS,PROCEDURES"},
    {"payers",
     "Id,NAME,OWNERSHIP,ADDRESS,CITY,STATE_HEADQUARTERED,ZIP,PHONE,AMOUNT_COVERED,AMOUNT_UNCOVERED,"
     "REVENUE,"
     "COVERED_ENCOUNTERS,UNCOVERED_ENCOUNTERS,COVERED_MEDICATIONS,UNCOVERED_MEDICATIONS,COVERED_"
     "PROCEDURES,"
     "UNCOVERED_PROCEDURES,COVERED_IMMUNIZATIONS,UNCOVERED_IMMUNIZATIONS,UNIQUE_CUSTOMERS,QOLS_AVG,"
     "MEMBER_MONTHS"},
}};

}  // namespace

std::span<const CsvTable> CsvTables() { return kTables; }

bool NeedsCleaning(std::string_view text) {
  if (text.empty()) return false;
  if (text.front() == ' ' || text.back() == ' ') return true;
  for (const char c : text) {
    if (c == ',' || c == '\r' || c == '\n') return true;
  }
  return false;
}

std::string CleanCell(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (c == '\r' && pos + 1 < text.size() && text[pos + 1] == '\n') ++pos;
    out.push_back(c == ',' || c == '\r' || c == '\n' ? ' ' : c);
  }
  const std::size_t first = out.find_first_not_of(' ');
  if (first == std::string::npos) return "";
  return out.substr(first, out.find_last_not_of(' ') - first + 1);
}

struct CsvWriter::Files {
  std::vector<std::unique_ptr<OutputFile>> tables;
  OutputFile& operator[](Table table) { return *tables[table]; }
};

CsvWriter::CsvWriter(const std::string& dir) : files_(std::make_unique<Files>()) {
  MakeDirectories(dir);
  for (const CsvTable& table : kTables) {
    files_->tables.push_back(
        std::make_unique<OutputFile>(dir + "/" + std::string(table.name) + ".csv"));
    files_->tables.back()->Write(table.header);
    files_->tables.back()->Write("\n");
  }
}

CsvWriter::~CsvWriter() = default;

void CsvWriter::WritePatient(const PatientRecord& p, const World& world) {
  Files& f = *files_;
  f[kPatients].WriteLine(PatientLine(p));
  for (const auto& row : p.encounters) f[kEncounters].WriteLine(EncounterLine(p, row, world));
  for (const auto& row : p.conditions) f[kConditions].WriteLine(ConditionLine(p, row));
  for (const auto& row : p.observations) f[kObservations].WriteLine(ObservationLine(p, row));
  for (const auto& row : p.medications) f[kMedications].WriteLine(MedicationLine(p, row, world));
  for (const auto& row : p.allergies) f[kAllergies].WriteLine(AllergyLine(p, row));
  for (const auto& row : p.procedures) f[kProcedures].WriteLine(ProcedureLine(p, row));
  for (const auto& row : p.immunizations) f[kImmunizations].WriteLine(ImmunizationLine(p, row));
}

void CsvWriter::WriteWorld(const World& world, const Utilization& use) {
  Files& f = *files_;
  for (std::size_t idx = 0; idx < world.organizations.size(); ++idx) {
    f[kOrganizations].WriteLine(OrganizationLine(world.organizations[idx],
                                                 use.organization_encounters[idx],
                                                 use.organization_revenue_cents[idx]));
  }
  for (std::size_t idx = 0; idx < world.clinicians.size(); ++idx) {
    f[kProviders].WriteLine(ProviderLine(world.clinicians[idx], world,
                                         use.clinician_encounters[idx],
                                         use.clinician_procedures[idx]));
  }
  for (std::size_t idx = 0; idx < world.payers.size(); ++idx) {
    f[kPayers].WriteLine(PayerLine(world.payers[idx], use.payers[idx]));
  }
}

void CsvWriter::Close() {
  for (auto& file : files_->tables) file->Close();
}

std::map<std::string, std::uint64_t> CsvWriter::Rows() const {
  std::map<std::string, std::uint64_t> rows;
  for (std::size_t idx = 0; idx < kTableCount; ++idx) {
    rows[std::string(kTables[idx].name)] = files_->tables[idx]->lines();
  }
  return rows;
}

}  // namespace ferry::synth
