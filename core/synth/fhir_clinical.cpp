#include <algorithm>
#include <cctype>

#include "core/synth/fhir_json.hpp"
#include "core/synth/fhir_resources.hpp"

namespace ferry::synth {

namespace {

constexpr std::string_view kActCode = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

std::string_view ActCode(EncounterClass encounter_class) {
  switch (encounter_class) {
    case EncounterClass::kWellness:
    case EncounterClass::kAmbulatory:
      return "AMB";
    case EncounterClass::kEmergency:
      return "EMER";
    case EncounterClass::kInpatient:
      return "IMP";
  }
  return "AMB";
}

std::string_view CategoryDisplay(std::string_view category) {
  if (category == "vital-signs") return "Vital Signs";
  if (category == "laboratory") return "Laboratory";
  if (category == "survey") return "Survey";
  if (category == "social-history") return "Social History";
  if (category == "exam") return "Exam";
  if (category == "procedure") return "Procedure";
  if (category == "imaging") return "Imaging";
  if (category == "therapy") return "Therapy";
  if (category == "activity") return "Activity";
  return "";
}

std::string Lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

/// `subject`/`patient` and `encounter` references of a row with PATIENT and ENCOUNTER.
void PatientAndEncounter(FhirJson& json, std::string_view patient_key,
                         const PatientReferences& refs, std::size_t encounter_idx) {
  json.Reference(patient_key, refs.patient);
  json.Reference("encounter", refs.encounters[encounter_idx]);
}

void Participant(FhirJson& json, const EncounterRecord& e, const PatientReferences& refs) {
  json.Key("participant");
  json.StartArray();
  json.StartObject();
  json.Key("type");
  json.StartArray();
  json.StartObject();
  json.Key("coding");
  json.StartArray();
  json.Coding("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF",
              "primary performer");
  json.EndArray();
  json.Member("text", "primary performer");
  json.EndObject();
  json.EndArray();
  json.Period("period", e.start, e.stop);
  json.Reference("individual", refs.world.practitioners[e.clinician]);
  json.EndObject();
  json.EndArray();
}

void Reaction(FhirJson& json, const Code* reaction, std::string_view severity) {
  if (reaction == nullptr) return;
  json.StartObject();
  json.Key("manifestation");
  json.StartArray();
  json.StartObject();
  json.Key("coding");
  json.StartArray();
  const std::string display = Cell(reaction->display);
  json.Coding(SystemUri(reaction->system), reaction->code, display);
  json.EndArray();
  json.Member("text", display);
  json.EndObject();
  json.EndArray();
  json.Member("severity", Lower(severity));
  json.EndObject();
}

}  // namespace

std::string_view EncounterResource(FhirJson& json, const PatientRecord& p,
                                   const PatientReferences& refs, std::size_t encounter_idx) {
  const EncounterRecord& e = p.encounters[encounter_idx];
  json.Begin("Encounter",
             std::string_view(refs.encounters[encounter_idx]).substr(sizeof("Encounter/") - 1));
  json.Key("identifier");
  json.StartArray();
  json.StartObject();
  json.Member("use", "official");
  json.Member("system", "https://github.com/synthetichealth/synthea");
  json.Member("value", e.id);
  json.EndObject();
  json.EndArray();
  json.Member("status", "finished");
  json.Key("class");
  json.StartObject();
  json.Member("system", kActCode);
  json.Member("code", ActCode(e.encounter_class));
  json.EndObject();
  json.Key("type");
  json.StartArray();
  json.StartObject();
  json.Key("coding");
  json.StartArray();
  json.Coding(SystemUri(e.type->system), e.type->code, Cell(e.type->display));
  json.EndArray();
  json.Member("text", Cell(e.type->display));
  json.EndObject();
  json.EndArray();
  json.Reference("subject", refs.patient);
  Participant(json, e, refs);
  json.Period("period", e.start, e.stop);
  json.ReasonCode(e.reason);
  json.Reference("serviceProvider", refs.world.organizations[e.organization]);
  return json.Finish();
}

std::string_view ConditionResource(FhirJson& json, const PatientRecord& p,
                                   const PatientReferences& refs, const ConditionRecord& c) {
  const std::string& encounter = p.encounters[c.encounter].id;
  json.Begin("Condition", ResourceId("Condition", {p.id, encounter, c.code->code, c.start}));
  json.Status("clinicalStatus", "http://terminology.hl7.org/CodeSystem/condition-clinical",
              c.stop.empty() ? "active" : "resolved");
  json.Status("verificationStatus", "http://terminology.hl7.org/CodeSystem/condition-ver-status",
              "confirmed");
  json.Key("category");
  json.StartArray();
  json.StartObject();
  json.Key("coding");
  json.StartArray();
  json.Coding("http://terminology.hl7.org/CodeSystem/condition-category", "encounter-diagnosis",
              "Encounter Diagnosis");
  json.EndArray();
  json.EndObject();
  json.EndArray();
  json.Concept("code", *c.code);
  PatientAndEncounter(json, "subject", refs, c.encounter);
  json.Member("onsetDateTime", c.start);
  json.Member("abatementDateTime", c.stop);
  json.Member("recordedDate", c.start);
  return json.Finish();
}

std::string_view ObservationResource(FhirJson& json, const PatientRecord& p,
                                     const PatientReferences& refs, const ObservationRecord& o) {
  const ObservationDef& def = Observation(o.kind);
  const std::string& encounter = p.encounters[o.encounter].id;
  json.Begin("Observation", ResourceId("Observation", {p.id, encounter, def.code.code, o.date}));
  json.Member("status", "final");
  json.Key("category");
  json.StartArray();
  json.StartObject();
  json.Key("coding");
  json.StartArray();
  json.Coding("http://terminology.hl7.org/CodeSystem/observation-category", def.category,
              CategoryDisplay(def.category));
  json.EndArray();
  json.EndObject();
  json.EndArray();
  json.Concept("code", def.code);
  PatientAndEncounter(json, "subject", refs, o.encounter);
  json.Member("effectiveDateTime", o.date);
  json.Member("issued", o.date);
  if (def.numeric) {
    json.Key("valueQuantity");
    json.StartObject();
    json.Key("value");
    json.Number(o.value);
    json.Member("unit", def.units);
    json.Member("system", "http://unitsofmeasure.org");
    json.Member("code", def.units);
    json.EndObject();
  } else {
    json.Member("valueString", Cell(o.value));
  }
  return json.Finish();
}

std::string_view MedicationRequestResource(FhirJson& json, const PatientRecord& p,
                                           const PatientReferences& refs,
                                           const MedicationRecord& m) {
  const std::string& encounter = p.encounters[m.encounter].id;
  json.Begin("MedicationRequest",
             ResourceId("MedicationRequest", {p.id, encounter, m.code->code, m.start}));
  json.Member("status", m.stop.empty() ? "active" : "stopped");
  json.Member("intent", "order");
  json.Key("category");
  json.StartArray();
  json.StartObject();
  json.Key("coding");
  json.StartArray();
  json.Coding("http://terminology.hl7.org/CodeSystem/medicationrequest-category", "community",
              "Community");
  json.EndArray();
  json.Member("text", "Community");
  json.EndObject();
  json.EndArray();
  json.Concept("medicationCodeableConcept", *m.code);
  PatientAndEncounter(json, "subject", refs, m.encounter);
  json.Member("authoredOn", m.start);
  json.ReasonCode(m.reason);
  return json.Finish();
}

std::string_view AllergyIntoleranceResource(FhirJson& json, const PatientRecord& p,
                                            const PatientReferences& refs, const AllergyRecord& a) {
  const std::string& encounter = p.encounters[a.encounter].id;
  const AllergyDef& allergy = *a.allergy;
  json.Begin("AllergyIntolerance",
             ResourceId("AllergyIntolerance", {p.id, encounter, allergy.code.code, a.start}));
  json.Status("clinicalStatus", "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
              a.stop.empty() ? "active" : "inactive");
  json.Status("verificationStatus",
              "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification", "confirmed");
  json.Member("type", allergy.type);
  json.Key("category");
  json.StartArray();
  json.String(allergy.category == "drug" ? "medication" : allergy.category);
  json.EndArray();
  json.Concept("code", allergy.code);
  PatientAndEncounter(json, "patient", refs, a.encounter);
  json.Member("recordedDate", a.start);
  if (a.reactions[0] != nullptr) {
    json.Key("reaction");
    json.StartArray();
    Reaction(json, a.reactions[0], a.severities[0]);
    Reaction(json, a.reactions[1], a.severities[1]);
    json.EndArray();
  }
  return json.Finish();
}

std::string_view ProcedureResource(FhirJson& json, const PatientRecord& p,
                                   const PatientReferences& refs, const ProcedureRecord& r) {
  const std::string& encounter = p.encounters[r.encounter].id;
  json.Begin("Procedure", ResourceId("Procedure", {p.id, encounter, r.code->code, r.start}));
  json.Member("status", "completed");
  json.Concept("code", *r.code);
  PatientAndEncounter(json, "subject", refs, r.encounter);
  json.Period("performedPeriod", r.start, r.stop);
  json.ReasonCode(r.reason);
  return json.Finish();
}

std::string_view ImmunizationResource(FhirJson& json, const PatientRecord& p,
                                      const PatientReferences& refs, const ImmunizationRecord& i) {
  const std::string& encounter = p.encounters[i.encounter].id;
  json.Begin("Immunization", ResourceId("Immunization", {p.id, encounter, i.code->code, i.date}));
  json.Member("status", "completed");
  json.Concept("vaccineCode", *i.code);
  PatientAndEncounter(json, "patient", refs, i.encounter);
  json.Member("occurrenceDateTime", i.date);
  json.Key("primarySource");
  json.Bool(true);
  return json.Finish();
}

}  // namespace ferry::synth
