#pragma once
/// What every subcommand shares: global flags, loading a plan, printing errors.

#include <CLI/CLI.hpp>

#include <atomic>
#include <string>

#include "core/plan/plan.hpp"

namespace ferry::cli {

/// Flags that apply to every subcommand (`-q`, `-v`, `--log-format`).
struct GlobalOptions {
  bool quiet = false;
  int verbosity = 0;
  std::string log_format = "text";
};

/// Adds the global flags to `app`.
void SetupGlobal(CLI::App& app, GlobalOptions& options);
/// Configures the logger from the global flags.
void ApplyGlobal(const GlobalOptions& options);
/// The global flags as set on the command line.
const GlobalOptions& Global();

/// Loads the plan at `path` with every adapter of this build; prints its warnings.
Plan LoadPlanOrThrow(const std::string& path);

/// Set by SIGINT/SIGTERM: long work finishes its batch, saves state and stops.
std::atomic<bool>& StopFlag();
/// Installs the SIGINT/SIGTERM handlers that set StopFlag (a second signal kills).
void InstallSignalHandlers();

/// Logs `message` at info level: `ferry: <message>` on stderr (or a JSON line), unless -q.
void Say(const std::string& message);

}  // namespace ferry::cli
