#pragma once
/// `ferry adapters`.
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `adapters` subcommand to `app`.
void SetupAdapters(CLI::App& app);
}  // namespace ferry::cli
