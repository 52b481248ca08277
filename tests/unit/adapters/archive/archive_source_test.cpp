#include "adapters/archive/archive_source.hpp"

#include <catch2/catch.hpp>

#include "core/archive/age_keys.hpp"
#include "core/archive/archive_error.hpp"
#include "core/archive/escrow.hpp"
#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

namespace fs = std::filesystem;

/// An escrow archive of two NDJSON files (one without a final newline, one with a blank
/// line), and the identity that opens it.
struct Fixture {
  test::TempDir temp;
  std::string identity = GenerateIdentity();
  std::string archive = temp / "escrow.age";

  Fixture() {
    std::string data = temp / "data";
    fs::create_directory(data);
    test::WriteText(data + "/Observation.ndjson", "{\"id\":\"a\"}\n\n{\"id\":\"b\"}\n{\"id\":\"c\"}");
    test::WriteText(data + "/Patient.ndjson", "{\"id\":\"1\"}\n{\"id\":\"2\"}\n");
    WriteEscrowArchive(data, archive, AgeRecipients{{RecipientOf(identity)}, "", 18});
  }
  ArchiveSource Open(std::set<std::string> types = {}) {
    return ArchiveSource(archive, AgeIdentities{{identity}, "", 22}, std::move(types));
  }
};

/// "stream location payload" of every record from `cursor` on, `max` a batch; the cursors
/// after each batch go to `cursors`.
std::vector<std::string> ReadAll(ArchiveSource& source, const std::string& cursor, std::size_t max,
                                 std::vector<std::string>* cursors = nullptr) {
  source.Seek(cursor);
  std::vector<std::string> out;
  for (RecordBatch batch = source.Next(max); !batch.records.empty(); batch = source.Next(max)) {
    for (const RawRecord& record : batch.records)
      out.push_back(record.stream + " " + record.location.ToString() + " " + record.payload);
    if (cursors) cursors->push_back(batch.cursor);
  }
  return out;
}

}  // namespace

TEST_CASE("The archive source reads every line of every file, in archive order") {
  Fixture fixture;
  ArchiveSource source = fixture.Open();
  CHECK(ReadAll(source, "", 100) ==
        std::vector<std::string>{"Observation Observation.ndjson:1 {\"id\":\"a\"}",
                                 "Observation Observation.ndjson:3 {\"id\":\"b\"}",
                                 "Observation Observation.ndjson:4 {\"id\":\"c\"}",
                                 "Patient Patient.ndjson:1 {\"id\":\"1\"}", "Patient Patient.ndjson:2 {\"id\":\"2\"}"});
  CHECK(source.Next(100).records.empty());  // asking again past the end stays at the end
  CHECK(source.Progress() == 1.0);
}

TEST_CASE("The archive source keeps only the wanted types") {
  Fixture fixture;
  ArchiveSource source = fixture.Open({"Patient"});
  CHECK(ReadAll(source, "", 1) ==
        std::vector<std::string>{"Patient Patient.ndjson:1 {\"id\":\"1\"}", "Patient Patient.ndjson:2 {\"id\":\"2\"}"});
}

TEST_CASE("Seeking to any batch's cursor gives exactly the records after it") {
  Fixture fixture;
  ArchiveSource source = fixture.Open();
  std::vector<std::string> cursors;
  std::vector<std::string> all = ReadAll(source, "", 2, &cursors);
  REQUIRE(all.size() == 5);
  for (std::size_t batch_idx = 0; batch_idx < cursors.size(); ++batch_idx) {
    INFO(cursors[batch_idx]);
    ArchiveSource resumed = fixture.Open();
    std::vector<std::string> rest = ReadAll(resumed, cursors[batch_idx], 2);
    std::size_t done = std::min<std::size_t>(all.size(), (batch_idx + 1) * 2);
    CHECK(rest == std::vector<std::string>(all.begin() + static_cast<std::ptrdiff_t>(done), all.end()));
  }
}

TEST_CASE("A damaged archive fails in Seek, before any record") {
  Fixture fixture;
  std::string bytes = test::ReadText(fixture.archive);
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 1);
  fs::remove(fixture.archive);
  test::WriteText(fixture.archive, bytes);
  ArchiveSource source = fixture.Open();
  CHECK_THROWS_AS(source.Seek(""), ArchiveError);
  ArchiveSource wrong(fixture.archive, AgeIdentities{{GenerateIdentity()}, "", 22}, {});
  CHECK_THROWS_AS(wrong.Seek(""), ArchiveError);
}

}  // namespace ferry::archive
