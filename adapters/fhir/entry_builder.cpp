#include "adapters/fhir/entry_builder.hpp"

#include <curl/curl.h>

#include "core/common/hash.hpp"
#include "core/fhir/json.hpp"

namespace ferry::fhir {

namespace {

std::string Escape(std::string_view text) {
  char* escaped = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  std::string out = escaped ? escaped : "";
  curl_free(escaped);
  return out;
}

/// `identifier=<system>|<value>` of the first identifier with both, URL-encoded; "".
std::string IdentifierCriteria(const JsonValue& resource) {
  if (!resource.HasMember("identifier") || !resource["identifier"].IsArray()) return "";
  for (const auto& identifier : resource["identifier"].GetArray()) {
    if (!identifier.IsObject() || !identifier.HasMember("system") || !identifier.HasMember("value")) continue;
    const JsonValue& system = identifier["system"];
    const JsonValue& value = identifier["value"];
    if (!system.IsString() || !value.IsString() || IsRawNumber(system) || IsRawNumber(value)) continue;
    return "identifier=" + Escape(system.GetString()) + "|" + Escape(value.GetString());
  }
  return "";
}

/// The `Type/id` (or urn id) a reference points at inside this Write, for `waiting`.
std::string WaitingKey(const ParsedReference& ref) {
  return ref.kind == ReferenceKind::kUrn ? "urn:" + ref.id : ref.type + "/" + ref.id;
}

}  // namespace

std::string PendingUrn(const std::string& type, const std::string& source_id) {
  return "urn:uuid:" + Uuid5(kFerryUuidNamespace, "fhir-pending:" + type + "/" + source_id);
}

PreparedEntry PrepareEntry(const Resource& resource, IdMapper& ids, const PendingRefs& pending,
                           const std::set<std::string>& waiting, const ConditionalRefs& conditional) {
  PreparedEntry out;
  JsonDocument doc;
  if (auto parsed = ParseJson(resource.json, doc); !parsed || !doc.IsObject()) {
    out.state = PreparedEntry::State::kFailed;
    out.error = "resource is not a JSON object";
    return out;
  }
  bool waits = false;
  auto resolve = [&](const ParsedReference& ref) {
    if (ref.kind == ReferenceKind::kConditional) {
      auto it = conditional.find(ref.type + "?" + ref.query);
      if (it == conditional.end() || !it->second)
        return Resolution::Unresolved("conditional reference to " + ref.type +
                                      " matches no single resource on the target");
      return Resolution::Replace(*it->second);
    }
    Resolution resolution = ids.Resolve(ref, &pending);
    if (resolution.action == Resolution::Action::kUnresolved && waiting.count(WaitingKey(ref))) waits = true;
    return resolution;
  };
  std::vector<std::string> unresolved = RewriteReferences(doc, doc.GetAllocator(), resolve);
  if (waits) {
    out.state = PreparedEntry::State::kWaiting;
    return out;
  }
  if (!unresolved.empty()) {
    out.state = PreparedEntry::State::kFailed;
    out.error = unresolved.front();
    return out;
  }
  std::optional<std::string> target_id = ids.TargetId(resource.resource_type, resource.id);
  if (target_id) {
    if (doc.HasMember("id")) doc.RemoveMember("id");
    doc.AddMember("id", MakeString(*target_id, doc.GetAllocator()), doc.GetAllocator());
    out.entry.method = "PUT";
    out.entry.url = resource.resource_type + "/" + *target_id;
  } else {
    if (doc.HasMember("id")) doc.RemoveMember("id");
    out.entry.method = "POST";
    out.entry.url = resource.resource_type;
    out.entry.full_url = PendingUrn(resource.resource_type, resource.id);
    out.entry.if_none_exist = IdentifierCriteria(doc);
  }
  out.entry.resource = WriteJson(doc);
  return out;
}

}  // namespace ferry::fhir
