#include "core/plan/plan.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/common/error.hpp"

namespace ferry {

namespace {

namespace fs = std::filesystem;

/// A plan file in a fresh temp dir, removed afterwards.
class PlanFile {
 public:
  explicit PlanFile(const std::string& text) {
    dir_ = fs::temp_directory_path() / ("ferry-plan-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "plan.yaml") << text;
  }
  ~PlanFile() { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "plan.yaml").string(); }
  std::string dir() const { return dir_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

std::unique_ptr<Source> NoSource(const AdapterConfig&, const SourceContext&) { return nullptr; }
std::unique_ptr<Sink> NoSink(const AdapterConfig&) { return nullptr; }

const AdapterInfo kCsv{"csv", "test csv", RecordShape::kRows,
                       {{"path", KeyType::kPath, true, "", "directory"}, {"delimiter", KeyType::kChar, false, ",", ""}},
                       {}, &NoSource, nullptr};
const AdapterInfo kStore{"sqlite", "test store", RecordShape::kRows,
                         {{"path", KeyType::kPath, true, "", ""}},
                         {{"path", KeyType::kPath, true, "", ""}, {"password", KeyType::kSecret, false, "", ""}},
                         &NoSource, &NoSink};
const AdapterInfo* const kAdapters[] = {&kCsv, &kStore};

std::string LoadError(const PlanFile& file) {
  try {
    LoadPlan(file.path(), kAdapters);
  } catch (const PlanError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("A valid plan loads with paths made absolute and defaults filled", "[plan]") {
  PlanFile file(R"(version: 1
name: clinic
source: { adapter: csv, path: export, mapping: map.yaml }
target: { adapter: sqlite, path: out/store.db }
resources: [Patient]
options: { batch_size: 50 }
)");
  Plan plan = LoadPlan(file.path(), kAdapters);
  CHECK(plan.name == "clinic");
  CHECK(plan.source.GetString("path") == file.dir() + "/export");
  CHECK(plan.source.GetString("delimiter") == ",");
  CHECK(plan.mapping_path == file.dir() + "/map.yaml");
  CHECK(plan.target.GetString("path") == file.dir() + "/out/store.db");
  CHECK(plan.resources == std::vector<std::string>{"Patient"});
  CHECK(plan.options.batch_size == 50);
  CHECK(plan.state_path == file.dir() + "/.ferry/clinic.state.db");
  CHECK(plan.dead_letter_path == file.dir() + "/.ferry/clinic.dead.ndjson");
}

TEST_CASE("Three mistakes give three errors with line and column, in one pass", "[plan]") {
  PlanFile file(R"(version: 1
source: { adapter: csv, path: export, mapping: map.yaml }
target:
  adapter: sqlite
  path: out.db
  password: hunter2-canary
options:
  bacth_size: 10
  concurrency: many
)");
  std::string error = LoadError(file);
  std::string path = file.path();
  CHECK(error == path + ":6:13: inline secret in 'password' of target; secrets must be references: 'env:NAME' or 'file:PATH'\n" +
                     path + ":8:3: unknown key 'bacth_size' in options; did you mean 'batch_size'?\n    bacth_size: 10\n    ^\n" +
                     path + ":9:16: 'concurrency' in options must be a whole number from 0 to 256\n    concurrency: many\n"
                            "                 ^");
  CHECK(error.find("hunter2-canary") == std::string::npos);
}

TEST_CASE("Unknown adapters get a did-you-mean", "[plan]") {
  PlanFile file("version: 1\nsource: { adapter: cvs, path: x, mapping: m.yaml }\ntarget: { adapter: sqlite, path: y }\n");
  CHECK(LoadError(file) == file.path() + ":2:20: unknown adapter 'cvs'; did you mean 'csv'?\n"
                                          "  source: { adapter: cvs, path: x, mapping: m.yaml }\n"
                                          "                     ^");
}

TEST_CASE("Missing keys and a source needing a mapping are reported", "[plan]") {
  PlanFile file("version: 1\nsource: { adapter: csv }\n");
  std::string error = LoadError(file);
  CHECK(error.find(":1:1: missing required key 'target' in the plan") != std::string::npos);
  CHECK(error.find(":2:9: missing required key 'path' in source (adapter csv): directory") != std::string::npos);
  CHECK(error.find("needs 'mapping: <spec.yaml>'") != std::string::npos);
}

TEST_CASE("Secrets resolve from env: and file:, never inline", "[plan]") {
  ::setenv("FERRY_TEST_SECRET", "s3cret", 1);
  CHECK(ResolveSecret("env:FERRY_TEST_SECRET", "/").value() == "s3cret");
  auto missing = ResolveSecret("env:FERRY_TEST_NOT_SET", "/");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error() == "environment variable FERRY_TEST_NOT_SET is not set; export it before running ferry");
  PlanFile file("version: 1\nsource: { adapter: csv, path: x, mapping: m.yaml }\n"
                "target: { adapter: sqlite, path: y, password: env:FERRY_TEST_SECRET }\n");
  Plan plan = LoadPlan(file.path(), kAdapters);
  CHECK(plan.target.GetString("password") == "s3cret");
}

TEST_CASE("An unsupported plan version is an error", "[plan]") {
  PlanFile file("version: 2\nsource: { adapter: csv, path: x, mapping: m.yaml }\ntarget: { adapter: sqlite, path: y }\n");
  CHECK(LoadError(file) == file.path() + ":1:10: plan version 2 is not supported by this ferry; it reads version 1\n"
                                          "  version: 2\n           ^");
}

}  // namespace ferry

namespace ferry {

TEST_CASE("A line holding a secret-named key is never shown, whatever the error", "[plan]") {
  PlanFile file("version: 1\nsource: { adapter: csv, path: x, mapping: m.yaml }\n"
                "target: { adapter: sqlite, path: y, api_token: Canary-Token-1 }\n");
  std::string error = LoadError(file);
  CHECK(error == file.path() + ":3:37: unknown key 'api_token' in target (adapter sqlite); expected one of: adapter, "
                               "write, path, password\n" +
                     file.path() + ":3:48: inline secret in 'api_token' of target; secrets must be references: "
                                   "'env:NAME' or 'file:PATH'");
}

}  // namespace ferry
