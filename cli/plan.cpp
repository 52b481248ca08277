#include "cli/plan.hpp"

#include <cstdio>

#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/common/atomic_file.hpp"
#include "core/common/error.hpp"
#include "core/common/progress.hpp"
#include "core/pipeline/plan_overview.hpp"
#include "core/pipeline/reference_preflight.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::string plan;
  std::vector<std::string> only;
  bool references = false;
  bool strict_references = false;
  std::string report;
};

int CheckReferences(const Plan& plan, const Options& options) {
  std::unique_ptr<Progress> progress = MakeProgress(stderr, Global().quiet, "references " + plan.name);
  ReferencePreflight found = CheckPlanReferences(plan, options.only, progress.get());
  std::fputs(RenderReferencePreflight(found).c_str(), stdout);
  if (!options.report.empty()) WriteFileAtomically(options.report, ReferencePreflightJson(found), 0644);
  bool dangling = found.report.Dangling() != 0;
  return static_cast<int>(dangling && options.strict_references ? ExitCode::kRecordsFailed : ExitCode::kOk);
}

int Run(const Options& options) {
  Plan plan = LoadPlanOrThrow(options.plan);
  std::fputs(RenderPlanOverview(DescribePlan(plan, options.only)).c_str(), stdout);
  if (!options.references) return 0;
  return CheckReferences(plan, options);
}

}  // namespace

void SetupPlan(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("plan", "Show what a run would do: streams, counts, rules, column coverage, target");
  cmd->add_option("plan", options->plan, "The plan file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--only", options->only, "Only these resource types")->delimiter(',');
  CLI::Option* references = cmd->add_flag(
      "--references", options->references,
      "Read (and map) the whole source and list references that point outside the data set");
  cmd->add_flag("--strict-references", options->strict_references,
                "With --references: exit 1 when any reference points outside the data set")
      ->needs(references);
  cmd->add_option("--report", options->report, "With --references: also write the findings as JSON to FILE")
      ->type_name("FILE")
      ->needs(references);
  cmd->footer(R"(Reads the source's headers and counts its records where that is cheap; writes nothing.

With --references, reads the whole source as a run would (mapping and validating it, the
target untouched) and lists, per element path and kind, the references whose target is
not in the data set (missing Type/id, urn:uuid, conditional, contained #id, absolute URL),
with their first source locations and what the target will do with them. No id or value
is printed. Memory: about 16 bytes per resource and 16 per identifier; the references
are spooled to a temporary file (32 bytes each).

Examples:
  ferry plan plans/demo.yaml
  ferry plan plan.yaml --only Patient
  ferry plan plan.yaml --references --report refs.json
  ferry plan plan.yaml --references --strict-references   # exit 1 if any dangle

Exit status: 0 shown (dangling references are warnings); 1 with --strict-references,
some reference points outside the data set; 2 plan error; 3 source unreadable or a
local file (the report, the temporary file) cannot be written.)");
  cmd->callback([options] { throw ExitWith(Run(*options)); });
}

}  // namespace ferry::cli
