#include "core/evaluate/fidelity.hpp"

#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "core/evaluate/population.hpp"
#include "core/fhir/json.hpp"

namespace ferry::evaluate {

namespace {

const char* const kMaidenName = "http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName";

/// What tests/servers/rewriting-proxy.cjs does to a resource it relays: drops the
/// mothersMaidenName extension, rounds 1.50 to 1.5, renames the id and strips meta.lastUpdated.
std::string Rewrite(const std::string& json) {
  JsonDocument doc;
  REQUIRE(ParseJson(json, doc));
  auto& allocator = doc.GetAllocator();
  std::string id = doc["id"].GetString();
  doc["id"] = MakeString("x-" + id, allocator);
  doc["meta"].RemoveMember("lastUpdated");
  if (doc.HasMember("extension")) {
    JsonValue& extensions = doc["extension"];
    for (auto it = extensions.Begin(); it != extensions.End();) {
      if (std::string((*it)["url"].GetString()) == kMaidenName) it = extensions.Erase(it);
      else ++it;
    }
  }
  if (doc.HasMember("valueQuantity") && RawNumberText(doc["valueQuantity"]["value"]) == "1.50")
    doc["valueQuantity"]["value"] = MakeRawNumber("1.5", allocator);
  return WriteJson(doc);
}

std::map<std::string, std::uint64_t> CountTypes(const std::vector<Resource>& population) {
  std::map<std::string, std::uint64_t> types;
  for (const Resource& resource : population) types[resource.resource_type]++;
  return types;
}

}  // namespace

TEST_CASE("A faithful round trip keeps every value") {
  std::vector<Resource> population = MakePopulation({3, 7, ""});
  FidelityDiff diff(3);
  for (const Resource& resource : population) {
    diff.AddSent(resource.json);
    diff.AddReceived(resource.json);
  }
  FidelityResult result = diff.Finish();
  CHECK(result.paths.empty());
  CHECK(result.Score() == 1.0);
  CHECK(result.checks.ids.Ok());
  CHECK(result.checks.ids.total == population.size());
  CHECK(result.checks.references.Ok());
  CHECK(result.checks.references.total > 0);
  CHECK(result.checks.last_updated.total == population.size());
  CHECK(result.checks.decimals.Ok());
  CHECK(result.checks.unicode.total == 4);  // the probe patient's names and maiden name
  CHECK(result.checks.extensions.Ok());
}

TEST_CASE("Server-added meta and key order are not differences") {
  FidelityDiff diff(3);
  diff.AddSent(R"({"resourceType":"Basic","id":"b","code":{"text":"t"},"meta":{"lastUpdated":"2025-01-01T00:00:00Z"}})");
  diff.AddReceived(R"({"meta":{"versionId":"7","lastUpdated":"2025-01-01T00:00:00Z","author":{"reference":"x"}},)"
                   R"("code":{"text":"t"},"id":"b","resourceType":"Basic"})");
  FidelityResult result = diff.Finish();
  CHECK(result.paths.empty());
  CHECK(result.checks.last_updated.Ok());
}

TEST_CASE("The rewriting proxy's changes are found exactly, and nothing else") {
  std::vector<Resource> population = MakePopulation({3, 7, ""});
  FidelityDiff diff(2);
  std::uint64_t decimals_150 = 0;
  for (const Resource& resource : population) {
    diff.AddSent(resource.json);
    diff.AddReceived(Rewrite(resource.json));
    if (resource.json.find("\"value\":1.50,") != std::string::npos) ++decimals_150;
  }
  FidelityResult result = diff.Finish();
  std::map<std::string, std::uint64_t> types = CountTypes(population);

  std::set<std::string> expected, found;
  for (const auto& [type, count] : types) {
    expected.insert(type + " " + type + ".id changed " + std::to_string(count));
    expected.insert(type + " " + type + ".meta.lastUpdated dropped " + std::to_string(count));
  }
  expected.insert(std::string("Patient Patient.extension('") + kMaidenName + "').valueString dropped 1");
  expected.insert("Observation Observation.valueQuantity.value changed " + std::to_string(decimals_150));
  for (const PathDiff& path : result.paths) {
    const LeafCounts& c = path.counts;
    std::string what = c.changed ? "changed " + std::to_string(c.changed) : "dropped " + std::to_string(c.dropped);
    CHECK(c.added == 0);
    CHECK((c.changed == 0 || c.dropped == 0));
    found.insert(path.resource_type + " " + path.path + " " + what);
  }
  CHECK(found == expected);
  CHECK(decimals_150 == 1);

  CHECK(result.checks.ids.total == population.size());
  CHECK(result.checks.ids.kept == 0);
  CHECK(result.checks.last_updated.kept == 0);
  CHECK(result.checks.decimals_precision_lost == 1);
  CHECK_FALSE(result.checks.extensions.Ok());
  CHECK(result.checks.unicode.kept == 3);  // the dropped maiden name is lost
  CHECK(result.checks.references.kept == 0);  // references still name the old ids

  const PathDiff* ids = nullptr;
  for (const PathDiff& path : result.paths) {
    if (path.path == "Patient.id") ids = &path;
  }
  REQUIRE(ids);
  CHECK(ids->examples == std::vector<std::string>{"Patient.id"});
}

TEST_CASE("Unmatched resources count as dropped and added") {
  FidelityDiff diff(5);
  diff.AddSent(R"({"resourceType":"Basic","id":"a","code":{"text":"t"}})");
  diff.AddReceived(R"({"resourceType":"Basic","id":"z","code":{"text":"t"},"meta":{"versionId":"1"}})");
  diff.AddReceived("not json");
  FidelityResult result = diff.Finish();
  CHECK(result.unreadable == 1);
  CHECK(result.types["Basic"].resources_matched == 0);
  LeafCounts total = result.Total();
  CHECK(total.dropped == 2);
  CHECK(total.added == 2);
  CHECK(result.Score() == 0.0);
}

}  // namespace ferry::evaluate
