#include "core/report/json_report.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/unit/core/report/sample_summary.hpp"

namespace ferry {

namespace {

constexpr const char* kSampleWithoutTimings = R"json({
  "ferry_report": 1,
  "plan": {
    "name": "clinic-a",
    "path": "plans/clinic-a.yaml"
  },
  "source": {
    "adapter": "csv"
  },
  "target": {
    "adapter": "ndjson"
  },
  "dry_run": false,
  "resumed": false,
  "interrupted": false,
  "fhir_version": "4.0.1",
  "ferry_version": "0.1.0",
  "totals": {
    "read": 12,
    "written": 9,
    "unchanged": 0,
    "filtered": 1,
    "dead_lettered": 2,
    "deleted": 0,
    "balanced": true
  },
  "types": [
    {
      "type": "Observation",
      "read": 4,
      "written": 3,
      "unchanged": 0,
      "filtered": 1,
      "dead_lettered": 0,
      "deleted": 0,
      "failures": []
    },
    {
      "type": "Patient",
      "read": 8,
      "written": 6,
      "unchanged": 0,
      "filtered": 0,
      "dead_lettered": 2,
      "deleted": 0,
      "failures": [
        {
          "stage": "map",
          "location": "patients.csv:3",
          "message": "Patient.birthDate: not a date in format %Y-%m-%d"
        }
      ]
    }
  ],
  "rules": [
    {
      "name": "patients->Patient",
      "detail": "patients.csv -> Patient (mappings/synthea.yaml:4)",
      "read": 8,
      "written": 6,
      "unchanged": 0,
      "filtered": 0,
      "dead_lettered": 2,
      "deleted": 0,
      "failures": [
        {
          "stage": "map",
          "location": "patients.csv:3",
          "message": "Patient.birthDate: not a date in format %Y-%m-%d"
        }
      ]
    },
    {
      "name": "observations->Observation",
      "detail": "observations.csv -> Observation (mappings/synthea.yaml:12)",
      "read": 4,
      "written": 3,
      "unchanged": 0,
      "filtered": 1,
      "dead_lettered": 0,
      "deleted": 0,
      "failures": []
    }
  ],
  "dead_letter": ".ferry/clinic-a.dead.ndjson",
  "exit_code": 1
}
)json";

}  // namespace

TEST_CASE("The JSON report without timings is stable, byte for byte", "[report][json]") {
  CHECK(RenderJsonReport(testing::SampleSummary(), false) == kSampleWithoutTimings);
}

TEST_CASE("The JSON report ends with timings in seconds, rounded to milliseconds",
          "[report][json]") {
  RunSummary summary = testing::SampleSummary();
  summary.timings.total_seconds = 2.34567;
  std::string json = RenderJsonReport(summary, true);
  std::string tail = json.substr(json.find("  \"exit_code\""));
  CHECK(tail ==
        "  \"exit_code\": 1,\n"
        "  \"timings\": {\n"
        "    \"total_seconds\": 2.346,\n"
        "    \"read_seconds\": 0.25,\n"
        "    \"map_seconds\": 1.0,\n"
        "    \"validate_seconds\": 0.5,\n"
        "    \"write_seconds\": 0.75\n"
        "  }\n"
        "}\n");
}

TEST_CASE("The JSON report of a dry run has null target and dead letter, escaped text",
          "[report][json]") {
  RunSummary summary;
  summary.plan_name = "a \"quoted\"\nname";
  summary.dry_run = true;
  std::string json = RenderJsonReport(summary, false);
  CHECK(json.find("\"name\": \"a \\\"quoted\\\"\\nname\"") != std::string::npos);
  CHECK(json.find("  \"target\": {\n    \"adapter\": null\n  },") != std::string::npos);
  CHECK(json.find("  \"dry_run\": true,") != std::string::npos);
  CHECK(json.find("  \"types\": [],\n  \"rules\": [],\n  \"dead_letter\": null,") !=
        std::string::npos);
}

TEST_CASE("WriteJsonReport writes a private file that parses as JSON", "[report][json]") {
  std::string dir = (std::filesystem::temp_directory_path() / "ferry_json_XXXXXX").string();
  REQUIRE(mkdtemp(dir.data()) != nullptr);
  std::string path = dir + "/out/report.json";
  WriteJsonReport(testing::SampleSummary(), path);
  struct stat info {};
  REQUIRE(stat(path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str().rfind(R"({
  "ferry_report": 1,)",
                         0) == 0);
  if (std::system("command -v python3 >/dev/null 2>&1") != 0) {
    WARN("python3 not found: the JSON report was not checked by a JSON parser");
  } else {
    std::string command =
        "python3 -c \"import json,sys; r=json.load(open(sys.argv[1])); "
        "sys.exit(0 if r['totals']['read'] == 12 and "
        "r['timings']['total_seconds'] == 2.5 else 1)\" " +
        path;
    CHECK(std::system(command.c_str()) == 0);
  }
  std::filesystem::remove_all(dir);
}

}  // namespace ferry
