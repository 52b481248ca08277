#include "core/evaluate/capability_statement.hpp"

#include "core/fhir/json.hpp"

namespace ferry::evaluate {

namespace {

std::string Text(const JsonValue& object, const char* key) {
  if (!object.IsObject()) return "";
  auto found = object.FindMember(key);
  if (found == object.MemberEnd() || !found->value.IsString() || IsRawNumber(found->value)) return "";
  return std::string(found->value.GetString(), found->value.GetStringLength());
}

const JsonValue* Array(const JsonValue& object, const char* key) {
  if (!object.IsObject()) return nullptr;
  auto found = object.FindMember(key);
  return found != object.MemberEnd() && found->value.IsArray() ? &found->value : nullptr;
}

void ReadOperations(const JsonValue& owner, CapabilityStatement& statement) {
  const JsonValue* operations = Array(owner, "operation");
  if (!operations) return;
  for (const JsonValue& operation : operations->GetArray()) {
    std::string name = Text(operation, "name");
    std::string definition = Text(operation, "definition");
    if (name == "export" || definition.find("/export") != std::string::npos) statement.bulk_export = true;
    if (name == "import" || definition.find("/import") != std::string::npos) statement.bulk_import = true;
  }
}

void ReadResource(const JsonValue& resource, CapabilityStatement& statement) {
  std::string type = Text(resource, "type");
  if (type.empty()) return;
  std::set<std::string>& codes = statement.interactions[type];
  if (const JsonValue* interactions = Array(resource, "interaction")) {
    for (const JsonValue& interaction : interactions->GetArray()) codes.insert(Text(interaction, "code"));
  }
  if (const JsonValue* params = Array(resource, "searchParam")) statement.search_params += params->Size();
  ReadOperations(resource, statement);
}

void ReadRest(const JsonValue& rest, CapabilityStatement& statement) {
  if (const JsonValue* interactions = Array(rest, "interaction")) {
    for (const JsonValue& interaction : interactions->GetArray()) {
      std::string code = Text(interaction, "code");
      statement.batch = statement.batch || code == "batch";
      statement.transaction = statement.transaction || code == "transaction";
    }
  }
  ReadOperations(rest, statement);
  if (const JsonValue* resources = Array(rest, "resource")) {
    for (const JsonValue& resource : resources->GetArray()) ReadResource(resource, statement);
  }
}

}  // namespace

Result<CapabilityStatement> ParseCapabilityStatement(std::string_view json) {
  JsonDocument doc;
  if (auto parsed = ParseJson(json, doc); !parsed) return Failure("the CapabilityStatement is not JSON: " + parsed.error());
  if (Text(doc, "resourceType") != "CapabilityStatement") return Failure("/metadata did not return a CapabilityStatement");
  CapabilityStatement statement;
  statement.fhir_version = Text(doc, "fhirVersion");
  if (doc.HasMember("software")) statement.software = Text(doc["software"], "name");
  if (const JsonValue* rests = Array(doc, "rest")) {
    for (const JsonValue& rest : rests->GetArray()) {
      if (Text(rest, "mode") == "server") ReadRest(rest, statement);
    }
  }
  return statement;
}

}  // namespace ferry::evaluate
