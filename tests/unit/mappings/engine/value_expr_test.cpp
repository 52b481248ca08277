#include "mappings/engine/value_expr.hpp"

#include <catch2/catch.hpp>

#include "core/common/hash.hpp"
#include "tests/unit/mappings/engine/mapping_test_util.hpp"

namespace ferry {

using testing::MapOne;
using testing::PatientSpec;
using testing::Row;

namespace {

RawRecord Patient(std::vector<std::string> values) {
  return Row("patients", {"Id", "LAST", "FIRST", "CODE", "TEXT"}, std::move(values));
}

std::string Ref(const std::string& type, const std::string& key) {
  return type + "/" + Uuid5(kFerryUuidNamespace, "urn:ferry:test|" + type + "|" + key);
}

}  // namespace

TEST_CASE("Plain scalars are constants typed by how they are written", "[mapping][expr]") {
  CHECK(
      MapOne(PatientSpec(R"(      a: "123"
      b: 123
      c: 1.50
      d: true
      e: "true"
      f: 0x1F
      g: text
      h: 01
      i: -1e3
      j: False
)"),
             Patient({"1", "", "", "", ""})) ==
      R"({"resourceType":"Patient","a":"123","b":123,"c":1.50,"d":true,"e":"true","f":"0x1F","g":"text","h":"01",)"
      R"("i":-1e3,"j":"False"})");
}

TEST_CASE("const: is an explicit constant with the same typing", "[mapping][expr]") {
  CHECK(MapOne(PatientSpec(R"(      a: { const: 7 }
      b: { const: "7" }
      c: { const: false }
      d: { const: "a b" }
)"),
               Patient({"1", "", "", "", ""})) ==
        R"({"resourceType":"Patient","a":7,"b":"7","c":false,"d":"a b"})");
}

TEST_CASE("col: takes the trimmed value; empty is omitted", "[mapping][expr]") {
  const std::string spec = PatientSpec(R"(      a: { col: LAST }
      b: { col: FIRST, trim: false }
      c: { col: CODE }
)");
  CHECK(MapOne(spec, Patient({"1", "  Smith\t", " Ann ", "   ", ""})) ==
        R"({"resourceType":"Patient","a":"Smith","b":" Ann "})");
}

TEST_CASE("A NULL cell and a missing trailing value are empty", "[mapping][expr]") {
  RawRecord row = Patient({"1", "Smith", "Ann"});
  row.nulls = {false, true, false};
  CHECK(MapOne(PatientSpec(
                   "      a: { col: LAST }\n      b: { col: FIRST }\n      c: { col: TEXT }\n"),
               row) == R"({"resourceType":"Patient","b":"Ann"})");
}

TEST_CASE("required: true turns an empty value into a failure", "[mapping][expr]") {
  CHECK(MapOne(PatientSpec("      name[0].family: { col: LAST, required: true }\n"),
               Patient({"1", " ", "", "", ""})) ==
        "failed: patients->Patient: Patient.name[0].family: column LAST is empty");
}

TEST_CASE("A column the stream does not have fails the record", "[mapping][expr]") {
  CHECK(MapOne(PatientSpec("      name[0].family: { col: SURNAME }\n"),
               Patient({"1", "", "", "", ""})) ==
        "failed: patients->Patient: Patient.name[0].family: column SURNAME not found in patients");
}

TEST_CASE("template: substitutes columns and unescapes doubled braces", "[mapping][expr]") {
  const std::string spec = PatientSpec(R"(      a: { template: "Patient/{Id} is {{{LAST}}}" }
      b: { template: "no columns }} {{" }
      c: { template: "{FIRST}-{LAST}" }
      d: { template: "{CODE}", required: true }
)");
  CHECK(MapOne(spec, Patient({" 1 ", "Smith", "", "x", ""})) ==
        R"({"resourceType":"Patient","a":"Patient/1 is {Smith}","b":"no columns } {","d":"x"})");
  CHECK(MapOne(spec, Patient({"1", "Smith", "", "", ""})) ==
        "failed: patients->Patient: Patient.d: column CODE is empty");
}

TEST_CASE("ref: gives the id the rule for that type and key gives", "[mapping][expr]") {
  const std::string spec = PatientSpec(R"(      a: { ref: Patient, col: Id }
      b: { ref: Encounter, cols: [Id, LAST] }
      c: { ref: Practitioner, col: CODE }
)");
  CHECK(MapOne(spec, Patient({" p1 ", "Smith", "", "", ""})) ==
        R"({"resourceType":"Patient","a":{"reference":")" + Ref("Patient", "p1") +
            R"("},"b":{"reference":")" + Ref("Encounter", "p1|Smith") + R"("}})");
  CHECK(MapOne(PatientSpec("      a: { ref: Patient, cols: [Id, LAST], required: true }\n"),
               Patient({"p1", "", "", "", ""})) ==
        "failed: patients->Patient: Patient.a: column LAST is empty");
}

TEST_CASE("Object literals build objects; all data-backed members empty omits them",
          "[mapping][expr]") {
  const std::string spec = PatientSpec(
      R"(      code.coding[0]: { system: http://loinc.org, code: { col: CODE }, display: { col: TEXT } }
      meta: { tag: [{ system: urn:x, code: fixed }] }
)");
  CHECK(
      MapOne(spec, Patient({"1", "", "", "8302-2", ""})) ==
      R"({"resourceType":"Patient","code":{"coding":[{"system":"http://loinc.org","code":"8302-2"}]},)"
      R"("meta":{"tag":[{"system":"urn:x","code":"fixed"}]}})");
  CHECK(MapOne(spec, Patient({"1", "", "", " ", ""})) ==
        R"({"resourceType":"Patient","meta":{"tag":[{"system":"urn:x","code":"fixed"}]}})");
}

TEST_CASE("Nested object literals count as data-backed members", "[mapping][expr]") {
  const std::string spec =
      PatientSpec(R"(      contact[0]: { relationship: [{ text: { col: TEXT } }], gender: unknown }
)");
  CHECK(
      MapOne(spec, Patient({"1", "", "", "", "mother"})) ==
      R"({"resourceType":"Patient","contact":[{"relationship":[{"text":"mother"}],"gender":"unknown"}]})");
  CHECK(MapOne(spec, Patient({"1", "", "", "", ""})) == R"({"resourceType":"Patient"})");
}

TEST_CASE("Sequence literals drop omitted items", "[mapping][expr]") {
  const std::string spec =
      PatientSpec(R"(      name[0].given: [{ col: FIRST }, { col: LAST }, fixed]
      name[0].prefix: [{ col: CODE }]
)");
  CHECK(MapOne(spec, Patient({"1", "B", "", "", ""})) ==
        R"({"resourceType":"Patient","name":[{"given":["B","fixed"]}]})");
}

TEST_CASE("An expression's when: false omits it", "[mapping][expr]") {
  const std::string spec = PatientSpec(R"(      a: { col: LAST, when: { col: CODE, equals: x } }
      b: { const: yes, when: { col: CODE, present: true } }
      c: { text: { col: TEXT }, when: { col: CODE, not_equals: x } }
      d: { ref: Patient, col: Id, when: { col: CODE, in: [x, y] } }
      e: { template: "{Id}", when: { col: CODE, matches: "[a-z]" } }
)");
  CHECK(MapOne(spec, Patient({"1", "Smith", "", "x", "t"})) ==
        R"({"resourceType":"Patient","a":"Smith","b":"yes","d":{"reference":")" +
            Ref("Patient", "1") + R"("},"e":"1"})");
  CHECK(MapOne(spec, Patient({"1", "Smith", "", "", "t"})) ==
        R"({"resourceType":"Patient","c":{"text":"t"}})");
}

TEST_CASE("Failures inside literals name the element path with indexes", "[mapping][expr]") {
  CHECK(MapOne(
            PatientSpec(
                "      code: { coding: [{ code: x }, { code: { col: CODE, required: true } }] }\n"),
            Patient({"1", "", "", "", ""})) ==
        "failed: patients->Patient: Patient.code.coding[1].code: column CODE is empty");
  CHECK(MapOne(PatientSpec("      code: { text: x, when: { col: NOPE, present: true } }\n"),
               Patient({"1", "", "", "", ""})) ==
        "failed: patients->Patient: Patient.code: column NOPE not found in patients");
}

TEST_CASE("for_each repeats an item with '$' in column names standing for each value",
          "[mapping][expr]") {
  const std::string spec = PatientSpec(R"(      identifier:
        for_each: ["", "[2]", "[3]"]
        item: { value: { col: "ID$.1" }, system: { template: "urn:{ID$.4}" },
                when: { col: "ID$.1", not_equals: X } }
      name: [ { family: { col: LAST } }, { for_each: [A, B], item: { text: { col: "N$" } } } ]
)");
  auto row = [](std::vector<std::string> values) {
    return Row("patients", {"ID.1", "ID.4", "ID[2].1", "ID[2].4", "ID[3].1", "ID[3].4", "LAST", "NA", "NB"},
               std::move(values));
  };
  CHECK(MapOne(spec, row({"1", "a", "", "", "3", "c", "S", "", "t"})) ==
        R"({"resourceType":"Patient","identifier":[{"value":"1","system":"urn:a"},)"
        R"({"value":"3","system":"urn:c"}],"name":[{"family":"S"},{"text":"t"}]})");
  CHECK(MapOne(spec, row({"X", "a", "", "", "", "", "", "", ""})) == R"({"resourceType":"Patient"})");
}

TEST_CASE("for_each mistakes are load errors", "[mapping][expr]") {
  CHECK(testing::LoadErrors(PatientSpec("      a: { for_each: [x] }\n")) ==
        std::vector<std::string>{
            "spec.yaml:8:10: missing required key 'item' in for_each (the expression to repeat)"});
  CHECK(testing::LoadErrors(PatientSpec(
            "      a: { for_each: [x], item: { for_each: [y], item: { col: A } } }\n")) ==
        std::vector<std::string>{
            "spec.yaml:8:35: 'for_each' cannot be nested in another 'for_each'"});
  CHECK(testing::LoadErrors(PatientSpec(
            "      a: [ { for_each: [x], item: { col: A }, when: { col: B, present: true } } ]\n")) ==
        std::vector<std::string>{
            "spec.yaml:8:47: 'when' on a for_each inside a list applies to nothing; put it in 'item'"});
}

TEST_CASE("zone: sets the zone of a dateTime whose text has none", "[mapping][expr]") {
  const std::string spec = PatientSpec(
      "      a: { col: LAST, datetime: \"%Y%m%d[%H%M[%z]]\", zone: \"+01:00\" }\n");
  CHECK(MapOne(spec, Patient({"1", "202001021011", "", "", ""})) ==
        R"({"resourceType":"Patient","a":"2020-01-02T10:11:00+01:00"})");
  CHECK(testing::LoadErrors(PatientSpec("      a: { col: LAST, date: \"%Y\", zone: Z }\n")) ==
        std::vector<std::string>{
            "spec.yaml:8:35: 'zone' needs a 'datetime' or 'instant' in the same value expression"});
  CHECK(testing::LoadErrors(PatientSpec("      a: { col: LAST, datetime: \"%Y\", zone: EST }\n")) ==
        std::vector<std::string>{
            "spec.yaml:8:45: 'zone' must be Z, +hh:mm or +hhmm (or -), at most 14:00"});
}

TEST_CASE("first: gives the first alternative that has a value", "[mapping][expr]") {
  const std::string spec = PatientSpec(R"(      a: { first: [ { col: LAST }, { template: "x{FIRST}" }, fallback ] }
      b: { first: [ { col: LAST }, { col: FIRST } ] }
      c: { first: [ { const: yes, when: { col: CODE, present: true } }, { const: no } ] }
)");
  CHECK(MapOne(spec, Patient({"1", "S", "A", "c", ""})) ==
        R"({"resourceType":"Patient","a":"S","b":"S","c":"yes"})");
  CHECK(MapOne(spec, Patient({"1", "", "A", "", ""})) ==
        R"({"resourceType":"Patient","a":"xA","b":"A","c":"no"})");
  CHECK(MapOne(spec, Patient({"1", "", "", "", ""})) ==
        R"({"resourceType":"Patient","a":"fallback","c":"no"})");
  CHECK(testing::LoadErrors(PatientSpec("      a: { first: x }\n")) ==
        std::vector<std::string>{"spec.yaml:8:12: 'first' must list one or more value expressions"});
}

}  // namespace ferry
