#include "adapters/ndjson/layout.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::ndjson {

TEST_CASE("part file names carry six-digit part numbers, part 0 none", "[ndjson][layout]") {
  CHECK(PartFileName("Patient", 0) == "Patient.ndjson");
  CHECK(PartFileName("Patient", 1) == "Patient.000001.ndjson");
  CHECK(PartFileName("Observation", 123456) == "Observation.123456.ndjson");
  CHECK(PartFileName("Observation", kMaxPart) == "Observation.999999.ndjson");
}

TEST_CASE("output names parse back to type and part; other names do not", "[ndjson][layout]") {
  auto parsed = ParseOutputName("Patient.000002.ndjson");
  REQUIRE(parsed);
  CHECK(parsed->resource_type == "Patient");
  CHECK(parsed->part == 2);
  REQUIRE(ParseOutputName("Patient.ndjson"));
  CHECK(ParseOutputName("Patient.ndjson")->part == 0);
  for (const char* name : {"Patient.000000.ndjson", "Patient.02.ndjson", "Patient.0000002.ndjson",
                           "patient.000001.ndjson", "Patient.00000a.ndjson", "Patient.000001.ndjson.gz",
                           "manifest.json", ".000001.ndjson", "Pa-tient.000001.ndjson"}) {
    INFO(name);
    CHECK_FALSE(ParseOutputName(name));
  }
}

TEST_CASE("a file rolls over before a line would pass a limit, never when empty", "[ndjson][layout]") {
  FileLimits none;
  CHECK_FALSE(none.Numbered());
  CHECK(none.FirstPart() == 0);
  CHECK_FALSE(MustRoll(none, 1ULL << 40, 1ULL << 30, 1000));

  FileLimits bytes;
  bytes.max_file_bytes = 100;
  CHECK(bytes.Numbered());
  CHECK(bytes.FirstPart() == 1);
  CHECK_FALSE(MustRoll(bytes, 60, 3, 40));  // exactly 100: fits
  CHECK(MustRoll(bytes, 60, 3, 41));
  CHECK_FALSE(MustRoll(bytes, 0, 0, 500));  // an empty file takes any line...
  CHECK(TooLargeForAnyFile(bytes, 101));    // ...but the sink refuses one over the limit first
  CHECK_FALSE(TooLargeForAnyFile(bytes, 100));
  CHECK_FALSE(TooLargeForAnyFile(none, 1ULL << 40));

  FileLimits resources;
  resources.max_file_resources = 3;
  CHECK_FALSE(MustRoll(resources, 1ULL << 40, 2, 10));
  CHECK(MustRoll(resources, 10, 3, 10));
}

TEST_CASE("limits come from the layout preset, overridden by the plan's keys", "[ndjson][layout]") {
  FileLimits bulk = LimitsFromConfig(test::MakeConfig("ndjson", {}), "");
  CHECK(bulk.layout == "bulk");
  CHECK_FALSE(bulk.Numbered());

  FileLimits healthlake = LimitsFromConfig(test::MakeConfig("ndjson", {{"layout", "healthlake"}}), "");
  CHECK(healthlake.max_file_bytes == 50000000000ULL);
  CHECK(healthlake.max_file_resources == 0);
  CHECK(healthlake.max_files == 10000);

  FileLimits small = LimitsFromConfig(
      test::MakeConfig("ndjson", {{"layout", "azure"}, {"max_file_bytes", "4096"}, {"max_file_resources", "10"}}), "");
  CHECK(small.max_file_bytes == 4096);
  CHECK(small.max_file_resources == 10);
  CHECK(small.title == "Azure Health Data Services $import");

  FileLimits unlimited =
      LimitsFromConfig(test::MakeConfig("ndjson", {{"layout", "healthlake"}, {"max_file_bytes", "0"}}), "");
  CHECK_FALSE(unlimited.Numbered());

  CHECK_THROWS_WITH(LimitsFromConfig(test::MakeConfig("ndjson", {{"layout", "aws"}}), "plan.yaml:9:3: "),
                    "plan.yaml:9:3: unknown layout 'aws'; known: bulk, azure, healthlake, google");
}

}  // namespace ferry::ndjson
