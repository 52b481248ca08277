#pragma once
/// Writing a whole file so that readers see either the old content or the new, never half.
///
/// Reports, state snapshots and dead-letter files are health-data tooling output and are
/// private by default (mode 0600).
///
///     WriteFileAtomically(".ferry/report.json", RenderJsonReport(summary, true));

#include <string>
#include <string_view>

namespace ferry {

/// Replaces the file at `path` with `content`: writes a temporary file in the same
/// directory (created with exactly `mode`, whatever the umask), flushes it to disk, renames
/// it over `path` and flushes the directory. Creates missing parent directories. On failure
/// nothing is left behind, the old file (if any) is untouched, and an IoError naming the
/// path and the system's reason is thrown. On success it also removes the temporary files
/// of earlier writes of `path` that a kill left behind (one writer per path is assumed).
void WriteFileAtomically(const std::string& path, std::string_view content, unsigned mode = 0600);

}  // namespace ferry
