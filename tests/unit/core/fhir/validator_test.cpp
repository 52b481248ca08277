// The validator's findings, one kind per test case, checked as whole `path: message` lines.

#include "tests/unit/core/fhir/validator_test_util.hpp"

namespace ferry::testing {

namespace {

constexpr const char* kGenderSet = "http://hl7.org/fhir/ValueSet/administrative-gender";
const std::string kNotAReference =
    "not a valid reference: expected Type/id, Type/id/_history/version, an absolute URL, "
    "urn:uuid:, urn:oid:, #id or Type?search";

}  // namespace

TEST_CASE("Validator reports its FHIR version and knows the R4 resource types", "[validator]") {
  Validator validator;
  CHECK(std::string(Validator::FhirVersion()) == "4.0.1");
  CHECK(validator.IsResourceType("Patient"));
  CHECK(validator.IsResourceType("MedicinalProductUndesirableEffect"));
  CHECK_FALSE(validator.IsResourceType("SubscriptionStatus"));  // R4B, not R4
  CHECK_FALSE(validator.IsResourceType("DomainResource"));      // abstract
  CHECK_FALSE(validator.IsResourceType("patient"));
}

TEST_CASE("resourceType must be present and an R4 resource type", "[validator]") {
  CHECK(Issues(R"({"id":"x"})") == Lines{"resourceType: required element missing"});
  CHECK(Issues(R"({"resourceType":"Patiente"})") == Lines{"resourceType: unknown resource type"});
  CHECK(Issues(R"({"resourceType":7})") == Lines{"resourceType: unknown resource type"});
  CHECK(Issues(R"([{"resourceType":"Patient"}])") ==
        Lines{"(resource): must be a JSON object with a resourceType"});
}

TEST_CASE("Unknown elements are reported by their path", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Patient","foo":1,"name":[{"family":"A","middle":"B"}]})") ==
        Lines{"Patient.foo: unknown element", "Patient.name[0].middle: unknown element"});
  CHECK(Issues(R"({"resourceType":"Patient","meta":{"project":"medplum-only"}})") ==
        Lines{"Patient.meta.project: unknown element"});
}

TEST_CASE("Cardinality: arrays, single values, nulls and empties", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Patient","name":{"family":"A"}})") ==
        Lines{"Patient.name: must be an array"});
  CHECK(Issues(R"({"resourceType":"Patient","gender":["female"]})") ==
        Lines{"Patient.gender: must be a single value, not an array"});
  CHECK(Issues(R"({"resourceType":"Patient","identifier":[]})") ==
        Lines{"Patient.identifier: must not be an empty array"});
  CHECK(Issues(R"({"resourceType":"Patient","active":null,"name":[null]})") ==
        Lines{"Patient.active: must not be null", "Patient.name[0]: must not be null"});
  CHECK(Issues(R"({"resourceType":"Patient","name":[{"given":["A",null]}]})") ==
        Lines{"Patient.name[0].given[1]: must not be null"});
  CHECK(Issues(R"({"resourceType":"Patient","maritalStatus":"M"})") ==
        Lines{"Patient.maritalStatus: must be an object"});
  CHECK(Issues(R"({"resourceType":"Patient","maritalStatus":{},"_birthDate":{},)"
               R"("name":[{"_given":[{}]}]})") ==
        Lines{"Patient.maritalStatus: must not be an empty object",
              "Patient._birthDate: must not be an empty object",
              "Patient.name[0]._given[0]: must not be an empty object"});
}

TEST_CASE("Required elements and required choice elements must be present", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Observation","code":{"text":"x"}})") ==
        Lines{"Observation.status: required element missing"});
  CHECK(Issues(R"({"resourceType":"Observation"})") ==
        Lines{"Observation.code: required element missing",
              "Observation.status: required element missing"});
  CHECK(Issues(R"({"resourceType":"Observation","status":"final","code":{"text":"x"},)"
               R"("component":[{"valueString":"a"}]})") ==
        Lines{"Observation.component[0].code: required element missing"});
  CHECK(Issues(R"({"resourceType":"MedicationRequest","status":"active","intent":"order",)"
               R"("subject":{"reference":"Patient/1"}})") ==
        Lines{"MedicationRequest.medication[x]: required element missing"});
}

TEST_CASE("A primitive's extension alone satisfies a required element", "[validator]") {
  CHECK(
      Issues(R"({"resourceType":"Observation","code":{"text":"x"},"_status":{"extension":[{"url":)"
             R"("http://hl7.org/fhir/StructureDefinition/data-absent-reason",)"
             R"("valueCode":"unknown"}]}})") == Lines{});
}

TEST_CASE("Choice types take one type, spelled into the name", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Observation","status":"final","code":{"text":"x"},)"
               R"("valueString":"a","valueBoolean":true})") ==
        Lines{"Observation.value[x]: only one type of a choice element may be present"});
  CHECK(Issues(R"({"resourceType":"Observation","status":"final","code":{"text":"x"},)"
               R"("valueMoney":{}})") == Lines{"Observation.valueMoney: unknown element"});
  CHECK(Issues(R"({"resourceType":"Observation","status":"final","code":{"text":"x"},)"
               R"("valueDateTime":"2020","_valueDateTime":{"id":"a"}})") == Lines{});
}

TEST_CASE("Decimals and integers must be JSON numbers of the right form", "[validator]") {
  std::string obs = R"({"resourceType":"Observation","status":"final","code":{"text":"x"},)";
  CHECK(Issues(obs + R"("valueQuantity":{"value":"1.5"}})") ==
        Lines{"Observation.valueQuantity.value: not a decimal: expected a JSON number, found a "
              "string"});
  CHECK(
      Issues(obs + R"("component":[{"code":{"text":"a"}},{"code":{"text":"b"},)"
                   R"("valueQuantity":{"value":true}}]})") ==
      Lines{"Observation.component[1].valueQuantity.value: not a decimal: expected a JSON number, "
            "found a boolean"});
  CHECK(Issues(obs + R"("valueInteger":1.0})") ==
        Lines{"Observation.valueInteger: not an integer: expected a whole number from -2147483648 "
              "to 2147483647"});
  CHECK(Issues(obs + R"("valueInteger":2147483648})") ==
        Lines{"Observation.valueInteger: not an integer: expected a whole number from -2147483648 "
              "to 2147483647"});
  CHECK(Issues(obs + R"("valueInteger":"3"})") ==
        Lines{"Observation.valueInteger: not an integer: expected a JSON number, found a string"});
  CHECK(Issues(R"({"resourceType":"Immunization","status":"completed","vaccineCode":{"text":"x"},)"
               R"("patient":{"reference":"Patient/1"},"occurrenceString":"fall",)"
               R"("protocolApplied":[{"doseNumberPositiveInt":0}]})") ==
        Lines{"Immunization.protocolApplied[0].doseNumberPositiveInt: not a positiveInt: expected "
              "a whole number from 1 to 2147483647"});
}

TEST_CASE("Strings, booleans and formatted primitives are checked by type", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Patient","active":"true","birthDate":"1970-02-30"})") ==
        Lines{"Patient.active: not a boolean: expected true or false, found a string",
              "Patient.birthDate: not a date: expected YYYY, YYYY-MM or YYYY-MM-DD"});
  CHECK(Issues(R"({"resourceType":"Patient","id":"a_b","name":[{"family":12}],)"
               R"("deceasedDateTime":"2020-01-01T10:00"})") ==
        Lines{"Patient.id: not an id: expected 1 to 64 of A-Z, a-z, 0-9, '-' and '.'",
              "Patient.name[0].family: not a string: expected a JSON string, found a number",
              "Patient.deceasedDateTime: not a dateTime: expected YYYY, YYYY-MM, YYYY-MM-DD or "
              "YYYY-MM-DDThh:mm:ss[.sss] with a time zone"});
  CHECK(
      Issues(
          R"({"resourceType":"Patient","meta":{"lastUpdated":"2020-01-01"},"implicitRules":"a b",)"
          R"("photo":[{"data":"abc"}],"name":[{"text":""}]})") ==
      Lines{"Patient.meta.lastUpdated: not an instant: expected YYYY-MM-DDThh:mm:ss[.sss] with a "
            "time zone",
            "Patient.implicitRules: not a uri: expected no white space",
            "Patient.photo[0].data: not a base64Binary: expected base64 text (A-Z, a-z, 0-9, +, /, "
            "padded with =)",
            "Patient.name[0].text: not a string: must not be an empty string"});
  CHECK(Issues(R"({"resourceType":"Patient","language":" en","text":{"status":"generated",)"
               R"("div":"Jane"}})") ==
        Lines{"Patient.language: not a code: expected no leading, trailing or repeated white space",
              "Patient.text.div: not xhtml: expected a <div> element"});
}

TEST_CASE("Required bindings on codes, Codings and CodeableConcepts", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Patient","gender":"F"})") ==
        Lines{std::string("Patient.gender: code not in required value set ") + kGenderSet});
  CHECK(Issues(R"({"resourceType":"Patient","contact":[{"gender":"unknown"}],"link":[{"other":)"
               R"({"reference":"Patient/2"},"type":"replaced"}]})") ==
        Lines{"Patient.link[0].type: code not in required value set "
              "http://hl7.org/fhir/ValueSet/link-type"});
  std::string condition =
      R"({"resourceType":"Condition","subject":{"reference":"Patient/1"},"clinicalStatus":)";
  CHECK(Issues(condition +
               R"({"coding":[{"system":"http://snomed.info/sct","code":"55561003"},)"
               R"({"system":"http://terminology.hl7.org/CodeSystem/condition-clinical",)"
               R"("code":"finished"}]}})") ==
        Lines{"Condition.clinicalStatus.coding[1].code: code not in required value set "
              "http://hl7.org/fhir/ValueSet/condition-clinical"});
  CHECK(Issues(condition + R"({"text":"active"}})") ==
        Lines{"Condition.clinicalStatus: no coding from required value set "
              "http://hl7.org/fhir/ValueSet/condition-clinical"});
  CHECK(Issues(R"({"resourceType":"Patient","photo":[{"contentType":"x-anything/goes"}]})") ==
        Lines{});  // mimetypes cannot be expanded from the definitions: left unchecked
}

TEST_CASE("Reference.reference accepts every R4 reference form", "[validator]") {
  auto reference = [](const std::string& text) {
    return Issues(R"({"resourceType":"Condition","subject":{"reference":")" + text + R"("}})");
  };
  for (const char* ok :
       {"Patient/123", "Patient/a.b-C/_history/2", "http://example.org/fhir/Patient/1",
        "https://x.org/anything?q=1", "urn:uuid:4b2c8f1e-0a6d-4c1e-9f3a-2b7d5e6f8a90",
        "urn:oid:1.2.840.10008", "#p1", "#", "Patient?identifier=http://x.org|123"}) {
    INFO(ok);
    CHECK(reference(ok) == Lines{});
  }
  for (const char* bad :
       {"Patient", "Patient/", "Patients/1", "Patient/1/2", "Patient/a_b", "urn:uuid:XYZ",
        "urn:oid:9.1", "#a b", "Patient?", "/Patient/1", "patient/1"}) {
    INFO(bad);
    CHECK(reference(bad) == Lines{"Condition.subject.reference: " + kNotAReference});
  }
}

TEST_CASE("Extensions are open but must be well formed", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Patient","extension":[{"url":"http://unknown.example/ext",)"
               R"("valueRatio":{"numerator":{"value":1}}}],)"
               R"("modifierExtension":[{"url":"urn:x","valueBoolean":true}]})") == Lines{});
  CHECK(Issues(R"({"resourceType":"Patient","extension":[{"valueString":"a"},{"url":"u"},)"
               R"({"url":"u","valueString":"a","extension":[{"url":"v","valueCode":"c"}]}]})") ==
        Lines{"Patient.extension[0].url: required element missing",
              "Patient.extension[1]: must have either extensions or a value[x]",
              "Patient.extension[2]: must have either extensions or a value[x], not both"});
  CHECK(Issues(R"({"resourceType":"Patient","extension":[{"url":"u","valueFoo":"a"}]})") ==
        Lines{"Patient.extension[0].valueFoo: unknown element",
              "Patient.extension[0]: must have either extensions or a value[x]"});
  CHECK(Issues(R"({"resourceType":"Patient","extension":[{"url":"u","valueDecimal":"1"}]})") ==
        Lines{"Patient.extension[0].valueDecimal: not a decimal: expected a JSON number, found a "
              "string"});
}

TEST_CASE("Primitive extensions sit beside their primitive", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Patient","birthDate":"1970","_birthDate":{"extension":[{"url":)"
               R"("http://hl7.org/fhir/StructureDefinition/patient-birthTime","valueDateTime":)"
               R"("1970-01-01T10:00:00Z"}]},"name":[{"given":["A",null],)"
               R"("_given":[null,{"id":"g2"}]}]})") == Lines{});
  CHECK(Issues(R"({"resourceType":"Patient","_gender":"x","_name":{},"_foo":{},)"
               R"("name":[{"_given":{}}]})") ==
        Lines{"Patient._gender: must be an object", "Patient._name: unknown element",
              "Patient._foo: unknown element", "Patient.name[0]._given: must be an array"});
  CHECK(Issues(R"({"resourceType":"Patient","_birthDate":{"extension":[{"url":"u"}],)"
               R"("value":"1970"}})") ==
        Lines{"Patient._birthDate.extension[0]: must have either extensions or a value[x]",
              "Patient._birthDate.value: unknown element"});
}

TEST_CASE("Contained resources are validated as resources", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Condition","subject":{"reference":"#p"},)"
               R"("contained":[{"resourceType":"Patient","id":"p","gender":"male"}]})") == Lines{});
  CHECK(Issues(R"({"resourceType":"Condition","subject":{"reference":"#p"},)"
               R"("contained":[{"resourceType":"Patient","id":"p"},)"
               R"({"resourceType":"Organization","name":["x"],"contained":[)"
               R"({"resourceType":"Patient"}]},{"id":"q"},"x"]})") ==
        Lines{"Condition.contained[1].name: must be a single value, not an array",
              "Condition.contained[1].contained: a contained resource must not contain resources",
              "Condition.contained[2].resourceType: required element missing",
              "Condition.contained[3]: must be a JSON object with a resourceType"});
}

TEST_CASE("Backbone elements and content references are followed", "[validator]") {
  CHECK(Issues(R"({"resourceType":"Questionnaire","status":"active","item":[{"linkId":"1",)"
               R"("type":"group","item":[{"linkId":"1.1","type":"string",)"
               R"("item":[{"type":"boolean"}]}]}]})") ==
        Lines{"Questionnaire.item[0].item[0].item[0].linkId: required element missing"});
  CHECK(Issues(R"({"resourceType":"Questionnaire","status":"active","item":[{"linkId":"1",)"
               R"("type":"groups"}]})") ==
        Lines{"Questionnaire.item[0].type: code not in required value set "
              "http://hl7.org/fhir/ValueSet/item-type"});
}

TEST_CASE("Messages never contain the value", "[validator]") {
  auto issues = Issues(R"({"resourceType":"Patient","birthDate":"SECRET-1970","gender":"SECRET",)"
                       R"("telecom":[{"value":"SECRET","system":"SECRET"}]})");
  REQUIRE(issues.size() == 3);
  for (const auto& line : issues) CHECK(line.find("SECRET") == std::string::npos);
}

}  // namespace ferry::testing
