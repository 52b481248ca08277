#include "adapters/fhir/operation_outcome.hpp"

#include <vector>

namespace ferry::fhir {

namespace {

constexpr std::size_t kMaxIssues = 5;

std::string StringMember(const JsonValue& object, const char* name) {
  if (!object.IsObject() || !object.HasMember(name) || !object[name].IsString() || IsRawNumber(object[name])) return "";
  return object[name].GetString();
}

std::string Paths(const JsonValue& issue) {
  for (const char* name : {"expression", "location"}) {
    if (!issue.HasMember(name) || !issue[name].IsArray()) continue;
    std::string paths;
    for (const auto& path : issue[name].GetArray()) {
      if (!path.IsString() || IsRawNumber(path)) continue;
      paths += (paths.empty() ? "" : ", ") + std::string(path.GetString());
    }
    if (!paths.empty()) return paths;
  }
  return "";
}

std::string IssueText(const JsonValue& issue) {
  std::string code = StringMember(issue, "code");
  std::string paths = Paths(issue);
  std::string text = code.empty() ? "error" : code;
  if (!paths.empty()) text += " at " + paths;
  return text;
}

bool IsOutcome(const JsonValue* outcome) {
  return outcome && outcome->IsObject() && StringMember(*outcome, "resourceType") == "OperationOutcome" &&
         outcome->HasMember("issue") && (*outcome)["issue"].IsArray();
}

}  // namespace

std::string OutcomeText(long status, const JsonValue* outcome) {
  std::string text = "HTTP " + std::to_string(status);
  if (!IsOutcome(outcome)) return text;
  std::vector<std::string> issues;
  for (const auto& issue : (*outcome)["issue"].GetArray()) {
    std::string severity = StringMember(issue, "severity");
    if (severity != "error" && severity != "fatal") continue;
    if (issues.size() == kMaxIssues) {
      issues.push_back("...");
      break;
    }
    issues.push_back(IssueText(issue));
  }
  for (std::size_t issue_idx = 0; issue_idx < issues.size(); ++issue_idx)
    text += (issue_idx == 0 ? ": " : "; ") + issues[issue_idx];
  return text;
}

std::string OutcomeText(long status, std::string_view body) {
  JsonDocument doc;
  if (body.empty() || !ParseJson(body, doc)) return OutcomeText(status, nullptr);
  return OutcomeText(status, &doc);
}

}  // namespace ferry::fhir
