#include "core/synth/hl7_writer.hpp"

#include <array>
#include <utility>
#include <vector>

namespace ferry::synth {

namespace {

/// A segment built field by field: Set(n, text) puts already-escaped text in field n.
class Segment {
 public:
  explicit Segment(std::string_view id) : fields_{std::string(id)} {}
  Segment& Set(std::size_t field, std::string text) {
    if (fields_.size() <= field) fields_.resize(field + 1);
    fields_[field] = std::move(text);
    return *this;
  }
  /// The segment ended by CR, without trailing empty fields.
  std::string Text() const {
    std::size_t count = fields_.size();
    while (count > 1 && fields_[count - 1].empty()) --count;
    std::string text = fields_[0];
    for (std::size_t field_idx = 1; field_idx < count; ++field_idx)
      text.append(1, '|').append(fields_[field_idx]);
    return text + "\r";
  }

 private:
  std::vector<std::string> fields_;
};

/// `code^display^system` (CWE), escaped.
std::string Coded(std::string_view code, std::string_view display, std::string_view system) {
  return Hl7Escape(code) + "^" + Hl7Escape(display) + "^" + std::string(system);
}

/// CDC Race & Ethnicity code and display of the synth race words (as synthea-csv.yaml).
std::pair<std::string_view, std::string_view> Race(std::string_view race) {
  static constexpr std::array<std::array<std::string_view, 3>, 6> kRaces = {{
      {"white", "2106-3", "White"},
      {"black", "2054-5", "Black or African American"},
      {"asian", "2028-9", "Asian"},
      {"native", "1002-5", "American Indian or Alaska Native"},
      {"hawaiian", "2076-8", "Native Hawaiian or Other Pacific Islander"},
      {"other", "2131-1", "Other Race"},
  }};
  for (const auto& row : kRaces) {
    if (row[0] == race) return {row[1], row[2]};
  }
  return {"", ""};
}

/// HL7 table 0004 patient class of an encounter class.
std::string_view PatientClass(EncounterClass encounter_class) {
  switch (encounter_class) {
    case EncounterClass::kEmergency:
      return "E";
    case EncounterClass::kInpatient:
      return "I";
    case EncounterClass::kWellness:
    case EncounterClass::kAmbulatory:
      break;
  }
  return "O";
}

std::string Pid(const PatientRecord& p) {
  std::string names = Hl7Escape(p.last) + "^" + Hl7Escape(p.first) + "^" + Hl7Escape(p.middle) +
                      "^" + Hl7Escape(p.suffix) + "^" + Hl7Escape(p.prefix) + "^^L";
  if (!p.maiden.empty()) {
    names += "~" + Hl7Escape(p.maiden) + "^" + Hl7Escape(p.first) + "^" + Hl7Escape(p.middle) +
             "^^" + Hl7Escape(p.prefix) + "^^M";
  }
  auto [race_code, race_display] = Race(p.race);
  Segment pid("PID");
  pid.Set(1, "1")
      .Set(3, Hl7Escape(p.id) + "^^^SYNTHEA^MR~" + Hl7Escape(p.ssn) + "^^^SSA^SS")
      .Set(5, names)
      .Set(7, Hl7Time(p.birthdate))
      .Set(8, Hl7Escape(p.gender))
      .Set(10, race_code.empty() ? "" : Coded(race_code, race_display, "CDCREC"))
      .Set(11, Hl7Escape(p.address) + "^^" + Hl7Escape(p.city) + "^" + Hl7Escape(p.state) + "^" +
                   Hl7Escape(p.zip) + "^US^H")
      .Set(16, Hl7Escape(p.marital))
      .Set(22, p.ethnicity == "hispanic" ? "H^Hispanic or Latino^HL70189"
                                         : "N^Not Hispanic or Latino^HL70189")
      .Set(29, Hl7Time(p.deathdate))
      .Set(30, p.deathdate.empty() ? "" : "Y");
  return pid.Text();
}

std::string Pv1(const EncounterRecord& e, const World& world) {
  const Clinician& clinician = world.clinicians[e.clinician];
  const std::size_t space = clinician.name.find(' ');
  const std::string_view first = std::string_view(clinician.name).substr(0, space);
  const std::string_view last =
      space == std::string::npos ? "" : std::string_view(clinician.name).substr(space + 1);
  Segment pv1("PV1");
  pv1.Set(1, "1")
      .Set(2, std::string(PatientClass(e.encounter_class)))
      .Set(3, Hl7Escape(world.organizations[e.organization].name))
      .Set(7, Hl7Escape(clinician.id) + "^" + Hl7Escape(last) + "^" + Hl7Escape(first))
      .Set(19, Hl7Escape(e.id))
      .Set(44, Hl7Time(e.start))
      .Set(45, Hl7Time(e.stop));
  return pv1.Text();
}

std::string Obx(std::size_t set_id, const ObservationRecord& o) {
  const ObservationDef& def = Observation(o.kind);
  Segment obx("OBX");
  obx.Set(1, std::to_string(set_id))
      .Set(2, def.numeric ? "NM" : "ST")
      .Set(3, Coded(def.code.code, def.code.display, "LN"))
      .Set(5, Hl7Escape(o.value))
      .Set(6, def.units.empty() ? "" : Coded(def.units, def.units, "UCUM"))
      .Set(11, "F")
      .Set(14, Hl7Time(o.date));
  return obx.Text();
}

}  // namespace

std::string Hl7Escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '|': out += "\\F\\"; break;
      case '^': out += "\\S\\"; break;
      case '&': out += "\\T\\"; break;
      case '~': out += "\\R\\"; break;
      case '\\': out += "\\E\\"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Hl7Time(std::string_view iso) {
  std::string out;
  for (char c : iso) {
    if (c >= '0' && c <= '9') out += c;
  }
  if (out.size() > 8) out += "+0000";  // Synthea's timestamps are UTC (`Z`)
  return out;
}

Hl7Writer::Hl7Writer(const std::string& dir, const World& world)
    : world_(world), file_((MakeDirectories(dir), dir + "/messages.hl7")) {}

void Hl7Writer::WritePatient(const PatientRecord& record) {
  const std::string pid = Pid(record);
  for (std::size_t encounter_idx = 0; encounter_idx < record.encounters.size(); ++encounter_idx) {
    const EncounterRecord& encounter = record.encounters[encounter_idx];
    const std::string pv1 = Pv1(encounter, world_);
    Message("ADT^A04", "ADT_A01", encounter.start, Segment("EVN").Set(1, "A04").Set(2, Hl7Time(encounter.start)).Text() + pid + pv1);
    std::string results;
    std::size_t set_id = 0;
    for (const ObservationRecord& observation : record.observations) {
      if (observation.encounter == encounter_idx) results += Obx(++set_id, observation);
    }
    if (set_id == 0) continue;
    const std::string obr = Segment("OBR")
                                .Set(1, "1")
                                .Set(3, Hl7Escape(encounter.id))
                                .Set(4, "11502-2^Laboratory report^LN")
                                .Set(7, Hl7Time(encounter.start))
                                .Set(25, "F")
                                .Text();
    Message("ORU^R01", "ORU_R01", encounter.stop, pid + pv1 + obr + results);
  }
  for (const ImmunizationRecord& immunization : record.immunizations) {
    const std::string orc = Segment("ORC").Set(1, "RE").Text();
    const std::string rxa = Segment("RXA")
                                .Set(1, "0")
                                .Set(2, "1")
                                .Set(3, Hl7Time(immunization.date))
                                .Set(5, Coded(immunization.code->code, immunization.code->display, "CVX"))
                                .Set(6, "999")
                                .Set(20, "CP")
                                .Text();
    Message("VXU^V04", "VXU_V04", immunization.date, pid + orc + rxa);
  }
  if (!record.encounters.empty()) {
    const EncounterRecord& last = record.encounters.back();
    Message("ADT^A08", "ADT_A01", last.stop, Segment("EVN").Set(1, "A08").Set(2, Hl7Time(last.stop)).Text() + pid + Pv1(last, world_));
  }
}

void Hl7Writer::Message(std::string_view type, std::string_view structure, std::string_view time,
                        const std::string& body) {
  ++control_id_;
  Segment msh("MSH");
  msh.Set(1, "^~\\&")
      .Set(2, "FERRY SYNTH")
      .Set(3, "SYNTHEA")
      .Set(4, "RECEIVER")
      .Set(5, "RECEIVER")
      .Set(6, Hl7Time(time))
      .Set(8, std::string(type) + "^" + std::string(structure))
      .Set(9, "SYN" + std::to_string(control_id_))
      .Set(10, "P")
      .Set(11, "2.5.1");
  file_.Write(msh.Text());  // split on '|', field n of the segment is MSH-(n+1)
  file_.Write(body);
  file_.Write("\n");  // CR ends each segment; a message also ends its line, for less(1)
  ++messages_[std::string(type)];
}

void Hl7Writer::Close() { file_.Close(); }

}  // namespace ferry::synth
