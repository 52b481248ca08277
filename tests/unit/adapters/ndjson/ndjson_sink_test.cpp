#include "adapters/ndjson/ndjson_sink.hpp"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "adapters/ndjson/deleted_file.hpp"
#include "adapters/ndjson/manifest.hpp"
#include "core/common/error.hpp"
#include "core/common/log.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::ndjson {

namespace {

using test::ReadFile;
using test::TempDir;
using test::WriteFile;

Resource MakeResource(const std::string& type, const std::string& id) {
  Resource resource;
  resource.resource_type = type;
  resource.id = id;
  resource.json = "{\"resourceType\":\"" + type + "\",\"id\":\"" + id + "\"}";
  return resource;
}

std::vector<WriteStatus> Statuses(const std::vector<WriteOutcome>& outcomes) {
  std::vector<WriteStatus> statuses;
  for (const WriteOutcome& outcome : outcomes) statuses.push_back(outcome.status);
  return statuses;
}

mode_t CurrentUmask() {
  mode_t mask = umask(0);
  umask(mask);
  return mask;
}

FileLimits MaxResources(std::uint64_t count) {
  FileLimits limits;
  limits.max_file_resources = count;
  return limits;
}

std::vector<Resource> Patients(int first, int last) {
  std::vector<Resource> patients;
  for (int number = first; number <= last; ++number) patients.push_back(MakeResource("Patient", "p" + std::to_string(number)));
  return patients;
}

/// Sets FERRY_FIXED_TIME for the life of the guard.
struct FixedTime {
  FixedTime() { setenv("FERRY_FIXED_TIME", "2024-01-02T03:04:05.000Z", 1); }
  ~FixedTime() { unsetenv("FERRY_FIXED_TIME"); }
};

}  // namespace

TEST_CASE("NDJSON sink writes lines in order and checkpoints lengths", "[ndjson]") {
  TempDir dir;
  NdjsonSink sink(dir.path() / "out", false, "");
  std::vector<Resource> batch = {MakeResource("Patient", "p1"), MakeResource("Observation", "o1"),
                                 MakeResource("Patient", "p2")};
  CHECK(Statuses(sink.Write(batch)) == std::vector<WriteStatus>{WriteStatus::kWritten,
                                                                WriteStatus::kWritten,
                                                                WriteStatus::kWritten});
  CHECK(sink.Commit() == "Observation.ndjson 41 1\nPatient.ndjson 74 2\n");
  CHECK(ReadFile(dir / "out/Patient.ndjson") ==
        "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n{\"resourceType\":\"Patient\",\"id\":\"p2\"}"
        "\n");
  struct stat info {};
  REQUIRE(stat((dir / "out").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == (0755 & ~CurrentUmask()));
}

TEST_CASE("NDJSON sink fails resources it cannot hold as one line", "[ndjson]") {
  TempDir dir;
  NdjsonSink sink(dir.path(), false, "");
  Resource bad_type = MakeResource("Patient", "p1");
  bad_type.resource_type = "../etc";
  Resource two_lines = MakeResource("Patient", "p2");
  two_lines.json = "{\n}";
  std::vector<WriteOutcome> outcomes = sink.Write(std::vector<Resource>{bad_type, two_lines});
  REQUIRE(outcomes.size() == 2);
  CHECK(outcomes[0].status == WriteStatus::kFailed);
  CHECK(outcomes[0].error == "resource type is not a FHIR resource type name");
  CHECK(outcomes[1].error == "resource JSON holds a line break; NDJSON needs one line");
  CHECK(sink.Commit() == "");
}

TEST_CASE("NDJSON sink Restore cuts files back to the checkpoint", "[ndjson]") {
  TempDir dir;
  std::string checkpoint;
  {
    NdjsonSink sink(dir.path(), false, "");
    sink.Write(std::vector<Resource>{MakeResource("Patient", "p1")});
    checkpoint = sink.Commit();
    sink.Write(
        std::vector<Resource>{MakeResource("Patient", "p2"), MakeResource("Encounter", "e1")});
    sink.Commit();  // written, but the crash comes before the state stores this checkpoint
  }
  NdjsonSink resumed(dir.path(), false, "");
  resumed.Restore(checkpoint);
  CHECK(ReadFile(dir / "Patient.ndjson") == "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n");
  CHECK(ReadFile(dir / "Encounter.ndjson") == "");
  resumed.Write(std::vector<Resource>{MakeResource("Patient", "p2")});
  CHECK(resumed.Commit() == "Patient.ndjson 74 2\n");
  CHECK(ReadFile(dir / "Patient.ndjson") ==
        "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n{\"resourceType\":\"Patient\",\"id\":\"p2\"}"
        "\n");
}

TEST_CASE("NDJSON sink Restore refuses a file shorter than the checkpoint", "[ndjson]") {
  TempDir dir;
  WriteFile(dir / "Patient.ndjson", "{}\n");
  NdjsonSink sink(dir.path(), false, "");
  CHECK_THROWS_WITH(sink.Restore("Patient.ndjson 10 2\n"),
                    (dir / "Patient.ndjson") +
                        " holds 3 bytes, fewer than the last checkpoint's 10; the target was "
                        "changed outside ferry, so run again without --resume into an empty "
                        "directory");
  CHECK_THROWS_WITH(sink.Restore("Patient.ndjson ten 2\n"),
                    "ndjson sink: the saved checkpoint is damaged; run again without --resume "
                    "into an empty directory");
}

TEST_CASE("NDJSON sink refuses a directory that holds NDJSON unless overwrite", "[ndjson]") {
  TempDir dir;
  WriteFile(dir / "Patient.ndjson", "{\"id\":\"old\"}\n");
  WriteFile(dir / "Observation.ndjson", "{\"id\":\"old\"}\n");
  NdjsonSink refusing(dir.path(), false, "plan.yaml:9:3: ");
  CHECK_THROWS_WITH(refusing.Write(std::vector<Resource>{MakeResource("Patient", "p1")}),
                    "plan.yaml:9:3: target directory " + dir.path().string() +
                        " already holds Observation.ndjson; set overwrite: true or choose an "
                        "empty directory");
  CHECK_THROWS_AS(refusing.Write(std::vector<Resource>{MakeResource("Patient", "p1")}), PlanError);

  NdjsonSink overwriting(dir.path(), true, "");
  overwriting.Write(std::vector<Resource>{MakeResource("Patient", "p1")});
  overwriting.Commit();
  CHECK(ReadFile(dir / "Patient.ndjson") == "{\"resourceType\":\"Patient\",\"id\":\"p1\"}\n");
  CHECK_FALSE(std::filesystem::exists(dir / "Observation.ndjson"));
}

TEST_CASE("NDJSON sink Finish writes a Bulk Data manifest", "[ndjson]") {
  FixedTime fixed_time;
  TempDir dir;
  NdjsonSink sink(dir.path(), false, "");
  sink.Write(std::vector<Resource>{MakeResource("Patient", "p1"), MakeResource("Condition", "c1"),
                                   MakeResource("Patient", "p2")});
  sink.Finish();
  CHECK(ReadFile(dir / "manifest.json") == R"({
  "transactionTime": "2024-01-02T03:04:05.000Z",
  "request": "ferry run",
  "requiresAccessToken": false,
  "output": [
    {
      "type": "Condition",
      "url": "Condition.ndjson",
      "count": 1
    },
    {
      "type": "Patient",
      "url": "Patient.ndjson",
      "count": 2
    }
  ],
  "error": []
}
)");
}

TEST_CASE("NDJSON sink Scan visits every line with its type and id", "[ndjson]") {
  TempDir dir;
  NdjsonSink sink(dir.path(), false, "");
  sink.Write(std::vector<Resource>{MakeResource("Patient", "p1"), MakeResource("Condition", "c1")});
  std::vector<std::string> seen;
  sink.Scan([&](const StoredResource& stored) {
    seen.push_back(std::string(stored.resource_type) + "/" + std::string(stored.id) + " " +
                   std::string(stored.json));
  });
  CHECK(seen ==
        std::vector<std::string>{"Condition/c1 {\"resourceType\":\"Condition\",\"id\":\"c1\"}",
                                 "Patient/p1 {\"resourceType\":\"Patient\",\"id\":\"p1\"}"});
  WriteFile(dir / "Encounter.ndjson", "{\"id\":\"e1\"}\n[1]\n");
  CHECK_THROWS_WITH(sink.Scan([](const StoredResource&) {}),
                    "Encounter.ndjson:2: cannot read the target back: not a JSON object; the "
                    "file was changed outside ferry");
}

TEST_CASE("NDJSON sink rolls over to numbered parts at the file limits", "[ndjson][layout]") {
  TempDir dir;
  NdjsonSink sink(dir.path(), false, "", MaxResources(2));
  sink.Write(Patients(1, 3));
  CHECK(sink.Commit() == "Patient.000001.ndjson 74 2\nPatient.000002.ndjson 37 1\n");
  CHECK(ReadFile(dir / "Patient.000002.ndjson") == "{\"resourceType\":\"Patient\",\"id\":\"p3\"}\n");
  CHECK_FALSE(std::filesystem::exists(dir / "Patient.ndjson"));

  FileLimits bytes;
  bytes.max_file_bytes = 80;  // two 37-byte lines fit, a third does not
  NdjsonSink by_bytes(dir.path() / "b", false, "", bytes);
  by_bytes.Write(Patients(1, 5));
  CHECK(by_bytes.Commit() ==
        "Patient.000001.ndjson 74 2\nPatient.000002.ndjson 74 2\nPatient.000003.ndjson 37 1\n");
}

TEST_CASE("NDJSON sink fails a resource larger than max_file_bytes", "[ndjson][layout]") {
  TempDir dir;
  FileLimits limits;
  limits.max_file_bytes = 30;
  NdjsonSink sink(dir.path(), false, "", limits);
  std::vector<WriteOutcome> outcomes = sink.Write(Patients(1, 1));
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == WriteStatus::kFailed);
  CHECK(outcomes[0].error == "resource is 37 bytes as a line, more than max_file_bytes (30) allows one file");
  CHECK(sink.Commit() == "");
}

TEST_CASE("NDJSON sink Restore across a rollover removes parts begun after the checkpoint", "[ndjson][layout]") {
  TempDir dir;
  std::string one_line, three_lines;
  {
    NdjsonSink sink(dir.path(), false, "", MaxResources(2));
    sink.Write(Patients(1, 1));
    one_line = sink.Commit();
    sink.Write(Patients(2, 3));
    three_lines = sink.Commit();
    sink.Write(Patients(4, 5));  // p5 begins part 3; the crash comes before this is stored
    sink.Commit();
  }
  CHECK(std::filesystem::exists(dir / "Patient.000003.ndjson"));
  {
    NdjsonSink resumed(dir.path(), false, "", MaxResources(2));
    resumed.Restore(three_lines);
    CHECK_FALSE(std::filesystem::exists(dir / "Patient.000003.ndjson"));
    CHECK(ReadFile(dir / "Patient.000002.ndjson") == "{\"resourceType\":\"Patient\",\"id\":\"p3\"}\n");
    resumed.Write(Patients(4, 5));
    CHECK(resumed.Commit() ==
          "Patient.000001.ndjson 74 2\nPatient.000002.ndjson 74 2\nPatient.000003.ndjson 37 1\n");
  }
  NdjsonSink again(dir.path(), false, "", MaxResources(2));
  again.Restore(one_line);
  CHECK_FALSE(std::filesystem::exists(dir / "Patient.000002.ndjson"));
  again.Write(Patients(2, 5));
  CHECK(again.Commit() ==
        "Patient.000001.ndjson 74 2\nPatient.000002.ndjson 74 2\nPatient.000003.ndjson 37 1\n");
  CHECK(ReadFile(dir / "Patient.000003.ndjson") == "{\"resourceType\":\"Patient\",\"id\":\"p5\"}\n");
}

TEST_CASE("NDJSON sink manifest lists every part in order", "[ndjson][layout]") {
  FixedTime fixed_time;
  TempDir dir;
  NdjsonSink sink(dir.path(), false, "", MaxResources(2));
  sink.Write(Patients(1, 3));
  sink.Finish();
  std::vector<ManifestOutput> outputs = ParseManifestOutputs(ReadFile(dir / "manifest.json"), "manifest.json");
  REQUIRE(outputs.size() == 2);
  CHECK(outputs[0].url == "Patient.000001.ndjson");
  CHECK(outputs[0].count == 2);
  CHECK(outputs[1].url == "Patient.000002.ndjson");
  CHECK(outputs[1].type == "Patient");
  CHECK(outputs[1].count == 1);
  std::vector<std::string> ids;
  sink.Scan([&](const StoredResource& stored) { ids.emplace_back(stored.id); });
  CHECK(ids == std::vector<std::string>{"p1", "p2", "p3"});
}

TEST_CASE("NDJSON sink warns when a run ends with more files than one import takes", "[ndjson][layout]") {
  std::FILE* log = std::tmpfile();
  REQUIRE(log);
  Logger::Get().Configure(LogLevel::kInfo, LogFormat::kText, log);
  TempDir dir;
  FileLimits limits = MaxResources(1);
  limits.title = "Test $import";
  limits.max_files = 2;
  NdjsonSink sink(dir.path(), false, "plan.yaml:5:3: ", limits);
  sink.Write(Patients(1, 2));
  sink.Finish();
  std::fflush(log);
  std::string quiet = test::ReadFile("/proc/self/fd/" + std::to_string(fileno(log)));
  sink.Write(Patients(3, 3));
  sink.Finish();
  std::fflush(log);
  std::string text = test::ReadFile("/proc/self/fd/" + std::to_string(fileno(log)));
  Logger::Get().Configure(LogLevel::kInfo, LogFormat::kText, stderr);
  std::fclose(log);
  CHECK(quiet.empty());
  CHECK(text ==
        "ferry: warning: plan.yaml:5:3: ndjson target: 3 files, more than the 2 one Test $import job takes; "
        "raise max_file_bytes / max_file_resources or import in several jobs\n");
}

TEST_CASE("NDJSON sink opens from config", "[ndjson]") {
  TempDir dir;
  auto sink = OpenSink(test::MakeConfig("ndjson", {{"path", dir / "a/b"}, {"overwrite", "false"}}));
  sink->Write(std::vector<Resource>{MakeResource("Patient", "p1")});
  sink->Finish();
  CHECK(std::filesystem::exists(dir / "a/b/Patient.ndjson"));
  CHECK(std::filesystem::exists(dir / "a/b/manifest.json"));
  CHECK_FALSE(std::filesystem::exists(dir / "a/b/manifest.json.tmp"));
}

}  // namespace ferry::ndjson

namespace ferry::ndjson {

TEST_CASE("NDJSON sink writes deletes in Bulk form, checkpoints and restores them, and lists them in the manifest",
          "[ndjson]") {
  TempDir dir;
  FixedTime fixed;
  std::string checkpoint;
  const std::string first_line =
      R"({"resourceType":"Bundle","type":"transaction","entry":[{"request":{"method":"DELETE","url":"Patient/p1"}},)"
      R"({"request":{"method":"DELETE","url":"Observation/o\"1"}}]})";
  {
    NdjsonSink sink(dir.path() / "out", false, "");
    sink.Write(std::vector<Resource>{MakeResource("Patient", "p2")});
    std::vector<ResourceKey> keys = {{"Patient", "p1"}, {"Observation", "o\"1"}};
    CHECK(sink.Remove(keys));
    checkpoint = sink.Commit();
    CHECK(checkpoint == "Patient.ndjson 37 1\ndeleted.ndjson " + std::to_string(first_line.size() + 1) + " 1\n");
    std::vector<ResourceKey> more = {{"Patient", "p9"}};
    CHECK(sink.Remove(more));  // after the checkpoint: cut off by Restore
  }
  CHECK(ReadFile(dir / "out/deleted.ndjson").starts_with(first_line + "\n"));
  NdjsonSink resumed(dir.path() / "out", false, "");
  resumed.Restore(checkpoint);
  CHECK(ReadFile(dir / "out/deleted.ndjson") == first_line + "\n");
  std::vector<ResourceKey> many(kDeletesPerBundle + 1, ResourceKey{"Patient", "x"});
  CHECK(resumed.Remove(many));  // two Bundles
  resumed.Finish();
  std::string manifest = ReadFile(dir / "out/manifest.json");
  CHECK(manifest.find(R"("deleted": [)") != std::string::npos);
  CHECK(manifest.find(R"("url": "deleted.ndjson",)") != std::string::npos);
  CHECK(manifest.find(R"("count": 3)") != std::string::npos);
  std::size_t scanned = 0;
  resumed.Scan([&](const StoredResource&) { ++scanned; });
  CHECK(scanned == 1);  // deleted.ndjson holds no resources
}

}  // namespace ferry::ndjson
