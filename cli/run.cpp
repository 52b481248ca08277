#include "cli/run.hpp"

#include <cstdio>
#include <memory>

#include "adapters/registry.hpp"
#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/common/error.hpp"
#include "core/pipeline/pipeline.hpp"
#include "core/report/json_report.hpp"
#include "core/report/junit_report.hpp"
#include "core/report/markdown_report.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::string plan;
  bool dry_run = false;
  bool resume = false;
  std::uint64_t limit = 0;
  std::vector<std::string> only;
  std::string report;
  std::string junit;
  std::string summary_md;
  double max_rps = -1;   ///< < 0: the plan's
  std::string bwlimit;   ///< "": the plan's
};

/// Bytes per second from `10M`-style text (K, M, G are powers of 1024, as in rclone).
std::uint64_t ParseBandwidth(const std::string& text) {
  std::size_t used = 0;
  unsigned long long number = 0;
  try {
    number = std::stoull(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  std::string suffix = used ? text.substr(used) : "";
  std::uint64_t scale = suffix.empty() ? 1 : suffix == "K" || suffix == "k" ? 1024ULL
                        : suffix == "M" || suffix == "m"                   ? 1024ULL * 1024
                        : suffix == "G" || suffix == "g"                   ? 1024ULL * 1024 * 1024
                                                                           : 0;
  if (used == 0 || scale == 0)
    throw PlanError("--bwlimit " + text + ": not a bandwidth; give bytes per second, e.g. 500K or 10M");
  return number * scale;
}

/// `--max-rps` and `--bwlimit` override the plan's keys of the same name in every block
/// whose adapter has them (the HTTP adapters).
void ApplyRateOverrides(const Options& options, Plan& plan) {
  for (AdapterConfig* block : {&plan.source, &plan.target}) {
    const AdapterInfo* info = FindAdapter(block->adapter);
    if (!info) continue;
    for (const auto* keys : {&info->source_keys, &info->target_keys}) {
      for (const KeySpec& key : *keys) {
        if (key.name == "max_rps" && options.max_rps >= 0)
          block->values[key.name] = {key.type, std::to_string(options.max_rps), {}, {}, "--max-rps"};
        if (key.name == "bwlimit" && !options.bwlimit.empty())
          block->values[key.name] = {key.type, std::to_string(ParseBandwidth(options.bwlimit)), {}, {}, "--bwlimit"};
      }
    }
  }
}

void PrintSummary(const RunSummary& summary) {
  for (const auto& type : summary.per_type) Say(type.name + ": " + AccountingLine(type.counts));
  Say(std::string("total: ") + AccountingLine(summary.total) +
      (summary.total.Balanced() ? "" : "  (UNBALANCED: a bug in ferry; please report it)"));
  if (summary.dry_run) Say("dry run: nothing was written to the target");
  else if (summary.total.written == 0 && summary.total.deleted == 0 && summary.total.dead == 0 && !summary.interrupted)
    Say("nothing new to write: the target is up to date");
  if (summary.total.dead > 0)
    Say(std::to_string(summary.total.dead) + " records dead-lettered" +
        (summary.dead_letter_path.empty() ? (summary.dry_run ? " (a dry run keeps no dead-letter file; --report lists them)" : "")
                                          : "; see " + summary.dead_letter_path));
  if (summary.interrupted) Say("stopped before the end; state saved. Continue with: ferry run --resume " + summary.plan_path);
  if (summary.stopped_at_limit)
    Say("stopped at --limit before the end of the source; state saved. Continue with: ferry run --resume " +
        summary.plan_path);
}

void WriteReports(const Options& options, const RunSummary& summary) {
  if (!options.report.empty()) WriteJsonReport(summary, options.report);
  if (!options.junit.empty()) WriteJUnitReport(summary, options.junit);
  if (!options.summary_md.empty()) WriteMarkdownReport(summary, options.summary_md);
}

int Run(const Options& options) {
  Plan plan = LoadPlanOrThrow(options.plan);
  ApplyRateOverrides(options, plan);
  RunOptions run;
  run.dry_run = options.dry_run;
  run.resume = options.resume;
  if (options.limit) run.limit = options.limit;
  run.only_types = options.only;
  InstallSignalHandlers();
  run.stop = &StopFlag();
  std::unique_ptr<Progress> progress = MakeProgress(stderr, Global().quiet, plan.name);
  run.progress = progress.get();
  RunSummary summary = RunPlan(plan, run);
  summary.ferry_version = FERRY_VERSION;
  WriteReports(options, summary);
  PrintSummary(summary);
  return summary.exit_code;
}

}  // namespace

void SetupRun(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand("run", "Migrate: read the source, map, validate and write the target");
  cmd->add_option("plan", options->plan, "The plan file (YAML)")->required()->check(CLI::ExistingFile);
  cmd->add_flag("--dry-run", options->dry_run, "Read, map and validate everything; write nothing (no network for the target)");
  cmd->add_flag("--resume", options->resume, "Continue an interrupted run from its saved state");
  cmd->add_option("--limit", options->limit, "Stop after N source records (the run can be resumed later)");
  cmd->add_option("--only", options->only, "Migrate only these resource types (repeat or comma-separate)")->delimiter(',');
  cmd->add_option("--max-rps", options->max_rps,
                  "Cap HTTP requests per second to the source and target servers (overrides the plan's max_rps)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--bwlimit", options->bwlimit,
                  "Cap HTTP bandwidth in bytes per second, e.g. 500K or 10M (overrides the plan's bwlimit)");
  cmd->add_option("--report", options->report, "Write a JSON report to FILE");
  cmd->add_option("--junit", options->junit, "Write a JUnit XML report to FILE (one test case per rule and per type)");
  cmd->add_option("--summary-md", options->summary_md, "Write a Markdown summary to FILE");
  cmd->footer(R"(Examples:
  ferry run plans/demo.yaml                     migrate, with a progress bar
  ferry run plans/demo.yaml --resume            continue after Ctrl-C or a crash
  ferry run plan.yaml --dry-run --junit out.xml CI check of a mapping change, no writes
  ferry run plan.yaml --only Patient,Encounter --limit 1000

Exit status: 0 all records accounted and none failed; 1 some records dead-lettered;
2 usage or plan error; 3 source or target unreachable; 130 interrupted (state saved).)");
  cmd->callback([options] { throw ExitWith(Run(*options)); });
}

}  // namespace ferry::cli
