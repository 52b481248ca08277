// Loading `col:` expressions and their modifiers.
#include <algorithm>

#include "core/common/strings.hpp"
#include "mappings/engine/expr_loader.hpp"
#include "mappings/engine/load_context.hpp"

namespace ferry {

namespace {

const std::vector<std::string> kColumnKeys = {
    "col",     "trim",   "required", "map",     "else",   "unmapped", "date", "datetime",
    "instant", "number", "integer",  "boolean", "prefix", "suffix",   "zone",   "when"};
const std::vector<std::string> kConversions = {"date",   "datetime", "instant",
                                               "number", "integer",  "boolean"};
const std::vector<std::string> kPolicies = {"error", "omit", "keep"};

bool LoadValueMap(const YAML::Node& node, ColumnExpr& expr, LoadContext& ctx) {
  const YAML::Node map = node["map"];
  if (!map.IsMap()) {
    ctx.Error(map.Mark(),
              "'map' in value expression must be a mapping of source values to FHIR values");
    return false;
  }
  ctx.CheckDuplicateKeys(map, "'map'");
  bool ok = true;
  for (const auto& entry : map) {
    if (!entry.first.IsScalar() || !entry.second.IsScalar()) {
      ctx.Error(entry.first.Mark(),
                "each entry of 'map' must map a single value to a single value");
      ok = false;
      continue;
    }
    expr.value_map.emplace_back(entry.first.Scalar(), TypedConstant(entry.second));
  }
  std::stable_sort(expr.value_map.begin(), expr.value_map.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  expr.has_map = true;
  return ok;
}

bool LoadElse(const YAML::Node& node, ColumnExpr& expr, LoadContext& ctx) {
  if (!node["else"].IsScalar()) {
    ctx.Error(KeyMark(node, "else"), "'else' in value expression must be a single value");
    return false;
  }
  expr.unmapped = UnmappedPolicy::kElse;
  expr.else_value = TypedConstant(node["else"]);
  return true;
}

bool LoadPolicy(const YAML::Node& node, ColumnExpr& expr, LoadContext& ctx) {
  auto policy = ReadString(node, "unmapped", kExprWhat, ctx.diag());
  if (!policy) return false;
  if (std::find(kPolicies.begin(), kPolicies.end(), *policy) == kPolicies.end()) {
    ctx.Error(node["unmapped"].Mark(),
              "'unmapped' in value expression must be one of: " + Join(kPolicies, ", "));
    return false;
  }
  expr.unmapped = *policy == "omit"   ? UnmappedPolicy::kOmit
                  : *policy == "keep" ? UnmappedPolicy::kKeep
                                      : UnmappedPolicy::kError;
  return true;
}

/// `map`, `else` and `unmapped`.
bool LoadMapping(const YAML::Node& node, ColumnExpr& expr, LoadContext& ctx) {
  for (const char* key : {"else", "unmapped"}) {
    if (node[key] && !node["map"]) {
      ctx.Error(KeyMark(node, key),
                std::string("'") + key + "' needs a 'map' in the same value expression");
      return false;
    }
  }
  if (!node["map"]) return true;
  if (node["else"] && node["unmapped"]) {
    ctx.Error(KeyMark(node, "unmapped"),
              "conflicting keys 'else' and 'unmapped' in value expression; 'else' "
              "already says what unmapped values become");
    return false;
  }
  bool ok = LoadValueMap(node, expr, ctx);
  if (node["else"]) ok = LoadElse(node, expr, ctx) && ok;
  if (node["unmapped"]) ok = LoadPolicy(node, expr, ctx) && ok;
  return ok;
}

bool LoadDateFormat(const YAML::Node& node, const std::string& key, ColumnExpr& expr,
                    LoadContext& ctx) {
  auto pattern = ReadString(node, key, kExprWhat, ctx.diag());
  if (!pattern) return false;
  const DateKind kind = key == "date"       ? DateKind::kDate
                        : key == "datetime" ? DateKind::kDateTime
                                            : DateKind::kInstant;
  auto format = DateFormat::Compile(*pattern, kind);
  if (auto* error = std::get_if<std::string>(&format)) {
    ctx.Error(node[key].Mark(), *error);
    return false;
  }
  expr.conversion = Conversion::kDate;
  expr.date_format = std::get<DateFormat>(std::move(format));
  return true;
}

/// `zone:` the zone assumed for a dateTime or instant whose text has none.
bool LoadZone(const YAML::Node& node, ColumnExpr& expr, LoadContext& ctx) {
  if (!node["zone"]) return true;
  if (!expr.date_format || expr.date_format->kind() == DateKind::kDate) {
    ctx.Error(KeyMark(node, "zone"), "'zone' needs a 'datetime' or 'instant' in the same value expression");
    return false;
  }
  auto zone = ReadString(node, "zone", kExprWhat, ctx.diag());
  if (!zone) return false;
  if (!expr.date_format->SetDefaultZone(*zone)) {
    ctx.Error(node["zone"].Mark(), "'zone' must be Z, +hh:mm or +hhmm (or -), at most 14:00");
    return false;
  }
  return true;
}

/// The conversion keys that are in effect (`number: false` is not), in file order.
std::vector<std::string> ActiveConversions(const YAML::Node& node, LoadContext& ctx, bool& ok) {
  std::vector<std::string> active;
  for (const auto& key : ctx.KeysPresent(node, kConversions)) {
    if (key == "date" || key == "datetime" || key == "instant") {
      active.push_back(key);
      continue;
    }
    bool flag = false;
    ok = ReadFlag(node, key, flag, ctx) && ok;
    if (flag) active.push_back(key);
  }
  return active;
}

bool LoadConversion(const YAML::Node& node, ColumnExpr& expr, LoadContext& ctx) {
  bool ok = true;
  const std::vector<std::string> active = ActiveConversions(node, ctx, ok);
  if (active.size() > 1) {
    ctx.Error(KeyMark(node, active[1]), "conflicting modifiers '" + active[0] + "' and '" +
                                            active[1] + "'; use at most one of " +
                                            Join(kConversions, ", "));
    return false;
  }
  if (active.empty()) return ok;
  for (const char* key : {"prefix", "suffix"}) {
    if (node[key]) {
      ctx.Error(KeyMark(node, key), std::string("conflicting modifiers '") + key + "' and '" +
                                        active[0] + "'; 'prefix' and 'suffix' apply to text only");
      return false;
    }
  }
  if (active[0] == "number") expr.conversion = Conversion::kNumber;
  if (active[0] == "integer") expr.conversion = Conversion::kInteger;
  if (active[0] == "boolean") expr.conversion = Conversion::kBoolean;
  if (expr.conversion == Conversion::kNone) return LoadDateFormat(node, active[0], expr, ctx) && ok;
  return ok;
}

bool LoadAffixes(const YAML::Node& node, ColumnExpr& expr, LoadContext& ctx) {
  bool ok = true;
  if (node["prefix"]) {
    auto prefix = ReadString(node, "prefix", kExprWhat, ctx.diag());
    if (prefix) expr.prefix = *prefix;
    ok = prefix.has_value();
  }
  if (node["suffix"]) {
    auto suffix = ReadString(node, "suffix", kExprWhat, ctx.diag());
    if (suffix) expr.suffix = *suffix;
    ok = suffix.has_value() && ok;
  }
  return ok;
}

}  // namespace

std::shared_ptr<ValueExpr> LoadColumnExpr(const YAML::Node& node, LoadContext& ctx) {
  ctx.CheckKeys(node, kColumnKeys, kExprWhat);
  ColumnExpr body;
  auto name = ReadString(node, "col", kExprWhat, ctx.diag());
  bool ok = name.has_value();
  ok = ReadFlag(node, "trim", body.trim, ctx) && ok;
  ok = ReadFlag(node, "required", body.required, ctx) && ok;
  ok = LoadMapping(node, body, ctx) && ok;
  ok = LoadConversion(node, body, ctx) && ok;
  ok = ok && LoadZone(node, body, ctx);
  ok = LoadAffixes(node, body, ctx) && ok;
  if (!ok) return nullptr;
  body.column = ctx.Column(*name);
  auto expr = std::make_shared<ValueExpr>();
  expr->data_backed = true;
  expr->body = std::move(body);
  return expr;
}

}  // namespace ferry
