#include "core/common/atomic_file.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/common/error.hpp"

namespace ferry {
namespace {

namespace fs = std::filesystem;

/// A fresh directory under the system's temporary directory, removed afterwards.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "ferry_atomic_XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add);
    fs::remove_all(path_);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

unsigned ModeOf(const fs::path& path) {
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  return info.st_mode & 07777;
}

std::size_t EntriesIn(const fs::path& dir) {
  return static_cast<std::size_t>(
      std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
}

}  // namespace

TEST_CASE("WriteFileAtomically writes a private file, creating its directories", "[atomic_file]") {
  TempDir dir;
  fs::path path = dir.path() / "reports" / "nested" / "report.json";
  WriteFileAtomically(path.string(), "{}\n");
  CHECK(ReadFile(path) == "{}\n");
  CHECK(ModeOf(path) == 0600);
  CHECK(EntriesIn(path.parent_path()) == 1);
}

TEST_CASE("WriteFileAtomically replaces a file and sets the mode asked for", "[atomic_file]") {
  TempDir dir;
  fs::path path = dir.path() / "state.txt";
  WriteFileAtomically(path.string(), "old");
  WriteFileAtomically(path.string(), std::string(100000, 'x'), 0640);
  CHECK(ReadFile(path) == std::string(100000, 'x'));
  CHECK(ModeOf(path) == 0640);
  CHECK(EntriesIn(dir.path()) == 1);
}

TEST_CASE("WriteFileAtomically names the path and the reason when it fails", "[atomic_file]") {
  if (geteuid() == 0) {
    WARN("running as root: permissions are not enforced, skipping the read-only case");
  } else {
    TempDir dir;
    fs::permissions(dir.path(), fs::perms::owner_read | fs::perms::owner_exec);
    std::string path = (dir.path() / "report.json").string();
    CHECK_THROWS_WITH(WriteFileAtomically(path, "x"),
                      "cannot write '" + path + "': Permission denied");
  }
  TempDir dir;
  std::string blocker = (dir.path() / "file").string();
  WriteFileAtomically(blocker, "x");
  std::string path = blocker + "/report.json";
  CHECK_THROWS_AS(WriteFileAtomically(path, "x"), IoError);
  CHECK_THROWS_WITH(WriteFileAtomically(path, "x"), "cannot create directory '" + blocker +
                                                        "' for '" + path + "': Not a directory");
}

TEST_CASE("WriteFileAtomically leaves nothing behind when the rename fails", "[atomic_file]") {
  TempDir dir;
  fs::path target = dir.path() / "taken";
  fs::create_directories(target / "child");
  CHECK_THROWS_AS(WriteFileAtomically(target.string(), "x"), IoError);
  CHECK(EntriesIn(dir.path()) == 1);
}

TEST_CASE("WriteFileAtomically removes what a killed earlier write of the path left", "[atomic_file]") {
  TempDir dir;
  fs::path target = dir.path() / "manifest.json";
  std::ofstream(dir.path() / ".manifest.json.tmp.AbC123") << "half";
  std::ofstream(dir.path() / ".other.json.tmp.AbC123") << "not ours";
  WriteFileAtomically(target.string(), "whole");
  CHECK(ReadFile(target) == "whole");
  CHECK_FALSE(fs::exists(dir.path() / ".manifest.json.tmp.AbC123"));
  CHECK(fs::exists(dir.path() / ".other.json.tmp.AbC123"));
  CHECK(EntriesIn(dir.path()) == 2);
}

}  // namespace ferry
