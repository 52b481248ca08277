#pragma once
/// `ferry archive`: check and list escrow archives (core/archive/escrow.hpp).
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `archive` subcommand group (`verify`, `list`) to `app`.
void SetupArchive(CLI::App& app);
}  // namespace ferry::cli
