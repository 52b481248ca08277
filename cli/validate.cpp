#include "cli/validate.hpp"

#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/pipeline/plan_parts.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::string plan;
};

int Run(const Options& options) {
  Plan plan = LoadPlanOrThrow(options.plan);
  WantedTypes(plan, {});
  std::string detail = "source " + plan.source.adapter + ", target " + plan.target.adapter;
  if (!plan.mapping_path.empty()) {
    MappingSpec spec = LoadMappingSpec(plan.mapping_path);
    detail += ", mapping " + spec.name + " with " + std::to_string(spec.rules.size()) +
              (spec.rules.size() == 1 ? " rule" : " rules");
  }
  if (!plan.transforms.empty()) {
    transform::TransformChain transforms(plan.transforms, plan.dir);  // loads and checks the profiles
    detail += ", " + std::to_string(plan.transforms.size()) + (plan.transforms.size() == 1 ? " transform" : " transforms");
  }
  Say(options.plan + ": OK (" + detail + ")");
  return 0;
}

}  // namespace

void SetupValidate(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("validate", "Check a plan and its mapping spec; reads no data");
  cmd->add_option("plan", options->plan, "The plan file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->footer(R"(Every mistake is reported at once as FILE:LINE:COLUMN: message.

Examples:
  ferry validate plans/demo.yaml
  ferry validate plan.yaml && ferry run plan.yaml

Exit status: 0 valid; 2 the plan or mapping has errors.)");
  cmd->callback([options] { throw ExitWith(Run(*options)); });
}

}  // namespace ferry::cli
