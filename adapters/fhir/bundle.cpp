#include "adapters/fhir/bundle.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdlib>

#include "adapters/fhir/operation_outcome.hpp"
#include "adapters/fhir/references.hpp"
#include "core/fhir/json.hpp"

namespace ferry::fhir {

namespace {

std::string Quote(std::string_view text) {
  rapidjson::StringBuffer buffer;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
  return {buffer.GetString(), buffer.GetSize()};
}

void AppendEntry(const BundleEntry& entry, std::string& out) {
  out += '{';
  if (!entry.full_url.empty()) out += "\"fullUrl\":" + Quote(entry.full_url) + ',';
  if (!entry.resource.empty()) out += "\"resource\":" + entry.resource + ',';
  out += "\"request\":{\"method\":" + Quote(entry.method) + ",\"url\":" + Quote(entry.url);
  if (!entry.if_none_exist.empty()) out += ",\"ifNoneExist\":" + Quote(entry.if_none_exist);
  out += "}}";
}

std::string StringMember(const JsonValue& object, const char* name) {
  if (!object.IsObject() || !object.HasMember(name) || !object[name].IsString() || IsRawNumber(object[name])) return "";
  return object[name].GetString();
}

/// `Patient/abc/_history/1`, `https://host/fhir/Patient/abc` -> type and id.
void FromLocation(const std::string& location, EntryResult& result) {
  if (location.empty()) return;
  ParsedReference ref = ParseReference(location);
  if (ref.type.empty()) return;
  result.type = ref.type;
  result.id = ref.id;
}

EntryResult ReadEntry(const JsonValue& entry) {
  EntryResult result;
  const JsonValue* outcome = nullptr;
  if (entry.IsObject() && entry.HasMember("response") && entry["response"].IsObject()) {
    const JsonValue& response = entry["response"];
    result.status = std::strtol(StringMember(response, "status").c_str(), nullptr, 10);
    FromLocation(StringMember(response, "location"), result);
    if (response.HasMember("outcome")) outcome = &response["outcome"];
  }
  if (entry.IsObject() && entry.HasMember("resource") && entry["resource"].IsObject()) {
    const JsonValue& resource = entry["resource"];
    if (StringMember(resource, "resourceType") == "OperationOutcome") {
      outcome = &resource;
    } else if (result.id.empty()) {
      result.type = StringMember(resource, "resourceType");
      result.id = StringMember(resource, "id");
    }
  }
  if (result.status >= 400 || result.status == 0) result.error = OutcomeText(result.status, outcome);
  return result;
}

}  // namespace

std::string BuildBundle(BundleKind kind, const std::vector<BundleEntry>& entries) {
  std::string out = "{\"resourceType\":\"Bundle\",\"type\":";
  out += kind == BundleKind::kBatch ? "\"batch\"" : "\"transaction\"";
  out += ",\"entry\":[";
  for (std::size_t entry_idx = 0; entry_idx < entries.size(); ++entry_idx) {
    if (entry_idx) out += ',';
    AppendEntry(entries[entry_idx], out);
  }
  out += "]}";
  return out;
}

Result<std::vector<EntryResult>> ParseBundleResponse(std::string_view json, std::size_t expected) {
  JsonDocument doc;
  if (auto parsed = ParseJson(json, doc); !parsed) return Failure("bundle response: " + parsed.error());
  if (StringMember(doc, "resourceType") != "Bundle") return Failure("bundle response is not a Bundle");
  std::vector<EntryResult> results;
  if (doc.HasMember("entry") && doc["entry"].IsArray()) {
    for (const auto& entry : doc["entry"].GetArray()) results.push_back(ReadEntry(entry));
  }
  if (results.size() != expected)
    return Failure("bundle response has " + std::to_string(results.size()) + " entries for " +
                   std::to_string(expected) + " requests");
  return results;
}

}  // namespace ferry::fhir
