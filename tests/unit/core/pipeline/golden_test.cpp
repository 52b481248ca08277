// Registers every golden case folder, tests/golden/<mapping>/<case>/, as its own Catch2
// test case (as DuckDB registers its .test files), so one case runs by name:
//   ferry_run_test "golden/synthea-csv/patient_basic"
// The spec is mappings/<mapping>.yaml. FERRY_UPDATE_GOLDEN=1 rewrites expected files.

#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdlib>
#include <deque>
#include <filesystem>

#include "core/pipeline/mapping_cases.hpp"

namespace ferry {

namespace {

namespace fs = std::filesystem;

class GoldenCase : public Catch::ITestInvoker {
 public:
  GoldenCase(std::string spec, std::string dir) : spec_(std::move(spec)), dir_(std::move(dir)) {}
  void invoke() const override {
    const char* update = std::getenv("FERRY_UPDATE_GOLDEN");
    CaseResult result = RunMappingCase(spec_, dir_, update && std::string(update) == "1");
    INFO(result.path << ": " << result.failure);
    CHECK(result.passed);
  }

 private:
  std::string spec_;
  std::string dir_;
};

std::deque<std::string>& Names() {
  static std::deque<std::string> names;
  return names;
}

struct Registrar {
  Registrar() {
    fs::path root = fs::path(FERRY_SOURCE_DIR) / "tests" / "golden";
    if (!fs::is_directory(root)) return;
    std::vector<fs::path> cases;
    for (const auto& mapping : fs::directory_iterator(root)) {
      if (!mapping.is_directory()) continue;
      for (const auto& entry : fs::directory_iterator(mapping.path())) {
        if (entry.is_directory()) cases.push_back(entry.path());
      }
    }
    std::sort(cases.begin(), cases.end());
    for (const auto& dir : cases) {
      std::string mapping = dir.parent_path().filename().string();
      std::string spec = (fs::path(FERRY_SOURCE_DIR) / "mappings" / (mapping + ".yaml")).string();
      Names().push_back("golden/" + mapping + "/" + dir.filename().string());
      Catch::AutoReg(new GoldenCase(spec, dir.string()), CATCH_INTERNAL_LINEINFO, Catch::StringRef(),
                     Catch::NameAndTags{Names().back(), "[golden]"});
    }
  }
};

const Registrar kRegistrar;

}  // namespace

}  // namespace ferry
