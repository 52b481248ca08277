// Valid resources of the twelve types Ferry maps most often pass with no issue.

#include "tests/unit/core/fhir/validator_test_util.hpp"

namespace ferry::testing {

namespace {

constexpr std::string_view kPatient = R"json({
  "resourceType": "Patient", "id": "p-1",
  "meta": {"versionId": "2", "lastUpdated": "2024-08-06T18:12:57.123Z",
    "profile": ["http://hl7.org/fhir/us/core/StructureDefinition/us-core-patient"]},
  "text": {"status": "generated",
    "div": "<div xmlns=\"http://www.w3.org/1999/xhtml\">Jane</div>"},
  "extension": [
    {"url": "http://hl7.org/fhir/us/core/StructureDefinition/us-core-race",
     "extension": [
       {"url": "ombCategory", "valueCoding": {"system": "urn:oid:2.16.840.1.113883.6.238",
         "code": "2106-3", "display": "White"}},
       {"url": "text", "valueString": "White"}]},
    {"url": "http://synthetichealth.github.io/synthea/disability-adjusted-life-years",
     "valueDecimal": 0.0123}],
  "identifier": [{"use": "official", "system": "http://hl7.org/fhir/sid/us-ssn",
    "value": "999-12-3456", "type": {"coding": [
      {"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "SS"}]}}],
  "active": true,
  "name": [{"use": "official", "family": "Doe", "given": ["Jane", "Q"], "prefix": ["Ms."]}],
  "telecom": [{"system": "phone", "value": "555-0100", "use": "home", "rank": 1}],
  "gender": "female", "birthDate": "1970-01-31", "deceasedBoolean": false,
  "address": [{"line": ["1 Main St"], "city": "Springfield", "state": "MA",
    "postalCode": "01101", "country": "US", "period": {"start": "2000-01-01"}}],
  "maritalStatus": {"coding": [
    {"system": "http://terminology.hl7.org/CodeSystem/v3-MaritalStatus", "code": "M"}]},
  "multipleBirthInteger": 2,
  "communication": [{"preferred": true,
    "language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "en-US"}]}}],
  "generalPractitioner": [{"reference": "Practitioner/pr-1"}],
  "managingOrganization": {"reference": "Organization/o-1", "display": "Acme Clinic"}
})json";

constexpr std::string_view kPractitioner = R"json({
  "resourceType": "Practitioner", "id": "pr-1",
  "identifier": [{"system": "http://hl7.org/fhir/sid/us-npi", "value": "9999948899"}],
  "active": true, "name": [{"family": "Smith", "given": ["Ann"], "prefix": ["Dr."]}],
  "telecom": [{"system": "email", "value": "ann@example.org", "use": "work"}],
  "address": [{"city": "Springfield", "state": "MA"}], "gender": "female",
  "qualification": [{"code": {"text": "MD"}, "period": {"start": "1999"}}]
})json";

constexpr std::string_view kOrganization = R"json({
  "resourceType": "Organization", "id": "o-1", "active": true,
  "identifier": [{"system": "https://github.com/synthetichealth/synthea", "value": "abc"}],
  "type": [{"text": "Healthcare Provider", "coding": [
    {"system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": "prov"}]}],
  "name": "Acme Clinic", "telecom": [{"system": "phone", "value": "555-0101"}],
  "address": [{"line": ["2 Main St"], "city": "Springfield", "postalCode": "01101"}]
})json";

constexpr std::string_view kEncounter = R"json({
  "resourceType": "Encounter", "id": "e-1", "status": "finished",
  "class": {"system": "http://terminology.hl7.org/CodeSystem/v3-ActCode", "code": "AMB"},
  "type": [{"coding": [{"system": "http://snomed.info/sct", "code": "185349003"}],
    "text": "Check up"}],
  "subject": {"reference": "urn:uuid:4b2c8f1e-0a6d-4c1e-9f3a-2b7d5e6f8a90"},
  "participant": [{"individual":
    {"reference": "Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999948899"}}],
  "period": {"start": "2024-01-02T09:00:00-05:00", "end": "2024-01-02T09:30:00-05:00"},
  "reasonCode": [{"coding": [{"system": "http://snomed.info/sct", "code": "444814009"}]}],
  "hospitalization": {"dischargeDisposition": {"text": "home"}},
  "location": [{"location": {"reference": "Location/l-1"}}],
  "serviceProvider": {"reference": "Organization/o-1"}
})json";

constexpr std::string_view kCondition = R"json({
  "resourceType": "Condition", "id": "c-1",
  "clinicalStatus": {"coding": [
    {"system": "http://terminology.hl7.org/CodeSystem/condition-clinical", "code": "active"}]},
  "verificationStatus": {"coding": [
    {"system": "http://terminology.hl7.org/CodeSystem/condition-ver-status", "code": "confirmed"}]},
  "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/condition-category",
    "code": "encounter-diagnosis"}]}],
  "code": {"coding": [{"system": "http://snomed.info/sct", "code": "44054006"}]},
  "subject": {"reference": "Patient/p-1"}, "encounter": {"reference": "Encounter/e-1"},
  "onsetDateTime": "2010-05-01T00:00:00+00:00", "recordedDate": "2010-05-02",
  "abatementAge": {"value": 45, "unit": "a", "system": "http://unitsofmeasure.org", "code": "a"}
})json";

constexpr std::string_view kObservation = R"json({
  "resourceType": "Observation", "id": "obs-1", "status": "final",
  "category": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/observation-category",
    "code": "vital-signs"}]}],
  "code": {"coding": [{"system": "http://loinc.org", "code": "85354-9"}], "text": "BP"},
  "subject": {"reference": "Patient/p-1"}, "effectiveDateTime": "2024-01-02T09:10:00Z",
  "issued": "2024-01-02T09:10:00.000+00:00",
  "component": [
    {"code": {"coding": [{"system": "http://loinc.org", "code": "8480-6"}]},
     "valueQuantity": {"value": 120.50, "unit": "mm[Hg]", "system": "http://unitsofmeasure.org",
       "code": "mm[Hg]"}},
    {"code": {"coding": [{"system": "http://loinc.org", "code": "8462-4"}]},
     "valueQuantity": {"value": 80, "comparator": "<", "unit": "mm[Hg]"},
     "interpretation": [{"text": "normal"}]}],
  "referenceRange": [{"low": {"value": 1e2}, "high": {"value": 1.4E+2}, "text": "normal"}]
})json";

constexpr std::string_view kMedicationRequest = R"json({
  "resourceType": "MedicationRequest", "id": "mr-1", "status": "active", "intent": "order",
  "medicationCodeableConcept": {"coding": [
    {"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "860975"}]},
  "subject": {"reference": "Patient/p-1"}, "encounter": {"reference": "Encounter/e-1"},
  "authoredOn": "2024-01-02T09:20:00-05:00",
  "requester": {"reference": "Practitioner/pr-1/_history/3"},
  "dosageInstruction": [{"sequence": 1, "text": "1 tablet daily", "asNeededBoolean": false,
    "timing": {"repeat": {"frequency": 1, "period": 1, "periodUnit": "d",
      "timeOfDay": ["08:00:00"]}},
    "doseAndRate": [{"type": {"text": "ordered"}, "doseQuantity": {"value": 1}}]}],
  "dispenseRequest": {"numberOfRepeatsAllowed": 3, "quantity": {"value": 30}},
  "substitution": {"allowedBoolean": true}
})json";

constexpr std::string_view kAllergyIntolerance = R"json({
  "resourceType": "AllergyIntolerance", "id": "a-1",
  "clinicalStatus": {"coding": [{
    "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical",
    "code": "active"}]},
  "verificationStatus": {"coding": [{
    "system": "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification",
    "code": "confirmed"}]},
  "type": "allergy", "category": ["food"], "criticality": "low",
  "code": {"coding": [{"system": "http://snomed.info/sct", "code": "91935009"}]},
  "patient": {"reference": "Patient/p-1"}, "recordedDate": "2015-03-04T10:00:00+01:00",
  "reaction": [{"manifestation": [{"text": "Hives"}], "severity": "mild"}]
})json";

constexpr std::string_view kProcedure = R"json({
  "resourceType": "Procedure", "id": "pro-1", "status": "completed",
  "code": {"coding": [{"system": "http://snomed.info/sct", "code": "430193006"}]},
  "subject": {"reference": "Patient/p-1"}, "encounter": {"reference": "Encounter/e-1"},
  "performedPeriod": {"start": "2024-01-02T09:00:00-05:00", "end": "2024-01-02T09:15:00-05:00"},
  "performer": [{"actor": {"reference": "Practitioner/pr-1"}}],
  "location": {"reference": "Location/l-1"},
  "note": [{"text": "Uneventful.", "time": "2024-01-02"}]
})json";

constexpr std::string_view kImmunization = R"json({
  "resourceType": "Immunization", "id": "i-1", "status": "completed",
  "vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "140"}]},
  "patient": {"reference": "Patient/p-1"}, "encounter": {"reference": "Encounter/e-1"},
  "occurrenceDateTime": "2023-10-01T10:00:00-04:00", "primarySource": true,
  "lotNumber": "AB12", "doseQuantity": {"value": 0.5, "unit": "mL"},
  "protocolApplied": [{"doseNumberPositiveInt": 1, "seriesDosesPositiveInt": 1}]
})json";

constexpr std::string_view kDiagnosticReport = R"json({
  "resourceType": "DiagnosticReport", "id": "dr-1", "status": "final",
  "category": [{"coding": [{"system": "http://loinc.org", "code": "34117-2"}]}],
  "code": {"coding": [{"system": "http://loinc.org", "code": "51990-0"}]},
  "subject": {"reference": "Patient/p-1"}, "effectiveDateTime": "2024-01-02T09:10:00-05:00",
  "issued": "2024-01-02T09:10:00.000-05:00", "result": [{"reference": "Observation/obs-1"}],
  "presentedForm": [{"contentType": "text/plain", "data": "SGVsbG8sIHdvcmxkIQ=="}]
})json";

constexpr std::string_view kDocumentReference = R"json({
  "resourceType": "DocumentReference", "id": "d-1", "status": "current",
  "type": {"coding": [{"system": "http://loinc.org", "code": "34117-2"}]},
  "subject": {"reference": "Patient/p-1"}, "date": "2024-01-02T09:30:00.000-05:00",
  "author": [{"reference": "Practitioner/pr-1"}],
  "content": [{
    "attachment": {"contentType": "text/plain; charset=utf-8",
      "data": "SGVs\nbG8s IHdv cmxk IQ=="},
    "format": {"system": "http://ihe.net/fhir/ValueSet/IHE.FormatCode.codesystem",
      "code": "urn:ihe:iti:xds:2017:mimeTypeSufficient"}}],
  "context": {"encounter": [{"reference": "Encounter/e-1"}],
    "period": {"start": "2024-01-02T09:00:00-05:00"}}
})json";

}  // namespace

TEST_CASE("Valid resources of the twelve common types have no issue", "[validator]") {
  auto [name, json] = GENERATE(table<const char*, std::string_view>({
      {"Patient", kPatient},
      {"Practitioner", kPractitioner},
      {"Organization", kOrganization},
      {"Encounter", kEncounter},
      {"Condition", kCondition},
      {"Observation", kObservation},
      {"MedicationRequest", kMedicationRequest},
      {"AllergyIntolerance", kAllergyIntolerance},
      {"Procedure", kProcedure},
      {"Immunization", kImmunization},
      {"DiagnosticReport", kDiagnosticReport},
      {"DocumentReference", kDocumentReference},
  }));
  INFO(name);
  CHECK(Issues(json) == Lines{});
}

TEST_CASE("A Bundle's entries are validated as resources", "[validator]") {
  std::string bundle = R"({"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":)"
                       R"("urn:uuid:4b2c8f1e-0a6d-4c1e-9f3a-2b7d5e6f8a90","resource":)" +
                       std::string(kPatient) + R"(},{"resource":)" + std::string(kObservation) +
                       "}]}";
  CHECK(Issues(bundle) == Lines{});
  CHECK(Issues(
            R"({"resourceType":"Bundle","type":"collection","entry":[{"resource":)"
            R"({"resourceType":"Patient","gender":"f"}},{"resource":{"resourceType":"Nope"}}]})") ==
        Lines{"Bundle.entry[0].resource.gender: code not in required value set "
              "http://hl7.org/fhir/ValueSet/administrative-gender",
              "Bundle.entry[1].resource.resourceType: unknown resource type"});
}

}  // namespace ferry::testing
