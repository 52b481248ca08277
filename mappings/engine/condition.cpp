#include "mappings/engine/condition.hpp"

#include <algorithm>

#include "core/common/strings.hpp"
#include "mappings/engine/load_context.hpp"

namespace ferry {

namespace {

const std::string kWhat = "condition";
const std::vector<std::string> kKeys = {"col",     "equals", "not_equals", "in", "present",
                                        "matches", "all",    "any",        "not"};
const std::vector<std::string> kTests = {"equals",  "not_equals", "in",  "present",
                                         "matches", "all",        "any", "not"};

Truth FromBool(bool value) { return value ? Truth::kTrue : Truth::kFalse; }

Truth TestColumn(const Condition& condition, std::string_view text) {
  switch (condition.kind) {
    case Condition::Kind::kEquals:
      return FromBool(text == condition.values.front());
    case Condition::Kind::kNotEquals:
      return FromBool(text != condition.values.front());
    case Condition::Kind::kIn:
      return FromBool(std::find(condition.values.begin(), condition.values.end(), text) !=
                      condition.values.end());
    case Condition::Kind::kPresent:
      return FromBool(!text.empty() == condition.present);
    case Condition::Kind::kMatches:
      return FromBool(std::regex_match(text.begin(), text.end(), condition.regex));
    case Condition::Kind::kAll:
    case Condition::Kind::kAny:
    case Condition::Kind::kNot:
      break;
  }
  return Truth::kFalse;
}

/// kAll stops at the first false, kAny at the first true.
Truth Combine(const Condition& condition, EvalContext& ctx, const PathScope& scope) {
  const Truth stop_at = condition.kind == Condition::Kind::kAll ? Truth::kFalse : Truth::kTrue;
  for (const auto& child : condition.children) {
    const Truth truth = Evaluate(*child, ctx, scope);
    if (truth == stop_at || truth == Truth::kError) return truth;
  }
  return stop_at == Truth::kFalse ? Truth::kTrue : Truth::kFalse;
}

std::shared_ptr<const Condition> LoadLogic(const YAML::Node& node, const std::string& test,
                                           LoadContext& ctx) {
  auto condition = std::make_shared<Condition>();
  const YAML::Node operand = node[test];
  if (test == "not") {
    condition->kind = Condition::Kind::kNot;
    auto child = LoadCondition(operand, ctx);
    if (!child) return nullptr;
    condition->children.push_back(std::move(child));
    return condition;
  }
  condition->kind = test == "all" ? Condition::Kind::kAll : Condition::Kind::kAny;
  if (!operand.IsSequence() || operand.size() == 0) {
    ctx.Error(operand.Mark(),
              "'" + test + "' in condition must be a list of one or more conditions");
    return nullptr;
  }
  bool ok = true;
  for (const auto& item : operand) {
    auto child = LoadCondition(item, ctx);
    ok = ok && child != nullptr;
    condition->children.push_back(std::move(child));
  }
  return ok ? condition : nullptr;
}

bool LoadRegex(const YAML::Node& node, Condition& condition, LoadContext& ctx) {
  auto pattern = ReadString(node, "matches", kWhat, ctx.diag());
  if (!pattern) return false;
  try {
    condition.regex = std::regex(*pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& error) {
    ctx.Error(node["matches"].Mark(),
              std::string("invalid regular expression in 'matches': ") + error.what());
    return false;
  }
  return true;
}

bool LoadTestValues(const YAML::Node& node, const std::string& test, Condition& condition,
                    LoadContext& ctx) {
  if (test == "matches") {
    condition.kind = Condition::Kind::kMatches;
    return LoadRegex(node, condition, ctx);
  }
  if (test == "present") {
    condition.kind = Condition::Kind::kPresent;
    auto present = ReadBool(node, test, kWhat, ctx.diag());
    condition.present = present.value_or(true);
    return present.has_value();
  }
  if (test == "in") {
    condition.kind = Condition::Kind::kIn;
    auto values = ReadStringList(node, test, kWhat, ctx.diag());
    if (values) condition.values = std::move(*values);
    return values.has_value();
  }
  condition.kind = test == "equals" ? Condition::Kind::kEquals : Condition::Kind::kNotEquals;
  auto value = ReadString(node, test, kWhat, ctx.diag());
  if (value) condition.values.push_back(std::move(*value));
  return value.has_value();
}

std::shared_ptr<const Condition> LoadColumnTest(const YAML::Node& node, const std::string& test,
                                                LoadContext& ctx) {
  if (!RequireKey(node, "col", kWhat, ctx.diag())) return nullptr;
  auto column = ReadString(node, "col", kWhat, ctx.diag());
  auto condition = std::make_shared<Condition>();
  const bool values_ok = LoadTestValues(node, test, *condition, ctx);
  if (!column || !values_ok) return nullptr;
  condition->column = ctx.Column(*column);
  return condition;
}

}  // namespace

Truth Evaluate(const Condition& condition, EvalContext& ctx, const PathScope& scope) {
  switch (condition.kind) {
    case Condition::Kind::kAll:
    case Condition::Kind::kAny:
      return Combine(condition, ctx, scope);
    case Condition::Kind::kNot: {
      const Truth truth = Evaluate(*condition.children.front(), ctx, scope);
      return truth == Truth::kError ? truth : FromBool(truth == Truth::kFalse);
    }
    case Condition::Kind::kEquals:
    case Condition::Kind::kNotEquals:
    case Condition::Kind::kIn:
    case Condition::Kind::kPresent:
    case Condition::Kind::kMatches:
      break;
  }
  const std::optional<std::string_view> cell = ctx.row.Cell(condition.column);
  if (!cell) {
    ctx.ColumnNotFound(scope, condition.column);
    return Truth::kError;
  }
  return TestColumn(condition, Trim(*cell));
}

std::shared_ptr<const Condition> LoadCondition(const YAML::Node& node, LoadContext& ctx) {
  if (!ExpectMap(node, "a condition", ctx.diag())) return nullptr;
  ctx.CheckDuplicateKeys(node, kWhat);
  const std::size_t errors_before = ctx.diag().errors().size();
  ctx.CheckKeys(node, kKeys, kWhat);
  const std::vector<std::string> tests = ctx.KeysPresent(node, kTests);
  if (tests.empty() && ctx.diag().errors().size() > errors_before)
    return nullptr;  // a misspelt test
  if (tests.empty()) {
    ctx.Error(node.Mark(), "condition has no test; add one of: " + Join(kTests, ", "));
    return nullptr;
  }
  if (tests.size() > 1) {
    ctx.Error(KeyMark(node, tests[1]), "conflicting keys '" + tests[0] + "' and '" + tests[1] +
                                           "' in condition; combine tests with 'all' or 'any'");
    return nullptr;
  }
  const std::string& test = tests.front();
  if (test == "all" || test == "any" || test == "not") {
    if (node["col"]) {
      ctx.Error(KeyMark(node, "col"), "'col' cannot be used with '" + test + "' in condition");
      return nullptr;
    }
    return LoadLogic(node, test, ctx);
  }
  return LoadColumnTest(node, test, ctx);
}

}  // namespace ferry
