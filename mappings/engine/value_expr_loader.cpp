// Loading value expressions from the YAML of a mapping spec (the `col:` kind is in
// column_loader.cpp).
#include <algorithm>

#include "core/common/strings.hpp"
#include "mappings/engine/element_path.hpp"
#include "mappings/engine/expr_loader.hpp"
#include "mappings/engine/load_context.hpp"

namespace ferry {

namespace {

const std::vector<std::string> kKinds = {"col", "const", "template", "ref", "for_each", "first"};
const std::vector<std::string> kFirstKeys = {"first", "when"};
const std::vector<std::string> kForEachKeys = {"for_each", "item", "when"};
const std::vector<std::string> kConstKeys = {"const", "when"};
const std::vector<std::string> kTemplateKeys = {"template", "trim", "required", "when"};
const std::vector<std::string> kRefKeys = {"ref", "col", "cols", "required", "when"};
/// Real element names that are one typo away from an expression key; never flagged.
const std::vector<std::string> kElementNamesNearKeys = {"cost"};
/// Likely misspellings of expression keys that no typo distance catches.
const std::vector<std::pair<std::string, std::string>> kKindMisspellings = {
    {"colum", "col"}, {"column", "col"}, {"columns", "col"}, {"constant", "const"}};

/// The expression key a member name of an object literal is probably a typo of, or "".
std::string KindTypo(const std::string& name) {
  for (const auto& [typo, kind] : kKindMisspellings) {
    if (name == typo) return kind;
  }
  const bool allowed = std::find(kElementNamesNearKeys.begin(), kElementNamesNearKeys.end(),
                                 name) != kElementNamesNearKeys.end();
  return allowed ? "" : ClosestMatch(name, kKinds);
}

std::shared_ptr<ValueExpr> Expr(bool data_backed) {
  auto expr = std::make_shared<ValueExpr>();
  expr->data_backed = data_backed;
  return expr;
}

std::shared_ptr<ValueExpr> LoadConst(const YAML::Node& node, LoadContext& ctx) {
  ctx.CheckKeys(node, kConstKeys, kExprWhat);
  const YAML::Node value = node["const"];
  if (!value.IsScalar()) {
    ctx.Error(KeyMark(node, "const"),
              "'const' must be a single value; write an object or a list as a literal");
    return nullptr;
  }
  auto expr = Expr(false);
  expr->body = TypedConstant(value);
  return expr;
}

/// Splits a template into literal text and `{COLUMN}` parts.
bool ParseTemplate(const std::string& text, const YAML::Mark& mark, TemplateExpr& expr,
                   LoadContext& ctx) {
  std::string literal;
  for (std::size_t pos = 0; pos < text.size(); ++pos) {
    const char c = text[pos];
    if ((c == '{' || c == '}') && pos + 1 < text.size() && text[pos + 1] == c) {
      literal += c;
      ++pos;
    } else if (c == '}') {
      ctx.Error(mark, "single '}' in template; write '}}' for a literal '}'");
      return false;
    } else if (c != '{') {
      literal += c;
    } else {
      const std::size_t close = text.find('}', pos);
      if (close == std::string::npos) {
        ctx.Error(mark, "unclosed '{' in template; write '{{' for a literal '{'");
        return false;
      }
      const std::string column = text.substr(pos + 1, close - pos - 1);
      if (Trim(column).empty() || column.find('{') != std::string::npos) {
        ctx.Error(mark, "'{" + column + "}' in template is not a column name");
        return false;
      }
      if (!literal.empty()) expr.parts.push_back({std::move(literal), std::nullopt});
      literal.clear();
      expr.parts.push_back({"", ctx.Column(column)});
      pos = close;
    }
  }
  if (!literal.empty()) expr.parts.push_back({std::move(literal), std::nullopt});
  return true;
}

std::shared_ptr<ValueExpr> LoadTemplate(const YAML::Node& node, LoadContext& ctx) {
  ctx.CheckKeys(node, kTemplateKeys, kExprWhat);
  TemplateExpr body;
  auto text = ReadString(node, "template", kExprWhat, ctx.diag());
  bool ok = text && ParseTemplate(*text, node["template"].Mark(), body, ctx);
  ok = ReadFlag(node, "trim", body.trim, ctx) && ok;
  ok = ReadFlag(node, "required", body.required, ctx) && ok;
  if (!ok) return nullptr;
  const bool reads_columns = std::any_of(body.parts.begin(), body.parts.end(),
                                         [](const auto& part) { return part.column.has_value(); });
  auto expr = Expr(reads_columns);
  expr->body = std::move(body);
  return expr;
}

bool LoadRefColumns(const YAML::Node& node, RefExpr& body, LoadContext& ctx) {
  if (node["col"] && node["cols"]) {
    ctx.Error(KeyMark(node, "cols"),
              "conflicting keys 'col' and 'cols' in reference; use 'col' for one key column, "
              "'cols' for several");
    return false;
  }
  if (!node["col"] && !node["cols"]) {
    ctx.Error(
        node.Mark(),
        "missing required key 'col' or 'cols' in reference (the key columns of the referenced "
        "resource)");
    return false;
  }
  if (node["col"]) {
    auto name = ReadString(node, "col", kExprWhat, ctx.diag());
    if (name) body.columns.push_back(ctx.Column(*name));
    return name.has_value();
  }
  auto names = ReadStringList(node, "cols", kExprWhat, ctx.diag());
  if (!names) return false;
  if (names->empty()) {
    ctx.Error(node["cols"].Mark(), "'cols' in reference must list one or more columns");
    return false;
  }
  for (const auto& name : *names) body.columns.push_back(ctx.Column(name));
  return true;
}

std::shared_ptr<ValueExpr> LoadRef(const YAML::Node& node, LoadContext& ctx) {
  ctx.CheckKeys(node, kRefKeys, kExprWhat);
  RefExpr body;
  auto type = ReadString(node, "ref", kExprWhat, ctx.diag());
  bool ok = type && ctx.CheckResourceType(node["ref"], "ref");
  ok = LoadRefColumns(node, body, ctx) && ok;
  ok = ReadFlag(node, "required", body.required, ctx) && ok;
  if (!ok) return nullptr;
  body.resource_type = *type;
  auto expr = Expr(true);
  expr->body = std::move(body);
  return expr;
}

bool CheckMemberName(const YAML::Node& key, LoadContext& ctx) {
  const std::string& name = key.Scalar();
  const std::string typo = KindTypo(name);
  if (!typo.empty()) {
    ctx.Error(key.Mark(),
              "unknown key '" + name + "' in " + kExprWhat + "; did you mean '" + typo + "'?");
    return false;
  }
  auto path = ParseElementPath(name);
  const auto* parsed = std::get_if<ElementPath>(&path);
  if (!parsed || parsed->steps.size() != 1 ||
      parsed->steps[0].index_kind != PathStep::Index::kNone) {
    ctx.Error(key.Mark(), "'" + name +
                              "' is not an element name; in an object literal each key is one name "
                              "(letters, digits and '_'), with objects or lists nested inside");
    return false;
  }
  return true;
}

std::shared_ptr<ValueExpr> LoadObject(const YAML::Node& node, LoadContext& ctx) {
  ObjectExpr body;
  bool ok = true;
  bool data_backed = false;
  for (const auto& entry : node) {
    if (!entry.first.IsScalar() || entry.first.Scalar() == "when") continue;
    if (!CheckMemberName(entry.first, ctx)) {
      ok = false;
      continue;
    }
    auto member = LoadValueExpr(entry.second, entry.first.Mark(), ctx);
    ok = ok && member != nullptr;
    data_backed = data_backed || (member && member->data_backed);
    body.members.emplace_back(entry.first.Scalar(), std::move(member));
  }
  if (!ok) return nullptr;
  auto expr = Expr(data_backed);
  expr->body = std::move(body);
  return expr;
}

/// The items of `{ for_each: [V, ...], item: EXPR }`: EXPR loaded once per value, with
/// '$' in its column names standing for that value. False after reporting errors.
bool LoadForEachItems(const YAML::Node& node, SequenceExpr& body, LoadContext& ctx) {
  ctx.CheckKeys(node, kForEachKeys, kExprWhat);
  if (ctx.substituting()) {
    ctx.Error(KeyMark(node, "for_each"), "'for_each' cannot be nested in another 'for_each'");
    return false;
  }
  auto values = ReadStringList(node, "for_each", kExprWhat, ctx.diag());
  if (!values) return false;
  if (!node["item"]) {
    ctx.Error(node.Mark(), "missing required key 'item' in for_each (the expression to repeat)");
    return false;
  }
  bool ok = true;
  for (const std::string& value : *values) {
    ctx.SetSubstitution(value);
    auto item = LoadValueExpr(node["item"], KeyMark(node, "item"), ctx);
    ctx.SetSubstitution(std::nullopt);
    ok = ok && item != nullptr;
    body.items.push_back(std::move(item));
    if (!ok) break;
  }
  return ok;
}

bool IsForEach(const YAML::Node& node) { return node.IsMap() && node["for_each"]; }

std::shared_ptr<ValueExpr> Sequence(SequenceExpr body) {
  const bool data_backed = std::any_of(body.items.begin(), body.items.end(),
                                       [](const auto& item) { return item->data_backed; });
  auto expr = Expr(data_backed);
  expr->body = std::move(body);
  return expr;
}

std::shared_ptr<ValueExpr> LoadSequence(const YAML::Node& node, LoadContext& ctx) {
  SequenceExpr body;
  bool ok = true;
  for (const auto& item : node) {
    if (IsForEach(item)) {  // its items are spliced in
      if (item["when"]) {
        ctx.Error(KeyMark(item, "when"),
                  "'when' on a for_each inside a list applies to nothing; put it in 'item'");
        ok = false;
        continue;
      }
      ok = LoadForEachItems(item, body, ctx) && ok;
      continue;
    }
    auto value = LoadValueExpr(item, item.Mark(), ctx);
    ok = ok && value != nullptr;
    if (value) body.items.push_back(std::move(value));
  }
  if (!ok) return nullptr;
  return Sequence(std::move(body));
}

std::shared_ptr<ValueExpr> LoadFirst(const YAML::Node& node, LoadContext& ctx) {
  ctx.CheckKeys(node, kFirstKeys, kExprWhat);
  const YAML::Node list = node["first"];
  if (!list.IsSequence() || list.size() == 0) {
    ctx.Error(KeyMark(node, "first"), "'first' must list one or more value expressions");
    return nullptr;
  }
  FirstExpr body;
  bool ok = true;
  bool data_backed = false;
  for (const auto& item : list) {
    auto alternative = LoadValueExpr(item, item.Mark(), ctx);
    ok = ok && alternative != nullptr;
    data_backed = data_backed || (alternative && alternative->data_backed);
    body.alternatives.push_back(std::move(alternative));
  }
  if (!ok) return nullptr;
  auto expr = Expr(data_backed);
  expr->body = std::move(body);
  return expr;
}

std::shared_ptr<ValueExpr> LoadForEach(const YAML::Node& node, LoadContext& ctx) {
  SequenceExpr body;
  if (!LoadForEachItems(node, body, ctx)) return nullptr;
  return Sequence(std::move(body));
}

/// The expression kind a mapping names (`col`, `const`, `template`, `ref`), "" for an
/// object literal; reports two kinds at once.
std::optional<std::string> KindOf(const YAML::Node& node, LoadContext& ctx) {
  std::vector<std::string> kinds = ctx.KeysPresent(node, kKinds);
  const bool is_ref = std::find(kinds.begin(), kinds.end(), "ref") != kinds.end();
  if (is_ref) std::erase(kinds, std::string("col"));
  if (kinds.size() > 1) {
    ctx.Error(KeyMark(node, kinds[1]), "conflicting keys '" + kinds[0] + "' and '" + kinds[1] +
                                           "' in " + kExprWhat +
                                           "; use exactly one of col, const, template, ref, for_each, first");
    return std::nullopt;
  }
  return kinds.empty() ? "" : kinds.front();
}

std::shared_ptr<ValueExpr> LoadMapping(const YAML::Node& node, LoadContext& ctx) {
  ctx.CheckDuplicateKeys(node, kExprWhat);
  auto kind = KindOf(node, ctx);
  if (!kind) return nullptr;
  std::shared_ptr<ValueExpr> expr;
  if (kind->empty()) expr = LoadObject(node, ctx);
  if (*kind == "col") expr = LoadColumnExpr(node, ctx);
  if (*kind == "const") expr = LoadConst(node, ctx);
  if (*kind == "template") expr = LoadTemplate(node, ctx);
  if (*kind == "ref") expr = LoadRef(node, ctx);
  if (*kind == "for_each") expr = LoadForEach(node, ctx);
  if (*kind == "first") expr = LoadFirst(node, ctx);
  if (node["when"]) {
    auto when = LoadCondition(node["when"], ctx);
    if (!when) return nullptr;
    if (expr) expr->when = std::move(when);
  }
  return expr;
}

}  // namespace

const std::string kExprWhat = "value expression";

ConstValue TypedConstant(const YAML::Node& scalar) {
  const std::string& text = scalar.Scalar();
  if (IsQuoted(scalar)) return ConstValue{ConstValue::Type::kString, text};
  if (text == "true" || text == "false") return ConstValue{ConstValue::Type::kBoolean, text};
  if (IsJsonNumberText(text)) return ConstValue{ConstValue::Type::kNumber, text};
  return ConstValue{ConstValue::Type::kString, text};
}

bool ReadFlag(const YAML::Node& node, std::string_view key, bool& flag, LoadContext& ctx) {
  if (!node[std::string(key)]) return true;
  auto value = ReadBool(node, key, kExprWhat, ctx.diag());
  if (value) flag = *value;
  return value.has_value();
}

std::shared_ptr<const ValueExpr> LoadValueExpr(const YAML::Node& node, const YAML::Mark& key_mark,
                                               LoadContext& ctx) {
  if (node.IsScalar()) {
    auto expr = Expr(false);
    expr->body = TypedConstant(node);
    return expr;
  }
  if (node.IsSequence()) return LoadSequence(node, ctx);
  if (node.IsMap()) return LoadMapping(node, ctx);
  ctx.Error(key_mark,
            "missing value; write a value expression (to emit the text null, quote it: \"null\")");
  return nullptr;
}

}  // namespace ferry
