#include "mappings/engine/eval_context.hpp"

#include <vector>

#include "core/common/strings.hpp"

namespace ferry {

std::string PathScope::ToString() const {
  std::vector<const PathScope*> chain;
  for (const PathScope* scope = this; scope != nullptr; scope = scope->parent)
    chain.push_back(scope);
  std::string text;
  for (auto scope = chain.rbegin(); scope != chain.rend(); ++scope) {
    if ((*scope)->index >= 0) {
      text += "[" + std::to_string((*scope)->index) + "]";
    } else {
      if (!text.empty()) text += '.';
      text += (*scope)->name;
    }
  }
  return text;
}

std::optional<std::string_view> EvalContext::ReadCell(const ColumnRef& column, bool trim,
                                                      const PathScope& scope) {
  std::optional<std::string_view> cell = row.Cell(column);
  if (!cell) {
    ColumnNotFound(scope, column);
    return std::nullopt;
  }
  return trim ? Trim(*cell) : *cell;
}

}  // namespace ferry
