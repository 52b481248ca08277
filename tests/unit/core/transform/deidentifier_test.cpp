#include "core/transform/deidentifier.hpp"

#include <catch2/catch.hpp>

#include "core/fhir/validator.hpp"
#include "core/transform/date_shift.hpp"

namespace ferry::transform {

namespace {

constexpr const char* kKey = "0123456789abcdef0123456789abcdef";

const char* const kPatient =
    R"({"resourceType":"Patient","id":"pat-1","text":{"status":"generated","div":"<div xmlns=\"http://www.w3.org/1999/xhtml\">Ann Canary</div>"},)"
    R"("extension":[{"url":"http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueString":"Maiden"}],)"
    R"("identifier":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":"999-12-3456"}],)"
    R"("name":[{"family":"Canary","given":["Ann"]}],"telecom":[{"system":"phone","value":"555-0100"}],)"
    R"("gender":"female","birthDate":"1920-06-15",)"
    R"("address":[{"line":["1 Main St"],"city":"Springfield","state":"MA","postalCode":"03601","country":"US"}],)"
    R"("photo":[{"contentType":"image/png","data":"aGVsbG8="}]})";

const char* const kObservation =
    R"({"resourceType":"Observation","id":"obs-1","status":"final",)"
    R"("code":{"coding":[{"system":"http://loinc.org","code":"8302-2","display":"Body Height"}],"text":"height of Ann"},)"
    R"("subject":{"reference":"Patient/pat-1","display":"Ann Canary"},)"
    R"("effectiveDateTime":"2020-01-10T08:00:00Z","issued":"2020-01-11T08:00:00.000Z",)"
    R"("valueQuantity":{"value":170.5,"unit":"cm"},"note":[{"text":"called 555-0100"}]})";

JsonDocument Parse(const char* text) {
  JsonDocument doc;
  REQUIRE(ParseJson(text, doc));
  return doc;
}

Deidentifier SafeHarbor(const std::string& key = kKey) {
  return Deidentifier(LoadDeidProfile("safe-harbor", "."), key, 2026);
}

}  // namespace

TEST_CASE("Safe Harbor removes and generalises a patient's identifiers, leaving valid FHIR") {
  JsonDocument doc = Parse(kPatient);
  ChangeCounts counts;
  Deidentifier deid = SafeHarbor();
  deid.Apply(doc, counts);
  std::string out = WriteJson(doc);
  for (const char* canary : {"pat-1", "Canary", "Ann", "Maiden", "999-12-3456", "555-0100", "1 Main St", "Springfield",
                             "03601", "1920-06-15", "aGVsbG8="}) {
    INFO(canary);
    CHECK(out.find(canary) == std::string::npos);
  }
  CHECK(out == R"({"resourceType":"Patient","id":")" + deid.Pseudonym("id", "Patient/pat-1") +
                   R"(","identifier":[{"system":"http://hl7.org/fhir/sid/us-ssn","value":")" +
                   deid.Pseudonym("value", "999-12-3456") +
                   R"("}],"gender":"female","birthDate":"1936","address":[{"state":"MA","postalCode":"000","country":"US"}]})");
  CHECK(Validator().Validate(doc).empty());
  CHECK(counts[{"Patient.name", "removed"}] == 1);
  CHECK(counts[{"Patient.address.postalCode", "generalised"}] == 1);
  CHECK(counts[{"Patient.birthDate", "generalised"}] == 1);
  CHECK(counts[{"Patient.birthDate", "shifted"}] == 1);
  CHECK(counts[{"Patient.id", "pseudonymised"}] == 1);
  CHECK(counts[{"Patient.extension.valueString", "removed"}] == 1);
}

TEST_CASE("References join the pseudonymised id, and a patient's dates move together") {
  Deidentifier deid = SafeHarbor();
  JsonDocument patient = Parse(R"({"resourceType":"Patient","id":"pat-1","birthDate":"1980-01-01"})");
  JsonDocument observation = Parse(kObservation);
  ChangeCounts counts;
  deid.Apply(patient, counts);
  deid.Apply(observation, counts);
  CHECK(std::string(observation["subject"]["reference"].GetString()) == "Patient/" + std::string(patient["id"].GetString()));
  CHECK_FALSE(observation["subject"].HasMember("display"));
  CHECK_FALSE(observation.HasMember("note"));
  CHECK_FALSE(observation["code"].HasMember("text"));
  CHECK(std::string(observation["code"]["coding"][0]["display"].GetString()) == "Body Height");
  CHECK(std::string(observation["valueQuantity"]["unit"].GetString()) == "cm");
  int shift = deid.ShiftDays("pat-1");
  CHECK(shift != 0);
  CHECK(std::string(patient["birthDate"].GetString()) == *ShiftDate("1980-01-01", shift));
  CHECK(std::string(observation["effectiveDateTime"].GetString()) == *ShiftDate("2020-01-10T08:00:00Z", shift));
  CHECK(Validator().Validate(observation).empty());
}

TEST_CASE("The same key gives the same pseudonyms and shifts, another key others") {
  Deidentifier a = SafeHarbor();
  Deidentifier b = SafeHarbor();
  Deidentifier other = SafeHarbor("another key, also long enough!!");
  CHECK(a.Pseudonym("id", "Patient/1") == b.Pseudonym("id", "Patient/1"));
  CHECK(a.Pseudonym("id", "Patient/1") != other.Pseudonym("id", "Patient/1"));
  CHECK(a.Pseudonym("id", "Patient/1").size() == 32);
  int differing = 0;
  for (int patient = 0; patient < 20; ++patient) {
    std::string id = std::to_string(patient);
    CHECK(a.ShiftDays(id) == b.ShiftDays(id));
    CHECK(std::abs(a.ShiftDays(id)) <= 365);
    differing += a.ShiftDays(id) != other.ShiftDays(id);
  }
  CHECK(differing > 15);
}

TEST_CASE("A year-only profile cuts dates to the year and removes instants") {
  DeidProfile profile = ParseDeidProfile(
      "version: 1\ndates: year\nids: keep\nelements:\n  dateTime: date\n  instant: date\n  string: remove\n", "p.yaml");
  Deidentifier deid(profile, kKey, 2026);
  JsonDocument observation = Parse(kObservation);
  ChangeCounts counts;
  deid.Apply(observation, counts);
  CHECK(std::string(observation["effectiveDateTime"].GetString()) == "2020");
  CHECK_FALSE(observation.HasMember("issued"));
  CHECK(std::string(observation["id"].GetString()) == "obs-1");
  CHECK(std::string(observation["subject"]["reference"].GetString()) == "Patient/pat-1");
}

}  // namespace ferry::transform

namespace ferry::transform {

TEST_CASE("Safe Harbor groups an Age in years above 89, and only in years") {
  Deidentifier deid(LoadDeidProfile("safe-harbor", "."), "0123456789abcdef0123456789abcdef", 2026);
  JsonDocument doc;
  REQUIRE(ParseJson(R"({"resourceType":"Condition","id":"c","subject":{"reference":"Patient/p"},)"
                    R"("onsetAge":{"value":94.5,"unit":"years","system":"http://unitsofmeasure.org","code":"a"}})",
                    doc));
  ChangeCounts counts;
  deid.Apply(doc, counts);
  CHECK(WriteJson(doc["onsetAge"]) == R"({"value":90,"unit":"years","system":"http://unitsofmeasure.org","code":"a"})");
  CHECK(counts[{"Condition.onsetAge.value", "generalised"}] == 1);
  JsonDocument months;
  REQUIRE(ParseJson(R"({"resourceType":"Condition","id":"c","subject":{"reference":"Patient/p"},)"
                    R"("onsetAge":{"value":94,"system":"http://unitsofmeasure.org","code":"mo"}})",
                    months));
  deid.Apply(months, counts);
  CHECK(WriteJson(months["onsetAge"]["value"]) == "94");
}

}  // namespace ferry::transform
