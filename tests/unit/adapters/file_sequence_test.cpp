#include "adapters/file_sequence.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"

namespace ferry {

namespace {

FileSequence ThreeFiles() { return FileSequence("test source", "these files", {100, 50, 50}); }

/// The message Seek throws for `cursor`, or "" when it does not throw.
std::string SeekError(FileSequence& sequence, const std::string& cursor,
                      std::vector<std::uint64_t> defaults) {
  try {
    sequence.Seek(cursor, std::move(defaults));
  } catch (const PlanError& error) {
    return error.what();
  }
  return "";
}

}  // namespace

TEST_CASE("FileSequence starts at the first file, or ends at once without files",
          "[file_sequence]") {
  FileSequence sequence = ThreeFiles();
  CHECK(sequence.index() == 0);
  CHECK_FALSE(sequence.done());
  CHECK(sequence.Cursor({0, 0}) == "0:0:0");

  FileSequence empty("test source", "these files", {});
  CHECK(empty.done());
  CHECK(empty.Progress(0) == 1.0);
}

TEST_CASE("FileSequence returns the defaults for an empty cursor", "[file_sequence]") {
  FileSequence sequence = ThreeFiles();
  sequence.NextFile();
  CHECK(sequence.Seek("", {0, 0, 1, 1, 0}) == std::vector<std::uint64_t>{0, 0, 1, 1, 0});
  CHECK(sequence.index() == 0);
  CHECK(sequence.Progress(0) == 0.0);
}

TEST_CASE("FileSequence seeks to the file a cursor names and formats it back", "[file_sequence]") {
  FileSequence sequence = ThreeFiles();
  CHECK(sequence.Seek("1:20:3", {0, 0, 0}) == std::vector<std::uint64_t>{1, 20, 3});
  CHECK(sequence.index() == 1);
  CHECK(sequence.Cursor({20, 3}) == "1:20:3");
  CHECK(sequence.Progress(20) == Approx(0.6));  // (100 + 20) / 200

  CHECK(sequence.Seek("3:0:0", {0, 0, 0}) == std::vector<std::uint64_t>{3, 0, 0});
  CHECK(sequence.done());
  CHECK(sequence.Progress(0) == 1.0);
}

TEST_CASE("FileSequence counts progress by bytes across files", "[file_sequence]") {
  FileSequence sequence = ThreeFiles();
  CHECK(sequence.Progress(50) == Approx(0.25));
  sequence.NextFile();
  CHECK(sequence.index() == 1);
  CHECK(sequence.Progress(0) == Approx(0.5));
  sequence.NextFile();
  CHECK(sequence.Progress(50) == 1.0);
  CHECK(sequence.Progress(80) == 1.0);  // a file that grew: never past 1
  sequence.NextFile();
  CHECK(sequence.done());
  CHECK(sequence.Cursor({0, 1, 1, 0}) == "3:0:1:1:0");

  FileSequence empty_files("test source", "these files", {0, 0});
  CHECK(empty_files.Progress(0) == 0.0);
  empty_files.NextFile();
  empty_files.NextFile();
  CHECK(empty_files.Progress(0) == 1.0);
}

TEST_CASE("FileSequence rejects a cursor that does not fit", "[file_sequence]") {
  FileSequence sequence = ThreeFiles();
  for (const char* text : {"1:2", "1:2:3:4", "a:2:3", "1::3", "1:2:3:", ":1:2:3", "-1:0:0",
                           "1 :2:3", "4:0:0", "3:5:0", "99999999999999999999:0:0"}) {
    std::string cursor = text;
    INFO(cursor);
    CHECK(SeekError(sequence, cursor, {0, 0, 0}) ==
          "test source: cannot resume from cursor '" + cursor +
              "': it does not fit these files; run again without --resume");
  }
  CHECK(SeekError(sequence, "1:2:3", {0, 0, 1, 1, 0}) ==
        "test source: cannot resume from cursor '1:2:3': it does not fit these files; run again "
        "without --resume");
  CHECK(SeekError(sequence, "2:7:3:1:0", {0, 0, 1, 1, 0}).empty());
}

}  // namespace ferry
