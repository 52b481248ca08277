#pragma once
/// `ferry verify`.
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `verify` subcommand to `app`.
void SetupVerify(CLI::App& app);
}  // namespace ferry::cli
