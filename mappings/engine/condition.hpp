#pragma once
/// Conditions (`when:` of a rule or of an expression), loaded once and then evaluated
/// against each record:
///
///     { col: X, equals: V }      { col: X, not_equals: V }    { col: X, in: [a, b] }
///     { col: X, present: true }  { col: X, matches: REGEX }
///     { all: [c, ...] }          { any: [c, ...] }            { not: c }
///
/// Cells are compared after trimming surrounding white space; a NULL is the empty text.
/// `matches` is a full match of an ECMAScript regular expression.

#include <yaml-cpp/yaml.h>

#include <memory>
#include <regex>
#include <string>
#include <vector>

#include "mappings/engine/eval_context.hpp"

namespace ferry {

class LoadContext;

/// One loaded condition: a column test, or a combination of conditions.
struct Condition {
  enum class Kind { kEquals, kNotEquals, kIn, kPresent, kMatches, kAll, kAny, kNot };
  Kind kind = Kind::kPresent;
  ColumnRef column;                 ///< for the column tests
  std::vector<std::string> values;  ///< kEquals/kNotEquals: one; kIn: the list
  bool present = true;              ///< kPresent: the wanted answer
  std::regex regex;                 ///< kMatches
  std::vector<std::shared_ptr<const Condition>> children;  ///< kAll/kAny; kNot: one
};

/// The answer of a condition; kError when it read a column the record does not have.
enum class Truth { kFalse, kTrue, kError };

/// Evaluates `condition`; on kError, `ctx.error` names `scope`.
Truth Evaluate(const Condition& condition, EvalContext& ctx, const PathScope& scope);

/// Loads the condition at `node`; null after reporting to `ctx` when it is not valid.
std::shared_ptr<const Condition> LoadCondition(const YAML::Node& node, LoadContext& ctx);

}  // namespace ferry
