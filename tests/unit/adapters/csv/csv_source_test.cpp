#include "adapters/csv/csv_source.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::csv {

namespace {

using test::MakeConfig;
using test::ReadAll;
using test::TempDir;
using test::WriteFile;
using Values = std::vector<std::string>;

std::unique_ptr<Source> Open(const TempDir& dir, std::vector<std::string> streams) {
  return OpenSource(MakeConfig("csv", {{"path", dir.path().string()}}), {std::move(streams)});
}

}  // namespace

TEST_CASE("CSV source reads BOM, CRLF, quoted line breaks and quotes", "[csv]") {
  TempDir dir;
  WriteFile(dir / "patients.csv",
            "\xEF\xBB\xBFId,NAME,NOTE\r\n"
            "1,\"Smith, \"\"Jo\"\"\",\"two\r\nlines\"\r\n"
            "2,,\r\n"
            "3,Lee,last");
  auto source = Open(dir, {"patients"});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 3);
  CHECK(*records[0].columns == Values{"Id", "NAME", "NOTE"});
  CHECK(records[0].values == Values{"1", "Smith, \"Jo\"", "two\r\nlines"});
  CHECK(records[0].location.ToString() == "patients.csv:2");
  CHECK(records[1].values == Values{"2", "", ""});
  CHECK(records[1].location.ToString() == "patients.csv:4");
  CHECK(records[2].values == Values{"3", "Lee", "last"});
  CHECK(records[2].location.ToString() == "patients.csv:5");
  for (const RawRecord& record : records) {
    CHECK(record.stream == "patients");
    CHECK(record.read_error == "");
    CHECK(record.nulls.empty());
    CHECK(record.columns == records[0].columns);
  }
}

TEST_CASE("CSV source skips blank lines and keeps counting them", "[csv]") {
  TempDir dir;
  WriteFile(dir / "p.csv", "a,b\n\n1,2\r\n\r\n3,4\n\n");
  auto source = Open(dir, {"p"});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 2);
  CHECK(records[0].location.ToString() == "p.csv:3");
  CHECK(records[1].values == Values{"3", "4"});
  CHECK(records[1].location.ToString() == "p.csv:5");
}

TEST_CASE("CSV source reports broken rows and goes on", "[csv]") {
  TempDir dir;
  WriteFile(dir / "p.csv",
            "a,b,c\n"
            "1,2\n"           // line 2: too few fields
            "3,x\"y,4\n"      // line 3: quote in an unquoted field
            "5,\"6\"7,8\n"    // line 4: text after a closing quote
            "9,\xFF,10\n"     // line 5: not UTF-8
            "11,12,13\n"      // line 6: fine
            "14,\"open,15\n"  // line 7: quote never closed
            "16,17,18\n");    // line 8: fine
  auto source = Open(dir, {"p"});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 7);
  CHECK(records[0].read_error == "row has 2 fields, header has 3");
  CHECK(records[0].payload == "1,2");
  CHECK(records[0].values.empty());
  CHECK(records[0].location.ToString() == "p.csv:2");
  CHECK(records[1].read_error == "field 2: quote inside an unquoted field");
  CHECK(records[1].payload == "3,x\"y,4");
  CHECK(records[2].read_error == "field 2: text after a closing quote");
  CHECK(records[3].read_error == "field 2: invalid UTF-8");
  CHECK(records[3].payload == "9,\xFF,10");
  CHECK(records[3].location.ToString() == "p.csv:5");
  CHECK(records[4].read_error == "");
  CHECK(records[4].values == Values{"11", "12", "13"});
  CHECK(records[5].read_error == "unterminated quoted field");
  CHECK(records[5].payload == "14,\"open,15");
  CHECK(records[5].location.ToString() == "p.csv:7");
  CHECK(records[6].read_error == "");
  CHECK(records[6].values == Values{"16", "17", "18"});
  CHECK(records[6].location.ToString() == "p.csv:8");
}

TEST_CASE("CSV source skips a row longer than 16 MiB to the next line", "[csv]") {
  TempDir dir;
  std::string huge(kMaxRecordBytes + 10, 'x');
  WriteFile(dir / "p.csv", "a,b\n1,2\n" + huge + "\n3,4\n");
  auto source = Open(dir, {"p"});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 3);
  CHECK(records[1].read_error == "row is longer than 16 MiB");
  CHECK(records[1].payload.size() == kMaxRecordBytes);
  CHECK(records[1].location.ToString() == "p.csv:3");
  CHECK(records[2].values == Values{"3", "4"});
  CHECK(records[2].location.ToString() == "p.csv:4");
}

TEST_CASE("CSV source reads streams in order, with a delimiter and file names", "[csv]") {
  TempDir dir;
  WriteFile(dir / "b.txt", "x;y\n1;2\n");
  WriteFile(dir / "a.csv", "x;y\n3;4\n");
  auto config = MakeConfig("csv", {{"path", dir.path().string()}, {"delimiter", ";"}},
                           {{"files", {{"bees", "b.txt"}}}});
  auto source = OpenSource(config, {{"bees", "a"}});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 2);
  CHECK(records[0].stream == "bees");
  CHECK(records[0].location.ToString() == "b.txt:2");
  CHECK(records[1].stream == "a");
  CHECK(records[1].values == Values{"3", "4"});
}

TEST_CASE("CSV source resumes exactly from a batch cursor", "[csv]") {
  TempDir dir;
  WriteFile(dir / "one.csv", "k\n1\n\"2\n2\"\n3\n");
  WriteFile(dir / "two.csv", "k\n4\n5\n6\n7\n");
  auto first = Open(dir, {"one", "two"});
  first->Seek("");
  RecordBatch batch1 = first->Next(2);
  RecordBatch batch2 = first->Next(2);
  RecordBatch batch3 = first->Next(2);
  CHECK(batch2.cursor == "1:4:3");
  std::vector<RawRecord> rest = {batch3.records.begin(), batch3.records.end()};
  for (RawRecord& record : test::Drain(*first, 2)) rest.push_back(std::move(record));

  auto second = Open(dir, {"one", "two"});
  std::vector<RawRecord> resumed = ReadAll(*second, 2, batch2.cursor);
  REQUIRE(resumed.size() == rest.size());
  REQUIRE(resumed.size() == 3);
  CHECK(batch1.records.size() == 2);
  for (std::size_t record_idx = 0; record_idx < rest.size(); ++record_idx) {
    CHECK(resumed[record_idx].location.ToString() == rest[record_idx].location.ToString());
    CHECK(resumed[record_idx].values == rest[record_idx].values);
  }
  CHECK(resumed[0].location.ToString() == "two.csv:3");
  CHECK(resumed[2].location.ToString() == "two.csv:5");
}

TEST_CASE("CSV source cursor after a quoted line break keeps line numbers", "[csv]") {
  TempDir dir;
  WriteFile(dir / "one.csv", "k\n\"a\nb\"\nc\n");
  auto source = Open(dir, {"one"});
  source->Seek("");
  RecordBatch batch = source->Next(1);
  CHECK(batch.cursor == "0:8:4");
  auto resumed = Open(dir, {"one"});
  std::vector<RawRecord> rest = ReadAll(*resumed, 10, batch.cursor);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].location.ToString() == "one.csv:4");
  CHECK(ReadAll(*resumed, 10, "1:0:0").empty());
}

TEST_CASE("CSV source counts rows, gives columns and progress", "[csv]") {
  TempDir dir;
  WriteFile(dir / "p.csv", "\xEF\xBB\xBF\"a\",b\n1,\"x\ny\"\n2,3\n\n");
  auto source = Open(dir, {"p"});
  CHECK(source->CountRecords("p") == std::optional<std::uint64_t>(2));
  CHECK(source->CountRecords("other") == std::nullopt);
  CHECK(source->Columns("p") == Values{"a", "b"});
  source->Seek("");
  CHECK(source->Progress() == Approx(0.0));
  ReadAll(*source);
  CHECK(source->Progress() == Approx(1.0));
}

TEST_CASE("CSV source without streams reads every .csv in name order", "[csv]") {
  TempDir dir;
  WriteFile(dir / "b.csv", "k\n2\n");
  WriteFile(dir / "a.csv", "k\n1\n");
  WriteFile(dir / "notes.txt", "k\n3\n");
  auto source = Open(dir, {});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 2);
  CHECK(records[0].stream == "a");
  CHECK(records[1].stream == "b");
}

TEST_CASE("CSV source refuses a missing file, a bad encoding and a bad delimiter", "[csv]") {
  TempDir dir;
  std::string path = dir.path().string();
  CHECK_THROWS_WITH(Open(dir, {"visits"}),
                    "csv source: stream 'visits': file " + path +
                        "/visits.csv does not exist; export the table there, or name its file "
                        "under `files`");
  CHECK_THROWS_AS(Open(dir, {"visits"}), IoError);
  auto latin = MakeConfig("csv", {{"path", path}, {"encoding", "latin1"}});
  latin.values["encoding"].location = "plan.yaml:5:13";
  CHECK_THROWS_WITH(OpenSource(latin, {}),
                    "plan.yaml:5:13: csv source: encoding 'latin1' is not supported, only utf-8 "
                    "is; convert the files first (iconv -f latin1 -t utf-8) and remove the key");
  CHECK_THROWS_AS(OpenSource(latin, {}), PlanError);
  auto quote = MakeConfig("csv", {{"path", path}, {"delimiter", "\""}});
  CHECK_THROWS_WITH(OpenSource(quote, {}),
                    "csv source: delimiter must be one character other than a quote or a line "
                    "break; use for example ',', ';' or '\\t'");
}

TEST_CASE("CSV source refuses a broken header and a foreign cursor", "[csv]") {
  TempDir dir;
  WriteFile(dir / "p.csv", "a,\"b\n");
  auto source = Open(dir, {"p"});
  source->Seek("");
  CHECK_THROWS_WITH(source->Next(10),
                    "p.csv:1: cannot read the header row: unterminated "
                    "quoted field; fix the column names in " +
                        (dir / "p.csv"));
  CHECK_THROWS_WITH(source->Seek("7:0:0"),
                    "csv source: cannot resume from cursor '7:0:0': it "
                    "does not fit this plan's streams; run again without "
                    "--resume");
  CHECK_THROWS_AS(source->Seek("x"), PlanError);
  CHECK_THROWS_AS(source->Seek("1:5:2"), PlanError);
  CHECK_NOTHROW(source->Seek("1:0:0"));
}

}  // namespace ferry::csv
