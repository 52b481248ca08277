#include "core/archive/escrow.hpp"

#include <sys/stat.h>

#include <catch2/catch.hpp>

#include "core/archive/age_keys.hpp"
#include "core/archive/archive_error.hpp"
#include "core/archive/zstd_stream.hpp"
#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::ErrorOf;
using test::ReadText;
using test::TempDir;
using test::WriteText;
namespace fs = std::filesystem;

constexpr char kPatients[] =
    "{\"resourceType\":\"Patient\",\"id\":\"1\"}\n{\"resourceType\":\"Patient\",\"id\":\"2\"}\n";
constexpr char kObservations[] =
    "{\"id\":\"a\"}\n{\"id\":\"b\"}\n{\"id\":\"c\"}";  // no final newline

/// A directory to archive, a key pair, and the paths a test uses.
struct Fixture {
  TempDir temp;
  std::string identity = GenerateIdentity();
  AgeRecipients to{{RecipientOf(identity)}, "", 18};
  AgeIdentities with{{identity}, "", 22};
  std::string data = temp / "data";
  std::string archive = temp / "escrow.age";
  std::string restored = temp / "restored";

  Fixture() {
    fs::create_directory(data);
    WriteText(data + "/Patient.ndjson", kPatients);
    WriteText(data + "/Observation.ndjson", kObservations);
    WriteText(data + "/manifest.json", "{\"the old\": \"manifest\"}");
    WriteText(data + "/notes.txt", "left out");
  }

  /// The names in the temporary directory, sorted.
  std::vector<std::string> Listing() const {
    std::vector<std::string> names;
    for (const auto& entry : fs::directory_iterator(temp.path()))
      names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }
};

/// Writes an archive of `entries` (name, content) as given, to test the reader's checks.
void WriteRawArchive(const std::string& path, const AgeRecipients& to,
                     const std::vector<std::pair<std::string, std::string>>& entries) {
  FileSink file(path);
  AgeEncryptor age(file, to);
  ZstdCompressor zstd(age);
  TarWriter tar(zstd);
  for (const auto& [name, content] : entries) {
    tar.BeginEntry(TarEntry{name, content.size(), 0, 0600, TarEntry::Type::kFile});
    tar.WriteData(AsBytes(content));
    tar.EndEntry();
  }
  tar.Finish();
  zstd.Finish();
  age.Finish();
  file.Commit();
}

TEST_CASE("escrow: an archive round-trips byte for byte with a manifest", "[archive][escrow]") {
  Fixture fixture;
  std::vector<ManifestFile> written = WriteEscrowArchive(fixture.data, fixture.archive, fixture.to);
  REQUIRE(written.size() == 2);
  CHECK(written[0].url == "Observation.ndjson");
  CHECK(written[0].type == "Observation");
  CHECK(written[0].count == 3);
  CHECK(written[1].count == 2);
  CHECK(written[1].bytes == std::string(kPatients).size());
  struct stat info {};
  REQUIRE(::stat(fixture.archive.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  std::vector<ManifestFile> restored =
      ReadEscrowArchive(fixture.archive, fixture.with, fixture.restored);
  CHECK(restored.size() == 2);
  CHECK(ReadText(fixture.restored + "/Patient.ndjson") == kPatients);
  CHECK(ReadText(fixture.restored + "/Observation.ndjson") == kObservations);
  CHECK(ParseEscrowManifest(ReadText(fixture.restored + "/manifest.json")).size() == 2);
  CHECK_FALSE(fs::exists(fixture.restored + "/notes.txt"));
  REQUIRE(::stat((fixture.restored + "/Patient.ndjson").c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0600);

  std::vector<TarEntry> entries = ListEscrowArchive(fixture.archive, fixture.with);
  REQUIRE(entries.size() == 3);
  CHECK(entries[0].name == "Observation.ndjson");
  CHECK(entries[1].name == "Patient.ndjson");
  CHECK(entries[2].name == "manifest.json");
  EscrowVerification verification = VerifyEscrowArchive(fixture.archive, fixture.with);
  CHECK(verification.problems.empty());
  CHECK(verification.files.size() == 2);
}

TEST_CASE("escrow: the manifest carries each file's SHA-256", "[archive][escrow]") {
  Fixture fixture;
  std::vector<ManifestFile> written = WriteEscrowArchive(fixture.data, fixture.archive, fixture.to);
  Sha256Stream sha;
  sha.Update(AsBytes(kPatients));
  CHECK(written[1].sha256 == test::Hex(sha.Final()));
}

TEST_CASE("escrow: writing never replaces a file or leaves a partial one", "[archive][escrow]") {
  Fixture fixture;
  WriteText(fixture.archive, "precious");
  CHECK(ErrorOf([&] { WriteEscrowArchive(fixture.data, fixture.archive, fixture.to); }) ==
        "cannot write '" + fixture.archive + "': File exists");
  CHECK(ReadText(fixture.archive) == "precious");
  fs::remove(fixture.archive);
  CHECK(
      ErrorOf([&] {
        WriteEscrowArchive(fixture.data, fixture.archive, AgeRecipients{{"age1bad"}, "", 18});
      }) ==
      "age recipient 1, line 1: not an age recipient: it has no Bech32 separator '1' and checksum");
  CHECK(ErrorOf([&] {
          WriteEscrowArchive(fixture.temp / "nothing", fixture.archive, fixture.to);
        }).rfind("cannot read directory '" + fixture.temp / "nothing" + "': ", 0) == 0);
  fs::create_directory(fixture.temp / "empty");
  CHECK(ErrorOf([&] { WriteEscrowArchive(fixture.temp / "empty", fixture.archive, fixture.to); }) ==
        "'" + fixture.temp / "empty" + "' has no .ndjson files to archive");
  CHECK(fixture.Listing() == std::vector<std::string>{"data", "empty"});
}

TEST_CASE("escrow: a failed restore leaves no directory behind", "[archive][escrow]") {
  Fixture fixture;
  WriteEscrowArchive(fixture.data, fixture.archive, fixture.to);
  CHECK(ErrorOf([&] {
          ReadEscrowArchive(fixture.archive, AgeIdentities{{GenerateIdentity()}, "", 22},
                            fixture.restored);
        }) == "no identity matches any recipient of the archive");
  std::string bytes = ReadText(fixture.archive);
  WriteText(fixture.temp / "cut.age", bytes.substr(0, bytes.size() - 20));
  CHECK(ErrorOf([&] {
          ReadEscrowArchive(fixture.temp / "cut.age", fixture.with, fixture.restored);
        }) == "archive is corrupted or truncated: chunk 0 failed authentication");
  CHECK(fixture.Listing() == std::vector<std::string>{"cut.age", "data", "escrow.age"});
}

TEST_CASE("escrow: restoring needs a new or empty directory", "[archive][escrow]") {
  Fixture fixture;
  WriteEscrowArchive(fixture.data, fixture.archive, fixture.to);
  CHECK(ErrorOf([&] { ReadEscrowArchive(fixture.archive, fixture.with, fixture.data); }) ==
        "cannot restore into '" + fixture.data + "': it exists and is not an empty directory");
  fs::create_directory(fixture.restored);
  ReadEscrowArchive(fixture.archive, fixture.with, fixture.restored + "/");
  CHECK(ReadText(fixture.restored + "/Patient.ndjson") == kPatients);
}

TEST_CASE("escrow: files that differ from the manifest fail the restore", "[archive][escrow]") {
  Fixture fixture;
  std::string manifest = EscrowManifestJson(
      {{"Patient", "Patient.ndjson", 5, 3, "00"}, {"Encounter", "Encounter.ndjson", 1, 1, "00"}},
      "t");
  WriteRawArchive(fixture.archive, fixture.to,
                  {{"Patient.ndjson", "{}\n"}, {"manifest.json", manifest}});
  CHECK(ErrorOf([&] { ReadEscrowArchive(fixture.archive, fixture.with, fixture.restored); }) ==
        "archive does not match its manifest: Patient.ndjson: its SHA-256 differs from the "
        "manifest's (and 2 more)");
  CHECK_FALSE(fs::exists(fixture.restored));
  EscrowVerification verification = VerifyEscrowArchive(fixture.archive, fixture.with);
  CHECK(
      verification.problems ==
      std::vector<std::string>{"Patient.ndjson: its SHA-256 differs from the manifest's",
                               "Patient.ndjson: 1 resources, the manifest says 5",
                               "Encounter.ndjson: listed in the manifest but not in the archive"});
}

TEST_CASE("escrow: the reader refuses entries an escrow archive never has", "[archive][escrow]") {
  Fixture fixture;
  auto error_for = [&](const std::vector<std::pair<std::string, std::string>>& entries) {
    fs::remove(fixture.archive);
    WriteRawArchive(fixture.archive, fixture.to, entries);
    return ErrorOf([&] { VerifyEscrowArchive(fixture.archive, fixture.with); });
  };
  CHECK(error_for({{"../evil.ndjson", "x"}}) ==
        "archive has an entry with an unsafe name (only letters, digits, '.', '_' and '-' are "
        "allowed)");
  CHECK(error_for({{"sub/Patient.ndjson", "x"}}) ==
        "archive has an entry with an unsafe name (only letters, digits, '.', '_' and '-' are "
        "allowed)");
  CHECK(error_for({{"notes.txt", "x"}}) ==
        "archive has an entry 'notes.txt' that is neither <Type>.ndjson nor manifest.json");
  CHECK(error_for({{"A.ndjson", "x"}, {"./A.ndjson", "x"}}) ==
        "archive has the entry 'A.ndjson' twice");
  fs::remove(fixture.archive);
  WriteRawArchive(fixture.archive, fixture.to, {{"A.ndjson", "x"}});
  CHECK(VerifyEscrowArchive(fixture.archive, fixture.with).problems ==
        std::vector<std::string>{"the archive has no manifest.json"});
}

}  // namespace
}  // namespace ferry::archive
