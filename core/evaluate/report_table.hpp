#pragma once
/// The side-by-side table that the Markdown and HTML reports share: one row per figure,
/// one column per provider, as display text (numbers formatted, no resource values).
///
///     for (const TableRow& row : SideBySide(report)) Print(row.label, row.cells);

#include <string>
#include <vector>

#include "core/evaluate/report.hpp"

namespace ferry::evaluate {

struct TableRow {
  std::string section;  ///< non-empty on the first row of a section ("Fidelity")
  std::string label;
  std::vector<std::string> cells;  ///< one per provider
};

std::vector<TableRow> SideBySide(const EvalReport& report);

/// `value` with `digits` decimals.
std::string Fixed(double value, int digits);
/// "kept/total" with a mark: `12/12 ✓` or `3/12 ✗`.
std::string CheckText(const Check& check);
/// A human size: `1.2 MB`.
std::string Bytes(std::uint64_t bytes);

}  // namespace ferry::evaluate
