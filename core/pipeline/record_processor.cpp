#include "core/pipeline/record_processor.hpp"

#include <chrono>

#include "core/fhir/streaming_validator.hpp"
#include "core/pipeline/dead_letter.hpp"
#include "core/state/state_store.hpp"

namespace ferry {

namespace {

constexpr std::size_t kMaxIssuesInMessage = 5;

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

/// "A; B; C (and 4 more)" from the errors among `issues`.
std::string DescribeIssues(const std::vector<ValidationIssue>& issues) {
  std::string message;
  std::size_t errors = 0;
  for (const auto& issue : issues) {
    if (issue.severity != Severity::kError) continue;
    if (errors < kMaxIssuesInMessage) message += (errors ? "; " : "") + issue.ToString();
    ++errors;
  }
  if (errors > kMaxIssuesInMessage) message += " (and " + std::to_string(errors - kMaxIssuesInMessage) + " more)";
  return message;
}

std::string StringMember(const JsonValue& doc, const char* name) {
  if (!doc.IsObject()) return "";
  auto it = doc.FindMember(name);
  if (it == doc.MemberEnd() || !it->value.IsString() || IsRawNumber(it->value)) return "";
  return std::string(it->value.GetString(), it->value.GetStringLength());
}

}  // namespace

void MarkDead(ProcessedItem& item, const RawRecord& record, std::string_view stage, std::string error,
              std::string_view resource_json) {
  item.kind = ProcessedItem::Kind::kDead;
  DeadLetterEntry entry{stage, error, item.rule, item.resource_type, &record, resource_json};
  item.dead_letter = RenderDeadLetter(entry);
  item.failure = {std::string(stage), record.location.ToString(), std::move(error)};
}

std::vector<ElementChange> ElementChangesOf(const transform::ChangeCounts& counts) {
  std::vector<ElementChange> changes;
  for (const auto& [key, count] : counts) changes.push_back({key.first, key.second, count});
  return changes;
}

RecordProcessor::RecordProcessor(const MappingSpec* spec, const Mapper* mapper, const Validator& validator,
                                 std::set<std::string> wanted_types, const transform::TransformChain* transforms)
    : mapper_(mapper),
      validator_(validator),
      wanted_types_(std::move(wanted_types)),
      transforms_(transforms && !transforms->empty() ? transforms : nullptr) {
  if (!spec) return;
  for (const auto& rule : spec->rules) {
    if (Wanted(rule.to) && !first_rule_.count(rule.from)) first_rule_[rule.from] = &rule;
  }
}

bool RecordProcessor::Wanted(const std::string& resource_type) const {
  return wanted_types_.empty() || wanted_types_.count(resource_type) != 0;
}

void RecordProcessor::Process(const RawRecord& record, std::vector<ProcessedItem>& out, double& map_seconds,
                              double& validate_seconds) const {
  Dispatch(record, nullptr, out, map_seconds, validate_seconds);
}

void RecordProcessor::Process(RawRecord&& record, std::vector<ProcessedItem>& out, double& map_seconds,
                              double& validate_seconds) const {
  Dispatch(record, &record, out, map_seconds, validate_seconds);
}

void RecordProcessor::Dispatch(const RawRecord& record, RawRecord* owned, std::vector<ProcessedItem>& out,
                               double& map_seconds, double& validate_seconds) const {
  if (!record.read_error.empty()) {
    ProcessedItem item;
    item.resource_type = record.stream;
    if (auto it = first_rule_.find(record.stream); it != first_rule_.end()) {
      item.resource_type = it->second->to;
      item.rule = it->second->name;
    }
    MarkDead(item, record, "read", record.read_error);
    out.push_back(std::move(item));
    return;
  }
  if (record.is_delete()) ProcessDelete(record, out);
  else if (mapper_) ProcessRow(record, out, map_seconds, validate_seconds);
  else ProcessDocument(record, owned, out, validate_seconds);
}

void RecordProcessor::ProcessDelete(const RawRecord& record, std::vector<ProcessedItem>& out) const {
  ProcessedItem item;
  item.resource_type = record.stream;
  if (!validator_.IsResourceType(record.stream)) {
    MarkDead(item, record, "read", "a delete of '" + record.stream + "', which is not an R4 resource type");
    out.push_back(std::move(item));
    return;
  }
  item.kind = Wanted(record.stream) ? ProcessedItem::Kind::kDelete : ProcessedItem::Kind::kFiltered;
  item.resource.resource_type = record.stream;
  item.resource.id = record.delete_id;
  item.resource.location = record.location;
  item.record_key = RecordKey(record.stream, record.delete_id);
  out.push_back(std::move(item));
}

void RecordProcessor::ProcessDocument(const RawRecord& record, RawRecord* owned, std::vector<ProcessedItem>& out,
                                      double& validate_seconds) const {
  thread_local StreamingValidator streaming;  // one per worker thread, reused line after line
  auto start = std::chrono::steady_clock::now();
  ProcessedItem item;
  item.resource_type = record.stream;
  StreamedResource checked = streaming.Check(record.payload);
  if (!checked.parsed) {
    MarkDead(item, record, "read", std::move(checked.parse_error));
  } else {
    if (!checked.resource_type.empty()) item.resource_type = checked.resource_type;
    if (!Wanted(item.resource_type)) item.kind = ProcessedItem::Kind::kFiltered;
    else Finish(record, checked.issues, std::move(checked.id), record.payload, owned ? &owned->payload : nullptr,
                owned ? &owned->location : nullptr, item);
  }
  validate_seconds += SecondsSince(start);
  out.push_back(std::move(item));
}

void RecordProcessor::ProcessRow(const RawRecord& record, std::vector<ProcessedItem>& out, double& map_seconds,
                                 double& validate_seconds) const {
  auto start = std::chrono::steady_clock::now();
  std::vector<MappedResource> mapped;
  mapper_->Map(record, mapped);
  map_seconds += SecondsSince(start);
  for (auto& result : mapped) {
    if (!Wanted(result.resource_type)) continue;
    ProcessedItem item;
    item.resource_type = result.resource_type;
    item.rule = result.rule ? result.rule->name : "";
    if (result.outcome == MappedResource::Outcome::kFiltered) {
      item.kind = ProcessedItem::Kind::kFiltered;
    } else if (result.outcome == MappedResource::Outcome::kFailed) {
      MarkDead(item, record, "map", result.error);
    } else {
      auto validate_start = std::chrono::steady_clock::now();
      const JsonDocument& doc = *result.resource;
      std::string json = WriteJson(doc);
      Finish(record, validator_.Validate(doc), StringMember(doc, "id"), json, &json, nullptr, item);
      validate_seconds += SecondsSince(validate_start);
    }
    out.push_back(std::move(item));
  }
}

void RecordProcessor::Finish(const RawRecord& record, const std::vector<ValidationIssue>& issues, std::string id,
                             const std::string& json, std::string* take_json, SourceLocation* take_location,
                             ProcessedItem& item) const {
  std::string errors = DescribeIssues(issues);
  if (!errors.empty()) {
    MarkDead(item, record, "validate", errors, json);
    return;
  }
  if (id.empty()) {
    MarkDead(item, record, "validate",
             item.resource_type + ".id: required by ferry to write idempotently; give the rule a 'key'", json);
    return;
  }
  std::string transformed;
  if (transforms_) {
    if (!Transform(record, json, &transformed, &id, item)) return;
    take_json = &transformed;
  }
  item.kind = ProcessedItem::Kind::kResource;
  item.resource.resource_type = item.resource_type;
  item.resource.id = std::move(id);
  item.record_key = RecordKey(item.resource.resource_type, item.resource.id);
  item.resource.digest = Sha256Of(take_json ? *take_json : json);
  item.resource.json = take_json ? std::move(*take_json) : json;
  item.resource.location = take_location ? std::move(*take_location) : record.location;
}

bool RecordProcessor::Transform(const RawRecord& record, const std::string& json, std::string* out, std::string* id,
                                ProcessedItem& item) const {
  JsonDocument doc;
  if (auto parsed = ParseJson(json, doc); !parsed) {
    MarkDead(item, record, "transform", parsed.error());
    return false;
  }
  transforms_->Apply(doc);
  *out = WriteJson(doc);
  std::string errors = DescribeIssues(validator_.Validate(doc));
  if (!errors.empty()) {
    MarkDead(item, record, "transform", "invalid after the transforms: " + errors, *out);
    return false;
  }
  *id = StringMember(doc, "id");
  return true;
}

}  // namespace ferry
