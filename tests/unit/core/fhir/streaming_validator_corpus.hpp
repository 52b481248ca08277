#pragma once
/// Inputs of the streaming validator's equivalence tests: valid resources of the types
/// Ferry migrates most, and one small resource per kind of error the validator knows.

#include <string>
#include <utility>
#include <vector>

namespace ferry::testing {

using NamedJson = std::pair<std::string, std::string>;

/// Valid resources of the twelve common types, a Bundle, and primitive extensions.
inline std::vector<NamedJson> ValidResources() {
  return {
      {"Patient", R"({"resourceType":"Patient","id":"p-1","meta":{"versionId":"2",)"
                  R"("lastUpdated":"2024-08-06T18:12:57.123Z","profile":["http://x.org/sd"]},)"
                  R"("text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">J</div>"},)"
                  R"("extension":[{"url":"http://x.org/race","extension":[{"url":"ombCategory",)"
                  R"("valueCoding":{"system":"urn:oid:2.16.840.1.113883.6.238","code":"2106-3"}},)"
                  R"({"url":"text","valueString":"White"}]},{"url":"http://x.org/daly","valueDecimal":0.0123}],)"
                  R"("identifier":[{"use":"official","system":"http://hl7.org/fhir/sid/us-ssn",)"
                  R"("value":"999","type":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v2-0203","code":"SS"}]}}],)"
                  R"("active":true,"name":[{"use":"official","family":"Doe","given":["Jane","Q"]}],)"
                  R"("telecom":[{"system":"phone","value":"555","use":"home","rank":1}],)"
                  R"("gender":"female","birthDate":"1970-01-31","deceasedBoolean":false,)"
                  R"("address":[{"line":["1 Main"],"city":"S","period":{"start":"2000-01-01"}}],)"
                  R"("maritalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/v3-MaritalStatus","code":"M"}]},)"
                  R"("multipleBirthInteger":2,"communication":[{"preferred":true,)"
                  R"("language":{"coding":[{"system":"urn:ietf:bcp:47","code":"en-US"}]}}],)"
                  R"("generalPractitioner":[{"reference":"Practitioner/pr-1"}],)"
                  R"("managingOrganization":{"reference":"Organization/o-1","display":"Acme"}})"},
      {"Practitioner", R"({"resourceType":"Practitioner","id":"pr-1","active":true,)"
                       R"("identifier":[{"system":"http://hl7.org/fhir/sid/us-npi","value":"9"}],)"
                       R"("name":[{"family":"Smith","given":["Ann"],"prefix":["Dr."]}],"gender":"female",)"
                       R"("qualification":[{"code":{"text":"MD"},"period":{"start":"1999"}}]})"},
      {"Organization", R"({"resourceType":"Organization","id":"o-1","active":true,)"
                       R"("type":[{"text":"Prov","coding":[{"system":"http://terminology.hl7.org/CodeSystem/organization-type","code":"prov"}]}],)"
                       R"("name":"Acme","telecom":[{"system":"phone","value":"555"}],)"
                       R"("address":[{"line":["2 Main"],"city":"S","postalCode":"01101"}]})"},
      {"Encounter", R"({"resourceType":"Encounter","id":"e-1","status":"finished",)"
                    R"("class":{"system":"http://terminology.hl7.org/CodeSystem/v3-ActCode","code":"AMB"},)"
                    R"("type":[{"coding":[{"system":"http://snomed.info/sct","code":"185349003"}],"text":"Check"}],)"
                    R"("subject":{"reference":"urn:uuid:4b2c8f1e-0a6d-4c1e-9f3a-2b7d5e6f8a90"},)"
                    R"("participant":[{"individual":{"reference":"Practitioner?identifier=x|9"}}],)"
                    R"("period":{"start":"2024-01-02T09:00:00-05:00","end":"2024-01-02T09:30:00-05:00"},)"
                    R"("hospitalization":{"dischargeDisposition":{"text":"home"}},)"
                    R"("location":[{"location":{"reference":"Location/l-1"}}],)"
                    R"("serviceProvider":{"reference":"Organization/o-1"}})"},
      {"Condition", R"({"resourceType":"Condition","id":"c-1","clinicalStatus":{"coding":[)"
                    R"({"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"active"}]},)"
                    R"("verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"confirmed"}]},)"
                    R"("code":{"coding":[{"system":"http://snomed.info/sct","code":"44054006"}]},)"
                    R"("subject":{"reference":"Patient/p-1"},"onsetDateTime":"2010-05-01T00:00:00+00:00",)"
                    R"("abatementAge":{"value":45,"unit":"a","system":"http://unitsofmeasure.org","code":"a"}})"},
      {"Observation", R"({"resourceType":"Observation","id":"obs-1","status":"final",)"
                      R"("category":[{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/observation-category","code":"vital-signs"}]}],)"
                      R"("code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}],"text":"BP"},)"
                      R"("subject":{"reference":"Patient/p-1"},"effectiveDateTime":"2024-01-02T09:10:00Z",)"
                      R"("issued":"2024-01-02T09:10:00.000+00:00","component":[)"
                      R"({"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},)"
                      R"("valueQuantity":{"value":120.50,"unit":"mm[Hg]","system":"http://unitsofmeasure.org","code":"mm[Hg]"}},)"
                      R"({"code":{"text":"d"},"valueQuantity":{"value":80,"comparator":"<"},"interpretation":[{"text":"n"}]}],)"
                      R"("referenceRange":[{"low":{"value":1e2},"high":{"value":1.4E+2},"text":"normal"}]})"},
      {"MedicationRequest", R"({"resourceType":"MedicationRequest","id":"mr-1","status":"active",)"
                            R"("intent":"order","medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"860975"}]},)"
                            R"("subject":{"reference":"Patient/p-1"},"authoredOn":"2024-01-02T09:20:00-05:00",)"
                            R"("requester":{"reference":"Practitioner/pr-1/_history/3"},)"
                            R"("dosageInstruction":[{"sequence":1,"text":"daily","asNeededBoolean":false,)"
                            R"("timing":{"repeat":{"frequency":1,"period":1,"periodUnit":"d","timeOfDay":["08:00:00"]}},)"
                            R"("doseAndRate":[{"type":{"text":"ordered"},"doseQuantity":{"value":1}}]}],)"
                            R"("dispenseRequest":{"numberOfRepeatsAllowed":3,"quantity":{"value":30}},)"
                            R"("substitution":{"allowedBoolean":true}})"},
      {"AllergyIntolerance", R"({"resourceType":"AllergyIntolerance","id":"a-1","clinicalStatus":{"coding":[{)"
                             R"("system":"http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical","code":"active"}]},)"
                             R"("type":"allergy","category":["food"],"criticality":"low",)"
                             R"("code":{"coding":[{"system":"http://snomed.info/sct","code":"91935009"}]},)"
                             R"("patient":{"reference":"Patient/p-1"},"recordedDate":"2015-03-04T10:00:00+01:00",)"
                             R"("reaction":[{"manifestation":[{"text":"Hives"}],"severity":"mild"}]})"},
      {"Procedure", R"({"resourceType":"Procedure","id":"pro-1","status":"completed",)"
                    R"("code":{"coding":[{"system":"http://snomed.info/sct","code":"430193006"}]},)"
                    R"("subject":{"reference":"Patient/p-1"},"performedPeriod":{"start":"2024-01-02T09:00:00-05:00"},)"
                    R"("performer":[{"actor":{"reference":"Practitioner/pr-1"}}],)"
                    R"("note":[{"text":"Uneventful.","time":"2024-01-02"}]})"},
      {"Immunization", R"({"resourceType":"Immunization","id":"i-1","status":"completed",)"
                       R"("vaccineCode":{"coding":[{"system":"http://hl7.org/fhir/sid/cvx","code":"140"}]},)"
                       R"("patient":{"reference":"Patient/p-1"},"occurrenceDateTime":"2023-10-01T10:00:00-04:00",)"
                       R"("primarySource":true,"lotNumber":"AB12","doseQuantity":{"value":0.5,"unit":"mL"},)"
                       R"("protocolApplied":[{"doseNumberPositiveInt":1,"seriesDosesPositiveInt":1}]})"},
      {"DiagnosticReport", R"({"resourceType":"DiagnosticReport","id":"dr-1","status":"final",)"
                           R"("code":{"coding":[{"system":"http://loinc.org","code":"51990-0"}]},)"
                           R"("subject":{"reference":"Patient/p-1"},"issued":"2024-01-02T09:10:00.000-05:00",)"
                           R"("result":[{"reference":"Observation/obs-1"}],)"
                           R"("presentedForm":[{"contentType":"text/plain","data":"SGVsbG8sIHdvcmxkIQ=="}]})"},
      {"DocumentReference", R"({"resourceType":"DocumentReference","id":"d-1","status":"current",)"
                            R"("type":{"coding":[{"system":"http://loinc.org","code":"34117-2"}]},)"
                            R"("subject":{"reference":"Patient/p-1"},"date":"2024-01-02T09:30:00.000-05:00",)"
                            R"("content":[{"attachment":{"contentType":"text/plain","data":"SGVs\nbG8s IQ=="},)"
                            R"("format":{"system":"http://ihe.net/fhir/ValueSet/IHE.FormatCode.codesystem",)"
                            R"("code":"urn:ihe:iti:xds:2017:mimeTypeSufficient"}}],)"
                            R"("context":{"encounter":[{"reference":"Encounter/e-1"}]}})"},
      {"Bundle", R"({"resourceType":"Bundle","type":"collection","entry":[{"fullUrl":"urn:uuid:)"
                 R"(4b2c8f1e-0a6d-4c1e-9f3a-2b7d5e6f8a90","resource":{"resourceType":"Patient","id":"x",)"
                 R"("gender":"other"}},{"resource":{"resourceType":"Condition","subject":{"reference":"#p"},)"
                 R"("contained":[{"resourceType":"Patient","id":"p"}]}}]})"},
      {"primitive extensions", R"({"resourceType":"Patient","birthDate":"1970","_birthDate":)"
                               R"({"extension":[{"url":"u","valueDateTime":"1970-01-01T10:00:00Z"}]},)"
                               R"("name":[{"given":["A",null],"_given":[null,{"id":"g2"}]},)"
                               R"({"_given":[{"id":"g"}],"given":[null]}]})"},
      {"non-ASCII text", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"M\xC3\xBCller\"}]}"},
  };
}

/// One small resource per kind of error.
inline std::vector<NamedJson> ErrorCases() {
  const std::string obs = R"({"resourceType":"Observation","status":"final","code":{"text":"x"},)";
  const std::string cond = R"({"resourceType":"Condition","subject":{"reference":"Patient/1"},)";
  return {
      {"unknown element", R"({"resourceType":"Patient","foo":1,"name":[{"family":"A","middle":"B"}]})"},
      {"not an array", R"({"resourceType":"Patient","name":{"family":"A"}})"},
      {"not single", R"({"resourceType":"Patient","gender":["female"]})"},
      {"empty array", R"({"resourceType":"Patient","identifier":[]})"},
      {"null single and item", R"({"resourceType":"Patient","active":null,"name":[null]})"},
      {"null primitive item", R"({"resourceType":"Patient","name":[{"given":["A",null]}]})"},
      {"null item, _name later", R"({"resourceType":"Patient","name":[{"given":[null],"_given":[{}],"x":1}]})"},
      {"not an object", R"({"resourceType":"Patient","maritalStatus":"M"})"},
      {"empty objects", R"({"resourceType":"Patient","maritalStatus":{},"_birthDate":{},"name":[{"_given":[{}]}]})"},
      {"required", R"({"resourceType":"Observation","component":[{"valueString":"a"}]})"},
      {"required choice", R"({"resourceType":"MedicationRequest","status":"active","intent":"order"})"},
      {"choice: two types", obs + R"("valueString":"a","valueBoolean":true,"valueInteger":1})"},
      {"choice: same, then other", obs + R"("valueString":"a","_valueString":{"id":"x"},"valueBoolean":true})"},
      {"choice: duplicate key", obs + R"("valueString":"a","valueString":"b","foo":1})"},
      {"choice: unknown type", obs + R"("valueMoney":{}})"},
      {"decimal as string", obs + R"("valueQuantity":{"value":"1.5"}})"},
      {"integers", obs + R"("component":[{"code":{"text":"a"},"valueInteger":1.0},{"code":{"text":"b"},"valueInteger":2147483648}]})"},
      {"positiveInt", R"({"resourceType":"Immunization","status":"completed","vaccineCode":{"text":"x"},"patient":{"reference":"Patient/1"},"occurrenceString":"f","protocolApplied":[{"doseNumberPositiveInt":0}]})"},
      {"formats", R"({"resourceType":"Patient","id":"a_b","active":"true","birthDate":"1970-02-30","name":[{"family":12,"text":""}],"deceasedDateTime":"2020-01-01T10:00"})"},
      {"more formats", R"({"resourceType":"Patient","meta":{"lastUpdated":"2020-01-01"},"implicitRules":"a b","photo":[{"data":"abc"}],"language":" en","text":{"status":"generated","div":"Jane"}})"},
      {"containers as primitives", R"({"resourceType":"Patient","gender":{},"birthDate":[],"active":{"a":[1]},"name":[{"given":[{},[]]}]})"},
      {"number-looking string", "{\"resourceType\":\"Patient\",\"id\":\"\\u001f12\",\"birthDate\":\"\\u001f1\",\"multipleBirthInteger\":\"\\u001f2\"}"},
      {"code binding", R"({"resourceType":"Patient","gender":"F","link":[{"other":{"reference":"Patient/2"},"type":"replaced"}]})"},
      {"concept binding: bad code", cond + R"("clinicalStatus":{"coding":[{"system":"http://snomed.info/sct","code":"1"},{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"finished"}]}})"},
      {"concept binding: no coding", cond + R"("clinicalStatus":{"text":"active"}})"},
      {"concept binding: coding object", cond + R"("clinicalStatus":{"coding":{"system":"s","code":"c"}}})"},
      {"concept binding: duplicate coding", cond + R"("clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":"x"}],"coding":[{}]}})"},
      {"concept binding: numbers", cond + R"("clinicalStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-clinical","code":5},{"system":5,"code":"active"},{},null,"x"]}})"},
      {"concept binding: code first, dup system", cond + R"("clinicalStatus":{"coding":[{"code":"active","system":"http://terminology.hl7.org/CodeSystem/condition-clinical","system":"x"}]},"foo":1})"},
      {"references", cond + R"("encounter":{"reference":"Patient"},"asserter":{"reference":"urn:uuid:XYZ"}})"},
      {"primitive extensions", R"({"resourceType":"Patient","_gender":"x","_name":{},"_foo":{},"name":[{"_given":{}},{"_given":[1,[]]}],"_birthDate":{"value":"1970"}})"},
      {"extensions", R"({"resourceType":"Patient","extension":[{"valueString":"a"},{"url":"u"},{"url":"u","valueString":"a","extension":[{"url":"v","valueCode":"c"}]},{"url":"u","valueFoo":"a"},{"url":"u","valueDecimal":"1"}]})"},
      {"contained", R"({"resourceType":"Condition","subject":{"reference":"#p"},"contained":[{"resourceType":"Patient","id":"p"},{"resourceType":"Organization","name":["x"],"contained":[{"resourceType":"Patient"}]},{"id":"q"},"x",{},{"resourceType":7}]})"},
      {"contained: type last", R"({"resourceType":"Condition","contained":[{"gender":"F","resourceType":"Patient"}]})"},
      {"bundle entries", R"({"resourceType":"Bundle","type":"collection","entry":[{"resource":{"resourceType":"Patient","gender":"f"}},{"resource":{"resourceType":"Nope","id":1}},{"resource":[]}]})"},
      {"backbone and content reference", R"({"resourceType":"Questionnaire","status":"active","item":[{"linkId":"1","type":"groups","item":[{"linkId":"1.1","type":"string","item":[{"type":"boolean"}]}]}]})"},
      {"resourceType missing", R"({"id":"x"})"},
      {"resourceType unknown", R"({"resourceType":"Patiente","id":"x","gender":"F"})"},
      {"resourceType number", R"({"resourceType":7,"id":7})"},
      {"resourceType object", R"({"resourceType":{"a":"Patient"},"id":"i"})"},
      {"resourceType duplicate", R"({"resourceType":"Patient","resourceType":"Nope","id":"a","id":"b","gender":"F"})"},
      {"root array", R"([{"resourceType":"Patient"}])"},
      {"root string", R"("Patient")"},
      {"empty object", R"({})"},
      {"syntax: truncated", R"({"resourceType":"Patient","name":[{"fam)"},
      {"syntax: trailing comma", R"({"resourceType":"Patient",})"},
      {"syntax: trailing value", R"({"resourceType":"Patient"} {})"},
      {"syntax: empty", ""},
      {"syntax: bad number", R"({"resourceType":"Patient","multipleBirthInteger":01})"},
      {"syntax: huge number", R"({"resourceType":"Observation","valueQuantity":{"value":1e999}})"},
      {"invalid UTF-8", "{\"resourceType\":\"Patient\",\"name\":[{\"family\":\"M\xC3\x28ller\"}]}"},
      {"invalid UTF-8 byte", "{\"resourceType\":\"Patient\",\"id\":\"\xFF\"}"},
      {"NUL inside", std::string("{\"resourceType\":\"Patient\",\"gender\":\"F\"}\0{", 41)},
  };
}

}  // namespace ferry::testing
