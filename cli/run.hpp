#pragma once
/// `ferry run PLAN`: migrate.
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `run` subcommand to `app`.
void SetupRun(CLI::App& app);
}  // namespace ferry::cli
