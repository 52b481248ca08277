#include "core/synth/fhir_json.hpp"

#include "core/common/hash.hpp"
#include "core/synth/csv_writer.hpp"

namespace ferry::synth {

namespace {

rapidjson::SizeType Size(std::string_view text) {
  return static_cast<rapidjson::SizeType>(text.size());
}

}  // namespace

std::string ResourceId(std::string_view resource_type,
                       std::initializer_list<std::string_view> key) {
  std::string name(kSyntheaSystem);
  name += '|';
  name += resource_type;
  for (std::string_view part : key) {
    name += '|';
    name += part;
  }
  return Uuid5(kFerryUuidNamespace, name);
}

std::string ReferenceTo(std::string_view resource_type, std::string_view key) {
  return std::string(resource_type) + "/" + ResourceId(resource_type, {key});
}

std::string Cell(std::string_view text) { return CleanCell(text); }

std::string_view Cell(std::string_view text, std::string& scratch) {
  if (!NeedsCleaning(text)) return text;
  scratch = CleanCell(text);
  return scratch;
}

FhirJson::FhirJson() : writer_(buffer_) {}

void FhirJson::Begin(std::string_view resource_type, std::string_view id) {
  buffer_.Clear();
  writer_.Reset(buffer_);
  writer_.StartObject();
  Member("resourceType", resource_type);
  Member("id", id);
}

std::string_view FhirJson::Finish() {
  writer_.EndObject();
  return std::string_view(buffer_.GetString(), buffer_.GetSize());
}

void FhirJson::Key(std::string_view key) { writer_.Key(key.data(), Size(key)); }
void FhirJson::String(std::string_view text) { writer_.String(text.data(), Size(text)); }
void FhirJson::Number(std::string_view text) {
  writer_.RawValue(text.data(), text.size(), rapidjson::kNumberType);
}
void FhirJson::Bool(bool value) { writer_.Bool(value); }
void FhirJson::StartObject() { writer_.StartObject(); }
void FhirJson::EndObject() { writer_.EndObject(); }
void FhirJson::StartArray() { writer_.StartArray(); }
void FhirJson::EndArray() { writer_.EndArray(); }

void FhirJson::Member(std::string_view key, std::string_view text) {
  if (text.empty()) return;
  Key(key);
  String(text);
}

void FhirJson::Coding(std::string_view system, std::string_view code, std::string_view display) {
  StartObject();
  Member("system", system);
  Member("code", code);
  Member("display", display);
  EndObject();
}

void FhirJson::Concept(std::string_view key, std::string_view system, std::string_view code,
                       std::string_view display) {
  if (code.empty()) return;
  Key(key);
  StartObject();
  Key("coding");
  StartArray();
  Coding(system, code, display);
  EndArray();
  Member("text", display);
  EndObject();
}

void FhirJson::Concept(std::string_view key, const Code& code) {
  Concept(key, SystemUri(code.system), code.code, Cell(code.display, scratch_));
}

void FhirJson::ReasonCode(const Code* code) {
  if (code == nullptr) return;
  Key("reasonCode");
  StartArray();
  StartObject();
  Key("coding");
  StartArray();
  Coding(SystemUri(code->system), code->code, Cell(code->display, scratch_));
  EndArray();
  EndObject();
  EndArray();
}

void FhirJson::Reference(std::string_view key, std::string_view reference) {
  if (reference.empty()) return;
  Key(key);
  StartObject();
  Member("reference", reference);
  EndObject();
}

void FhirJson::Status(std::string_view key, std::string_view system, std::string_view code) {
  Key(key);
  StartObject();
  Key("coding");
  StartArray();
  Coding(system, code, "");
  EndArray();
  EndObject();
}

void FhirJson::Period(std::string_view key, std::string_view start, std::string_view end) {
  if (start.empty() && end.empty()) return;
  Key(key);
  StartObject();
  Member("start", start);
  Member("end", end);
  EndObject();
}

}  // namespace ferry::synth
