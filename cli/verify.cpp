#include "cli/verify.hpp"

#include <cstdio>

#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/common/error.hpp"
#include "core/common/progress.hpp"
#include "core/pipeline/verify.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::string plan;
  std::vector<std::string> only;
  std::size_t max_ids = 20;
};

void Print(const TypeVerification& type) {
  std::string line = type.resource_type + ": source " + std::to_string(type.source_count) + ", target " +
                     std::to_string(type.target_count);
  if (type.Matches()) {
    line += ", digests match (" + type.source_digest.substr(0, 16) + ")";
  } else {
    line += ": " + std::to_string(type.missing) + " missing, " + std::to_string(type.unexpected) + " unexpected, " +
            std::to_string(type.different) + " different, " + std::to_string(type.duplicated) + " duplicated";
    if (type.deleted_present)
      line += ", " + std::to_string(type.deleted_present) + " deleted on the source but present";
  }
  std::printf("%s\n", line.c_str());
  for (const auto& id : type.example_ids) std::printf("  %s\n", id.c_str());
}

int Run(const Options& options) {
  Plan plan = LoadPlanOrThrow(options.plan);
  std::unique_ptr<Progress> progress = MakeProgress(stderr, Global().quiet, "verify " + plan.name);
  VerifyOptions verify{options.only, options.max_ids, progress.get()};
  VerifyResult result = VerifyPlan(plan, verify);
  for (const auto& type : result.types) Print(type);
  if (result.source_failed)
    std::printf("(%llu source records cannot be mapped or validated; they are not expected in the target)\n",
                static_cast<unsigned long long>(result.source_failed));
  bool matches = result.Matches();
  Say(matches ? "verify: source and target match" : "verify: source and target differ (ids above)");
  return static_cast<int>(matches ? ExitCode::kOk : ExitCode::kVerifyMismatch);
}

}  // namespace

void SetupVerify(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("verify", "Reconcile the source (as mapped) with the target: counts and digests per type");
  cmd->add_option("plan", options->plan, "The plan file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--only", options->only, "Only these resource types")->delimiter(',');
  cmd->add_option("--max-ids", options->max_ids, "List at most N differing ids per type")->default_val(20);
  cmd->footer(R"(Compares per type: counts, an order-independent digest of the canonical JSON,
and the ids that are missing, unexpected or different. Only ids are printed, never content.

Examples:
  ferry run plans/demo.yaml && ferry verify plans/demo.yaml

Exit status: 0 match; 2 plan error; 3 source or target unreadable; 4 they differ.)");
  cmd->callback([options] { throw ExitWith(Run(*options)); });
}

}  // namespace ferry::cli
