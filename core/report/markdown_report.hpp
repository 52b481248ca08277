#pragma once
/// A short Markdown summary of a run for CI job pages (`ferry run --summary-md FILE`, e.g.
/// appended to `$GITHUB_STEP_SUMMARY`): a heading with the plan name, the accounting
/// equation, a table per resource type and per mapping rule, the first failures and the
/// timings. Text from the summary is escaped so that it can not break the tables.
///
///     # Ferry run: clinic-a
///
///     read 1200 = written 1180 + unchanged 0 + filtered 10 + dead-lettered 10
///     ...

#include <string>
#include <string_view>

#include "core/report/run_summary.hpp"

namespace ferry {

/// How many failures the Markdown summary lists before pointing to the dead-letter file.
inline constexpr std::size_t kMarkdownFailures = 10;

/// `read 1200 = written 1180 + unchanged 0 + filtered 10 + dead-lettered 10`, with `!=`
/// and ` (does not balance)` when the counts do not add up.
std::string AccountingLine(const Counts& counts);

/// `text` with Markdown's punctuation backslash-escaped and line breaks and control
/// characters turned into spaces, so that it stays inside one table cell.
std::string EscapeMarkdown(std::string_view text);

/// The Markdown summary of `summary`, ending with a newline; without the timings section
/// unless `include_timings`.
std::string RenderMarkdownReport(const RunSummary& summary, bool include_timings = true);

/// Writes the summary with timings to `path` (mode 0600, atomically); throws IoError.
void WriteMarkdownReport(const RunSummary& summary, const std::string& path);

}  // namespace ferry
