#include "core/pipeline/provenance.hpp"

#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include "core/common/clock.hpp"
#include "core/common/error.hpp"
#include "core/common/file_text.hpp"
#include "core/common/hash.hpp"

namespace ferry {

namespace {

constexpr std::string_view kIdPrefix = "ferry-prov-";
constexpr const char* kPlanSystem = "urn:ferry:plan-sha256";

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void String(Writer& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void Member(Writer& writer, const char* key, std::string_view text) {
  writer.Key(key);
  String(writer, text);
}

void Agent(Writer& writer, const ProvenanceContext& context) {
  writer.Key("agent");
  writer.StartArray();
  writer.StartObject();
  writer.Key("type");
  writer.StartObject();
  writer.Key("coding");
  writer.StartArray();
  writer.StartObject();
  Member(writer, "system", "http://terminology.hl7.org/CodeSystem/provenance-participant-type");
  Member(writer, "code", "assembler");
  writer.EndObject();
  writer.EndArray();
  writer.EndObject();
  writer.Key("who");
  writer.StartObject();
  Member(writer, "display", "ferry " + context.ferry_version);
  writer.EndObject();
  writer.EndObject();
  writer.EndArray();
}

void Entity(Writer& writer, const ProvenanceContext& context) {
  writer.Key("entity");
  writer.StartArray();
  writer.StartObject();
  Member(writer, "role", "source");
  writer.Key("what");
  writer.StartObject();
  writer.Key("identifier");
  writer.StartObject();
  Member(writer, "system", kPlanSystem);
  Member(writer, "value", context.plan_sha256);
  writer.EndObject();
  Member(writer, "display", context.source);
  writer.EndObject();
  writer.EndObject();
  writer.EndArray();
}

}  // namespace

ProvenanceContext ProvenanceContextOf(const Plan& plan) {
  ProvenanceContext context;
  context.plan_sha256 = Sha256Hex(ReadFileText(plan.path).value_or(""));
  context.source = plan.source.adapter + " source";
  if (plan.source.Has("path")) context.source += " " + plan.source.GetString("path");
  context.source += " (plan " + plan.name + ")";
  context.ferry_version = FERRY_VERSION;
  return context;
}

std::string ProvenanceJson(const ProvenanceContext& context, std::string_view id,
                           const std::vector<std::string>& targets, std::string_view recorded) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.StartObject();
  Member(writer, "resourceType", "Provenance");
  Member(writer, "id", id);
  writer.Key("target");
  writer.StartArray();
  for (const auto& target : targets) {
    writer.StartObject();
    Member(writer, "reference", target);
    writer.EndObject();
  }
  writer.EndArray();
  Member(writer, "recorded", recorded);
  writer.Key("policy");
  writer.StartArray();
  String(writer, std::string(kPlanSystem) + ":" + context.plan_sha256);
  writer.EndArray();
  Agent(writer, context);
  Entity(writer, context);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize());
}

bool IsFerryProvenance(std::string_view resource_type, std::string_view id) {
  return resource_type == "Provenance" && id.substr(0, kIdPrefix.size()) == kIdPrefix;
}

void ProvenanceWriter::AfterBatch(const std::vector<const Resource*>& written, const std::string& cursor) {
  if (written.empty()) return;
  std::vector<std::string> targets;
  targets.reserve(written.size());
  for (const Resource* resource : written) targets.push_back(resource->resource_type + "/" + resource->id);
  std::string recorded = NowInstant();
  Resource provenance;
  provenance.resource_type = "Provenance";
  provenance.id = std::string(kIdPrefix) + Sha256Hex(context_.plan_sha256 + "\n" + cursor + "\n" + recorded).substr(0, 40);
  provenance.json = ProvenanceJson(context_, provenance.id, targets, recorded);
  provenance.digest = Sha256Of(provenance.json);
  provenance.location.file = "provenance";
  std::vector<WriteOutcome> outcomes = sink_.Write(std::span<const Resource>(&provenance, 1));
  if (outcomes.empty() || outcomes.front().status == WriteStatus::kFailed)
    throw IoError("the target refused a Provenance resource: " +
                  (outcomes.empty() ? std::string("no outcome") : outcomes.front().error));
  ++count_;
}

}  // namespace ferry
