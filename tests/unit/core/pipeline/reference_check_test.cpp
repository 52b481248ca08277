#include "core/pipeline/reference_check.hpp"

#include <catch2/catch.hpp>

#include <string>

using ferry::DanglingGroup;
using ferry::DanglingKind;
using ferry::CascadeGroup;
using ferry::ReferenceCheck;
using ferry::ReferenceReport;
using ferry::SourceLocation;

namespace {

const DanglingGroup* Find(const ReferenceReport& report, const std::string& path, DanglingKind kind) {
  for (const auto& group : report.groups) {
    if (group.element_path == path && group.kind == kind) return &group;
  }
  return nullptr;
}

std::string Observation(const std::string& id, const std::string& subject) {
  return R"({"resourceType":"Observation","id":")" + id + R"(","status":"final","code":{"text":"x"},"subject":{"reference":")" +
         subject + R"("}})";
}

}  // namespace

TEST_CASE("a reference to a resource that comes later in the data set resolves") {
  ReferenceCheck check;
  REQUIRE(check.Add(Observation("o1", "Patient/p1"), {"obs.ndjson", 1}));
  REQUIRE(check.Add(R"({"resourceType":"Patient","id":"p1"})", {"patients.ndjson", 1}));
  ReferenceReport report = check.Finish();
  CHECK(report.resources == 2);
  CHECK(report.references == 1);
  CHECK(report.groups.empty());
}

TEST_CASE("missing ids are grouped by path and target type, with the first locations in source order") {
  ReferenceCheck check({{}, 2, {}});
  check.Add(R"({"resourceType":"Patient","id":"p1"})", {"p.ndjson", 1});
  for (std::uint64_t line = 1; line <= 5; ++line) check.Add(Observation("o" + std::to_string(line), "Patient/gone"), {"obs.ndjson", line});
  check.Add(Observation("o9", "Patient/p1/_history/3"), {"obs.ndjson", 9});
  check.Add(R"({"resourceType":"Encounter","id":"e1","status":"finished","class":{"code":"AMB"},)"
            R"("participant":[{"individual":{"reference":"Practitioner/nobody"}}]})",
            {"enc.ndjson", 4});
  ReferenceReport report = check.Finish();
  REQUIRE(report.groups.size() == 2);
  CHECK(report.Dangling() == 6);
  const DanglingGroup* subject = Find(report, "Observation.subject", DanglingKind::kMissing);
  REQUIRE(subject);
  CHECK(subject->source_type == "Observation");
  CHECK(subject->target_type == "Patient");
  CHECK(subject->count == 5);
  CHECK(subject->first_locations == std::vector<std::string>{"obs.ndjson:1", "obs.ndjson:2"});
  const DanglingGroup* individual = Find(report, "Encounter.participant.individual", DanglingKind::kMissing);
  REQUIRE(individual);
  CHECK(individual->target_type == "Practitioner");
  CHECK(individual->first_locations == std::vector<std::string>{"enc.ndjson:4"});
}

TEST_CASE("urn:uuid references resolve to a resource of that id, whatever its type") {
  ReferenceCheck check;
  check.Add(R"({"resourceType":"Patient","id":"7c9e6679-7425-40de-944b-e07fc1f90ae7"})", {"p", 1});
  check.Add(Observation("o1", "urn:uuid:7c9e6679-7425-40de-944b-e07fc1f90ae7"), {"o", 1});
  check.Add(R"({"resourceType":"Observation","id":"o2","subject":{"reference":"urn:uuid:00000000-0000-0000-0000-000000000000","type":"Patient"}})",
            {"o", 2});
  ReferenceReport report = check.Finish();
  REQUIRE(report.groups.size() == 1);
  CHECK(report.groups[0].kind == DanglingKind::kUrn);
  CHECK(report.groups[0].target_type == "Patient");  // from Reference.type
  CHECK(report.groups[0].first_locations == std::vector<std::string>{"o:2"});
}

TEST_CASE("conditional references are matched against identifiers of the data set") {
  ReferenceCheck check;
  check.Add(R"({"resourceType":"Patient","id":"p1","identifier":[{"system":"http://x.org/mrn","value":"A1"}]})", {"p", 1});
  check.Add(Observation("o1", "Patient?identifier=http%3A%2F%2Fx.org%2Fmrn|A1"), {"o", 1});  // found, encoded
  check.Add(Observation("o2", "Patient?identifier=http://x.org/mrn|A1"), {"o", 2});          // found
  check.Add(Observation("o3", "Patient?identifier=A1"), {"o", 3});                           // any system: found
  check.Add(Observation("o4", "Patient?identifier=http://x.org/mrn|B2"), {"o", 4});          // not in data set
  check.Add(Observation("o5", "Patient?identifier=http://other.org|A1"), {"o", 5});          // other system
  check.Add(Observation("o6", "Patient?name=smith"), {"o", 6});                             // not checkable
  ReferenceReport report = check.Finish();
  const DanglingGroup* conditional = Find(report, "Observation.subject", DanglingKind::kConditional);
  REQUIRE(conditional);
  CHECK(conditional->count == 2);
  CHECK(conditional->first_locations == std::vector<std::string>{"o:4", "o:5"});
  const DanglingGroup* unchecked = Find(report, "Observation.subject", DanglingKind::kUnchecked);
  REQUIRE(unchecked);
  CHECK(unchecked->count == 1);
}

TEST_CASE("contained, absolute and invalid references") {
  ReferenceCheck check({{"https://source.example/fhir"}, 3, {}});
  check.Add(R"({"resourceType":"Patient","id":"p1"})", {"p", 1});
  check.Add(R"({"resourceType":"MedicationRequest","id":"m1","contained":[{"resourceType":"Medication","id":"med"}],)"
            R"("medicationReference":{"reference":"#med"},"subject":{"reference":"#"},)"
            R"("requester":{"reference":"#nothere"},"performer":{"reference":"https://other.example/fhir/Practitioner/9"},)"
            R"("recorder":{"reference":"https://source.example/fhir/Patient/p1"},"encounter":{"reference":"encounter-1"}})",
            {"m", 3});
  ReferenceReport report = check.Finish();
  CHECK(report.references == 6);
  REQUIRE(report.groups.size() == 3);
  CHECK(Find(report, "MedicationRequest.requester", DanglingKind::kContained));
  const DanglingGroup* absolute = Find(report, "MedicationRequest.performer", DanglingKind::kAbsolute);
  REQUIRE(absolute);
  CHECK(absolute->target_type == "Practitioner");
  CHECK(Find(report, "MedicationRequest.encounter", DanglingKind::kInvalid));
}

TEST_CASE("references inside contained resources and extensions carry their element path") {
  ReferenceCheck check;
  check.Add(R"({"resourceType":"Observation","id":"o1","contained":[{"resourceType":"Provenance","id":"p",)"
            R"("agent":[{"who":{"reference":"Practitioner/x"}}]}],)"
            R"("extension":[{"url":"http://e","valueReference":{"reference":"Device/d"}}]})",
            {"o", 1});
  ReferenceReport report = check.Finish();
  CHECK(Find(report, "Observation.contained.agent.who", DanglingKind::kMissing));
  CHECK(Find(report, "Observation.extension.valueReference", DanglingKind::kMissing));
}

TEST_CASE("many references spill to the spool file and are all looked up") {
  ReferenceCheck check;
  constexpr std::uint64_t kCount = 20000;  // several spool buffers
  for (std::uint64_t line = 1; line <= kCount; ++line) {
    std::string id = std::to_string(line);
    check.Add(Observation("o" + id, "Patient/p" + std::to_string(line % 2 ? line : line + kCount)), {"o", line});
    check.Add(R"({"resourceType":"Patient","id":"p)" + id + R"("})", {"p", line});
  }
  ReferenceReport report = check.Finish();
  REQUIRE(report.groups.size() == 1);
  CHECK(report.groups[0].count == kCount / 2);
  CHECK(report.groups[0].first_locations == std::vector<std::string>{"o:2", "o:4", "o:6"});
  CHECK(report.key_bytes >= 2 * 2 * kCount * sizeof(std::uint64_t));
  CHECK(report.spool_bytes == kCount * 32);
}

TEST_CASE("text that is not a resource is refused") {
  ReferenceCheck check;
  CHECK_FALSE(check.Add("not json", {"x", 1}));
  CHECK_FALSE(check.Add(R"({"id":"1"})", {"x", 2}));
  CHECK(check.Finish().resources == 0);
}

TEST_CASE("with refused kinds, what refers to a refused resource is refused too, through any depth") {
  ReferenceCheck check({{}, 3, {DanglingKind::kMissing, DanglingKind::kUrn}});
  check.Add(R"({"resourceType":"Patient","id":"p1"})", {"p", 1});
  // o1 -> missing patient (refused); r1 -> o1; r2 -> r1 (cascade, two levels); r3 -> o2 (fine)
  check.Add(R"({"resourceType":"DiagnosticReport","id":"r2","result":[{"reference":"DiagnosticReport/r1"}]})", {"r", 1});
  check.Add(R"({"resourceType":"DiagnosticReport","id":"r1","result":[{"reference":"Observation/o1"},{"reference":"Observation/o1"}]})",
            {"r", 2});
  check.Add(Observation("o1", "Patient/gone"), {"o", 1});
  check.Add(Observation("o2", "Patient/p1"), {"o", 2});
  check.Add(R"({"resourceType":"DiagnosticReport","id":"r3","result":[{"reference":"Observation/o2"}]})", {"r", 3});
  check.Add(Observation("o3", "urn:uuid:00000000-0000-0000-0000-000000000009"), {"o", 3});
  check.Add(R"({"resourceType":"DiagnosticReport","id":"r4","result":[{"reference":"Observation/o3"}]})", {"r", 4});
  ReferenceReport report = check.Finish();
  CHECK(report.cascade_complete);
  REQUIRE(report.cascade.size() == 1);
  const CascadeGroup& reports = report.cascade[0];
  CHECK(reports.resource_type == "DiagnosticReport");
  CHECK(reports.count == 3);  // r1, r2 and r4, each once
  CHECK(reports.first_locations.size() == 3);
}

TEST_CASE("without refused kinds no cascade is computed") {
  ReferenceCheck check;
  check.Add(Observation("o1", "Patient/gone"), {"o", 1});
  check.Add(R"({"resourceType":"DiagnosticReport","id":"r1","result":[{"reference":"Observation/o1"}]})", {"r", 1});
  CHECK(check.Finish().cascade.empty());
}
