#include "core/archive/tar.hpp"

#include <catch2/catch.hpp>
#include <cstdio>
#include <cstring>

#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::ErrorOf;
using test::Pattern;

struct File {
  std::string name;
  Bytes data;
};

Bytes WriteTar(const std::vector<File>& files) {
  MemorySink sink;
  TarWriter tar(sink);
  for (const File& file : files) {
    tar.BeginEntry(TarEntry{file.name, file.data.size(), 1700000000, 0600, TarEntry::Type::kFile});
    tar.WriteData(file.data);
    tar.EndEntry();
  }
  tar.Finish();
  return sink.bytes();
}

std::vector<File> ReadTar(const Bytes& archive, std::size_t max_read = SIZE_MAX) {
  MemorySource source(archive, max_read);
  TarReader tar(source);
  std::vector<File> files;
  Bytes buffer(1000);
  while (std::optional<TarEntry> entry = tar.Next()) {
    File file{entry->name, {}};
    while (std::size_t got = tar.ReadData(buffer))
      file.data.insert(file.data.end(), buffer.begin(),
                       buffer.begin() + static_cast<std::ptrdiff_t>(got));
    CHECK(file.data.size() == entry->size);
    files.push_back(file);
  }
  return files;
}

TEST_CASE("tar: files round-trip, padded to blocks and 10 KiB records", "[archive][tar]") {
  std::vector<File> files = {{"Empty.ndjson", {}},
                             {"One.ndjson", Pattern(1)},
                             {"Block.ndjson", Pattern(512)},
                             {"Big.ndjson", Pattern(100000)}};
  Bytes archive = WriteTar(files);
  CHECK(archive.size() % 10240 == 0);
  for (std::size_t max_read : {SIZE_MAX, std::size_t{333}}) {
    std::vector<File> read = ReadTar(archive, max_read);
    REQUIRE(read.size() == files.size());
    for (std::size_t idx = 0; idx < files.size(); ++idx) {
      CHECK(read[idx].name == files[idx].name);
      CHECK(read[idx].data == files[idx].data);
    }
  }
}

TEST_CASE("tar: headers are ustar with the fields tar expects", "[archive][tar]") {
  Bytes archive = WriteTar({{"Patient.ndjson", Pattern(10)}});
  std::string_view header = AsText(ByteSpan(archive.data(), 512));
  CHECK(header.substr(0, 15) == std::string_view("Patient.ndjson\0", 15));
  CHECK(header.substr(100, 8) == std::string_view("0000600\0", 8));
  CHECK(header.substr(124, 12) == std::string_view("00000000012\0", 12));
  CHECK(header.substr(136, 12) == std::string_view("14524770400\0", 12));  // 1700000000 in octal
  CHECK(header[156] == '0');
  CHECK(header.substr(257, 8) == std::string_view("ustar\0"
                                                  "00",
                                                  8));
}

TEST_CASE("tar: a name over 100 bytes goes in a pax header", "[archive][tar]") {
  std::string long_name = std::string(150, 'L') + ".ndjson";
  Bytes archive = WriteTar({{long_name, Pattern(3)}});
  CHECK(archive[156] == 'x');
  CHECK(AsText(archive).find("167 path=" + long_name + "\n") != std::string_view::npos);
  std::vector<File> read = ReadTar(archive);
  REQUIRE(read.size() == 1);
  CHECK(read[0].name == long_name);
  CHECK(read[0].data == Pattern(3));
}

TEST_CASE("tar: the writer refuses more or fewer bytes than declared", "[archive][tar]") {
  MemorySink sink;
  TarWriter tar(sink);
  tar.BeginEntry(TarEntry{"a", 2, 0, 0600, TarEntry::Type::kFile});
  CHECK_THROWS_AS(tar.WriteData(Pattern(3)), std::logic_error);
  tar.WriteData(Pattern(1));
  CHECK_THROWS_AS(tar.EndEntry(), std::logic_error);
}

TEST_CASE("tar: damage is reported", "[archive][tar]") {
  Bytes archive = WriteTar({{"Patient.ndjson", Pattern(2000)}});
  Bytes bad_checksum = archive;
  bad_checksum[0] = 'Q';
  CHECK(ErrorOf([&] { ReadTar(bad_checksum); }) ==
        "archive is corrupted: the tar stream has a header with a bad checksum");
  CHECK(ErrorOf([&] { ReadTar(Bytes(archive.begin(), archive.begin() + 1000)); }) ==
        "archive is corrupted: the tar stream ends inside an entry");
  CHECK(ErrorOf([&] { ReadTar(Bytes(archive.begin(), archive.begin() + 100)); }) ==
        "archive is corrupted: the tar stream ends inside a header");
  CHECK(ErrorOf([&] { ReadTar(Bytes(archive.begin(), archive.begin() + 512 + 2048)); }) ==
        "archive is corrupted: the tar stream ends without an end-of-archive marker");
}

TEST_CASE("tar: unread data is skipped, and directories come back as such", "[archive][tar]") {
  MemorySink sink;
  TarWriter tar(sink);
  tar.BeginEntry(TarEntry{"a.ndjson", 5000, 0, 0600, TarEntry::Type::kFile});
  tar.WriteData(Pattern(5000));
  tar.EndEntry();
  tar.Finish();
  Bytes archive = sink.bytes();
  Bytes with_dir(512, 0);  // a GNU-style "./" directory entry in front
  std::memcpy(with_dir.data(), "./", 2);
  std::memcpy(with_dir.data() + 100, "0000755", 7);
  std::memcpy(with_dir.data() + 124, "00000000000", 11);
  with_dir[156] = '5';
  std::memcpy(with_dir.data() + 257, "ustar  ", 8);
  unsigned sum = 0;
  std::memset(with_dir.data() + 148, ' ', 8);
  for (std::uint8_t byte : with_dir) sum += byte;
  std::snprintf(reinterpret_cast<char*>(with_dir.data() + 148), 8, "%06o", sum);
  with_dir.insert(with_dir.end(), archive.begin(), archive.end());
  MemorySource source(with_dir);
  TarReader reader(source);
  std::optional<TarEntry> dir = reader.Next();
  REQUIRE(dir);
  CHECK(dir->type == TarEntry::Type::kDirectory);
  CHECK(dir->name == "./");
  std::optional<TarEntry> file = reader.Next();
  REQUIRE(file);
  CHECK(file->name == "a.ndjson");
  CHECK_FALSE(reader.Next());  // the file's data was skipped
}

}  // namespace
}  // namespace ferry::archive
