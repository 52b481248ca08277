#include "core/archive/escrow_check.hpp"

#include <catch2/catch.hpp>

#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::ErrorOf;

TarEntry Entry(const std::string& name, TarEntry::Type type = TarEntry::Type::kFile) {
  return TarEntry{name, 0, 0, 0600, type};
}

TEST_CASE("escrow check: entry names", "[archive][escrow]") {
  CHECK(CheckedEntryName(Entry("Patient.ndjson")) == "Patient.ndjson");
  CHECK(CheckedEntryName(Entry("./Patient.ndjson")) == "Patient.ndjson");
  CHECK(CheckedEntryName(Entry("manifest.json")) == "manifest.json");
  CHECK_FALSE(CheckedEntryName(Entry("./", TarEntry::Type::kDirectory)));
  CHECK_FALSE(CheckedEntryName(Entry(".", TarEntry::Type::kDirectory)));
  const std::string unsafe =
      "archive has an entry with an unsafe name (only letters, digits, '.', '_' and '-' are "
      "allowed)";
  for (const char* name : {"../Patient.ndjson", "/etc/Patient.ndjson", "a/b.ndjson",
                           ".hidden.ndjson", "", "a b.ndjson", "bell\a.ndjson"}) {
    INFO(name);
    CHECK(ErrorOf([&] { CheckedEntryName(Entry(name)); }) == unsafe);
  }
  CHECK(ErrorOf([&] { CheckedEntryName(Entry(std::string(256, 'a'))); }) == unsafe);
  CHECK(ErrorOf([&] { CheckedEntryName(Entry("sub/", TarEntry::Type::kDirectory)); }) ==
        "archive has a subdirectory; an escrow archive holds only <Type>.ndjson files and "
        "manifest.json");
  CHECK(ErrorOf([&] { CheckedEntryName(Entry("link.ndjson", TarEntry::Type::kOther)); }) ==
        "archive has an entry that is not a regular file");
}

TEST_CASE("escrow check: newlines are counted", "[archive][escrow]") {
  CHECK(CountNewlines(AsBytes("")) == 0);
  CHECK(CountNewlines(AsBytes("\n")) == 1);
  CHECK(CountNewlines(AsBytes("a\nb\n\nc")) == 3);
}

TEST_CASE("escrow check: every difference from the manifest is listed", "[archive][escrow]") {
  std::string manifest = EscrowManifestJson({{"Patient", "Patient.ndjson", 2, 10, "aa"},
                                             {"Encounter", "Encounter.ndjson", 1, 5, "bb"},
                                             {"Condition", "Condition.ndjson", 1, 5, "cc"},
                                             {"Claim", "Bill.ndjson", 1, 5, "dd"}},
                                            "2024-01-01T00:00:00.000Z");
  std::map<std::string, ScannedFile> files = {{"Patient.ndjson", {10, 2, "aa"}},
                                              {"Encounter.ndjson", {6, 1, "bb"}},
                                              {"Bill.ndjson", {5, 1, "dd"}},
                                              {"Extra.ndjson", {1, 1, "ee"}}};
  EscrowVerification result = CompareWithManifest(files, manifest);
  CHECK(result.files.size() == 4);
  CHECK(result.problems ==
        std::vector<std::string>{"Encounter.ndjson: 6 bytes, the manifest says 5",
                                 "Condition.ndjson: listed in the manifest but not in the archive",
                                 "Bill.ndjson: the manifest gives it another resource type",
                                 "Extra.ndjson: in the archive but not in the manifest"});
  CHECK(CompareWithManifest({}, std::nullopt).problems ==
        std::vector<std::string>{"the archive has no manifest.json"});
  CHECK(ErrorOf([&] { CompareWithManifest({}, std::string("[]")); }) ==
        "the archive's manifest.json is not valid: it is not a JSON object");
  CHECK(ErrorOf([&] { CompareWithManifest({}, std::string("{\"output\":[{\"type\":\"P\"}]}")); }) ==
        "the archive's manifest.json is not valid: output 1 has no string 'url'");
}

}  // namespace
}  // namespace ferry::archive
