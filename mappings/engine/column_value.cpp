// Evaluation of `col:` expressions: trim, map, convert, wrap.
#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

#include "mappings/engine/value_expr.hpp"

namespace ferry {

namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

/// true/false/1/0/yes/no/y/n/t/f in any case.
std::optional<bool> ParseBoolean(std::string_view text) {
  static constexpr std::array<std::string_view, 5> kTrue = {"true", "1", "yes", "y", "t"};
  static constexpr std::array<std::string_view, 5> kFalse = {"false", "0", "no", "n", "f"};
  for (std::string_view word : kTrue) {
    if (EqualsIgnoreCase(text, word)) return true;
  }
  for (std::string_view word : kFalse) {
    if (EqualsIgnoreCase(text, word)) return false;
  }
  return std::nullopt;
}

/// A JSON integer (no '+', no leading zeros) within FHIR's 32-bit range.
bool IsInteger(std::string_view text) {
  if (!IsJsonNumberText(text) || text.find_first_of(".eE") != std::string_view::npos) return false;
  std::int64_t value = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  return error == std::errc() && end == text.data() + text.size() && value >= INT32_MIN &&
         value <= INT32_MAX;
}

const ConstValue* Lookup(const ColumnExpr& expr, std::string_view text) {
  auto found =
      std::lower_bound(expr.value_map.begin(), expr.value_map.end(), text,
                       [](const auto& entry, std::string_view key) { return entry.first < key; });
  return found != expr.value_map.end() && found->first == text ? &found->second : nullptr;
}

EvalOutcome Failed(EvalContext& ctx, const PathScope& scope, const ColumnExpr& expr,
                   std::string_view what) {
  ctx.Fail(scope, "column " + expr.column.name + " " + std::string(what));
  return EvalOutcome::kFailed;
}

EvalOutcome ConvertDate(const ColumnExpr& expr, std::string_view text, EvalContext& ctx,
                        const PathScope& scope, JsonValue& out) {
  const DateFormat& format = *expr.date_format;
  if (!format.Convert(text, ctx.date_scratch)) {
    const std::string article = format.kind() == DateKind::kInstant ? "an " : "a ";
    return Failed(
        ctx, scope, expr,
        "is not " + article + DateKindName(format.kind()) + " in format " + format.pattern());
  }
  out = MakeString(ctx.date_scratch, ctx.allocator);
  return EvalOutcome::kValue;
}

EvalOutcome Wrap(const ColumnExpr& expr, std::string_view text, EvalContext& ctx, JsonValue& out) {
  if (expr.prefix.empty() && expr.suffix.empty()) {
    out = MakeString(text, ctx.allocator);
    return EvalOutcome::kValue;
  }
  std::string& wrapped = ctx.scratch;
  wrapped.assign(expr.prefix).append(text).append(expr.suffix);
  out = MakeString(wrapped, ctx.allocator);
  return EvalOutcome::kValue;
}

EvalOutcome Convert(const ColumnExpr& expr, std::string_view text, EvalContext& ctx,
                    const PathScope& scope, JsonValue& out) {
  switch (expr.conversion) {
    case Conversion::kNone:
      return Wrap(expr, text, ctx, out);
    case Conversion::kDate:
      return ConvertDate(expr, text, ctx, scope, out);
    case Conversion::kNumber:
      if (!IsJsonNumberText(text)) return Failed(ctx, scope, expr, "is not a decimal");
      out = MakeRawNumber(text, ctx.allocator);
      return EvalOutcome::kValue;
    case Conversion::kInteger:
      if (!IsInteger(text)) return Failed(ctx, scope, expr, "is not an integer");
      out = MakeRawNumber(text, ctx.allocator);
      return EvalOutcome::kValue;
    case Conversion::kBoolean: {
      std::optional<bool> value = ParseBoolean(text);
      if (!value) return Failed(ctx, scope, expr, "is not a boolean");
      out.SetBool(*value);
      return EvalOutcome::kValue;
    }
  }
  return EvalOutcome::kFailed;
}

}  // namespace

EvalOutcome EvaluateColumn(const ColumnExpr& expr, EvalContext& ctx, const PathScope& scope,
                           JsonValue& out) {
  std::optional<std::string_view> cell = ctx.ReadCell(expr.column, expr.trim, scope);
  if (!cell) return EvalOutcome::kFailed;
  if (cell->empty()) {
    return ctx.Empty(expr.required, expr.column, scope) ? EvalOutcome::kOmitted
                                                        : EvalOutcome::kFailed;
  }
  std::string_view text = *cell;
  if (!expr.has_map) return Convert(expr, text, ctx, scope, out);
  const ConstValue* mapped = Lookup(expr, text);
  if (!mapped) {
    switch (expr.unmapped) {
      case UnmappedPolicy::kError:
        ctx.Fail(scope, "unmapped code in column " + expr.column.name);
        return EvalOutcome::kFailed;
      case UnmappedPolicy::kOmit:
        return EvalOutcome::kOmitted;
      case UnmappedPolicy::kKeep:
        return Convert(expr, text, ctx, scope, out);
      case UnmappedPolicy::kElse:
        mapped = &expr.else_value;
        break;
    }
  }
  if (expr.conversion == Conversion::kNone && expr.prefix.empty() && expr.suffix.empty()) {
    out = mapped->ToJson(ctx.allocator);
    return EvalOutcome::kValue;
  }
  return Convert(expr, mapped->text, ctx, scope, out);
}

}  // namespace ferry
