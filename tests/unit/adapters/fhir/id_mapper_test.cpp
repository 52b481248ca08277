#include "adapters/fhir/id_mapper.hpp"

#include <catch2/catch.hpp>

#include "adapters/fhir/entry_builder.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::fhir {

namespace {

Resource MakeResource(const std::string& type, const std::string& id, const std::string& json) {
  Resource resource;
  resource.resource_type = type;
  resource.id = id;
  resource.json = json;
  return resource;
}

}  // namespace

TEST_CASE("uuid5 ids are deterministic and references follow them") {
  Crosswalk crosswalk("", "http://t/fhir");
  IdMapper ids(IdStrategy::kUuid5, crosswalk);
  CHECK(ids.TargetId("Patient", "1") == Uuid5Id("Patient", "1"));
  CHECK(Uuid5Id("Patient", "1") != Uuid5Id("Group", "1"));
  auto entry = PrepareEntry(MakeResource("Encounter", "e1", R"({"resourceType":"Encounter","id":"e1","subject":{"reference":"Patient/1"}})"),
                            ids, {}, {}, {});
  REQUIRE(entry.state == PreparedEntry::State::kReady);
  CHECK(entry.entry.method == "PUT");
  CHECK(entry.entry.url == "Encounter/" + Uuid5Id("Encounter", "e1"));
  CHECK(entry.entry.resource == R"({"resourceType":"Encounter","subject":{"reference":"Patient/)" + Uuid5Id("Patient", "1") +
                                    R"("},"id":")" + Uuid5Id("Encounter", "e1") + R"("})");
}

TEST_CASE("server ids: POST with ifNoneExist, references wait or fail until the target has them") {
  Crosswalk crosswalk("", "http://t/fhir");
  IdMapper ids(IdStrategy::kServer, crosswalk);
  Resource patient = MakeResource("Patient", "p1",
                                  R"({"resourceType":"Patient","id":"p1","identifier":[{"system":"urn:mrn","value":"a b|c"}]})");
  auto created = PrepareEntry(patient, ids, {}, {}, {});
  REQUIRE(created.state == PreparedEntry::State::kReady);
  CHECK(created.entry.method == "POST");
  CHECK(created.entry.url == "Patient");
  CHECK(created.entry.if_none_exist == "identifier=urn%3Amrn|a%20b%7Cc");
  CHECK(created.entry.resource.find("\"id\"") == std::string::npos);

  Resource encounter = MakeResource("Encounter", "e1", R"({"resourceType":"Encounter","id":"e1","subject":{"reference":"Patient/p1"}})");
  CHECK(PrepareEntry(encounter, ids, {}, {"Patient/p1"}, {}).state == PreparedEntry::State::kWaiting);
  auto failed = PrepareEntry(encounter, ids, {}, {}, {});
  CHECK(failed.state == PreparedEntry::State::kFailed);
  CHECK(failed.error.find("Patient/p1") != std::string::npos);

  ids.Record("Patient", "p1", "srv-9");
  auto ready = PrepareEntry(encounter, ids, {}, {}, {});
  REQUIRE(ready.state == PreparedEntry::State::kReady);
  CHECK(ready.entry.resource.find(R"("reference":"Patient/srv-9")") != std::string::npos);
  CHECK(ids.SourceId("Patient", "srv-9") == "p1");
  CHECK(ids.ResolveBack(ParseReference("Patient/srv-9")).text == "Patient/p1");
}

TEST_CASE("urn:uuid and conditional references resolve to target ids") {
  Crosswalk crosswalk("", "http://t/fhir");
  IdMapper ids(IdStrategy::kPreserve, crosswalk);
  ids.Record("Patient", "6f1c", "6f1c");
  Resource obs = MakeResource("Observation", "o1",
                              R"({"resourceType":"Observation","id":"o1","subject":{"reference":"urn:uuid:6f1c"},)"
                              R"("performer":[{"reference":"Practitioner?identifier=npi|1"}]})");
  ConditionalRefs conditional = {{"Practitioner?identifier=npi|1", "Practitioner/pr7"}};
  auto entry = PrepareEntry(obs, ids, {}, {}, conditional);
  REQUIRE(entry.state == PreparedEntry::State::kReady);
  CHECK(entry.entry.url == "Observation/o1");
  CHECK(entry.entry.resource.find(R"("subject":{"reference":"Patient/6f1c"})") != std::string::npos);
  CHECK(entry.entry.resource.find(R"({"reference":"Practitioner/pr7"})") != std::string::npos);
  auto unmatched = PrepareEntry(obs, ids, {}, {}, {{"Practitioner?identifier=npi|1", std::nullopt}});
  CHECK(unmatched.state == PreparedEntry::State::kFailed);
}

TEST_CASE("the crosswalk survives reopening and is keyed by target") {
  test::TempDir dir;
  std::string path = dir / "state.db.fhir-ids.db";
  {
    Crosswalk crosswalk(path, "http://a/fhir");
    crosswalk.Put("Patient", "1", "x1");
    crosswalk.Commit();
  }
  Crosswalk again(path, "http://a/fhir");
  CHECK(again.TargetId("Patient", "1") == "x1");
  CHECK(again.SourceId("Patient", "x1") == "1");
  Crosswalk other(path, "http://b/fhir");
  CHECK_FALSE(other.TargetId("Patient", "1"));
}

}  // namespace ferry::fhir
