#include "adapters/fhir/capability.hpp"

#include "core/fhir/json.hpp"

namespace ferry::fhir {

namespace {

bool HasString(const JsonValue& object, const char* name, std::string_view value) {
  return object.IsObject() && object.HasMember(name) && object[name].IsString() &&
         std::string_view(object[name].GetString()) == value;
}

bool AllowsSearch(const JsonValue& resource) {
  if (!resource.HasMember("interaction") || !resource["interaction"].IsArray()) return true;  // not stated: assume yes
  for (const auto& interaction : resource["interaction"].GetArray()) {
    if (HasString(interaction, "code", "search-type")) return true;
  }
  return false;
}

void AddTypes(const JsonValue& rest, Capabilities& caps) {
  if (!rest.HasMember("resource") || !rest["resource"].IsArray()) return;
  for (const auto& resource : rest["resource"].GetArray()) {
    if (!resource.IsObject() || !resource.HasMember("type") || !resource["type"].IsString()) continue;
    std::string type = resource["type"].GetString();
    caps.types[type] = AllowsSearch(resource);
    if (!resource.HasMember("searchParam") || !resource["searchParam"].IsArray()) continue;
    for (const auto& param : resource["searchParam"].GetArray()) {
      if (param.IsObject() && param.HasMember("name") && param["name"].IsString())
        caps.search_params[type].insert(param["name"].GetString());
    }
  }
}

}  // namespace

std::vector<std::string> Capabilities::TypeNames() const {
  std::vector<std::string> names;
  for (const auto& [name, searchable] : types) names.push_back(name);
  return names;
}

Result<Capabilities> ParseCapabilities(std::string_view json) {
  JsonDocument doc;
  if (auto parsed = ParseJson(json, doc); !parsed) return Failure("metadata: " + parsed.error());
  if (!HasString(doc, "resourceType", "CapabilityStatement")) return Failure("metadata is not a CapabilityStatement");
  Capabilities caps;
  if (doc.HasMember("fhirVersion") && doc["fhirVersion"].IsString()) caps.fhir_version = doc["fhirVersion"].GetString();
  if (doc.HasMember("rest") && doc["rest"].IsArray()) {
    for (const auto& rest : doc["rest"].GetArray()) {
      if (rest.IsObject() && !HasString(rest, "mode", "client")) AddTypes(rest, caps);
    }
  }
  if (caps.types.empty()) return Failure("metadata lists no resource types (CapabilityStatement.rest.resource)");
  return caps;
}

}  // namespace ferry::fhir
