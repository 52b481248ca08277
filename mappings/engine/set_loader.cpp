#include "mappings/engine/set_loader.hpp"

#include "mappings/engine/element_path.hpp"
#include "mappings/engine/expr_loader.hpp"
#include "mappings/engine/load_context.hpp"

namespace ferry {

namespace {

/// Where character `offset` of the key's text is in the file.
YAML::Mark MarkAt(const YAML::Node& key, std::size_t offset) {
  YAML::Mark mark = key.Mark();
  mark.column += static_cast<int>(offset) + (IsQuoted(key) ? 1 : 0);
  return mark;
}

std::shared_ptr<const ElementPath> LoadPath(const YAML::Node& key, const MappingRule& rule,
                                            LoadContext& ctx) {
  const std::string& text = key.Scalar();
  auto parsed = ParseElementPath(text);
  if (const auto* error = std::get_if<PathError>(&parsed)) {
    ctx.Error(MarkAt(key, error->offset), "element path '" + text + "': " + error->message);
    return nullptr;
  }
  auto path = std::make_shared<const ElementPath>(std::get<ElementPath>(std::move(parsed)));
  const std::string& first = path->steps.front().name;
  if (first == "resourceType") {
    ctx.Error(key.Mark(),
              "element path '" + text + "': 'resourceType' is set from the rule's 'to'");
    return nullptr;
  }
  if (first == "id" && !rule.key_columns.empty()) {
    ctx.Error(key.Mark(),
              "element path '" + text + "': 'id' is set from the rule's 'key'; remove one of them");
    return nullptr;
  }
  return path;
}

std::string Line(const YAML::Mark& mark) { return std::to_string(mark.line + 1); }

/// The problem with entry `later` given the earlier entry `earlier`, or "".
std::string Conflict(const Assignment& earlier, const YAML::Mark& earlier_mark,
                     const Assignment& later) {
  const ElementPath& first = *earlier.element_path;
  const ElementPath& second = *later.element_path;
  if (SameElement(first, second)) {
    return "element path '" + later.path + "' is already set at line " + Line(earlier_mark);
  }
  if (IsStrictPrefix(first, second) && IsSingleValue(*earlier.value)) {
    return "element path '" + later.path + "' is inside '" + earlier.path + "', which line " +
           Line(earlier_mark) + " sets to a single value";
  }
  if (IsStrictPrefix(second, first)) {
    return "element path '" + later.path + "' replaces '" + earlier.path + "' set at line " +
           Line(earlier_mark) + "; put '" + later.path + "' first";
  }
  return "";
}

void CheckConflicts(const MappingRule& rule, const std::vector<YAML::Mark>& marks,
                    LoadContext& ctx) {
  for (std::size_t later_idx = 1; later_idx < rule.assignments.size(); ++later_idx) {
    for (std::size_t earlier_idx = 0; earlier_idx < later_idx; ++earlier_idx) {
      std::string problem =
          Conflict(rule.assignments[earlier_idx], marks[earlier_idx], rule.assignments[later_idx]);
      if (problem.empty()) continue;
      ctx.Error(marks[later_idx], problem);
      break;
    }
  }
}

}  // namespace

void LoadAssignments(const YAML::Node& set, MappingRule& rule, LoadContext& ctx) {
  if (!set.IsMap()) {
    ctx.Error(set.Mark(), "'set' in rule must be a mapping of element paths to value expressions");
    return;
  }
  std::vector<YAML::Mark> marks;
  for (const auto& entry : set) {
    if (!entry.first.IsScalar()) {
      ctx.Error(entry.first.Mark(), "keys of 'set' must be element paths");
      continue;
    }
    auto path = LoadPath(entry.first, rule, ctx);
    auto value = LoadValueExpr(entry.second, entry.first.Mark(), ctx);
    if (!path || !value) continue;
    rule.assignments.push_back(Assignment{entry.first.Scalar(), std::move(value),
                                          ctx.Location(entry.first.Mark()), std::move(path)});
    marks.push_back(entry.first.Mark());
  }
  CheckConflicts(rule, marks, ctx);
}

}  // namespace ferry
