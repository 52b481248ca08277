#pragma once
/// `ferry evaluate`.
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `evaluate` subcommand to `app`.
void SetupEvaluate(CLI::App& app);
}  // namespace ferry::cli
