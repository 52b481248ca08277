#include "adapters/ndjson/ndjson_source.hpp"

#include <zlib.h>

#include <catch2/catch.hpp>

#include "core/common/error.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::ndjson {

namespace {

using test::ReadAll;
using test::TempDir;
using test::WriteFile;

void WriteGzip(const std::string& path, const std::string& content) {
  gzFile file = gzopen(path.c_str(), "wb");
  REQUIRE(file != nullptr);
  REQUIRE(gzwrite(file, content.data(), static_cast<unsigned>(content.size())) ==
          static_cast<int>(content.size()));
  REQUIRE(gzclose(file) == Z_OK);
}

std::unique_ptr<Source> Open(const TempDir& dir, std::vector<std::string> types = {}) {
  return OpenSource(test::MakeConfig("ndjson", {{"path", dir.path().string()}}),
                    {std::move(types)});
}

/// `location payload` of every record, for whole-list comparisons.
std::vector<std::string> Describe(const std::vector<RawRecord>& records) {
  std::vector<std::string> lines;
  for (const RawRecord& record : records) {
    lines.push_back(record.stream + " " + record.location.ToString() + " " + record.payload);
  }
  return lines;
}

}  // namespace

TEST_CASE("Resource types come from file names", "[ndjson]") {
  CHECK(ResourceTypeOfInput("Patient.ndjson") == "Patient");
  CHECK(ResourceTypeOfInput("Observation.001.ndjson.gz") == "Observation");
  CHECK(ResourceTypeOfInput("MedicationRequest-2.ndjson") == "MedicationRequest");
  CHECK(ResourceTypeOfInput("manifest.json") == "");
  CHECK(ResourceTypeOfInput("dead.ndjson") == "");
  CHECK(ResourceTypeOfInput("Patient.json") == "");
  CHECK(ResourceTypeOfInput(".ndjson") == "");
}

TEST_CASE("NDJSON source reads plain, gzip and part files in name order", "[ndjson]") {
  TempDir dir;
  WriteFile(dir / "Patient.ndjson", "{\"id\":\"p1\"}\r\n\n  \n{\"id\":\"p2\"}");
  WriteGzip(dir / "Observation.000.ndjson.gz", "{\"id\":\"o1\"}\n{\"id\":\"o2\"}\n");
  WriteFile(dir / "Observation.001.ndjson", "{\"id\":\"o3\"}\n");
  WriteFile(dir / "manifest.json", "{}");
  WriteFile(dir / "dead.ndjson", "{}\n");
  auto source = Open(dir);
  CHECK(Describe(ReadAll(*source, 2)) ==
        std::vector<std::string>{
            "Observation Observation.000.ndjson.gz:1 {\"id\":\"o1\"}",
            "Observation Observation.000.ndjson.gz:2 {\"id\":\"o2\"}",
            "Observation Observation.001.ndjson:1 {\"id\":\"o3\"}",
            "Patient Patient.ndjson:1 {\"id\":\"p1\"}",
            "Patient Patient.ndjson:4 {\"id\":\"p2\"}",
        });
  CHECK(source->Progress() == Approx(1.0));
  CHECK(source->CountRecords("Observation") == std::optional<std::uint64_t>(3));
  CHECK(source->CountRecords("Patient") == std::optional<std::uint64_t>(2));
}

TEST_CASE("NDJSON source reads the requested types in their order", "[ndjson]") {
  TempDir dir;
  WriteFile(dir / "Patient.ndjson", "{\"id\":\"p1\"}\n");
  WriteFile(dir / "Observation.ndjson", "{\"id\":\"o1\"}\n");
  WriteFile(dir / "Encounter.ndjson", "{\"id\":\"e1\"}\n");
  auto source = Open(dir, {"Patient", "Observation", "Condition"});
  CHECK(Describe(ReadAll(*source)) ==
        std::vector<std::string>{"Patient Patient.ndjson:1 {\"id\":\"p1\"}",
                                 "Observation Observation.ndjson:1 {\"id\":\"o1\"}"});
}

TEST_CASE("NDJSON source resumes from a cursor inside a gzip file", "[ndjson]") {
  TempDir dir;
  WriteGzip(dir / "Patient.ndjson.gz", "{\"a\":1}\n{\"a\":2}\n\n{\"a\":3}\n{\"a\":4}\n");
  WriteFile(dir / "Practitioner.ndjson", "{\"b\":1}\n{\"b\":2}\n");
  auto first = Open(dir);
  first->Seek("");
  first->Next(2);
  RecordBatch second_batch = first->Next(2);
  CHECK(second_batch.cursor == "0:33:6");
  std::vector<RawRecord> rest = test::Drain(*first, 2);

  auto resumed = Open(dir);
  std::vector<std::string> expected = {"Practitioner Practitioner.ndjson:1 {\"b\":1}",
                                       "Practitioner Practitioner.ndjson:2 {\"b\":2}"};
  CHECK(Describe(ReadAll(*resumed, 2, second_batch.cursor)) == expected);
  CHECK(Describe(rest) == expected);
  CHECK(Describe(ReadAll(*resumed, 2, "0:16:3")) ==
        std::vector<std::string>{"Patient Patient.ndjson.gz:4 {\"a\":3}",
                                 "Patient Patient.ndjson.gz:5 {\"a\":4}",
                                 "Practitioner Practitioner.ndjson:1 {\"b\":1}",
                                 "Practitioner Practitioner.ndjson:2 {\"b\":2}"});
}

TEST_CASE("NDJSON source refuses a truncated gzip file and a missing directory", "[ndjson]") {
  TempDir dir;
  WriteGzip(dir / "whole.gz", std::string(5000, 'x') + "\n");
  std::string gzip = test::ReadFile(dir / "whole.gz");
  WriteFile(dir / "Patient.ndjson.gz", gzip.substr(0, gzip.size() - 10));
  auto source = Open(dir);
  source->Seek("");
  CHECK_THROWS_WITH(source->Next(10),
                    "Patient.ndjson.gz: cannot read: unexpected end of file; "
                    "the file is damaged or truncated, export or download it "
                    "again");
  auto config = test::MakeConfig("ndjson", {{"path", dir / "nope"}});
  config.location = "plan.yaml:3:3";
  CHECK_THROWS_WITH(OpenSource(config, {}),
                    "plan.yaml:3:3: ndjson source: directory " + (dir / "nope") +
                        " does not exist; set `path` to the folder that holds the .ndjson files");
}

TEST_CASE("NDJSON source reports a line longer than 64 MiB and goes on", "[ndjson]") {
  TempDir dir;
  WriteFile(dir / "Patient.ndjson",
            "{\"id\":\"1\"}\n" + std::string(kMaxLineBytes + 5, ' ') + "x\n{\"id\":\"2\"}\n");
  auto source = Open(dir);
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 3);
  CHECK(records[1].read_error == "line is longer than 64 MiB");
  CHECK(records[1].location.ToString() == "Patient.ndjson:2");
  CHECK(records[1].payload.size() == kMaxLineBytes);
  CHECK(records[2].read_error == "");
  CHECK(records[2].payload == "{\"id\":\"2\"}");
  CHECK(records[2].location.ToString() == "Patient.ndjson:3");
}

}  // namespace ferry::ndjson
