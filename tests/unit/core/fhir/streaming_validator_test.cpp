// The streaming validator must say exactly what ParseJson + Validator say: the same
// parse errors, issues (as whole `path: message` lines, in order), resourceType and id.
// First over a corpus of inline resources (valid ones, and one case per kind of error),
// then over thousands of random mutations of valid resources, with a fixed seed.

#include "core/fhir/streaming_validator.hpp"

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/fhir/json.hpp"
#include "tests/unit/core/fhir/json_mutator.hpp"
#include "tests/unit/core/fhir/streaming_validator_corpus.hpp"

namespace ferry::testing {

namespace {

/// Everything either path says about one text.
struct Outcome {
  bool parsed = false;
  std::string parse_error;
  std::string resource_type;
  std::string id;
  std::vector<std::string> issues;
};

std::string StringMember(const JsonValue& doc, const char* name) {
  if (!doc.IsObject()) return "";
  auto member = doc.FindMember(name);
  if (member == doc.MemberEnd() || !member->value.IsString() || IsRawNumber(member->value)) {
    return "";
  }
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

Outcome ThroughDocument(std::string_view json) {
  Outcome outcome;
  JsonDocument doc;
  if (auto parsed = ParseJson(json, doc); !parsed) {
    outcome.parse_error = parsed.error();
    return outcome;
  }
  outcome.parsed = true;
  outcome.resource_type = StringMember(doc, "resourceType");
  outcome.id = StringMember(doc, "id");
  for (const auto& issue : Validator().Validate(doc)) outcome.issues.push_back(issue.ToString());
  return outcome;
}

Outcome ThroughStream(StreamingValidator& validator, std::string_view json) {
  StreamedResource checked = validator.Check(json);
  Outcome outcome{checked.parsed, checked.parse_error, checked.resource_type, checked.id, {}};
  for (const auto& issue : checked.issues) outcome.issues.push_back(issue.ToString());
  return outcome;
}

/// Checks both paths agree on `json`; returns the document path's outcome.
Outcome ExpectSame(StreamingValidator& validator, std::string_view json) {
  Outcome expected = ThroughDocument(json);
  Outcome streamed = ThroughStream(validator, json);
  INFO(json);
  CHECK(streamed.parsed == expected.parsed);
  CHECK(streamed.parse_error == expected.parse_error);
  CHECK(streamed.resource_type == expected.resource_type);
  CHECK(streamed.id == expected.id);
  CHECK(streamed.issues == expected.issues);
  return expected;
}

}  // namespace

TEST_CASE("Streaming: valid resources of the common types have no issue", "[streaming]") {
  StreamingValidator validator;
  for (const auto& [name, json] : ValidResources()) {
    INFO(name);
    Outcome outcome = ExpectSame(validator, json);
    CHECK(outcome.parsed);
    CHECK(outcome.issues == std::vector<std::string>{});
  }
  CHECK(validator.document_fallbacks() == 0);
}

TEST_CASE("Streaming: every kind of error is reported as the document walker does", "[streaming]") {
  StreamingValidator validator;
  for (const auto& [kind, json] : ErrorCases()) {
    INFO(kind);
    Outcome outcome = ExpectSame(validator, json);
    CHECK((!outcome.parsed || !outcome.issues.empty()));
  }
}

TEST_CASE("Streaming: exact messages for a few cases", "[streaming]") {
  StreamingValidator validator;
  StreamedResource checked = validator.Check(
      R"({"resourceType":"Patient","id":"p1","gender":"F","name":[{"given":["A",null]}],)"
      R"("contained":[{"resourceType":"Nope"}],"deceasedBoolean":true,"deceasedDateTime":"x"})");
  REQUIRE(checked.parsed);
  CHECK(checked.resource_type == "Patient");
  CHECK(checked.id == "p1");
  std::vector<std::string> lines;
  for (const auto& issue : checked.issues) lines.push_back(issue.ToString());
  CHECK(lines == std::vector<std::string>{
                     "Patient.gender: code not in required value set "
                     "http://hl7.org/fhir/ValueSet/administrative-gender",
                     "Patient.name[0].given[1]: must not be null",
                     "Patient.contained[0].resourceType: unknown resource type",
                     "Patient.deceased[x]: only one type of a choice element may be present",
                     "Patient.deceasedDateTime: not a dateTime: expected YYYY, YYYY-MM, "
                     "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss[.sss] with a time zone"});
  checked = validator.Check(R"({"resourceType":"Patient",)");
  CHECK_FALSE(checked.parsed);
  CHECK(checked.parse_error == "JSON syntax error at offset 26: Missing a name for object member.");
}

TEST_CASE("Streaming: a resource whose type comes late goes through the document", "[streaming]") {
  StreamingValidator validator;
  ExpectSame(validator, R"({"id":"p1","gender":"F","resourceType":"Patient"})");
  CHECK(validator.document_fallbacks() == 1);
  ExpectSame(validator, R"({"resourceType":"Condition","subject":{"reference":"#p"},)"
                        R"("contained":[{"id":"p","resourceType":"Patient","gender":"F"}]})");
  CHECK(validator.document_fallbacks() == 2);
  ExpectSame(validator, R"({"resourceType":"Patient","id":"p1","gender":"female"})");
  CHECK(validator.document_fallbacks() == 2);
}

TEST_CASE("Streaming: random mutations of valid resources agree with the document walker",
          "[streaming][differential]") {
  constexpr int kCases = 4000;
  std::mt19937 random(20240806);
  StreamingValidator validator;
  int with_issues = 0;
  int unparsed = 0;
  for (int case_idx = 0; case_idx < kCases; ++case_idx) {
    std::string json = MutatedResource(random);
    INFO("case " << case_idx);
    Outcome outcome = ExpectSame(validator, json);
    with_issues += outcome.parsed && !outcome.issues.empty();
    unparsed += !outcome.parsed;
  }
  // The mutations reach every path: valid, invalid and unparsable texts, and fallbacks.
  CHECK(with_issues > kCases / 2);
  CHECK(unparsed > kCases / 20);
  CHECK(validator.document_fallbacks() > kCases / 50);
}

}  // namespace ferry::testing
