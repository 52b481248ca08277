#pragma once
/// `ferry validate`.
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `validate` subcommand to `app`.
void SetupValidate(CLI::App& app);
}  // namespace ferry::cli
