#include "cli/mapping.hpp"

#include <cstdio>

#include "cli/common.hpp"
#include "cli/exit.hpp"
#include "core/pipeline/mapping_cases.hpp"

namespace ferry::cli {

namespace {

struct Options {
  std::string spec;
  std::string cases;
  bool update = false;
};

int RunTest(const Options& options) {
  std::vector<CaseResult> results = RunMappingCases(options.spec, options.cases, options.update);
  std::size_t failed = 0;
  for (const auto& result : results) {
    std::printf("%s %s\n", result.passed ? "PASS" : "FAIL", result.name.c_str());
    if (!result.passed) {
      ++failed;
      std::printf("  %s: %s\n", result.path.c_str(), result.failure.c_str());
    }
  }
  std::printf("%zu passed, %zu failed\n", results.size() - failed, failed);
  return failed ? 1 : 0;
}

}  // namespace

void SetupMapping(CLI::App& app) {
  CLI::App* mapping = app.add_subcommand("mapping", "Work with mapping specs");
  mapping->footer(R"(Examples:
  ferry mapping test mappings/synthea-csv.yaml --cases tests/golden/synthea-csv)");
  mapping->require_subcommand(1);
  auto options = std::make_shared<Options>();
  CLI::App* test = mapping->add_subcommand("test", "Run golden cases for a mapping spec");
  test->add_option("spec", options->spec, "The mapping spec (YAML)")->required()->check(CLI::ExistingFile);
  test->add_option("--cases", options->cases, "Directory with one folder per case (input/, expected/)")->required();
  test->add_flag("--update", options->update, "Rewrite the expected files from the output (review the diff!)");
  test->footer(R"(A case folder holds input/<stream>.csv and expected/<Type>.ndjson (and expected/dead.ndjson
for rows that must fail). Outputs are compared byte for byte; a failure shows the first
differing line. Case inputs are fixtures: their content may be shown.

Examples:
  ferry mapping test mappings/synthea-csv.yaml --cases tests/golden/synthea-csv

Exit status: 0 all cases pass; 1 some case failed; 2 the spec has errors.)");
  test->callback([options] { throw ExitWith(RunTest(*options)); });
}

}  // namespace ferry::cli
