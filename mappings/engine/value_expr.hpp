#pragma once
/// Value expressions: the right-hand side of a `set:` entry, loaded once into a tree and
/// evaluated against each record straight into the resource's RapidJSON document.
///
/// Kinds (ferry-mapping(5) has the full format):
///   - constant: a plain scalar, or `{ const: V }`
///   - column:   `{ col: NAME, trim, required, map, else, unmapped, date, datetime,
///                  instant, number, integer, boolean, prefix, suffix }`
///   - template: `{ template: "Patient/{PATIENT}" }`
///   - ref:      `{ ref: Type, col: NAME }` or `{ ref: Type, cols: [A, B] }`
///   - for_each: `{ for_each: [V, ...], item: EXPR }` (a sequence, '$' in column names = V)
///   - first:    `{ first: [A, B] }` (the first alternative that gives a value)
///   - object literal (any other mapping) and sequence literal (a YAML sequence)
/// Any mapping form may carry `when:`; when it is false the element is omitted.
///
/// An expression is "data-backed" when its value comes from the record (a column, a
/// template with columns, a ref, or a literal holding one of those). An object literal
/// whose data-backed members all come out empty is omitted as a whole.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "mappings/engine/condition.hpp"
#include "mappings/engine/date_format.hpp"
#include "mappings/engine/eval_context.hpp"

namespace ferry {

struct ValueExpr;

/// A constant typed by the YAML rules: quoted → string; unquoted true/false → boolean;
/// unquoted JSON number → number (text kept); anything else → string.
struct ConstValue {
  enum class Type { kString, kNumber, kBoolean };
  Type type = Type::kString;
  std::string text;  ///< as written (for a number, its exact text)
  /// The constant as a JSON value allocated in `allocator`.
  JsonValue ToJson(JsonAllocator& allocator) const;
};

/// The typing of a `col:` value after trimming and mapping.
enum class Conversion { kNone, kDate, kNumber, kInteger, kBoolean };

/// What happens to a value that `map:` does not list.
enum class UnmappedPolicy { kError, kOmit, kKeep, kElse };

/// `{ col: NAME, ... }`: a column's value through its modifiers.
struct ColumnExpr {
  ColumnRef column;
  bool trim = true;
  bool required = false;
  bool has_map = false;
  std::vector<std::pair<std::string, ConstValue>> value_map;  ///< sorted by source text
  UnmappedPolicy unmapped = UnmappedPolicy::kError;
  ConstValue else_value;  ///< for kElse
  Conversion conversion = Conversion::kNone;
  std::optional<DateFormat> date_format;  ///< for kDate (date, datetime or instant)
  std::string prefix;
  std::string suffix;
};

/// `{ template: "..." }`: text with column values substituted.
struct TemplateExpr {
  /// Literal text, or (when `column` is set) a column's value.
  struct Part {
    std::string literal;
    std::optional<ColumnRef> column;
  };
  std::vector<Part> parts;
  bool trim = true;
  bool required = false;
};

/// `{ ref: Type, col(s): ... }`: a Reference to the resource that key gives.
struct RefExpr {
  std::string resource_type;
  std::vector<ColumnRef> columns;  ///< key columns, joined by '|'
  bool required = false;
};

/// An object literal: members in spec order.
struct ObjectExpr {
  std::vector<std::pair<std::string, std::shared_ptr<const ValueExpr>>> members;
};

/// A sequence literal: items in spec order.
struct SequenceExpr {
  std::vector<std::shared_ptr<const ValueExpr>> items;
};

/// `{ first: [A, B, ...] }`: the value of the first alternative that gives one.
struct FirstExpr {
  std::vector<std::shared_ptr<const ValueExpr>> alternatives;
};

/// One value expression of any kind, with its optional `when:`.
struct ValueExpr {
  std::variant<ConstValue, ColumnExpr, TemplateExpr, RefExpr, ObjectExpr, SequenceExpr, FirstExpr>
      body;
  std::shared_ptr<const Condition> when;  ///< null = always
  bool data_backed = false;               ///< its value comes from the record (see file comment)
};

/// What evaluating an expression gave.
enum class EvalOutcome {
  kValue,    ///< `out` holds the value
  kOmitted,  ///< no value (empty column, `when` false, ...): the element is left out
  kFailed,   ///< the record fails; `ctx.error` says why
};

/// Evaluates `expr` for the record in `ctx`; `scope` is the element path of the value.
EvalOutcome Evaluate(const ValueExpr& expr, EvalContext& ctx, const PathScope& scope,
                     JsonValue& out);

/// Evaluates a `col:` expression (column_value.cpp).
EvalOutcome EvaluateColumn(const ColumnExpr& expr, EvalContext& ctx, const PathScope& scope,
                           JsonValue& out);

/// The id of the resource of `resource_type` whose key is `key` in the source `system`:
/// Uuid5(kFerryUuidNamespace, system + "|" + resource_type + "|" + key).
std::string ResourceIdFor(const std::string& system, std::string_view resource_type,
                          std::string_view key);

/// True when the expression is a single value (constant, column or template): nothing
/// can be set inside it.
bool IsSingleValue(const ValueExpr& expr);

}  // namespace ferry
