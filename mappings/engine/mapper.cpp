#include "mappings/engine/mapper.hpp"

#include <algorithm>

#include "mappings/engine/column_cache.hpp"
#include "mappings/engine/condition.hpp"
#include "mappings/engine/element_path.hpp"
#include "mappings/engine/value_expr.hpp"

namespace ferry {

namespace {

/// A rule with what mapping needs precomputed.
struct RulePlan {
  const MappingRule* rule = nullptr;
  std::vector<std::string> element_paths;  ///< per assignment: `Patient.name[0].family`
  std::string id_path;                     ///< `Patient.id`
  bool sets_id = false;                    ///< a `set:` entry writes `id` (no key)
};

/// The rules of one `from` stream.
struct StreamPlan {
  std::string name;
  const std::vector<std::string>* columns = nullptr;  ///< the slots' column names
  std::vector<RulePlan> rules;
};

RulePlan PlanRule(const MappingRule& rule) {
  RulePlan plan;
  plan.rule = &rule;
  plan.id_path = rule.to + ".id";
  for (const auto& assignment : rule.assignments) {
    plan.element_paths.push_back(rule.to + "." + assignment.path);
    plan.sets_id = plan.sets_id || assignment.element_path->steps.front().name == "id";
  }
  return plan;
}

MappedResource Failed(const MappingRule& rule, const std::string& what) {
  MappedResource result;
  result.outcome = MappedResource::Outcome::kFailed;
  result.rule = &rule;
  result.resource_type = rule.to;
  result.error = rule.name + ": " + what;
  return result;
}

/// The key text (key columns trimmed, joined by '|'); false after failing on a missing
/// or empty key column.
bool ReadKey(const RulePlan& plan, EvalContext& ctx, std::string& key) {
  const MappingRule& rule = *plan.rule;
  const PathScope scope{nullptr, plan.id_path, -1};
  for (std::size_t key_idx = 0; key_idx < rule.key_slots.size(); ++key_idx) {
    const ColumnRef column{rule.key_columns[key_idx], rule.key_slots[key_idx]};
    std::optional<std::string_view> cell = ctx.ReadCell(column, true, scope);
    if (!cell) return false;
    if (cell->empty()) return ctx.Fail(scope, "key column " + column.name + " is empty");
    if (key_idx > 0) key += '|';
    key += *cell;
  }
  return true;
}

}  // namespace

struct Mapper::Impl {
  MappingSpec spec;
  std::vector<std::string> stream_names;
  std::vector<StreamPlan> streams;
  ColumnResolver resolver;

  const StreamPlan* FindStream(const std::string& name) const {
    for (const auto& stream : streams) {
      if (stream.name == name) return &stream;
    }
    return nullptr;
  }
  /// Adds `id` (from the key, or a placeholder kept second for a `set:` entry) after
  /// `resourceType`; false after failing.
  bool AddId(const RulePlan& plan, EvalContext& ctx, JsonDocument& doc,
             MappedResource& result) const;
  MappedResource MapRule(const RulePlan& plan, const RowView& row) const;
};

bool Mapper::Impl::AddId(const RulePlan& plan, EvalContext& ctx, JsonDocument& doc,
                         MappedResource& result) const {
  const MappingRule& rule = *plan.rule;
  if (rule.key_columns.empty()) {
    if (plan.sets_id) doc.AddMember("id", JsonValue(), doc.GetAllocator());
    return true;
  }
  std::string key;
  if (!ReadKey(plan, ctx, key)) return false;
  result.id = ResourceIdFor(spec.system, rule.to, key);
  doc.AddMember("id", MakeString(result.id, doc.GetAllocator()), doc.GetAllocator());
  return true;
}

MappedResource Mapper::Impl::MapRule(const RulePlan& plan, const RowView& row) const {
  const MappingRule& rule = *plan.rule;
  auto doc = std::make_unique<JsonDocument>();
  doc->SetObject();
  EvalContext ctx{row, doc->GetAllocator(), spec.system, {}, {}, {}};
  if (rule.when) {
    const Truth truth = Evaluate(*rule.when, ctx, PathScope{nullptr, "when", -1});
    if (truth == Truth::kError) return Failed(rule, ctx.error);
    if (truth == Truth::kFalse) {
      MappedResource filtered;
      filtered.outcome = MappedResource::Outcome::kFiltered;
      filtered.rule = &rule;
      filtered.resource_type = rule.to;
      return filtered;
    }
  }
  MappedResource result;
  result.rule = &rule;
  result.resource_type = rule.to;
  doc->AddMember("resourceType", MakeString(rule.to, doc->GetAllocator()), doc->GetAllocator());
  if (!AddId(plan, ctx, *doc, result)) return Failed(rule, ctx.error);
  for (std::size_t assignment_idx = 0; assignment_idx < rule.assignments.size(); ++assignment_idx) {
    const Assignment& assignment = rule.assignments[assignment_idx];
    const PathScope scope{nullptr, plan.element_paths[assignment_idx], -1};
    JsonValue value;
    const EvalOutcome outcome = Evaluate(*assignment.value, ctx, scope, value);
    if (outcome == EvalOutcome::kFailed) return Failed(rule, ctx.error);
    if (outcome == EvalOutcome::kValue) {
      SetAtPath(*doc, *assignment.element_path, std::move(value), doc->GetAllocator());
    }
  }
  CompactResource(*doc);
  if (plan.sets_id && doc->HasMember("id") && (*doc)["id"].IsString())
    result.id = (*doc)["id"].GetString();
  result.resource = std::move(doc);
  return result;
}

Mapper::Mapper(const MappingSpec& spec) : impl_(std::make_unique<Impl>()) {
  impl_->spec = spec;
  for (const auto& rule : impl_->spec.rules) {
    auto stream = std::find_if(impl_->streams.begin(), impl_->streams.end(),
                               [&](const StreamPlan& plan) { return plan.name == rule.from; });
    if (stream == impl_->streams.end()) {
      impl_->stream_names.push_back(rule.from);
      stream = impl_->streams.insert(impl_->streams.end(), StreamPlan{rule.from, nullptr, {}});
      stream->columns = &impl_->spec.stream_columns[rule.from];
    }
    stream->rules.push_back(PlanRule(rule));
  }
}

Mapper::~Mapper() = default;

const std::vector<std::string>& Mapper::Streams() const { return impl_->stream_names; }

void Mapper::Map(const RawRecord& record, std::vector<MappedResource>& out) const {
  const StreamPlan* stream = impl_->FindStream(record.stream);
  if (stream == nullptr) return;
  if (!record.is_row()) {
    for (const auto& plan : stream->rules) {
      out.push_back(Failed(
          *plan.rule, "the record has no columns; mapping rules read rows of tabular sources"));
    }
    return;
  }
  const std::size_t stream_idx = static_cast<std::size_t>(stream - impl_->streams.data());
  const RowView row(record, impl_->resolver.Resolve(stream_idx, *stream->columns, record.columns));
  for (const auto& plan : stream->rules) out.push_back(impl_->MapRule(plan, row));
}

std::string Mapper::ResourceId(const std::string& resource_type, const std::string& key) const {
  return ResourceIdFor(impl_->spec.system, resource_type, key);
}

std::vector<std::string> Mapper::ColumnsRead(const std::string& stream) const {
  auto found = impl_->spec.stream_columns.find(stream);
  return found == impl_->spec.stream_columns.end() ? std::vector<std::string>{} : found->second;
}

}  // namespace ferry
