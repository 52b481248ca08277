#include "core/synth/csv_writer.hpp"

#include <array>
#include <vector>

#include "core/synth/output_file.hpp"

namespace ferry::synth {

namespace {

enum Table : std::size_t {
  kPatients, kEncounters, kConditions, kObservations, kMedications, kAllergies, kProcedures,
  kImmunizations, kOrganizations, kProviders, kPayers, kTableCount,
};

constexpr std::array<CsvTable, kTableCount> kTables = {{
    {"patients",
     "Id,BIRTHDATE,DEATHDATE,SSN,DRIVERS,PASSPORT,PREFIX,FIRST,MIDDLE,LAST,SUFFIX,MAIDEN,MARITAL,RACE,"
     "ETHNICITY,GENDER,BIRTHPLACE,ADDRESS,CITY,STATE,COUNTY,FIPS,ZIP,LAT,LON,HEALTHCARE_EXPENSES,"
     "HEALTHCARE_COVERAGE,INCOME"},
    {"encounters",
     "Id,START,STOP,PATIENT,ORGANIZATION,PROVIDER,PAYER,ENCOUNTERCLASS,CODE,DESCRIPTION,BASE_ENCOUNTER_COST,"
     "TOTAL_CLAIM_COST,PAYER_COVERAGE,REASONCODE,REASONDESCRIPTION"},
    {"conditions", "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION"},
    {"observations", "DATE,PATIENT,ENCOUNTER,CATEGORY,CODE,DESCRIPTION,VALUE,UNITS,TYPE"},
    {"medications",
     "START,STOP,PATIENT,PAYER,ENCOUNTER,CODE,DESCRIPTION,BASE_COST,PAYER_COVERAGE,DISPENSES,TOTALCOST,"
     "REASONCODE,REASONDESCRIPTION"},
    {"allergies",
     "START,STOP,PATIENT,ENCOUNTER,CODE,SYSTEM,DESCRIPTION,TYPE,CATEGORY,REACTION1,DESCRIPTION1,SEVERITY1,"
     "REACTION2,DESCRIPTION2,SEVERITY2"},
    {"procedures", "START,STOP,PATIENT,ENCOUNTER,SYSTEM,CODE,DESCRIPTION,BASE_COST,REASONCODE,REASONDESCRIPTION"},
    {"immunizations", "DATE,PATIENT,ENCOUNTER,CODE,DESCRIPTION,BASE_COST"},
    {"organizations", "Id,NAME,ADDRESS,CITY,STATE,ZIP,LAT,LON,PHONE,REVENUE,UTILIZATION"},
    {"providers", "Id,ORGANIZATION,NAME,GENDER,SPECIALITY,ADDRESS,CITY,STATE,ZIP,LAT,LON,ENCOUNTERS,PROCEDURES"},
    {"payers",
     "Id,NAME,OWNERSHIP,ADDRESS,CITY,STATE_HEADQUARTERED,ZIP,PHONE,AMOUNT_COVERED,AMOUNT_UNCOVERED,REVENUE,"
     "COVERED_ENCOUNTERS,UNCOVERED_ENCOUNTERS,COVERED_MEDICATIONS,UNCOVERED_MEDICATIONS,COVERED_PROCEDURES,"
     "UNCOVERED_PROCEDURES,COVERED_IMMUNIZATIONS,UNCOVERED_IMMUNIZATIONS,UNIQUE_CUSTOMERS,QOLS_AVG,"
     "MEMBER_MONTHS"},
}};


/// One CSV line, built cell by cell.
class Row {
 public:
  Row& Cell(std::string_view text) {
    if (cells_++ > 0) line_.push_back(',');
    if (NeedsCleaning(text)) {
      line_ += CleanCell(text);
    } else {
      line_.append(text);
    }
    return *this;
  }
  Row& Cell(std::int64_t number) { return Cell(std::string_view(std::to_string(number))); }
  Row& Cents(std::int64_t cents) { return Cell(std::string_view(FormatCents(cents))); }
  /// CODE and DESCRIPTION of `code`, or two empty cells.
  Row& CodeAndDisplay(const Code* code) {
    return code ? Cell(code->code).Cell(code->display) : Cell("").Cell("");
  }
  const std::string& line() const { return line_; }

 private:
  std::string line_;
  int cells_ = 0;
};

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
    files_->tables.push_back(std::make_unique<OutputFile>(dir + "/" + std::string(table.name) + ".csv"));
    files_->tables.back()->Write(table.header);
    files_->tables.back()->Write("\n");
  }
}

CsvWriter::~CsvWriter() = default;

void CsvWriter::WritePatient(const PatientRecord& p, const World& world) {
  Files& f = *files_;
  f[kPatients].WriteLine(Row().Cell(p.id).Cell(p.birthdate).Cell(p.deathdate).Cell(p.ssn).Cell(p.drivers)
                             .Cell(p.passport).Cell(p.prefix).Cell(p.first).Cell(p.middle).Cell(p.last)
                             .Cell(p.suffix).Cell(p.maiden).Cell(p.marital).Cell(p.race).Cell(p.ethnicity)
                             .Cell(p.gender).Cell(p.birthplace).Cell(p.address).Cell(p.city).Cell(p.state)
                             .Cell(p.county).Cell(p.fips).Cell(p.zip).Cell(p.lat).Cell(p.lon)
                             .Cell(p.healthcare_expenses).Cell(p.healthcare_coverage).Cell(p.income).line());
  const std::string& payer = world.payers[p.payer].id;
  for (const EncounterRecord& e : p.encounters) {
    f[kEncounters].WriteLine(Row().Cell(e.id).Cell(e.start).Cell(e.stop).Cell(p.id)
                                 .Cell(world.organizations[e.organization].id).Cell(world.clinicians[e.clinician].id)
                                 .Cell(payer).Cell(ClassName(e.encounter_class)).CodeAndDisplay(e.type)
                                 .Cents(e.base_cost_cents).Cents(e.total_cost_cents).Cents(e.payer_coverage_cents)
                                 .CodeAndDisplay(e.reason).line());
  }
  for (const ConditionRecord& c : p.conditions) {
    f[kConditions].WriteLine(Row().Cell(c.start).Cell(c.stop).Cell(p.id).Cell(p.encounters[c.encounter].id)
                                 .Cell(SystemName(c.code->system)).CodeAndDisplay(c.code).line());
  }
  for (const ObservationRecord& o : p.observations) {
    const ObservationDef& def = Observation(o.kind);
    f[kObservations].WriteLine(Row().Cell(o.date).Cell(p.id).Cell(p.encounters[o.encounter].id).Cell(def.category)
                                   .CodeAndDisplay(&def.code).Cell(o.value).Cell(def.units)
                                   .Cell(def.numeric ? "numeric" : "text").line());
  }
  for (const MedicationRecord& m : p.medications) {
    f[kMedications].WriteLine(Row().Cell(m.start).Cell(m.stop).Cell(p.id).Cell(payer)
                                  .Cell(p.encounters[m.encounter].id).CodeAndDisplay(m.code).Cents(m.base_cost_cents)
                                  .Cents(m.payer_coverage_cents).Cell(m.dispenses)
                                  .Cents(m.base_cost_cents * m.dispenses).CodeAndDisplay(m.reason).line());
  }
  for (const AllergyRecord& a : p.allergies) {
    f[kAllergies].WriteLine(Row().Cell(a.start).Cell(a.stop).Cell(p.id).Cell(p.encounters[a.encounter].id)
                                .Cell(a.allergy->code.code).Cell(SystemName(a.allergy->code.system))
                                .Cell(a.allergy->code.display).Cell(a.allergy->type).Cell(a.allergy->category)
                                .CodeAndDisplay(a.reactions[0]).Cell(a.severities[0])
                                .CodeAndDisplay(a.reactions[1]).Cell(a.severities[1]).line());
  }
  for (const ProcedureRecord& r : p.procedures) {
    f[kProcedures].WriteLine(Row().Cell(r.start).Cell(r.stop).Cell(p.id).Cell(p.encounters[r.encounter].id)
                                 .Cell(SystemName(r.code->system)).CodeAndDisplay(r.code).Cents(r.base_cost_cents)
                                 .CodeAndDisplay(r.reason).line());
  }
  for (const ImmunizationRecord& i : p.immunizations) {
    f[kImmunizations].WriteLine(Row().Cell(i.date).Cell(p.id).Cell(p.encounters[i.encounter].id)
                                    .CodeAndDisplay(i.code).Cents(i.base_cost_cents).line());
  }
}

void CsvWriter::WriteWorld(const World& world, const Utilization& use) {
  Files& f = *files_;
  for (std::size_t idx = 0; idx < world.organizations.size(); ++idx) {
    const Organization& o = world.organizations[idx];
    f[kOrganizations].WriteLine(Row().Cell(o.id).Cell(o.name).Cell(o.address).Cell(o.city).Cell(o.state)
                                    .Cell(o.zip).Cell(o.lat).Cell(o.lon).Cell(o.phone)
                                    .Cents(use.organization_revenue_cents[idx])
                                    .Cell(use.organization_encounters[idx]).line());
  }
  for (std::size_t idx = 0; idx < world.clinicians.size(); ++idx) {
    const Clinician& c = world.clinicians[idx];
    f[kProviders].WriteLine(Row().Cell(c.id).Cell(world.organizations[c.organization].id).Cell(c.name)
                                .Cell(c.gender).Cell(c.speciality).Cell(c.address).Cell(c.city).Cell(c.state)
                                .Cell(c.zip).Cell(c.lat).Cell(c.lon).Cell(use.clinician_encounters[idx])
                                .Cell(use.clinician_procedures[idx]).line());
  }
  for (std::size_t idx = 0; idx < world.payers.size(); ++idx) {
    const Payer& y = world.payers[idx];
    const PayerTotals& t = use.payers[idx];
    f[kPayers].WriteLine(Row().Cell(y.id).Cell(y.name).Cell(y.ownership).Cell(y.address).Cell(y.city)
                             .Cell(y.state).Cell(y.zip).Cell(y.phone).Cents(t.covered_cents)
                             .Cents(t.uncovered_cents).Cents(0).Cell(t.covered_encounters)
                             .Cell(t.uncovered_encounters).Cell(t.covered_medications)
                             .Cell(t.uncovered_medications).Cell(t.covered_procedures)
                             .Cell(t.uncovered_procedures).Cell(t.covered_immunizations)
                             .Cell(t.uncovered_immunizations).Cell(t.customers).Cell("0.0")
                             .Cell(t.member_months).line());
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
