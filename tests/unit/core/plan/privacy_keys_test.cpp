// The plan keys of the privacy features: transforms (deidentify), provenance, and the
// encrypted form of dead_letter.
#include <catch2/catch.hpp>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/common/error.hpp"
#include "core/plan/plan.hpp"

namespace ferry {

namespace {

namespace fs = std::filesystem;

class PrivacyPlanFile {
 public:
  explicit PrivacyPlanFile(const std::string& tail) {
    dir_ = fs::temp_directory_path() / ("ferry-privacy-plan-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(dir_);
    std::ofstream(dir_ / "plan.yaml") << "version: 1\nname: p\nsource: { adapter: nd, path: in }\n"
                                         "target: { adapter: nd, path: out }\n"
                                      << tail;
  }
  ~PrivacyPlanFile() { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "plan.yaml").string(); }
  std::string dir() const { return dir_.string(); }

 private:
  static inline int counter_ = 0;
  fs::path dir_;
};

std::unique_ptr<Source> NoSource(const AdapterConfig&, const SourceContext&) { return nullptr; }
std::unique_ptr<Sink> NoSink(const AdapterConfig&) { return nullptr; }
const AdapterInfo kNd{"nd", "test ndjson", RecordShape::kResources,
                      {{"path", KeyType::kPath, true, "", ""}}, {{"path", KeyType::kPath, true, "", ""}},
                      &NoSource, &NoSink};
const AdapterInfo* const kAdapters[] = {&kNd};

std::string LoadError(const PrivacyPlanFile& file) {
  try {
    LoadPlan(file.path(), kAdapters);
  } catch (const PlanError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("transforms: deidentify loads its profile name and resolved key", "[plan]") {
  ::setenv("FERRY_TEST_DEID_KEY", "0123456789abcdef-long-enough", 1);
  PrivacyPlanFile file("transforms:\n  - deidentify: { profile: safe-harbor, key: env:FERRY_TEST_DEID_KEY }\n"
                       "provenance: true\n");
  Plan plan = LoadPlan(file.path(), kAdapters);
  REQUIRE(plan.transforms.size() == 1);
  CHECK(plan.transforms[0].kind == "deidentify");
  CHECK(plan.transforms[0].profile == "safe-harbor");
  CHECK(plan.transforms[0].key == "0123456789abcdef-long-enough");
  CHECK(plan.transforms[0].location == file.path() + ":6:17");
  CHECK(plan.provenance);
  CHECK_FALSE(LoadPlan(PrivacyPlanFile("").path(), kAdapters).provenance);
}

TEST_CASE("A deidentify key must be a long secret reference; mistakes come all at once", "[plan]") {
  ::setenv("FERRY_TEST_SHORT_KEY", "short", 1);
  PrivacyPlanFile file("transforms:\n"
                       "  - deidentify: { profile: safe-harbor, key: inline-canary-key-value }\n"
                       "  - deidentify: { profile: safe-harbor, key: env:FERRY_TEST_SHORT_KEY }\n"
                       "  - deidentfy: { profile: x }\n"
                       "  - deidentify: { key: env:FERRY_TEST_SHORT_KEY, salt: 1 }\n");
  std::string error = LoadError(file);
  std::string path = file.path();
  CHECK(error.find(path + ":6:46: inline secret in 'key' of deidentify; secrets must be references") != std::string::npos);
  CHECK(error.find(path + ":7:46: the deidentify key is shorter than 16 bytes") != std::string::npos);
  CHECK(error.find(path + ":8:5: unknown key 'deidentfy' in a transform; did you mean 'deidentify'?") != std::string::npos);
  CHECK(error.find(path + ":9:50: unknown key 'salt' in deidentify") != std::string::npos);
  CHECK(error.find(path + ":9:17: missing required key 'profile' in deidentify") != std::string::npos);
  CHECK(error.find("inline-canary-key-value") == std::string::npos);
}

TEST_CASE("dead_letter is a path, or a path and age recipients", "[plan]") {
  PrivacyPlanFile plain("dead_letter: failed.ndjson\n");
  CHECK(LoadPlan(plain.path(), kAdapters).dead_letter_path == plain.dir() + "/failed.ndjson");
  CHECK(LoadPlan(plain.path(), kAdapters).dead_letter_recipients.empty());
  PrivacyPlanFile encrypted("dead_letter: { encrypt_to: [age1abc, age1def] }\n");
  Plan plan = LoadPlan(encrypted.path(), kAdapters);
  CHECK(plan.dead_letter_path == encrypted.dir() + "/.ferry/p.dead.age.d");
  CHECK(plan.dead_letter_recipients == std::vector<std::string>{"age1abc", "age1def"});
  PrivacyPlanFile empty("dead_letter: { path: d, encrypt_to: [], encrypt: yes }\n");
  std::string error = LoadError(empty);
  CHECK(error.find(":5:41: unknown key 'encrypt' in dead_letter; expected one of: path, encrypt_to") != std::string::npos);
  CHECK(error.find(":5:37: 'encrypt_to' lists no recipient") != std::string::npos);
}

}  // namespace ferry
