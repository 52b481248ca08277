#pragma once
/// `ferry plan`.
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `plan` subcommand to `app`.
void SetupPlan(CLI::App& app);
}  // namespace ferry::cli
