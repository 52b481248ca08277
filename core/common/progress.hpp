#pragma once
/// Progress of a long run, as ninja's Status shows a build: one self-overwriting line on a
/// terminal, a plain line every few seconds in a log file or CI job, nothing with `-q`.
///
///     auto progress = MakeProgress(stderr, options.quiet, "Patient");
///     while (...) progress->Update(records_done, source.Progress());
///     progress->Finish(records_done);
///
/// terminal: `\r<label> [#########...........] 45%  12,345 records  3,210/s  ETA 0:42`
/// plain:    `<label>: 12345 records, 3210/s, 45%`
///
/// Only counts are shown, never anything from a record.

#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace ferry {

/// Receives the progress of one run. Update and Finish are called from one thread.
class Progress {
 public:
  virtual ~Progress() = default;
  /// `done`: records processed so far; `fraction`: of the whole input in [0, 1], if the
  /// source can tell. Cheap to call for every batch: output is rate-limited.
  virtual void Update(std::uint64_t done, std::optional<double> fraction) = 0;
  /// Writes the final state and ends the line. Later calls to Update or Finish do nothing.
  virtual void Finish(std::uint64_t done) = 0;
};

/// How progress is shown.
enum class ProgressMode {
  kQuiet,     ///< nothing
  kTerminal,  ///< one line redrawn in place at most every 100 ms
  kPlain,     ///< a line every 5 seconds and one at the end
};

/// Everything a Progress needs; the clock and mode are here so that tests can fix them.
struct ProgressOptions {
  ProgressMode mode = ProgressMode::kPlain;
  std::string label;            ///< what is counted: a plan or resource type name
  std::function<double()> now;  ///< monotonic seconds; empty: std::chrono::steady_clock
  std::size_t width = 0;        ///< terminal columns to cut the line to; 0: no cut
};

/// kQuiet when `quiet`, kTerminal when `out` is a terminal and TERM is set and not "dumb",
/// kPlain otherwise.
ProgressMode DetectProgressMode(std::FILE* out, bool quiet);

/// A Progress writing to `out` (borrowed; must outlive the result) as `options` say.
std::unique_ptr<Progress> MakeProgress(std::FILE* out, ProgressOptions options);

/// A Progress for `out` in the mode DetectProgressMode picks, cut to the terminal's width.
std::unique_ptr<Progress> MakeProgress(std::FILE* out, bool quiet, std::string label);

}  // namespace ferry
