#include "core/synth/csv_rows.hpp"

#include "core/synth/csv_writer.hpp"

namespace ferry::synth {

namespace {

/// Appends `,cell`.
void Append(std::string& line, std::string_view text) {
  line.push_back(',');
  if (NeedsCleaning(text)) {
    line += CleanCell(text);
  } else {
    line.append(text);
  }
}

void Append(std::string& line, std::int64_t number) { Append(line, std::to_string(number)); }

/// The cells, comma-separated.
template <typename... Cells>
std::string Line(const Cells&... cells) {
  std::string line;
  (Append(line, cells), ...);
  line.erase(0, 1);
  return line;
}

std::string_view CodeOf(const Code* code) { return code ? code->code : ""; }
std::string_view DisplayOf(const Code* code) { return code ? code->display : ""; }
std::string_view EncounterId(const PatientRecord& p, std::size_t idx) {
  return p.encounters[idx].id;
}

}  // namespace

std::string PatientLine(const PatientRecord& p) {
  return Line(p.id, p.birthdate, p.deathdate, p.ssn, p.drivers, p.passport, p.prefix, p.first,
              p.middle, p.last, p.suffix, p.maiden, p.marital, p.race, p.ethnicity, p.gender,
              p.birthplace, p.address, p.city, p.state, p.county, p.fips, p.zip, p.lat, p.lon,
              p.healthcare_expenses, p.healthcare_coverage, p.income);
}

std::string EncounterLine(const PatientRecord& p, const EncounterRecord& e, const World& world) {
  return Line(e.id, e.start, e.stop, p.id, world.organizations[e.organization].id,
              world.clinicians[e.clinician].id, world.payers[p.payer].id,
              ClassName(e.encounter_class), CodeOf(e.type), DisplayOf(e.type),
              FormatCents(e.base_cost_cents), FormatCents(e.total_cost_cents),
              FormatCents(e.payer_coverage_cents), CodeOf(e.reason), DisplayOf(e.reason));
}

std::string ConditionLine(const PatientRecord& p, const ConditionRecord& c) {
  return Line(c.start, c.stop, p.id, EncounterId(p, c.encounter), SystemName(c.code->system),
              c.code->code, c.code->display);
}

std::string ObservationLine(const PatientRecord& p, const ObservationRecord& o) {
  const ObservationDef& def = Observation(o.kind);
  return Line(o.date, p.id, EncounterId(p, o.encounter), def.category, def.code.code,
              def.code.display, o.value, def.units, def.numeric ? "numeric" : "text");
}

std::string MedicationLine(const PatientRecord& p, const MedicationRecord& m, const World& world) {
  return Line(m.start, m.stop, p.id, world.payers[p.payer].id, EncounterId(p, m.encounter),
              m.code->code, m.code->display, FormatCents(m.base_cost_cents),
              FormatCents(m.payer_coverage_cents), m.dispenses,
              FormatCents(m.base_cost_cents * m.dispenses), CodeOf(m.reason), DisplayOf(m.reason));
}

std::string AllergyLine(const PatientRecord& p, const AllergyRecord& a) {
  const Code& code = a.allergy->code;
  return Line(a.start, a.stop, p.id, EncounterId(p, a.encounter), code.code,
              SystemName(code.system), code.display, a.allergy->type, a.allergy->category,
              CodeOf(a.reactions[0]), DisplayOf(a.reactions[0]), a.severities[0],
              CodeOf(a.reactions[1]), DisplayOf(a.reactions[1]), a.severities[1]);
}

std::string ProcedureLine(const PatientRecord& p, const ProcedureRecord& r) {
  return Line(r.start, r.stop, p.id, EncounterId(p, r.encounter), SystemName(r.code->system),
              r.code->code, r.code->display, FormatCents(r.base_cost_cents), CodeOf(r.reason),
              DisplayOf(r.reason));
}

std::string ImmunizationLine(const PatientRecord& p, const ImmunizationRecord& i) {
  return Line(i.date, p.id, EncounterId(p, i.encounter), i.code->code, i.code->display,
              FormatCents(i.base_cost_cents));
}

std::string OrganizationLine(const Organization& o, std::int64_t encounters,
                             std::int64_t revenue_cents) {
  return Line(o.id, o.name, o.address, o.city, o.state, o.zip, o.lat, o.lon, o.phone,
              FormatCents(revenue_cents), encounters);
}

std::string ProviderLine(const Clinician& c, const World& world, std::int64_t encounters,
                         std::int64_t procedures) {
  return Line(c.id, world.organizations[c.organization].id, c.name, c.gender, c.speciality,
              c.address, c.city, c.state, c.zip, c.lat, c.lon, encounters, procedures);
}

/// REVENUE (premiums) and QOLS_AVG (quality of life) are not modelled: 0.00 and 0.0.
std::string PayerLine(const Payer& y, const PayerTotals& t) {
  return Line(y.id, y.name, y.ownership, y.address, y.city, y.state, y.zip, y.phone,
              FormatCents(t.covered_cents), FormatCents(t.uncovered_cents), FormatCents(0),
              t.covered_encounters, t.uncovered_encounters, t.covered_medications,
              t.uncovered_medications, t.covered_procedures, t.uncovered_procedures,
              t.covered_immunizations, t.uncovered_immunizations, t.customers, "0.0",
              t.member_months);
}

}  // namespace ferry::synth
