#include "adapters/hl7v2/hl7v2_source.hpp"

#include <algorithm>
#include <catch2/catch.hpp>

#include "adapters/hl7v2/info.hpp"
#include "adapters/registry.hpp"
#include "core/common/error.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::hl7v2 {

namespace {

using test::MakeConfig;
using test::ReadAll;
using test::TempDir;
using test::WriteFile;

const char* const kAdt =
    "MSH|^~\\&|ADT|HOSP|EHR|HOSP|20240102||ADT^A01^ADT_A01|A1|P|2.5.1\r\n"
    "EVN|A01\r\n"
    "PID|1||123^^^HOSP^MR~456^^^SSA^SS||Smith^John||19700101|M\r\n"
    "PV1|1|I|W^1^2\r\n"
    "ZPD|1|\"\"|vip\r\n";

const char* const kOru =
    "MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240103||ORU^R01^ORU_R01|L7|P|2.5.1\r"
    "PID|1||789^^^HOSP^MR||Lee^Ann\r"
    "OBR|1||ORD1|24331-1^Lipid panel^LN\r"
    "OBX|1|NM|2093-3^Cholesterol^LN||182|mg/dL\r"
    "NTE|1||fasting\r"
    "OBX|2|NM|2571-8^Triglyceride^LN||\"\"|mg/dL\r";

std::unique_ptr<Source> Open(const std::string& path, std::vector<std::string> streams) {
  return OpenSource(MakeConfig("hl7v2", {{"path", path}}), {std::move(streams)});
}

/// The value of `column` in `record`; fails the test when there is no such column.
std::string Cell(const RawRecord& record, const std::string& column) {
  const Columns& columns = *record.columns;
  auto it = std::find(columns.begin(), columns.end(), column);
  REQUIRE(it != columns.end());
  return record.values[static_cast<std::size_t>(it - columns.begin())];
}

bool IsNullCell(const RawRecord& record, const std::string& column) {
  const Columns& columns = *record.columns;
  auto it = std::find(columns.begin(), columns.end(), column);
  REQUIRE(it != columns.end());
  return record.IsNull(static_cast<std::size_t>(it - columns.begin()));
}

}  // namespace

TEST_CASE("hl7v2 source gives one row per segment with context columns", "[hl7v2]") {
  TempDir dir;
  WriteFile(dir / "a_adt.hl7", kAdt);
  WriteFile(dir / "b_oru.hl7", kOru);
  WriteFile(dir / "notes.md", "not HL7");
  auto source = Open(dir.path().string(), {"PID", "PV1", "OBX", "ZPD"});
  std::vector<RawRecord> records = ReadAll(*source, 2);
  REQUIRE(records.size() == 6);
  CHECK(records[0].stream == "PID");
  CHECK(records[0].location.ToString() == "a_adt.hl7:3");
  CHECK(Cell(records[0], "message_index") == "1");
  CHECK(Cell(records[0], "segment_index") == "3");
  CHECK(Cell(records[0], "message_type") == "ADT^A01");
  CHECK(Cell(records[0], "control_id") == "A1");
  CHECK(Cell(records[0], "PID-3.1") == "123");
  CHECK(Cell(records[0], "PID-3[2].1") == "456");
  CHECK(Cell(records[0], "PID-3[2].5") == "SS");
  CHECK(Cell(records[0], "PID-5.1") == "Smith");
  CHECK(Cell(records[0], "PV1-3.2") == "1");
  CHECK(Cell(records[0], "MSH-2") == "^~\\&");
  CHECK(Cell(records[0], "MSH-9.3") == "ADT_A01");
  CHECK(records[1].stream == "PV1");
  CHECK(Cell(records[1], "PID-3") == "123");
  CHECK(records[2].stream == "ZPD");
  CHECK(IsNullCell(records[2], "ZPD-2"));
  CHECK_FALSE(IsNullCell(records[2], "ZPD-3"));
  CHECK(Cell(records[2], "ZPD-3") == "vip");
  CHECK(records[3].stream == "PID");
  CHECK(records[3].location.ToString() == "b_oru.hl7:2");
  CHECK(records[4].stream == "OBX");
  CHECK(Cell(records[4], "OBX-5") == "182");
  CHECK(Cell(records[4], "OBX-3.2") == "Cholesterol");
  CHECK(Cell(records[4], "OBR-4.1") == "24331-1");
  CHECK(Cell(records[4], "PID-5.2") == "Ann");
  CHECK(Cell(records[4], "PV1-2") == "");
  CHECK(IsNullCell(records[5], "OBX-5"));
  CHECK(records[5].location.ToString() == "b_oru.hl7:6");
  CHECK(records[4].columns == records[5].columns);
  CHECK(*records[4].columns == source->Columns("OBX"));
  for (const RawRecord& record : records) {
    CHECK(record.read_error == "");
    CHECK(record.values.size() == record.columns->size());
    CHECK(record.nulls.size() == record.columns->size());
  }
}

TEST_CASE("hl7v2 source numbers order groups and gives RXA its RXR", "[hl7v2]") {
  TempDir dir;
  WriteFile(dir / "m.hl7",
            "MSH|^~\\&|LAB|HOSP|EHR|HOSP|20240103||ORU^R01^ORU_R01|L7|P|2.5.1\r"
            "PID|1||789^^^HOSP^MR\r"
            "OBR|1||ORD1|24331-1^Lipid panel^LN\r"
            "OBX|1|NM|2093-3^Cholesterol^LN||182|mg/dL\r"
            "NTE|1||fasting\r"
            "OBX|2|NM|2571-8^Triglyceride^LN||90|mg/dL\r"
            "OBR|2||ORD2|1234-5^Other^LN\r"
            "ORC|RE\r"
            "RXA|0|1|20240101||08^HepB^CVX|0.5|mL\r"
            "RXR|C28161^IM^NCIT\r"
            "OBX|1|CE|64994-7^Eligibility^LN||V02^VFC^HL70064\r"
            "RXA|0|1|20240101||03^MMR^CVX|0.5|mL\r");
  auto source = Open(dir / "m.hl7", {"OBR", "OBX", "RXA"});
  std::vector<RawRecord> records = ReadAll(*source, 10);
  REQUIRE(records.size() == 7);
  CHECK(Cell(records[0], "group_member[1]") == "1");
  CHECK(Cell(records[0], "group_member[2]") == "2");
  CHECK(Cell(records[0], "group_member[3]") == "");
  CHECK(Cell(records[1], "group_index") == "1");
  CHECK(Cell(records[2], "group_index") == "2");
  CHECK(Cell(records[3], "group_member[1]") == "");
  CHECK(Cell(records[4], "RXR-1.2") == "IM");
  CHECK(Cell(records[5], "group_index") == "");
  CHECK(Cell(records[5], "OBR-3") == "");
  CHECK(Cell(records[6], "RXR-1") == "");
  CHECK(source->Columns("OBR").back() == "group_member[50]");
}

TEST_CASE("hl7v2 source can return only the columns a mapping reads", "[hl7v2]") {
  TempDir dir;
  WriteFile(dir / "b_oru.hl7", kOru);
  auto source = std::make_unique<Hl7v2Source>(
      std::vector<Hl7File>{{"b_oru.hl7", dir / "b_oru.hl7", 0}},
      std::vector<std::string>{"OBX", "PID"});
  source->OnlyColumns({{"OBX", {"OBX-5", "OBX-3.2", "PID-5.2", "group_index", "OBX-99", "OBR-4.1"}}});
  std::vector<RawRecord> records = ReadAll(*source, 10);
  REQUIRE(records.size() == 3);
  CHECK(*records[1].columns ==
        std::vector<std::string>{"OBX-3.2", "OBX-5", "PID-5.2", "OBR-4.1", "group_index"});
  CHECK(records[1].values == std::vector<std::string>{"Cholesterol", "182", "Ann", "24331-1", "1"});
  CHECK(records[2].values == std::vector<std::string>{"Triglyceride", "", "Ann", "24331-1", "2"});
  CHECK(IsNullCell(records[2], "OBX-5"));
  CHECK(records[0].columns->size() == source->Columns("PID").size());  // PID not narrowed
  CHECK(source->Columns("OBX").size() > 1000);
}

TEST_CASE("hl7v2 source columns are fixed per segment id", "[hl7v2]") {
  Hl7v2Source source({}, {});
  std::vector<std::string> columns = source.Columns("NTE");
  // 4 computed + NTE 4 fields x 5 repetitions x 8 + (MSH 21 + PID 39 + PV1 52 + OBR 50) x 8
  CHECK(columns.size() == 4 + 4 * 5 * 8 + (21 + 39 + 52 + 50) * 8);
  CHECK(columns[0] == "message_index");
  CHECK(columns[4] == "NTE-1");
  CHECK(columns[5] == "NTE-1.1");
  CHECK(columns[12] == "NTE-1[2]");
  CHECK(source.Columns("ZQ1").size() == 4 + 25 * 5 * 8 + (21 + 39 + 52) * 8);
  CHECK(source.Columns("patients").empty());
}

TEST_CASE("hl7v2 source returns a malformed message as one read error", "[hl7v2]") {
  TempDir dir;
  WriteFile(dir / "bad.hl7",
            "MSH|^~\\&|A||||||ADT^A01|1\rPID|1||SECRET\r"
            "MSH|^~\\&|A||||||ADT^A01|2\r|SECRET\r"
            "MSH|^~\\&|A||||||ADT^A01|3\rPID|1||\xff\xfe\r"
            "MSH|^~\\&|A||||||ADT^A01|4\rPID|1||OK\r");
  auto source = Open(dir / "bad.hl7", {"PID"});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 4);
  CHECK(Cell(records[0], "PID-3") == "SECRET");
  CHECK(records[1].stream == "MSH");
  CHECK(records[1].read_error == "message 2: segment 2 has no segment id");
  CHECK(records[1].location.ToString() == "bad.hl7:3");
  CHECK(records[1].payload == "MSH|^~\\&|A||||||ADT^A01|2\r|SECRET\r");
  CHECK(records[2].read_error ==
        "message 3: segment 2 is not UTF-8 text (it has a NUL byte or an invalid byte sequence)");
  CHECK(Cell(records[3], "PID-3") == "OK");
  CHECK(Cell(records[3], "message_index") == "4");
  for (const RawRecord& record : records) {
    CHECK(record.read_error.find("SECRET") == std::string::npos);
  }
}

TEST_CASE("hl7v2 source reads only UTF-8 and ASCII messages", "[hl7v2]") {
  TempDir dir;
  WriteFile(dir / "charset.hl7",
            "MSH|^~\\&|A||||||ADT^A01|1|P|2.5.1||||||8859/1\rPID|1\r"
            "MSH|^~\\&|A||||||ADT^A01|2|P|2.5.1||||||UNICODE UTF-8\rPID|2\r");
  auto source = Open(dir / "charset.hl7", {"PID"});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 2);
  CHECK(records[0].read_error ==
        "message 1: segment 1 (MSH): MSH-18 declares a character set other than ASCII or UNICODE "
        "UTF-8; convert the messages to UTF-8 and set MSH-18 to UNICODE UTF-8");
  CHECK(records[1].read_error == "");
  CHECK(Cell(records[1], "PID-1") == "2");
}

TEST_CASE("hl7v2 source reports a message without MSH and a binary file", "[hl7v2]") {
  TempDir dir;
  WriteFile(dir / "a.hl7", "PID|1||123\rMSH|^~\\&\rPID|2\r");
  WriteFile(dir / "b.hl7", std::string("\x7f"
                                       "ELF\0\0\0\x01\x02",
                                       9));
  auto source = Open(dir.path().string(), {});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 4);
  CHECK(records[0].read_error ==
        "message 1: segment 1 is not an MSH segment; every message must start with MSH");
  CHECK(records[1].stream == "MSH");
  CHECK(records[2].stream == "PID");
  CHECK(records[3].location.ToString() == "b.hl7:1");
  CHECK(records[3].read_error ==
        "message 1: segment 1 is not UTF-8 text (it has a NUL byte or an invalid byte sequence)");
}

TEST_CASE("hl7v2 source resumes exactly from any cursor", "[hl7v2]") {
  TempDir dir;
  WriteFile(dir / "a.hl7", kAdt);
  WriteFile(dir / "b.hl7", std::string(kOru) + "\r\n" + kOru);
  auto source = Open(dir.path().string(), {"PID", "OBX", "NTE"});
  std::vector<RawRecord> all = ReadAll(*source, 1000);
  REQUIRE(all.size() == 9);
  source->Seek("");
  std::vector<std::string> cursors{""};
  for (RecordBatch batch = source->Next(1); !batch.records.empty(); batch = source->Next(1)) {
    cursors.push_back(batch.cursor);
  }
  REQUIRE(cursors.size() == all.size() + 1);
  for (std::size_t cursor_idx = 0; cursor_idx < cursors.size(); ++cursor_idx) {
    auto resumed = Open(dir.path().string(), {"PID", "OBX", "NTE"});
    std::vector<RawRecord> rest = ReadAll(*resumed, 3, cursors[cursor_idx]);
    REQUIRE(rest.size() == all.size() - cursor_idx);
    for (std::size_t record_idx = 0; record_idx < rest.size(); ++record_idx) {
      const RawRecord& expected = all[cursor_idx + record_idx];
      CHECK(rest[record_idx].location.ToString() == expected.location.ToString());
      CHECK(rest[record_idx].values == expected.values);
    }
  }
  CHECK(cursors[1] == "0:0:1:1:1");
  CHECK_THROWS_WITH(source->Seek("9:0:0:0:0"),
                    "hl7v2 source: cannot resume from cursor '9:0:0:0:0': it does not fit this "
                    "plan's files; run again without --resume");
}

TEST_CASE("hl7v2 source reads a large batch file with bounded memory", "[hl7v2]") {
  TempDir dir;
  {
    std::ofstream out(dir / "big.hl7", std::ios::binary);
    out << "FHS|^~\\&\rBHS|^~\\&\r";
    for (int message_idx = 0; message_idx < 40000; ++message_idx) {
      out << "MSH|^~\\&|LAB|HOSP|||20240101||ORU^R01|" << message_idx << "|P|2.5.1\r"
          << "PID|1||" << message_idx << "^^^HOSP^MR||Doe^Jane\r"
          << "OBX|1|ST|8251-1^Note^LN||" << std::string(150, 'n') << "\r";
    }
    out << "BTS|40000\rFTS|1\r";
  }
  REQUIRE(std::filesystem::file_size(dir / "big.hl7") > 10'000'000);
  Hl7v2Source source({{"big.hl7", dir / "big.hl7", std::filesystem::file_size(dir / "big.hl7")}},
                     {"MSH"});  // the smallest schema: this test is about the reader
  source.Seek("");
  std::uint64_t rows = 0;
  std::string last_id;
  for (RecordBatch batch = source.Next(500); !batch.records.empty(); batch = source.Next(500)) {
    rows += batch.records.size();
    last_id = Cell(batch.records.back(), "control_id");
  }
  CHECK(rows == 40000);
  CHECK(last_id == "39999");
  CHECK(source.PeakBufferedBytes() < 128 * 1024);
  CHECK(source.Progress() == 1.0);
}

TEST_CASE("hl7v2 source checks its path and streams", "[hl7v2]") {
  TempDir dir;
  CHECK_THROWS_WITH(
      Open(dir.path().string(), {}),
      "hl7v2 source: directory " + dir.path().string() + " holds no *.hl7, *.txt or *.mllp files");
  WriteFile(dir / "a.hl7", kAdt);
  CHECK_THROWS_WITH(Open(dir.path().string(), {"patients"}),
                    "hl7v2 source: stream 'patients' is not a segment id; name a segment such "
                    "as PID or OBX in the rule's `from`");
  CHECK_THROWS_AS(Open(dir / "missing.hl7", {}), IoError);
}

TEST_CASE("hl7v2 adapter is registered as a row source with one required path", "[hl7v2]") {
  CHECK(FindAdapter("hl7v2") == &kInfo);
  CHECK(kInfo.shape == RecordShape::kRows);
  CHECK(kInfo.CanRead());
  CHECK_FALSE(kInfo.CanWrite());
  REQUIRE(kInfo.source_keys.size() == 1);
  CHECK(kInfo.source_keys[0].name == "path");
  CHECK(kInfo.source_keys[0].type == KeyType::kPath);
  CHECK(kInfo.source_keys[0].required);
}

}  // namespace ferry::hl7v2
