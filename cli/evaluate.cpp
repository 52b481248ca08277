#include "cli/evaluate.hpp"

#include <filesystem>

#include "adapters/registry.hpp"
#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/common/atomic_file.hpp"
#include "core/common/error.hpp"
#include "core/evaluate/evaluate.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::string eval_file;
  std::string plan;
  std::string out = "ferry-evaluate";
  std::vector<std::string> formats = {"json", "md", "html"};
  bool keep = false;
};

evaluate::EvalConfig LoadConfig(const Options& options) {
  if (options.eval_file.empty() == options.plan.empty())
    throw PlanError("evaluate: give either an evaluation file or --provider PLAN.yaml (one of them)");
  if (!options.plan.empty()) return evaluate::EvalConfigFromPlan(LoadPlanOrThrow(options.plan));
  return evaluate::LoadEvalConfig(options.eval_file, AllAdapters());
}

void WriteReports(const evaluate::EvalReport& report, const Options& options) {
  std::error_code error;
  std::filesystem::create_directories(options.out, error);
  for (const std::string& format : options.formats) {
    std::string path = options.out + "/report." + format;
    if (format == "json") WriteFileAtomically(path, evaluate::WriteJsonReport(report), 0644);
    else if (format == "md") WriteFileAtomically(path, evaluate::WriteMarkdownReport(report), 0644);
    else WriteFileAtomically(path, evaluate::WriteHtmlReport(report), 0644);
    Say("evaluate: wrote " + path);
  }
}

int Run(const Options& options) {
  evaluate::EvalConfig config = LoadConfig(options);
  evaluate::EvalReport report = evaluate::RunEvaluation(config, AllAdapters(), {options.keep, FERRY_VERSION});
  WriteReports(report, options);
  for (const evaluate::ProviderReport& provider : report.providers) {
    for (const std::string& failure : provider.failures) Say("evaluate: provider '" + provider.name + "': " + failure);
  }
  Say(report.Passed() ? "evaluate: every provider passed" : "evaluate: a provider failed a threshold");
  return static_cast<int>(report.Passed() ? ExitCode::kOk : ExitCode::kRecordsFailed);
}

}  // namespace

void SetupEvaluate(CLI::App& app) {
  auto options = std::make_shared<Options>();
  CLI::App* cmd = app.add_subcommand(
      "evaluate", "Evaluate providers with synthetic data: fidelity, throughput, limits, cost, side by side");
  cmd->add_option("eval", options->eval_file, "The evaluation file (YAML; see ferry-evaluate(5))")->check(CLI::ExistingFile);
  cmd->add_option("--provider", options->plan, "Evaluate the target of this plan instead")->check(CLI::ExistingFile);
  cmd->add_option("--out", options->out, "Directory for report.json, report.md and report.html")->default_val("ferry-evaluate");
  cmd->add_option("--format", options->formats, "Report formats")->delimiter(',')->check(CLI::IsMember({"json", "md", "html"}));
  cmd->add_flag("--keep", options->keep, "Leave what the evaluation wrote in the targets");
  cmd->footer(R"(Writes a synthetic population (ferry synth; no real data) to each provider, reads it
back and reports, per provider: what the target says it can do, which element paths came
back changed, dropped or added (counts and paths, never values), import and export
throughput at each concurrency with p50/p95/p99 latency, limits, and cost from a pricing
block. Everything written is deleted afterwards unless --keep. A target that already
holds data is refused unless its provider sets a 'prefix'.

Examples:
  ferry evaluate plans/evaluate/local-stores.yaml --out report
  ferry evaluate --provider plans/demo.yaml

Exit status: 0 every provider passed; 1 a provider failed a threshold (min_fidelity);
2 evaluation file error or a target holding data; 3 a target unreachable.)");
  cmd->callback([options] { throw ExitWith(Run(*options)); });
}

}  // namespace ferry::cli
