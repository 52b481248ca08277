#include "core/pipeline/plan_overview.hpp"

#include <algorithm>
#include <sstream>

#include "core/common/strings.hpp"
#include "core/pipeline/plan_parts.hpp"

namespace ferry {

namespace {

std::string Describe(const AdapterConfig& config) {
  std::string path = config.GetString("path");
  return path.empty() ? config.adapter : config.adapter + " (" + path + ")";
}

bool Contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

StreamOverview DescribeStream(SourceParts& parts, const std::string& stream) {
  StreamOverview overview;
  overview.stream = stream;
  overview.records = parts.source->CountRecords(stream);
  if (!parts.mapper) return overview;
  for (const auto& rule : parts.spec->rules) {
    if (rule.from == stream && (parts.wanted_types.empty() || parts.wanted_types.count(rule.to)))
      overview.rules.push_back(rule.name + ": " + rule.from + " -> " + rule.to);
  }
  std::vector<std::string> columns = parts.source->Columns(stream);
  std::vector<std::string> read = parts.mapper->ColumnsRead(stream);
  for (const auto& column : columns) {
    if (!Contains(read, column)) overview.unread_columns.push_back(column);
  }
  for (const auto& column : read) {
    if (!columns.empty() && !Contains(columns, column)) overview.missing_columns.push_back(column);
  }
  return overview;
}

}  // namespace

PlanOverview DescribePlan(const Plan& plan, const std::vector<std::string>& only_types) {
  SourceParts parts = OpenSourceParts(plan, only_types);
  PlanOverview overview;
  overview.plan_name = plan.name;
  overview.source = Describe(plan.source);
  overview.mapping = plan.mapping_path;
  overview.target = Describe(plan.target) + ", write: upsert";
  overview.resource_types.assign(parts.wanted_types.begin(), parts.wanted_types.end());
  for (const auto& stream : parts.streams) overview.streams.push_back(DescribeStream(parts, stream));
  overview.state_path = plan.state_path;
  overview.dead_letter_path = plan.dead_letter_path;
  return overview;
}

std::string RenderPlanOverview(const PlanOverview& overview) {
  std::ostringstream out;
  out << "plan " << overview.plan_name << "\n";
  out << "  source:      " << overview.source << "\n";
  if (!overview.mapping.empty()) out << "  mapping:     " << overview.mapping << "\n";
  out << "  target:      " << overview.target << "\n";
  out << "  types:       " << (overview.resource_types.empty() ? "all" : Join(overview.resource_types, ", ")) << "\n";
  out << "  state:       " << overview.state_path << "\n";
  out << "  dead-letter: " << overview.dead_letter_path << "\n";
  for (const auto& stream : overview.streams) {
    out << "\nstream " << stream.stream << ": "
        << (stream.records ? std::to_string(*stream.records) + " records" : std::string("count unknown")) << "\n";
    for (const auto& rule : stream.rules) out << "  rule " << rule << "\n";
    if (!stream.unread_columns.empty()) out << "  columns no rule reads: " << Join(stream.unread_columns, ", ") << "\n";
    if (!stream.missing_columns.empty())
      out << "  columns rules read but the source lacks: " << Join(stream.missing_columns, ", ") << "\n";
  }
  return out.str();
}

}  // namespace ferry
