#include "core/evaluate/population.hpp"

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "core/common/error.hpp"
#include "core/evaluate/element_leaves.hpp"
#include "core/fhir/json.hpp"
#include "core/synth/synth.hpp"

namespace ferry::evaluate {

namespace fs = std::filesystem;

namespace {

// Synthetic probes (no real person): the questions the synth data does not ask.
constexpr const char* kProbePatient =
    R"({"resourceType":"Patient","id":"eval-probe-patient","extension":[{"url":)"
    R"("http://hl7.org/fhir/StructureDefinition/patient-mothersMaidenName","valueString":"Ødegård"}],)"
    R"("name":[{"family":"Ødegård-Łukasiewicz","given":["Zoë","美咲"]}],"gender":"unknown","birthDate":"1970-01-01"})";
constexpr const char* kProbeObservation =
    R"({"resourceType":"Observation","id":"eval-probe-observation","status":"final","code":{"coding":[)"
    R"({"system":"http://loinc.org","code":"29463-7","display":"Body weight"}]},)"
    R"("subject":{"reference":"Patient/eval-probe-patient"},"effectiveDateTime":"2025-05-31T08:00:00Z",)"
    R"("valueQuantity":{"value":1.50,"unit":"kg","system":"http://unitsofmeasure.org","code":"kg"}})";

/// A scratch directory removed when the object goes away.
class ScratchDir {
 public:
  ScratchDir() {
    path_ = fs::temp_directory_path() / ("ferry-evaluate-" + std::to_string(::getpid()));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string Text(const JsonValue& value) { return std::string(value.GetString(), value.GetStringLength()); }

void SetMember(JsonValue& object, const char* key, JsonValue value, JsonAllocator& allocator) {
  auto found = object.FindMember(key);
  if (found != object.MemberEnd()) found->value = std::move(value);
  else object.AddMember(JsonValue(key, allocator), std::move(value), allocator);
}

/// Prefixes the `Type/id` references that name one of `ids`.
void PrefixReferences(JsonValue& value, const std::set<std::string>& ids, const std::string& prefix,
                      JsonAllocator& allocator) {
  if (value.IsArray()) {
    for (auto& item : value.GetArray()) PrefixReferences(item, ids, prefix, allocator);
  }
  if (!value.IsObject()) return;
  for (auto& member : value.GetObject()) {
    if (Text(member.name) == "reference" && member.value.IsString() && !IsRawNumber(member.value)) {
      std::string target = Text(member.value);
      std::size_t slash = target.find('/');
      if (slash != std::string::npos && ids.count(target))
        member.value = MakeString(target.substr(0, slash + 1) + prefix + target.substr(slash + 1), allocator);
      continue;
    }
    PrefixReferences(member.value, ids, prefix, allocator);
  }
}

/// Sets meta.lastUpdated (unless kept) and the evaluation tag to `key`.
void SetMeta(JsonDocument& doc, const std::string& key, bool set_last_updated) {
  JsonAllocator& allocator = doc.GetAllocator();
  if (!doc.HasMember("meta") || !doc["meta"].IsObject()) SetMember(doc, "meta", JsonValue(rapidjson::kObjectType), allocator);
  JsonValue& meta = doc["meta"];
  if (set_last_updated) SetMember(meta, "lastUpdated", MakeString(kSentLastUpdated, allocator), allocator);
  JsonValue tag(rapidjson::kObjectType);
  tag.AddMember("system", MakeString(kEvalTagSystem, allocator), allocator);
  tag.AddMember("code", MakeString(key, allocator), allocator);
  JsonValue tags(rapidjson::kArrayType);
  tags.PushBack(tag, allocator);
  SetMember(meta, "tag", std::move(tags), allocator);
}

std::string Prepare(const std::string& json, const std::set<std::string>& ids, const std::string& prefix,
                    bool set_last_updated) {
  JsonDocument doc;
  if (!ParseJson(json, doc) || !doc.IsObject()) throw IoError("evaluate: a population resource is not JSON");
  JsonAllocator& allocator = doc.GetAllocator();
  std::string type = Text(doc["resourceType"]);
  std::string id = prefix + Text(doc["id"]);
  SetMember(doc, "id", MakeString(id, allocator), allocator);
  PrefixReferences(doc, ids, prefix, allocator);
  SetMeta(doc, type + "/" + id, set_last_updated);
  return WriteJson(doc);
}

std::vector<std::string> ReadSynth(std::uint64_t patients, std::uint64_t seed) {
  ScratchDir scratch;
  SynthOptions options;
  options.patients = patients;
  options.seed = seed;
  options.out_dir = scratch.path().string();
  options.write_csv = false;
  SynthResult written = WriteSynthPopulation(options);
  std::vector<std::string> lines;
  for (const auto& [type, count] : written.fhir_counts) {
    std::ifstream in(scratch.path() / "fhir" / (type + ".ndjson"));
    for (std::string line; std::getline(in, line);) {
      if (!line.empty()) lines.push_back(line);
    }
  }
  return lines;
}

std::set<std::string> KeysOf(const std::vector<std::string>& lines) {
  std::set<std::string> keys;
  for (const std::string& line : lines) {
    JsonDocument doc;
    if (ParseJson(line, doc) && doc.IsObject() && doc.HasMember("id"))
      keys.insert(Text(doc["resourceType"]) + "/" + Text(doc["id"]));
  }
  return keys;
}

}  // namespace

Resource MakeResource(std::string json) {
  JsonDocument doc;
  if (!ParseJson(json, doc) || !doc.IsObject()) throw IoError("evaluate: a resource it made is not JSON");
  Resource resource;
  resource.resource_type = Text(doc["resourceType"]);
  resource.id = Text(doc["id"]);
  resource.digest = Sha256Of(json);
  resource.json = std::move(json);
  return resource;
}

std::vector<Resource> MakePopulation(const PopulationOptions& options) {
  std::vector<std::string> lines = ReadSynth(options.patients, options.seed);
  lines.push_back(kProbePatient);
  lines.push_back(kProbeObservation);
  std::set<std::string> keys = KeysOf(lines);
  std::vector<Resource> population;
  population.reserve(lines.size());
  for (const std::string& line : lines) population.push_back(MakeResource(Prepare(line, keys, options.id_prefix, true)));
  return population;
}

std::vector<Resource> Relabel(const std::vector<Resource>& population, const std::string& prefix) {
  std::set<std::string> keys;
  for (const Resource& resource : population) keys.insert(resource.resource_type + "/" + resource.id);
  std::vector<Resource> copy;
  copy.reserve(population.size());
  for (const Resource& resource : population) copy.push_back(MakeResource(Prepare(resource.json, keys, prefix, false)));
  return copy;
}

}  // namespace ferry::evaluate
