#pragma once
/// `ferry synth`.
#include <CLI/CLI.hpp>

namespace ferry::cli {
/// Adds the `synth` subcommand to `app`.
void SetupSynth(CLI::App& app);
}  // namespace ferry::cli
