// ferry: moves health records between providers through FHIR R4 NDJSON.
// main only wires the subcommands together and turns errors into exit codes.

#include <CLI/CLI.hpp>

#include <cstdio>
#include <exception>

#include "cli/adapters.hpp"
#include "cli/archive.hpp"
#include "cli/common.hpp"
#include "cli/evaluate.hpp"
#include "cli/exit.hpp"
#include "cli/mapping.hpp"
#include "cli/plan.hpp"
#include "cli/run.hpp"
#include "cli/synth.hpp"
#include "cli/validate.hpp"
#include "cli/verify.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"

int main(int argc, char** argv) {
  CLI::App app("ferry: move health records between providers through FHIR R4 NDJSON, losing nothing", "ferry");
  app.set_version_flag("--version", std::string("ferry ") + FERRY_VERSION + " (FHIR R4 4.0.1)");
  app.require_subcommand(1);
  app.fallthrough();
  ferry::cli::GlobalOptions global;
  ferry::cli::SetupGlobal(app, global);
  app.footer(R"(Examples:
  ferry synth --patients 200 --seed 7 --out clinic   make a synthetic clinic export (no PHI)
  ferry validate plans/demo.yaml                      check a plan and its mapping
  ferry run plans/demo.yaml                           migrate
  ferry verify plans/demo.yaml                        prove the target matches the source

Run 'ferry COMMAND --help' for a command's options and examples; man ferry for more.
Exit status: 0 ok; 1 records dead-lettered; 2 usage or plan error; 3 source/target
unreachable; 4 verify found a difference; 130 interrupted (state saved).)");
  ferry::cli::SetupValidate(app);
  ferry::cli::SetupPlan(app);
  ferry::cli::SetupRun(app);
  ferry::cli::SetupVerify(app);
  ferry::cli::SetupMapping(app);
  ferry::cli::SetupAdapters(app);
  ferry::cli::SetupSynth(app);
  ferry::cli::SetupArchive(app);
  ferry::cli::SetupEvaluate(app);
  app.parse_complete_callback([&global] { ferry::cli::ApplyGlobal(global); });
  try {
    app.parse(argc, argv);
  } catch (const ferry::cli::ExitWith& exit) {
    return exit.code;
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? 0 : static_cast<int>(ferry::ExitCode::kUsage);
  } catch (const ferry::Error& e) {
    FERRY_ERROR(e.what());
    return static_cast<int>(e.code());
  } catch (const std::exception& e) {
    FERRY_ERROR(std::string("internal error (a bug in ferry; please report it): ") + e.what());
    return static_cast<int>(ferry::ExitCode::kInternal);
  }
  return 0;
}
