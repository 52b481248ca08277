#include "core/report/json_report.hpp"

#include <rapidjson/prettywriter.h>
#include <rapidjson/stringbuffer.h>

#include <cmath>
#include <string_view>

#include "core/common/atomic_file.hpp"

namespace ferry {
namespace {

using Writer = rapidjson::PrettyWriter<rapidjson::StringBuffer>;

void String(Writer& writer, std::string_view text) {
  writer.String(text.data(), static_cast<rapidjson::SizeType>(text.size()));
}

void Member(Writer& writer, const char* key, std::string_view text) {
  writer.Key(key);
  String(writer, text);
}

/// A string member, or null when `text` is empty.
void MemberOrNull(Writer& writer, const char* key, std::string_view text) {
  writer.Key(key);
  if (text.empty()) {
    writer.Null();
  } else {
    String(writer, text);
  }
}

void Member(Writer& writer, const char* key, std::uint64_t count) {
  writer.Key(key);
  writer.Uint64(count);
}

void Seconds(Writer& writer, const char* key, double seconds) {
  writer.Key(key);
  writer.Double(std::round(seconds * 1000) / 1000);
}

void CountMembers(Writer& writer, const Counts& counts) {
  Member(writer, "read", counts.read);
  Member(writer, "written", counts.written);
  Member(writer, "unchanged", counts.unchanged);
  Member(writer, "filtered", counts.filtered);
  Member(writer, "dead_lettered", counts.dead);
  Member(writer, "deleted", counts.deleted);
}

void Failures(Writer& writer, const std::vector<FailureNote>& failures) {
  writer.Key("failures");
  writer.StartArray();
  for (const FailureNote& failure : failures) {
    writer.StartObject();
    Member(writer, "stage", failure.stage);
    Member(writer, "location", failure.location);
    Member(writer, "message", failure.message);
    writer.EndObject();
  }
  writer.EndArray();
}

void Types(Writer& writer, const std::vector<GroupResult>& types) {
  writer.Key("types");
  writer.StartArray();
  for (const GroupResult& type : types) {
    writer.StartObject();
    Member(writer, "type", type.name);
    CountMembers(writer, type.counts);
    Failures(writer, type.failures);
    writer.EndObject();
  }
  writer.EndArray();
}

void Rules(Writer& writer, const std::vector<GroupResult>& rules) {
  writer.Key("rules");
  writer.StartArray();
  for (const GroupResult& rule : rules) {
    writer.StartObject();
    Member(writer, "name", rule.name);
    Member(writer, "detail", rule.detail);
    CountMembers(writer, rule.counts);
    Failures(writer, rule.failures);
    writer.EndObject();
  }
  writer.EndArray();
}

void ElementChanges(Writer& writer, const std::vector<ElementChange>& changes) {
  writer.Key("deidentified");
  writer.StartArray();
  for (const ElementChange& change : changes) {
    writer.StartObject();
    Member(writer, "path", change.path);
    Member(writer, "change", change.change);
    writer.Key("count");
    writer.Uint64(change.count);
    writer.EndObject();
  }
  writer.EndArray();
}

void Totals(Writer& writer, const Counts& total) {
  writer.Key("totals");
  writer.StartObject();
  CountMembers(writer, total);
  writer.Key("balanced");
  writer.Bool(total.Balanced());
  writer.EndObject();
}

void Timing(Writer& writer, const Timings& timings) {
  writer.Key("timings");
  writer.StartObject();
  Seconds(writer, "total_seconds", timings.total_seconds);
  Seconds(writer, "read_seconds", timings.read_seconds);
  Seconds(writer, "map_seconds", timings.map_seconds);
  Seconds(writer, "validate_seconds", timings.validate_seconds);
  Seconds(writer, "write_seconds", timings.write_seconds);
  writer.EndObject();
}

/// `"key": {"inner_key": text}`, with null for an empty text.
void Nested(Writer& writer, const char* key, const char* inner_key, std::string_view text) {
  writer.Key(key);
  writer.StartObject();
  MemberOrNull(writer, inner_key, text);
  writer.EndObject();
}

void Header(Writer& writer, const RunSummary& summary) {
  writer.Key("ferry_report");
  writer.Int(1);
  writer.Key("plan");
  writer.StartObject();
  Member(writer, "name", summary.plan_name);
  Member(writer, "path", summary.plan_path);
  writer.EndObject();
  Nested(writer, "source", "adapter", summary.source_adapter);
  Nested(writer, "target", "adapter", summary.target_adapter);
  writer.Key("dry_run");
  writer.Bool(summary.dry_run);
  writer.Key("resumed");
  writer.Bool(summary.resumed);
  writer.Key("interrupted");
  writer.Bool(summary.interrupted);
  Member(writer, "fhir_version", summary.fhir_version);
  Member(writer, "ferry_version", summary.ferry_version);
}

/// `"retries": {"429": 3, ...}`; left out when nothing was retried.
void Retries(Writer& writer, const std::map<std::string, std::uint64_t>& retries) {
  if (retries.empty()) return;
  writer.Key("retries");
  writer.StartObject();
  for (const auto& [kind, count] : retries) Member(writer, kind.c_str(), count);
  writer.EndObject();
}

}  // namespace

std::string RenderJsonReport(const RunSummary& summary, bool include_timings) {
  rapidjson::StringBuffer buffer;
  Writer writer(buffer);
  writer.SetIndent(' ', 2);
  writer.StartObject();
  Header(writer, summary);
  Totals(writer, summary.total);
  Types(writer, summary.per_type);
  Rules(writer, summary.per_rule);
  Retries(writer, summary.retries);
  if (!summary.element_changes.empty()) ElementChanges(writer, summary.element_changes);
  MemberOrNull(writer, "dead_letter", summary.dead_letter_path);
  writer.Key("exit_code");
  writer.Int(summary.exit_code);
  if (include_timings) Timing(writer, summary.timings);
  writer.EndObject();
  return std::string(buffer.GetString(), buffer.GetSize()) + "\n";
}

void WriteJsonReport(const RunSummary& summary, const std::string& path) {
  WriteFileAtomically(path, RenderJsonReport(summary, true), 0600);
}

}  // namespace ferry
