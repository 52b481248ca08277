#include "mappings/engine/mapping_spec.hpp"

#include <algorithm>

#include "core/common/yaml_config.hpp"
#include "mappings/engine/condition.hpp"
#include "mappings/engine/load_context.hpp"
#include "mappings/engine/set_loader.hpp"

namespace ferry {

namespace {

const std::string kSpecWhat = "the mapping spec";
const std::string kRuleWhat = "rule";
const std::vector<std::string> kSpecKeys = {"mapping", "version", "system", "rules"};
const std::vector<std::string> kRuleKeys = {"name", "from", "to", "key", "when", "set"};

void LoadVersion(const YAML::Node& root, Diagnostics& diag) {
  auto version = ReadString(root, "version", kSpecWhat, diag);
  if (version && (*version != "1" || IsQuoted(root["version"]))) {
    diag.Error(root["version"].Mark(),
               "'version' must be 1, the mapping spec version this ferry reads");
  }
}

void LoadSystem(const YAML::Node& root, MappingSpec& spec, Diagnostics& diag) {
  auto system = ReadString(root, "system", kSpecWhat, diag);
  if (!system) return;
  const bool is_uri =
      system->find(':') != std::string::npos && system->find_first_of(" \t|") == std::string::npos;
  if (!is_uri) {
    diag.Error(root["system"].Mark(),
               "'system' must be a URI naming the source system, such as urn:ferry:synthea");
  }
  spec.system = *system;
}

/// The `to` types of every rule, for "did you mean" on `ref:`.
std::vector<std::string> SpecTypes(const YAML::Node& rules) {
  std::vector<std::string> types;
  for (const auto& rule : rules) {
    if (rule.IsMap() && rule["to"] && rule["to"].IsScalar()) types.push_back(rule["to"].Scalar());
  }
  return types;
}

void LoadKey(const YAML::Node& node, MappingRule& rule, LoadContext& ctx) {
  auto columns = ReadStringList(node, "key", kRuleWhat, ctx.diag());
  if (!columns) return;
  if (columns->empty())
    ctx.Error(node["key"].Mark(), "'key' in rule must name one or more columns");
  for (const auto& column : *columns) rule.key_slots.push_back(ctx.Column(column).slot);
  rule.key_columns = std::move(*columns);
}

MappingRule LoadRule(const YAML::Node& node, MappingSpec& spec, LoadContext& ctx) {
  MappingRule rule;
  rule.location = ctx.Location(node.Mark());
  ctx.CheckKeys(node, kRuleKeys, kRuleWhat);
  ctx.CheckDuplicateKeys(node, kRuleWhat);
  for (const char* key : {"from", "to", "set"}) RequireKey(node, key, kRuleWhat, ctx.diag());
  rule.from = ReadString(node, "from", kRuleWhat, ctx.diag()).value_or("");
  rule.to = ReadString(node, "to", kRuleWhat, ctx.diag()).value_or("");
  if (!rule.to.empty()) ctx.CheckResourceType(node["to"], "to");
  rule.name = ReadString(node, "name", kRuleWhat, ctx.diag()).value_or(rule.from + "->" + rule.to);
  ctx.SetStreamColumns(&spec.stream_columns[rule.from]);
  if (node["key"]) LoadKey(node, rule, ctx);
  if (node["when"]) rule.when = LoadCondition(node["when"], ctx);
  if (node["set"]) LoadAssignments(node["set"], rule, ctx);
  return rule;
}

void CheckRuleNames(const MappingSpec& spec, const std::vector<YAML::Mark>& marks,
                    LoadContext& ctx) {
  for (std::size_t rule_idx = 1; rule_idx < spec.rules.size(); ++rule_idx) {
    for (std::size_t other_idx = 0; other_idx < rule_idx; ++other_idx) {
      if (spec.rules[other_idx].name != spec.rules[rule_idx].name) continue;
      ctx.Error(marks[rule_idx], "rule name '" + spec.rules[rule_idx].name +
                                     "' is already used by the rule at line " +
                                     std::to_string(marks[other_idx].line + 1) +
                                     "; give each rule its own 'name'");
      break;
    }
  }
}

void LoadRules(const YAML::Node& rules, MappingSpec& spec, LoadContext& ctx) {
  if (!rules.IsSequence() || rules.size() == 0) {
    ctx.Error(rules.Mark(), "'rules' must be a list of one or more rules");
    return;
  }
  ctx.SetSpecTypes(SpecTypes(rules));
  std::vector<YAML::Mark> marks;
  for (const auto& node : rules) {
    if (!ExpectMap(node, "a rule", ctx.diag())) continue;
    spec.rules.push_back(LoadRule(node, spec, ctx));
    marks.push_back(node.Mark());
  }
  CheckRuleNames(spec, marks, ctx);
}

MappingSpec LoadSpec(const YAML::Node& root, Diagnostics& diag) {
  MappingSpec spec;
  spec.path = diag.display_name();
  if (!root.IsDefined() || !ExpectMap(root, kSpecWhat, diag)) return spec;
  LoadContext ctx(diag);
  ctx.CheckKeys(root, kSpecKeys, kSpecWhat);
  ctx.CheckDuplicateKeys(root, kSpecWhat);
  for (const auto& key : kSpecKeys) RequireKey(root, key, kSpecWhat, diag);
  spec.name = ReadString(root, "mapping", kSpecWhat, diag).value_or("");
  if (root["version"]) LoadVersion(root, diag);
  if (root["system"]) LoadSystem(root, spec, diag);
  if (root["rules"]) LoadRules(root["rules"], spec, ctx);
  return spec;
}

}  // namespace

MappingSpec LoadMappingSpec(const std::string& path) {
  Diagnostics diag(path);
  const YAML::Node root = LoadYamlFile(path, diag);
  MappingSpec spec = LoadSpec(root, diag);
  diag.ThrowIfErrors();
  return spec;
}

MappingSpec LoadMappingSpecFromString(const std::string& text, const std::string& display_name) {
  Diagnostics diag(display_name);
  const YAML::Node root = LoadYamlString(text, diag);
  MappingSpec spec = LoadSpec(root, diag);
  diag.ThrowIfErrors();
  return spec;
}

}  // namespace ferry
