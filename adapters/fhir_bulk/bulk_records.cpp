#include "adapters/fhir_bulk/bulk_records.hpp"

#include "adapters/ndjson/deleted_file.hpp"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

namespace ferry::fhir_bulk {

namespace {

std::string Member(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return "";
  auto it = object.FindMember(name);
  return it != object.MemberEnd() && it->value.IsString() ? it->value.GetString() : "";
}

/// The member `name` of `object`, or null when `object` is not an object or lacks it.
const rapidjson::Value* Find(const rapidjson::Value& object, const char* name) {
  if (!object.IsObject()) return nullptr;
  auto it = object.FindMember(name);
  return it == object.MemberEnd() ? nullptr : &it->value;
}

RawRecord Base(const std::string& stream, const std::string& label, const ndjson::Line& line) {
  RawRecord record;
  record.stream = stream;
  record.location.file = label;
  record.location.line = line.number;
  return record;
}

/// `error, processing at Patient.birthDate; warning, informational` from the issues.
std::string IssueSummary(const rapidjson::Value& outcome) {
  std::string summary;
  auto issues = outcome.FindMember("issue");
  if (issues == outcome.MemberEnd() || !issues->value.IsArray()) return "no issues";
  for (const auto& issue : issues->value.GetArray()) {
    if (!summary.empty()) summary += "; ";
    summary += Member(issue, "severity") + ", " + Member(issue, "code");
    const rapidjson::Value* expression = Find(issue, "expression");
    if (expression && expression->IsArray() && !expression->Empty() && (*expression)[0].IsString())
      summary += std::string(" at ") + (*expression)[0].GetString();
  }
  return summary.empty() ? "no issues" : summary;
}

void AppendError(const ManifestFile& file, const std::string& label, const ndjson::Line& line,
                 std::vector<RawRecord>& out) {
  RawRecord record = Base(file.type.empty() ? "OperationOutcome" : file.type, label, line);
  record.payload.assign(line.text);
  rapidjson::Document doc;
  doc.Parse(line.text.data(), line.text.size());
  if (!line.error.empty()) record.read_error = line.error;
  else if (doc.HasParseError() || !doc.IsObject()) record.read_error = "$export error file: a line that is not JSON";
  else record.read_error = "$export error file: the server could not export a resource (" + IssueSummary(doc) + ")";
  out.push_back(std::move(record));
}

}  // namespace

std::string FileLabel(const ManifestFile& file, std::size_t index_in_kind) {
  return std::string("$export ") + FileKindName(file.kind) + "[" + std::to_string(index_in_kind) + "] " +
         (file.type.empty() ? "file" : file.type);
}

void AppendRecords(const ManifestFile& file, const std::string& label, const ndjson::Line& line,
                   std::vector<RawRecord>& out) {
  switch (file.kind) {
    case FileKind::kOutput: {
      RawRecord record = Base(file.type, label, line);
      record.payload.assign(line.text);
      record.read_error = line.error;
      out.push_back(std::move(record));
      return;
    }
    case FileKind::kError:
      AppendError(file, label, line, out);
      return;
    case FileKind::kDeleted:
      ndjson::AppendDeleteRecords(line, label, "$export deleted file", out);
      return;
  }
}

}  // namespace ferry::fhir_bulk
