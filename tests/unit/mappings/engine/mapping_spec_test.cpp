#include "mappings/engine/mapping_spec.hpp"

#include <catch2/catch.hpp>

#include "mappings/engine/element_path.hpp"
#include "tests/unit/mappings/engine/mapping_test_util.hpp"

namespace ferry {

using testing::LoadError;
using testing::LoadErrors;
using testing::Spec;
using Errors = std::vector<std::string>;

TEST_CASE("A valid spec loads into plain structs", "[mapping][spec]") {
  const MappingSpec spec = LoadMappingSpecFromString(Spec(R"(  - from: patients
    to: Patient
    key: [Id, Site]
    when: { col: ACTIVE, equals: "1" }
    set:
      gender: { col: GENDER }
      name[+].family: { col: LAST }
  - name: obs
    from: observations
    to: Observation
    set:
      subject: { ref: Patient, col: PATIENT }
)"),
                                                     "spec.yaml");
  CHECK(spec.path == "spec.yaml");
  CHECK(spec.name == "test");
  CHECK(spec.system == "urn:ferry:test");
  REQUIRE(spec.rules.size() == 2);
  const MappingRule& patients = spec.rules[0];
  CHECK(patients.name == "patients->Patient");
  CHECK(patients.from == "patients");
  CHECK(patients.to == "Patient");
  CHECK(patients.key_columns == std::vector<std::string>{"Id", "Site"});
  CHECK(patients.when != nullptr);
  CHECK(patients.location == "spec.yaml:5:5");
  REQUIRE(patients.assignments.size() == 2);
  CHECK(patients.assignments[1].path == "name[+].family");
  CHECK(patients.assignments[1].location == "spec.yaml:11:7");
  CHECK(patients.assignments[1].element_path->steps.size() == 2);
  CHECK(spec.rules[1].name == "obs");
  CHECK(spec.stream_columns.at("patients") ==
        std::vector<std::string>{"Id", "Site", "ACTIVE", "GENDER", "LAST"});
  CHECK(spec.stream_columns.at("observations") == std::vector<std::string>{"PATIENT"});
}

TEST_CASE("A load error shows the line and a caret under the place", "[mapping][spec]") {
  CHECK(LoadError(Spec(R"(  - from: patients
    to: Patient
    set:
      gender: { colum: GENDER, col: GENDER }
)")) == "spec.yaml:8:17: unknown key 'colum' in value expression; did you mean 'col'?\n"
        "        gender: { colum: GENDER, col: GENDER }\n"
        "                  ^");
}

TEST_CASE("Top-level mistakes are all reported at once", "[mapping][spec]") {
  CHECK(LoadErrors("mapping: t\nversion: 2\nsystem: not a uri\nrule: []\n") ==
        Errors{"spec.yaml:4:1: unknown key 'rule' in the mapping spec; did you mean 'rules'?",
               "spec.yaml:1:1: missing required key 'rules' in the mapping spec",
               "spec.yaml:2:10: 'version' must be 1, the mapping spec version this ferry reads",
               "spec.yaml:3:9: 'system' must be a URI naming the source system, such as "
               "urn:ferry:synthea"});
  CHECK(LoadErrors("mapping: t\nversion: \"1\"\nsystem: urn:x\nrules: []\n") ==
        Errors{"spec.yaml:2:10: 'version' must be 1, the mapping spec version this ferry reads",
               "spec.yaml:4:8: 'rules' must be a list of one or more rules"});
  CHECK(LoadErrors("- a\n") ==
        Errors{"spec.yaml:1:1: the mapping spec must be a mapping of keys to values"});
  CHECK(LoadErrors("mapping: [\n") ==
        Errors{"spec.yaml:2:1: YAML syntax error: end of sequence flow not found"});
}

TEST_CASE("Rule mistakes: keys, required keys, resource types, names", "[mapping][spec]") {
  CHECK(
      LoadErrors(Spec(R"(  - from: patients
    to: Patiet
    sett: {}
  - from: obs
    to: Observation
    key: []
    set: []
  - from: obs
    to: Observation
    set: {}
  - 7
)")) ==
      Errors{
          "spec.yaml:7:5: unknown key 'sett' in rule; did you mean 'set'?",
          "spec.yaml:5:5: missing required key 'set' in rule",
          "spec.yaml:6:9: 'Patiet' in 'to' is not a FHIR R4 resource type",
          "spec.yaml:10:10: 'key' in rule must name one or more columns",
          "spec.yaml:11:10: 'set' in rule must be a mapping of element paths to value expressions",
          "spec.yaml:15:5: a rule must be a mapping of keys to values",
          "spec.yaml:12:5: rule name 'obs->Observation' is already used by the rule at line 8; "
          "give each "
          "rule its own 'name'"});
}

TEST_CASE("Element path mistakes point into the path", "[mapping][spec]") {
  CHECK(
      LoadErrors(Spec(R"(  - from: patients
    to: Patient
    key: Id
    set:
      a..b: 1
      "c[x]": 2
      name[0]x: 3
      resourceType: Patient
      id: { col: Id }
      ? [x]
      : 4
)")) ==
      Errors{
          "spec.yaml:9:9: element path 'a..b': expected an element name (a letter or '_' first, "
          "then "
          "letters, digits or '_')",
          "spec.yaml:10:10: element path 'c[x]': expected a number or '+' inside '[ ]'",
          "spec.yaml:11:14: element path 'name[0]x': expected '.' or '[' after an element name",
          "spec.yaml:12:7: element path 'resourceType': 'resourceType' is set from the rule's 'to'",
          "spec.yaml:13:7: element path 'id': 'id' is set from the rule's 'key'; remove one of "
          "them",
          "spec.yaml:14:9: keys of 'set' must be element paths"});
}

TEST_CASE("Entries that set the same element twice are refused", "[mapping][spec]") {
  CHECK(LoadErrors(Spec(R"(  - from: patients
    to: Patient
    set:
      gender: x
      name[0].family: a
      name[0].family: b
      code: 1
      code.text: 2
      code2.text: 3
      code2: { text: x }
      name[+].given: c
      name[+].given: d
      contact[0]: { name: { text: x } }
      contact[0].gender: male
)")) == Errors{"spec.yaml:10:7: element path 'name[0].family' is already set at line 9",
               "spec.yaml:12:7: element path 'code.text' is inside 'code', which line 11 sets to a "
               "single value",
               "spec.yaml:14:7: element path 'code2' replaces 'code2.text' set at line 13; put "
               "'code2' first"});
}

TEST_CASE("Value expression mistakes name the key", "[mapping][spec]") {
  CHECK(
      LoadErrors(Spec(R"(  - from: obs
    to: Observation
    set:
      a: { col: VALUE, number: true, date: "%Y", mapp: {} }
      b: { col: D, date: "%Y-%q" }
      c: { col: E, else: x }
      d: { col: F, map: [1], unmapped: maybe }
      e: { const: 1, col: X }
      f: { template: "a{B" }
      g:
      h: { col: K, prefix: x, integer: true }
      i: { ref: Patient }
      j: { col: M, trim: maybe }
      k: { col: N, map: { a: b }, else: c, unmapped: omit }
      l: { coll: x }
      m: { const: [1] }
      n: { ref: Patient, col: A, cols: [A, B] }
      o: { col: [A] }
      p: { instant: "%Y", col: P }
      q: { "a b": x }
      r: { col: R, map: { a: [b] } }
      s: { template: "a}b" }
      t: { template: "{}" }
      u: { col: U, map: { a: x, a: y } }
      v: { col: V, col: W }
      w: { ref: Patient, cols: [] }
      x: { col: X, required: yes }
      y: { cols: [A] }
)")) ==
      Errors{
          "spec.yaml:8:50: unknown key 'mapp' in value expression; did you mean 'map'?",
          "spec.yaml:8:38: conflicting modifiers 'number' and 'date'; use at most one of date, "
          "datetime, "
          "instant, number, integer, boolean",
          "spec.yaml:9:26: unknown directive '%q' in date format; use %Y %m %d %H %M %S %f %z, "
          "%%, %[ or %]",
          "spec.yaml:10:20: 'else' needs a 'map' in the same value expression",
          "spec.yaml:11:25: 'map' in value expression must be a mapping of source values to FHIR "
          "values",
          "spec.yaml:11:40: 'unmapped' in value expression must be one of: error, omit, keep",
          "spec.yaml:12:22: conflicting keys 'const' and 'col' in value expression; use exactly "
          "one of col, "
          "const, template, ref, for_each, first",
          "spec.yaml:13:22: unclosed '{' in template; write '{{' for a literal '{'",
          "spec.yaml:14:7: missing value; write a value expression (to emit the text null, quote "
          "it: "
          "\"null\")",
          "spec.yaml:15:20: conflicting modifiers 'prefix' and 'integer'; 'prefix' and 'suffix' "
          "apply to text "
          "only",
          "spec.yaml:16:10: missing required key 'col' or 'cols' in reference (the key columns of "
          "the "
          "referenced resource)",
          "spec.yaml:17:26: 'trim' in value expression must be true or false",
          "spec.yaml:18:44: conflicting keys 'else' and 'unmapped' in value expression; 'else' "
          "already says "
          "what unmapped values become",
          "spec.yaml:19:12: unknown key 'coll' in value expression; did you mean 'col'?",
          "spec.yaml:20:12: 'const' must be a single value; write an object or a list as a literal",
          "spec.yaml:21:34: conflicting keys 'col' and 'cols' in reference; use 'col' for one key "
          "column, "
          "'cols' for several",
          "spec.yaml:22:17: 'col' in value expression must be a single value, not a list or "
          "mapping",
          "spec.yaml:23:21: an instant format needs %Y, %m, %d, %H, %M, %S and %z",
          "spec.yaml:24:12: 'a b' is not an element name; in an object literal each key is one "
          "name "
          "(letters, digits and '_'), with objects or lists nested inside",
          "spec.yaml:25:27: each entry of 'map' must map a single value to a single value",
          "spec.yaml:26:22: single '}' in template; write '}}' for a literal '}'",
          "spec.yaml:27:22: '{}' in template is not a column name",
          "spec.yaml:28:33: duplicate key 'a' in 'map' (first at line 28)",
          "spec.yaml:29:20: duplicate key 'col' in value expression (first at line 29)",
          "spec.yaml:30:32: 'cols' in reference must list one or more columns",
          "spec.yaml:31:30: 'required' in value expression must be true or false",
          "spec.yaml:32:12: unknown key 'cols' in value expression; did you mean 'col'?"});
}

TEST_CASE("Object literal keys that look like misspelt expression keys are refused",
          "[mapping][spec]") {
  CHECK(LoadErrors(Spec(R"(  - from: patients
    to: Patient
    set:
      a: { colum: Id }
      b: { column: Id }
      c: { constant: x }
      d: { templte: "{Id}" }
      e: { rf: Patient }
      f: { cost: 1, reference: x, collection: y }
)")) == Errors{
            "spec.yaml:8:12: unknown key 'colum' in value expression; did you mean 'col'?",
            "spec.yaml:9:12: unknown key 'column' in value expression; did you mean 'col'?",
            "spec.yaml:10:12: unknown key 'constant' in value expression; did you mean 'const'?",
            "spec.yaml:11:12: unknown key 'templte' in value expression; did you mean 'template'?",
            "spec.yaml:12:12: unknown key 'rf' in value expression; did you mean 'ref'?"});
}

TEST_CASE("References must name R4 resource types", "[mapping][spec]") {
  CHECK(LoadErrors(Spec(R"(  - from: patients
    to: Patient
    set:
      link[0].other: { ref: Patinet, col: OTHER }
      generalPractitioner[0]: { ref: Doctor, col: GP }
)")) == Errors{"spec.yaml:8:29: 'Patinet' in 'ref' is not a FHIR R4 resource type; did you mean "
               "'Patient'?",
               "spec.yaml:9:38: 'Doctor' in 'ref' is not a FHIR R4 resource type"});
}

TEST_CASE("Condition mistakes", "[mapping][spec]") {
  CHECK(
      LoadErrors(Spec(R"(  - from: obs
    to: Observation
    when: { col: A, equal: x }
    set:
      a: { const: 1, when: { col: Z, matches: "a(" } }
      b: { const: 1, when: { equals: x } }
      c: { const: 1, when: { col: A, equals: x, in: [y] } }
      d: { const: 1, when: { col: A, all: [] } }
      e: { const: 1, when: { all: [] } }
      f: { const: 1, when: { col: A } }
      g: { const: 1, when: [x] }
      h: { const: 1, when: { not: { col: A, present: maybe } } }
      i: { const: 1, when: { any: [{ col: A, equals: [x] }] } }
)")) ==
      Errors{
          "spec.yaml:7:21: unknown key 'equal' in condition; did you mean 'equals'?",
          "spec.yaml:9:47: invalid regular expression in 'matches': Mismatched '(' and ')' in "
          "regular "
          "expression",
          "spec.yaml:10:28: missing required key 'col' in condition",
          "spec.yaml:11:49: conflicting keys 'equals' and 'in' in condition; combine tests with "
          "'all' or "
          "'any'",
          "spec.yaml:12:30: 'col' cannot be used with 'all' in condition",
          "spec.yaml:13:35: 'all' in condition must be a list of one or more conditions",
          "spec.yaml:14:28: condition has no test; add one of: equals, not_equals, in, present, "
          "matches, "
          "all, any, not",
          "spec.yaml:15:28: a condition must be a mapping of keys to values",
          "spec.yaml:16:54: 'present' in condition must be true or false",
          "spec.yaml:17:54: 'equals' in condition must be a single value, not a list or mapping"});
}

TEST_CASE("LoadMappingSpec names the file it cannot read", "[mapping][spec]") {
  try {
    LoadMappingSpec("/nonexistent/spec.yaml");
    FAIL("no error");
  } catch (const PlanError& error) {
    CHECK(
        std::string(error.what()) ==
        "/nonexistent/spec.yaml: cannot read the file; check that the path exists and is readable");
  }
}

}  // namespace ferry
