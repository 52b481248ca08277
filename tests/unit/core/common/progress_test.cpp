#include "core/common/progress.hpp"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <string>

namespace ferry {
namespace {

/// A temporary file to write progress into, and a clock the test moves by hand.
class Fixture {
 public:
  Fixture() : file_(std::tmpfile()) { REQUIRE(file_ != nullptr); }
  ~Fixture() { std::fclose(file_); }

  std::unique_ptr<Progress> Make(ProgressMode mode, std::string label, std::size_t width = 0) {
    ProgressOptions options;
    options.mode = mode;
    options.label = std::move(label);
    options.now = [this] { return now; };
    options.width = width;
    return MakeProgress(file_, std::move(options));
  }

  /// What was written since the last call.
  std::string Take() {
    std::fflush(file_);
    long end = std::ftell(file_);
    std::string text(static_cast<std::size_t>(end - taken_), '\0');
    std::fseek(file_, taken_, SEEK_SET);
    std::size_t got = std::fread(text.data(), 1, text.size(), file_);
    text.resize(got);
    taken_ = end;
    std::fseek(file_, 0, SEEK_END);
    return text;
  }

  std::FILE* file() { return file_; }
  double now = 0;

 private:
  std::FILE* file_;
  long taken_ = 0;
};

}  // namespace

TEST_CASE("Terminal progress redraws one line at most every 100 ms", "[progress]") {
  Fixture fixture;
  auto progress = fixture.Make(ProgressMode::kTerminal, "Patient");
  progress->Update(0, 0.0);
  CHECK(fixture.Take() == "\rPatient [....................] 0%  0 records\x1b[K");
  fixture.now = 0.05;
  progress->Update(100, 0.01);
  CHECK(fixture.Take().empty());
  fixture.now = 8;
  progress->Update(12345, 0.25);
  CHECK(fixture.Take() ==
        "\rPatient [#####...............] 25%  12,345 records  1,543/s  ETA 0:24\x1b[K");
  fixture.now = 16;
  progress->Finish(20000);
  CHECK(fixture.Take() == "\rPatient  20,000 records  1,250/s  done in 0:16\x1b[K\n");
  progress->Update(30000, 0.5);
  progress->Finish(30000);
  CHECK(fixture.Take().empty());
}

TEST_CASE("Terminal progress without a fraction has no bar and no ETA", "[progress]") {
  Fixture fixture;
  auto progress = fixture.Make(ProgressMode::kTerminal, "run");
  fixture.now = 2;
  progress->Update(5000, std::nullopt);
  CHECK(fixture.Take() == "\rrun  5,000 records  2,500/s\x1b[K");
}

TEST_CASE("Terminal progress shows hours in a long ETA and clamps the fraction", "[progress]") {
  Fixture fixture;
  auto progress = fixture.Make(ProgressMode::kTerminal, "obs");
  fixture.now = 4;
  progress->Update(1, 1.0 / 1024);
  CHECK(fixture.Take() == "\robs [....................] 0%  1 records  0/s  ETA 1:08:12\x1b[K");
  fixture.now = 5;
  progress->Update(2, 1.5);
  CHECK(fixture.Take() == "\robs [####################] 100%  2 records  0/s  ETA 0:00\x1b[K");
}

TEST_CASE("Terminal progress is cut to the terminal's width", "[progress]") {
  Fixture fixture;
  auto progress = fixture.Make(ProgressMode::kTerminal, "Observation", 20);
  progress->Update(10, 0.5);
  CHECK(fixture.Take() == "\rObservation [######\x1b[K");
}

TEST_CASE("Plain progress writes a line every 5 seconds and one at the end", "[progress]") {
  Fixture fixture;
  auto progress = fixture.Make(ProgressMode::kPlain, "job");
  fixture.now = 1;
  progress->Update(10, 0.1);
  CHECK(fixture.Take().empty());
  fixture.now = 5;
  progress->Update(1000, 0.5);
  CHECK(fixture.Take() == "job: 1000 records, 200/s, 50%\n");
  fixture.now = 6;
  progress->Update(1200, 0.6);
  CHECK(fixture.Take().empty());
  fixture.now = 10;
  progress->Update(3000, std::nullopt);
  CHECK(fixture.Take() == "job: 3000 records, 300/s\n");
  fixture.now = 12;
  progress->Finish(3500);
  CHECK(fixture.Take() == "job: 3500 records, 292/s, done in 0:12\n");
  progress->Finish(3500);
  CHECK(fixture.Take().empty());
}

TEST_CASE("Quiet progress writes nothing", "[progress]") {
  Fixture fixture;
  auto progress = MakeProgress(fixture.file(), true, "job");
  progress->Update(10, 0.5);
  progress->Finish(10);
  CHECK(fixture.Take().empty());
}

TEST_CASE("A file is not a terminal", "[progress]") {
  Fixture fixture;
  CHECK(DetectProgressMode(fixture.file(), false) == ProgressMode::kPlain);
  CHECK(DetectProgressMode(fixture.file(), true) == ProgressMode::kQuiet);
}

TEST_CASE("A pseudo-terminal is a terminal unless TERM is dumb or unset", "[progress]") {
  int master = posix_openpt(O_RDWR | O_NOCTTY);
  REQUIRE(master >= 0);
  REQUIRE(grantpt(master) == 0);
  REQUIRE(unlockpt(master) == 0);
  std::FILE* terminal = std::fopen(ptsname(master), "w");
  REQUIRE(terminal != nullptr);
  const char* saved = std::getenv("TERM");
  std::string saved_term = saved ? saved : "";
  setenv("TERM", "xterm", 1);
  CHECK(DetectProgressMode(terminal, false) == ProgressMode::kTerminal);
  setenv("TERM", "dumb", 1);
  CHECK(DetectProgressMode(terminal, false) == ProgressMode::kPlain);
  unsetenv("TERM");
  CHECK(DetectProgressMode(terminal, false) == ProgressMode::kPlain);
  if (saved) setenv("TERM", saved_term.c_str(), 1);
  std::fclose(terminal);
  close(master);
}

}  // namespace ferry
