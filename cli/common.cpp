#include "cli/common.hpp"

#include <csignal>
#include <cstdio>

#include "adapters/providers/provider_check.hpp"
#include "adapters/registry.hpp"
#include "core/common/log.hpp"

namespace ferry::cli {

namespace {

GlobalOptions g_options;
std::atomic<bool> g_stop = false;

extern "C" void OnSignal(int signal_number) {
  g_stop = true;
  std::signal(signal_number, SIG_DFL);  // a second signal ends the process at once
}

}  // namespace

void SetupGlobal(CLI::App& app, GlobalOptions& options) {
  app.add_flag("-q,--quiet", options.quiet, "Print only errors (no progress, no summary)");
  app.add_flag("-v,--verbose", options.verbosity, "More detail in logs; -vv for tracing");
  app.add_option("--log-format", options.log_format, "Log lines as plain text or JSON objects")
      ->check(CLI::IsMember({"text", "json"}))
      ->default_str("text");
}

void ApplyGlobal(const GlobalOptions& options) {
  g_options = options;
  LogLevel level = options.quiet            ? LogLevel::kError
                   : options.verbosity >= 2 ? LogLevel::kTrace
                   : options.verbosity == 1 ? LogLevel::kDebug
                                            : LogLevel::kInfo;
  Logger::Get().Configure(level, options.log_format == "json" ? LogFormat::kJson : LogFormat::kText, stderr);
}

const GlobalOptions& Global() { return g_options; }

Plan LoadPlanOrThrow(const std::string& path) {
  Plan plan = LoadPlan(path, AllAdapters());
  for (const auto& warning : plan.warnings) FERRY_WARN(warning);
  for (const auto& warning : providers::ProviderWarnings(plan.source, "source")) FERRY_WARN(warning);
  for (const auto& warning : providers::ProviderWarnings(plan.target, "target")) FERRY_WARN(warning);
  return plan;
}

std::atomic<bool>& StopFlag() { return g_stop; }

void InstallSignalHandlers() {
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
}

void Say(const std::string& message) { FERRY_INFO(message); }

}  // namespace ferry::cli
