#pragma once
/// What evaluating conditions and value expressions against one record needs: the row
/// (with its columns already resolved to indexes), the document's allocator, the spec's
/// system URI (for reference ids), and a place for the failure message.
///
/// Element paths for messages are built only when something fails, from a chain of
/// PathScope objects that live on the stack while the evaluation goes down.

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/fhir/json.hpp"
#include "core/record.hpp"

namespace ferry {

/// A column a spec reads: its name and its slot in the stream's list of columns read.
struct ColumnRef {
  std::string name;
  std::size_t slot = 0;
};

/// Index of a slot whose column the record's stream does not have.
inline constexpr std::size_t kColumnNotFound = static_cast<std::size_t>(-1);

/// One record's cells, reached by slot.
class RowView {
 public:
  /// `column_indexes[slot]` is the record's column index for that slot, or kColumnNotFound.
  RowView(const RawRecord& record, std::span<const std::size_t> column_indexes)
      : record_(record), column_indexes_(column_indexes) {}

  /// The cell of `column`, untrimmed: empty for a NULL or a missing trailing value;
  /// nullopt when the record's stream has no such column.
  std::optional<std::string_view> Cell(const ColumnRef& column) const {
    const std::size_t column_idx = column_indexes_[column.slot];
    if (column_idx == kColumnNotFound) return std::nullopt;
    if (column_idx >= record_.values.size() || record_.IsNull(column_idx))
      return std::string_view();
    return record_.values[column_idx];
  }
  /// The record's stream (named in "column X not found in <stream>").
  const std::string& stream() const { return record_.stream; }

 private:
  const RawRecord& record_;
  std::span<const std::size_t> column_indexes_;
};

/// A piece of the element path being evaluated: the root holds `Patient.code.coding[0]`,
/// an object member `code` (shown as `.code`), a sequence item an index (`[2]`).
struct PathScope {
  const PathScope* parent = nullptr;
  std::string_view name;
  int index = -1;
  /// The whole path, root first: `Patient.code.coding[0].code`.
  std::string ToString() const;
};

/// State of one evaluation of a rule against one record.
struct EvalContext {
  const RowView& row;        ///< the record
  JsonAllocator& allocator;  ///< of the resource being built
  /// `system:` of the spec, for reference ids.
  const std::string& system;
  /// Reusable text buffers (templates, dates), to avoid allocating per element.
  std::string scratch;
  std::string date_scratch;
  /// Set by Fail: `<element path>: <what>`, never a field value.
  std::string error;

  /// Records a failure at `scope` and returns false (for `return ctx.Fail(...)`).
  bool Fail(const PathScope& scope, std::string_view what) {
    error = scope.ToString();
    error.append(": ").append(what);
    return false;
  }
  /// Fail with `column <name> not found in <stream>`.
  bool ColumnNotFound(const PathScope& scope, const ColumnRef& column) {
    return Fail(scope, "column " + column.name + " not found in " + row.stream());
  }
  /// The cell of `column`, trimmed when `trim`; nullopt after failing when the record's
  /// stream has no such column.
  std::optional<std::string_view> ReadCell(const ColumnRef& column, bool trim,
                                           const PathScope& scope);
  /// For an empty cell: true (omit the element) unless `required`, which fails with
  /// `column <name> is empty` and returns false.
  bool Empty(bool required, const ColumnRef& column, const PathScope& scope) {
    return !required || Fail(scope, "column " + column.name + " is empty");
  }
};

}  // namespace ferry
