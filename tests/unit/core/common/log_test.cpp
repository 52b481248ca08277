#include "core/common/log.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <cstdio>
#include <string>
#include <thread>
#include <vector>

namespace ferry {
namespace {

/// Points the global logger at a temporary file for one test and restores it afterwards.
class CapturedLog {
 public:
  explicit CapturedLog(LogLevel level, LogFormat format = LogFormat::kText)
      : file_(std::tmpfile()) {
    REQUIRE(file_ != nullptr);
    Logger::Get().Configure(level, format, file_);
    Logger::Get().SetClock([] {
      // 2026-01-02T03:04:05.678Z
      return std::chrono::system_clock::time_point(std::chrono::milliseconds(1767323045678));
    });
  }
  ~CapturedLog() {
    Logger::Get().Configure(LogLevel::kInfo, LogFormat::kText, stderr);
    Logger::Get().SetClock(nullptr);
    std::fclose(file_);
  }
  std::string Text() {
    std::rewind(file_);
    std::string text;
    char buffer[512];
    while (std::size_t got = std::fread(buffer, 1, sizeof buffer, file_)) text.append(buffer, got);
    return text;
  }

 private:
  std::FILE* file_;
};

int calls = 0;
int CountedCall() { return ++calls; }

}  // namespace

TEST_CASE("Text lines carry the level word, except for info", "[log]") {
  CapturedLog log(LogLevel::kTrace);
  FERRY_ERROR("cannot open state");
  FERRY_WARN("record dead-lettered", {"location", "patients.csv:42"}, {"stage", "map"});
  FERRY_INFO("run finished", {"records", std::size_t{1200}}, {"seconds", 1.5}, {"dry_run", true});
  FERRY_DEBUG("batch written", {"type", std::string("Patient")});
  FERRY_TRACE("record mapped", {"line", -1});
  CHECK(log.Text() ==
        "ferry: error: cannot open state\n"
        "ferry: warning: record dead-lettered (location=patients.csv:42, stage=map)\n"
        "ferry: run finished (records=1200, seconds=1.5, dry_run=true)\n"
        "ferry: debug: batch written (type=Patient)\n"
        "ferry: trace: record mapped (line=-1)\n");
}

TEST_CASE("Text values that would be ambiguous are quoted and escaped", "[log]") {
  CapturedLog log(LogLevel::kInfo);
  FERRY_INFO("file read", {"path", "my exports/a,b.csv"}, {"empty", ""}, {"odd", "a\"b\\c\nd\x01"});
  CHECK(
      log.Text() ==
      "ferry: file read (path=\"my exports/a,b.csv\", empty=\"\", odd=\"a\\\"b\\\\c\\nd\\x01\")\n");
}

TEST_CASE("JSON lines are one object each, numbers unquoted", "[log]") {
  CapturedLog log(LogLevel::kInfo, LogFormat::kJson);
  FERRY_WARN("record dead-lettered", {"location", "a\"b.csv:3"}, {"records", 7u}, {"ratio", 0.25},
             {"ok", false});
  FERRY_INFO("done");
  CHECK(log.Text() ==
        "{\"time\":\"2026-01-02T03:04:05.678Z\",\"level\":\"warning\",\"message\":\"record "
        "dead-lettered\",\"location\":\"a\\\"b.csv:3\",\"records\":7,\"ratio\":0.25,\"ok\":false}\n"
        "{\"time\":\"2026-01-02T03:04:05.678Z\",\"level\":\"info\",\"message\":\"done\"}\n");
}

TEST_CASE("JSON keeps a hand-made unquoted field that is not a number a string", "[log]") {
  CapturedLog log(LogLevel::kInfo, LogFormat::kJson);
  LogField hostile("x", "1}{\"y\":2");
  hostile.quoted = false;
  Logger::Get().Write(LogLevel::kInfo, "m", {hostile, {"nan", std::nan("")}});
  CHECK(log.Text() ==
        "{\"time\":\"2026-01-02T03:04:05.678Z\",\"level\":\"info\",\"message\":\"m\","
        "\"x\":\"1}{\\\"y\\\":2\",\"nan\":\"nan\"}\n");
}

TEST_CASE("A disabled level neither writes nor evaluates its arguments", "[log]") {
  CapturedLog log(LogLevel::kWarning);
  calls = 0;
  FERRY_INFO("not shown", {"n", CountedCall()});
  FERRY_DEBUG("not shown", {"n", CountedCall()});
  CHECK(calls == 0);
  FERRY_WARN("shown", {"n", CountedCall()});
  CHECK(calls == 1);
  CHECK(log.Text() == "ferry: warning: shown (n=1)\n");
  CHECK(Logger::Get().Enabled(LogLevel::kError));
  CHECK_FALSE(Logger::Get().Enabled(LogLevel::kInfo));
  CHECK(Logger::Get().level() == LogLevel::kWarning);
  CHECK(Logger::Get().format() == LogFormat::kText);
}

TEST_CASE("Lines from many threads never interleave", "[log]") {
  CapturedLog log(LogLevel::kInfo);
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < 4; ++thread_idx) {
    threads.emplace_back([thread_idx] {
      for (int line_idx = 0; line_idx < 200; ++line_idx) FERRY_INFO("tick", {"thread", thread_idx});
    });
  }
  for (auto& thread : threads) thread.join();
  std::string text = log.Text();
  std::size_t lines = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    REQUIRE(end != std::string::npos);
    std::string line = text.substr(start, end - start);
    CHECK(line.rfind("ferry: tick (thread=", 0) == 0);
    CHECK(line.size() == std::string("ferry: tick (thread=0)").size());
    ++lines;
    start = end + 1;
  }
  CHECK(lines == 800);
}

TEST_CASE("Level names", "[log]") {
  CHECK(LogLevelName(LogLevel::kError) == "error");
  CHECK(LogLevelName(LogLevel::kWarning) == "warning");
  CHECK(LogLevelName(LogLevel::kTrace) == "trace");
}

}  // namespace ferry
