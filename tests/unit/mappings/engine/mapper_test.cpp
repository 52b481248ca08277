#include "mappings/engine/mapper.hpp"

#include <catch2/catch.hpp>
#include <thread>

#include "core/common/hash.hpp"
#include "tests/unit/mappings/engine/mapping_test_util.hpp"

namespace ferry {

using testing::MapAll;
using testing::MapOne;
using testing::Mapped;
using testing::Row;
using testing::Spec;

namespace {

const std::string kTwoStreams = Spec(R"(  - from: patients
    to: Patient
    key: Id
    set:
      name[0].family: { col: LAST }
  - name: obs
    from: observations
    to: Observation
    key: [PATIENT, CODE]
    when: { col: STATUS, not_equals: cancelled }
    set:
      status: { col: STATUS }
      code.coding[0]: { system: http://loinc.org, code: { col: CODE } }
      subject: { ref: Patient, col: PATIENT }
      valueQuantity.value: { col: VALUE, number: true }
  - name: obs-note
    from: observations
    to: Basic
    set:
      code.text: { col: CODE }
)");

std::string PatientId(const std::string& key) {
  return Uuid5(kFerryUuidNamespace, "urn:ferry:test|Patient|" + key);
}

RawRecord Observation(std::vector<std::string> values) {
  return Row("observations", {"PATIENT", "CODE", "STATUS", "VALUE"}, std::move(values));
}

}  // namespace

TEST_CASE("The sketch's Patient rule maps a row", "[mapping][mapper]") {
  const std::string spec = Spec(R"(  - from: patients
    to: Patient
    key: Id
    set:
      identifier[0].system: "urn:ferry:synthea:patient"
      identifier[0].value: { col: Id }
      name[0].family: { col: LAST }
      name[0].given[0]: { col: FIRST }
      gender: { col: GENDER, map: { M: male, F: female }, else: unknown }
      birthDate: { col: BIRTHDATE, date: "%Y-%m-%d" }
)");
  RawRecord row = Row("patients", {"Id", "LAST", "FIRST", "GENDER", "BIRTHDATE"},
                      {"p1", "Smith", " Ann ", "F", "1980-02-29"});
  CHECK(
      MapOne(spec, row) ==
      R"({"resourceType":"Patient","id":")" + PatientId("p1") +
          R"(","identifier":[{"system":"urn:ferry:synthea:patient","value":"p1"}],)"
          R"("name":[{"family":"Smith","given":["Ann"]}],"gender":"female","birthDate":"1980-02-29"})");
}

TEST_CASE("Every rule of the record's stream gives one result, in rule order",
          "[mapping][mapper]") {
  Mapped mapped = MapAll(kTwoStreams, Observation({"p1", "8302-2", "final", "1.50"}));
  const std::vector<MappedResource>& out = mapped.out;
  REQUIRE(out.size() == 2);
  CHECK(out[0].outcome == MappedResource::Outcome::kMapped);
  CHECK(out[0].rule->name == "obs");
  CHECK(out[0].resource_type == "Observation");
  CHECK(out[0].id == Uuid5(kFerryUuidNamespace, "urn:ferry:test|Observation|p1|8302-2"));
  CHECK(
      WriteJson(*out[0].resource) ==
      R"({"resourceType":"Observation","id":")" + out[0].id +
          R"(","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"8302-2"}]},)"
          R"("subject":{"reference":"Patient/)" +
          PatientId("p1") + R"("},"valueQuantity":{"value":1.50}})");
  CHECK(out[1].rule->name == "obs-note");
  CHECK(out[1].id.empty());
  CHECK(WriteJson(*out[1].resource) == R"({"resourceType":"Basic","code":{"text":"8302-2"}})");
}

TEST_CASE("A rule whose when is false filters the record", "[mapping][mapper]") {
  Mapped mapped = MapAll(kTwoStreams, Observation({"p1", "x", "cancelled", "1"}));
  const std::vector<MappedResource>& out = mapped.out;
  REQUIRE(out.size() == 2);
  CHECK(out[0].outcome == MappedResource::Outcome::kFiltered);
  CHECK(out[0].rule->name == "obs");
  CHECK(out[0].resource == nullptr);
  CHECK(out[1].outcome == MappedResource::Outcome::kMapped);
}

TEST_CASE("Records of other streams give no results", "[mapping][mapper]") {
  CHECK(MapAll(kTwoStreams, Row("encounters", {"Id"}, {"e1"})).out.empty());
}

TEST_CASE("A document record fails every rule of its stream", "[mapping][mapper]") {
  RawRecord record;
  record.stream = "patients";
  record.payload = R"({"resourceType":"Patient"})";
  Mapped mapped = MapAll(kTwoStreams, record);
  const std::vector<MappedResource>& out = mapped.out;
  REQUIRE(out.size() == 1);
  CHECK(out[0].outcome == MappedResource::Outcome::kFailed);
  CHECK(out[0].error ==
        "patients->Patient: the record has no columns; mapping rules read rows of tabular sources");
}

TEST_CASE("Ids are deterministic and match references", "[mapping][mapper]") {
  MappingSpec spec = LoadMappingSpecFromString(kTwoStreams, "spec.yaml");
  Mapper mapper(spec);
  std::vector<MappedResource> out;
  mapper.Map(Row("patients", {"Id", "LAST"}, {" p1 ", "Smith"}), out);
  mapper.Map(Row("patients", {"LAST", "Id"}, {"Jones", "p1"}), out);
  mapper.Map(Observation({"p1", "x", "final", ""}), out);
  REQUIRE(out.size() == 4);
  CHECK(out[0].id == PatientId("p1"));
  CHECK(out[1].id == out[0].id);
  CHECK(mapper.ResourceId("Patient", "p1") == out[0].id);
  CHECK(std::string((*out[2].resource)["subject"]["reference"].GetString()) ==
        "Patient/" + out[0].id);
  CHECK(mapper.ResourceId("Observation", "p1|x") == out[2].id);
  CHECK(WriteJson(*out[0].resource) ==
        WriteJson(*MapAll(kTwoStreams, Row("patients", {"Id", "LAST"}, {" p1 ", "Smith"}))
                       .out[0]
                       .resource));
}

TEST_CASE("Reference ids depend on the system, type and key", "[mapping][mapper]") {
  const std::string rule = R"(rules:
  - from: obs
    to: Observation
    set:
      subject: { ref: Patient, col: P }
      performer[0]: { ref: Practitioner, col: P }
)";
  const RawRecord row = Row("obs", {"P"}, {"k1"});
  auto reference = [&](const std::string& system, const char* element) {
    const std::string spec = "mapping: t\nversion: 1\nsystem: " + system + "\n" + rule;
    JsonDocument doc;
    REQUIRE(ParseJson(MapOne(spec, row), doc).ok());
    const JsonValue& value =
        std::string(element) == "subject" ? doc["subject"] : doc["performer"][0];
    return std::string(value["reference"].GetString());
  };
  for (int round = 0; round < 2; ++round) {  // the second round comes from the per-thread memo
    CHECK(reference("urn:a", "subject") ==
          "Patient/" + Uuid5(kFerryUuidNamespace, "urn:a|Patient|k1"));
    CHECK(reference("urn:b", "subject") ==
          "Patient/" + Uuid5(kFerryUuidNamespace, "urn:b|Patient|k1"));
    CHECK(reference("urn:a", "performer") ==
          "Practitioner/" + Uuid5(kFerryUuidNamespace, "urn:a|Practitioner|k1"));
  }
}

TEST_CASE("An empty or missing key column fails the record", "[mapping][mapper]") {
  CHECK(MapOne(kTwoStreams, Row("patients", {"Id", "LAST"}, {"  ", "Smith"})) ==
        "failed: patients->Patient: Patient.id: key column Id is empty");
  CHECK(MapOne(kTwoStreams, Row("patients", {"ID", "LAST"}, {"p1", "Smith"})) ==
        "failed: patients->Patient: Patient.id: column Id not found in patients");
}

TEST_CASE("Without a key, an id set by an entry still comes second", "[mapping][mapper]") {
  const std::string spec = Spec(R"(  - from: patients
    to: Patient
    set:
      gender: { col: G }
      id: { col: Id }
)");
  Mapped mapped = MapAll(spec, Row("patients", {"Id", "G"}, {"abc", "male"}));
  const std::vector<MappedResource>& out = mapped.out;
  REQUIRE(out.size() == 1);
  CHECK(out[0].id == "abc");
  CHECK(WriteJson(*out[0].resource) == R"({"resourceType":"Patient","id":"abc","gender":"male"})");
  CHECK(MapOne(spec, Row("patients", {"Id", "G"}, {"", "male"})) ==
        R"({"resourceType":"Patient","gender":"male"})");
}

TEST_CASE("Members come in first-assignment order; arrays are compacted", "[mapping][mapper]") {
  const std::string spec = Spec(R"(  - from: patients
    to: Patient
    set:
      name[1].family: { col: B }
      gender: unknown
      name[0].family: { col: A }
      name[+].text: { col: C }
      telecom[3].value: { col: A }
)");
  CHECK(MapOne(spec, Row("patients", {"A", "B", "C"}, {"", "b", "c"})) ==
        R"({"resourceType":"Patient","name":[{"family":"b"},{"text":"c"}],"gender":"unknown"})");
}

TEST_CASE("Map failures never carry a cell value", "[mapping][mapper]") {
  const std::string canary = "CANARY-9917";
  const std::string spec = Spec(R"(  - from: patients
    to: Patient
    key: Id
    set:
      a: { col: A, date: "%Y-%m-%d" }
      b: { col: B, map: { x: y } }
      c: { col: C, number: true }
      d: { template: "{D}-{E}", required: true }
)");
  const Columns columns = {"Id", "A", "B", "C", "D", "E"};
  const std::vector<std::vector<std::string>> rows = {
      {canary, canary, "x", "1", "d", "e"},           // not a date
      {canary, "2020-01-01", canary, "1", "d", "e"},  // unmapped code
      {canary, "2020-01-01", "x", canary, "d", "e"},  // not a decimal
      {canary, "2020-01-01", "x", "1", canary, ""},   // template column empty
  };
  for (const auto& values : rows) {
    const std::string result = MapOne(spec, Row("patients", columns, values));
    INFO(result);
    CHECK(result.starts_with("failed: patients->Patient: Patient."));
    CHECK(result.find(canary) == std::string::npos);
  }
}

TEST_CASE("Streams and ColumnsRead describe what the spec reads", "[mapping][mapper]") {
  MappingSpec spec = LoadMappingSpecFromString(kTwoStreams, "spec.yaml");
  Mapper mapper(spec);
  CHECK(mapper.Streams() == std::vector<std::string>{"patients", "observations"});
  CHECK(mapper.ColumnsRead("patients") == std::vector<std::string>{"Id", "LAST"});
  CHECK(mapper.ColumnsRead("observations") ==
        std::vector<std::string>{"PATIENT", "CODE", "STATUS", "VALUE"});
  CHECK(mapper.ColumnsRead("encounters").empty());
}

TEST_CASE("Streams with different column orders resolve separately", "[mapping][mapper]") {
  MappingSpec spec = LoadMappingSpecFromString(kTwoStreams, "spec.yaml");
  Mapper mapper(spec);
  auto first = std::make_shared<const Columns>(Columns{"Id", "LAST"});
  auto second = std::make_shared<const Columns>(Columns{"LAST", "X", "Id"});
  for (int round = 0; round < 3; ++round) {
    std::vector<MappedResource> out;
    RawRecord a = Row("patients", {}, {"p1", "Smith"});
    a.columns = first;
    RawRecord b = Row("patients", {}, {"Jones", "", "p2"});
    b.columns = second;
    mapper.Map(a, out);
    mapper.Map(b, out);
    REQUIRE(out.size() == 2);
    CHECK(out[0].id == PatientId("p1"));
    CHECK(out[1].id == PatientId("p2"));
    CHECK(std::string((*out[1].resource)["name"][0]["family"].GetString()) == "Jones");
  }
}

TEST_CASE("Map is safe to call from many threads at once", "[mapping][mapper]") {
  MappingSpec spec = LoadMappingSpecFromString(kTwoStreams, "spec.yaml");
  const Mapper mapper(spec);
  constexpr int kThreads = 4;
  constexpr int kRecords = 300;
  std::vector<std::vector<std::string>> ids(kThreads);
  std::vector<std::thread> workers;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    workers.emplace_back([&, thread_idx] {
      auto shared_columns = std::make_shared<const Columns>(Columns{"LAST", "Id"});
      for (int record_idx = 0; record_idx < kRecords; ++record_idx) {
        const std::string key = "p" + std::to_string(record_idx);
        // Odd records share one columns object; even ones bring a new one each time.
        RawRecord row = record_idx % 2 ? Row("patients", {}, {"x", key})
                                       : Row("patients", {"Id", "LAST"}, {key, "x"});
        if (record_idx % 2) row.columns = shared_columns;
        std::vector<MappedResource> out;
        mapper.Map(row, out);
        ids[static_cast<std::size_t>(thread_idx)].push_back(out.at(0).id);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  for (const auto& thread_ids : ids) {
    REQUIRE(thread_ids.size() == kRecords);
    for (int record_idx = 0; record_idx < kRecords; ++record_idx) {
      CHECK(thread_ids[static_cast<std::size_t>(record_idx)] ==
            PatientId("p" + std::to_string(record_idx)));
    }
  }
}

}  // namespace ferry
