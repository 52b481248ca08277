#include "cli/plan.hpp"

#include <cstdio>

#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/pipeline/plan_overview.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::string plan;
  std::vector<std::string> only;
};

int Run(const Options& options) {
  Plan plan = LoadPlanOrThrow(options.plan);
  std::fputs(RenderPlanOverview(DescribePlan(plan, options.only)).c_str(), stdout);
  return 0;
}

}  // namespace

void SetupPlan(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("plan", "Show what a run would do: streams, counts, rules, column coverage, target");
  cmd->add_option("plan", options->plan, "The plan file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--only", options->only, "Only these resource types")->delimiter(',');
  cmd->footer(R"(Reads the source's headers and counts its records where that is cheap; writes nothing.

Examples:
  ferry plan plans/demo.yaml
  ferry plan plan.yaml --only Patient

Exit status: 0 shown; 2 plan error; 3 source unreadable.)");
  cmd->callback([options] { throw ExitWith(Run(*options)); });
}

}  // namespace ferry::cli
