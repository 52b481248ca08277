#include "mappings/engine/value_expr.hpp"

#include <algorithm>

#include <array>
#include <cstring>
#include <functional>

#include "core/common/hash.hpp"
#include "core/common/strings.hpp"

namespace ferry {

namespace {

EvalOutcome EvaluateTemplate(const TemplateExpr& expr, EvalContext& ctx, const PathScope& scope,
                             JsonValue& out) {
  std::string& text = ctx.scratch;
  text.clear();
  for (const auto& part : expr.parts) {
    if (!part.column) {
      text += part.literal;
      continue;
    }
    std::optional<std::string_view> cell = ctx.ReadCell(*part.column, expr.trim, scope);
    if (!cell) return EvalOutcome::kFailed;
    if (cell->empty())
      return ctx.Empty(expr.required, *part.column, scope) ? EvalOutcome::kOmitted
                                                           : EvalOutcome::kFailed;
    text += *cell;
  }
  out = MakeString(text, ctx.allocator);
  return EvalOutcome::kValue;
}

/// The id for a reference. Rows that point at one resource tend to come together (the
/// observations of one patient), and each id costs a SHA-1, so every thread remembers
/// the ids it made last, by (system, type, key).
const std::string& ReferencedId(const std::string& system, const std::string& type,
                                std::string_view key) {
  struct Entry {
    std::string system, type, key, id;
  };
  constexpr std::size_t kEntries = 64;
  thread_local std::array<Entry, kEntries> t_entries;
  Entry& entry = t_entries[std::hash<std::string_view>{}(key) % kEntries];
  if (entry.key != key || entry.type != type || entry.system != system) {
    entry.id = ResourceIdFor(system, type, key);
    entry.system = system;
    entry.type = type;
    entry.key.assign(key);
  }
  return entry.id;
}

/// `Type/id` as a string allocated in the document's pool.
JsonValue ReferenceText(const std::string& type, const std::string& id, JsonAllocator& allocator) {
  const std::size_t size = type.size() + 1 + id.size();
  char* text = static_cast<char*>(allocator.Malloc(size + 1));
  std::memcpy(text, type.data(), type.size());
  text[type.size()] = '/';
  std::memcpy(text + type.size() + 1, id.data(), id.size());
  text[size] = '\0';
  return JsonValue(rapidjson::StringRef(text, static_cast<rapidjson::SizeType>(size)));
}

EvalOutcome EvaluateRef(const RefExpr& expr, EvalContext& ctx, const PathScope& scope,
                        JsonValue& out) {
  std::string& key = ctx.scratch;
  key.clear();
  for (const auto& column : expr.columns) {
    std::optional<std::string_view> cell = ctx.ReadCell(column, true, scope);
    if (!cell) return EvalOutcome::kFailed;
    if (cell->empty())
      return ctx.Empty(expr.required, column, scope) ? EvalOutcome::kOmitted : EvalOutcome::kFailed;
    if (&column != &expr.columns.front()) key += '|';
    key += *cell;
  }
  const std::string& id = ReferencedId(ctx.system, expr.resource_type, key);
  out.SetObject();
  out.AddMember("reference", ReferenceText(expr.resource_type, id, ctx.allocator), ctx.allocator);
  return EvalOutcome::kValue;
}

EvalOutcome EvaluateObject(const ValueExpr& expr, const ObjectExpr& object, EvalContext& ctx,
                           const PathScope& scope, JsonValue& out) {
  out.SetObject();
  bool has_data = false;
  for (const auto& [name, member] : object.members) {
    const PathScope member_scope{&scope, name, -1};
    JsonValue value;
    const EvalOutcome outcome = Evaluate(*member, ctx, member_scope, value);
    if (outcome == EvalOutcome::kFailed) return outcome;
    if (outcome == EvalOutcome::kOmitted) continue;
    has_data = has_data || member->data_backed;
    out.AddMember(MakeString(name, ctx.allocator), value, ctx.allocator);
  }
  if (out.MemberCount() == 0 || (expr.data_backed && !has_data)) return EvalOutcome::kOmitted;
  return EvalOutcome::kValue;
}

EvalOutcome EvaluateSequence(const SequenceExpr& sequence, EvalContext& ctx, const PathScope& scope,
                             JsonValue& out) {
  out.SetArray();
  int item_idx = 0;
  for (const auto& item : sequence.items) {
    const PathScope item_scope{&scope, {}, item_idx++};
    JsonValue value;
    const EvalOutcome outcome = Evaluate(*item, ctx, item_scope, value);
    if (outcome == EvalOutcome::kFailed) return outcome;
    if (outcome == EvalOutcome::kValue) out.PushBack(value, ctx.allocator);
  }
  return out.Empty() ? EvalOutcome::kOmitted : EvalOutcome::kValue;
}

EvalOutcome EvaluateFirst(const FirstExpr& first, EvalContext& ctx, const PathScope& scope,
                          JsonValue& out) {
  for (const auto& alternative : first.alternatives) {
    const EvalOutcome outcome = Evaluate(*alternative, ctx, scope, out);
    if (outcome != EvalOutcome::kOmitted) return outcome;
  }
  return EvalOutcome::kOmitted;
}

}  // namespace

JsonValue ConstValue::ToJson(JsonAllocator& allocator) const {
  switch (type) {
    case Type::kNumber:
      return MakeRawNumber(text, allocator);
    case Type::kBoolean:
      return JsonValue(text == "true");
    case Type::kString:
      break;
  }
  return MakeString(text, allocator);
}

EvalOutcome Evaluate(const ValueExpr& expr, EvalContext& ctx, const PathScope& scope,
                     JsonValue& out) {
  if (expr.when) {
    const Truth truth = Evaluate(*expr.when, ctx, scope);
    if (truth == Truth::kError) return EvalOutcome::kFailed;
    if (truth == Truth::kFalse) return EvalOutcome::kOmitted;
  }
  if (const auto* constant = std::get_if<ConstValue>(&expr.body)) {
    out = constant->ToJson(ctx.allocator);
    return EvalOutcome::kValue;
  }
  if (const auto* column = std::get_if<ColumnExpr>(&expr.body))
    return EvaluateColumn(*column, ctx, scope, out);
  if (const auto* text = std::get_if<TemplateExpr>(&expr.body))
    return EvaluateTemplate(*text, ctx, scope, out);
  if (const auto* ref = std::get_if<RefExpr>(&expr.body)) return EvaluateRef(*ref, ctx, scope, out);
  if (const auto* object = std::get_if<ObjectExpr>(&expr.body))
    return EvaluateObject(expr, *object, ctx, scope, out);
  if (const auto* first = std::get_if<FirstExpr>(&expr.body))
    return EvaluateFirst(*first, ctx, scope, out);
  return EvaluateSequence(std::get<SequenceExpr>(expr.body), ctx, scope, out);
}

std::string ResourceIdFor(const std::string& system, std::string_view resource_type,
                          std::string_view key) {
  std::string name;
  name.reserve(system.size() + resource_type.size() + key.size() + 2);
  name.append(system).append(1, '|').append(resource_type).append(1, '|').append(key);
  return Uuid5(kFerryUuidNamespace, name);
}

bool IsSingleValue(const ValueExpr& expr) {
  if (const auto* first = std::get_if<FirstExpr>(&expr.body)) {
    return std::all_of(first->alternatives.begin(), first->alternatives.end(),
                       [](const auto& alternative) { return IsSingleValue(*alternative); });
  }
  return std::holds_alternative<ConstValue>(expr.body) ||
         std::holds_alternative<ColumnExpr>(expr.body) ||
         std::holds_alternative<TemplateExpr>(expr.body);
}

}  // namespace ferry
