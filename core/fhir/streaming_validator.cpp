#include "core/fhir/streaming_validator.hpp"

#include <rapidjson/error/en.h>

#include "core/fhir/json.hpp"
#include "core/fhir/sax_validator.hpp"

namespace ferry {

namespace {

/// What ParseJson's StringMember-style readers see: a JSON string that is not a number
/// kept as text, else "".
std::string StringMember(const JsonValue& doc, const char* name) {
  if (!doc.IsObject()) return "";
  auto member = doc.FindMember(name);
  if (member == doc.MemberEnd() || !member->value.IsString() || IsRawNumber(member->value)) {
    return "";
  }
  return std::string(member->value.GetString(), member->value.GetStringLength());
}

}  // namespace

StreamingValidator::StreamingValidator() : sax_(std::make_unique<SaxValidator>()) {}

StreamingValidator::~StreamingValidator() = default;

StreamedResource StreamingValidator::Check(std::string_view json) {
  rapidjson::ParseResult result = sax_->Parse(json);
  if (sax_->needs_document()) {
    ++document_fallbacks_;
    return CheckDocument(json);
  }
  StreamedResource checked;
  if (result.IsError()) {
    checked.parse_error = "JSON syntax error at offset " + std::to_string(result.Offset()) + ": " +
                          rapidjson::GetParseError_En(result.Code());
    return checked;
  }
  checked.parsed = true;
  checked.resource_type = sax_->resource_type();
  checked.id = sax_->id();
  checked.issues = std::move(sax_->issues());
  return checked;
}

StreamedResource StreamingValidator::CheckDocument(std::string_view json) const {
  StreamedResource checked;
  JsonDocument doc;
  if (auto parsed = ParseJson(json, doc); !parsed) {
    checked.parse_error = parsed.error();
    return checked;
  }
  checked.parsed = true;
  checked.resource_type = StringMember(doc, "resourceType");
  checked.id = StringMember(doc, "id");
  checked.issues = validator_.Validate(doc);
  return checked;
}

}  // namespace ferry
