#pragma once
/// `ferry mapping`.
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `mapping` subcommand to `app`.
void SetupMapping(CLI::App& app);
}  // namespace ferry::cli
