#include "adapters/sqlite/sqlite_source.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::sqlite {

namespace {

using test::MakeConfig;
using test::ReadAll;
using test::TempDir;
using Values = std::vector<std::string>;

/// A database with `patients` (3 rows, one NULL) and `visits` (2 rows).
std::string MakeDatabase(const TempDir& dir) {
  std::string path = dir / "emr.db";
  Database db(path, Database::Mode::kReadWriteCreate, "test database");
  db.Exec(
      "CREATE TABLE patients (id TEXT, name TEXT, age INTEGER);"
      "INSERT INTO patients VALUES ('p1', 'Ann', 41), ('p2', NULL, 7), ('p3', 'Bo', 2.5);"
      "CREATE TABLE visits (id TEXT, patient TEXT);"
      "INSERT INTO visits VALUES ('v1', 'p1'), ('v2', 'p3');"
      "CREATE VIEW adults AS SELECT * FROM patients WHERE age > 18;"
      "CREATE TABLE codes (code TEXT PRIMARY KEY) WITHOUT ROWID;");
  return path;
}

std::unique_ptr<Source> Open(const std::string& path, std::vector<std::string> streams,
                             std::map<std::string, std::string> queries = {}) {
  std::map<std::string, std::map<std::string, std::string>> maps;
  if (!queries.empty()) maps["queries"] = std::move(queries);
  return OpenSource(MakeConfig("sqlite", {{"path", path}}, std::move(maps)), {std::move(streams)});
}

}  // namespace

TEST_CASE("SQLite source reads rows as text and flags NULL", "[sqlite]") {
  TempDir dir;
  auto source = Open(MakeDatabase(dir), {"patients", "visits"});
  std::vector<RawRecord> records = ReadAll(*source, 2);
  REQUIRE(records.size() == 5);
  CHECK(*records[0].columns == Values{"id", "name", "age"});
  CHECK(records[0].values == Values{"p1", "Ann", "41"});
  CHECK(records[0].location.ToString() == "patients:1");
  CHECK_FALSE(records[0].IsNull(1));
  CHECK(records[1].values == Values{"p2", "", "7"});
  CHECK(records[1].IsNull(1));
  CHECK_FALSE(records[1].IsNull(0));
  CHECK(records[2].values == Values{"p3", "Bo", "2.5"});
  CHECK(records[3].stream == "visits");
  CHECK(records[3].location.ToString() == "visits:1");
  CHECK(*records[4].columns == Values{"id", "patient"});
  CHECK(records[4].values == Values{"v2", "p3"});
  CHECK(source->Progress() == Approx(1.0));
}

TEST_CASE("SQLite source runs a stream's own query", "[sqlite]") {
  TempDir dir;
  auto source =
      Open(MakeDatabase(dir), {"grown"}, {{"grown", "SELECT id AS key FROM adults ORDER BY id"}});
  std::vector<RawRecord> records = ReadAll(*source);
  REQUIRE(records.size() == 1);
  CHECK(*records[0].columns == Values{"key"});
  CHECK(records[0].values == Values{"p1"});
  CHECK(records[0].location.ToString() == "grown:1");
  CHECK(source->Columns("grown") == Values{"key"});
  CHECK(source->CountRecords("grown") == std::optional<std::uint64_t>(1));
}

TEST_CASE("SQLite source resumes from a cursor by skipping rows", "[sqlite]") {
  TempDir dir;
  std::string path = MakeDatabase(dir);
  auto first = Open(path, {"patients", "visits"});
  first->Seek("");
  first->Next(2);
  RecordBatch second = first->Next(2);
  CHECK(second.cursor == "1:1");
  auto resumed = Open(path, {"patients", "visits"});
  std::vector<RawRecord> rest = ReadAll(*resumed, 2, second.cursor);
  REQUIRE(rest.size() == 1);
  CHECK(rest[0].values == Values{"v2", "p3"});
  CHECK(rest[0].location.ToString() == "visits:2");
  CHECK(ReadAll(*resumed, 2, "0:2").size() == 3);
  CHECK_THROWS_WITH(resumed->Seek("3:0"),
                    "sqlite source: cannot resume from cursor '3:0': it "
                    "does not fit this plan's streams; run again without "
                    "--resume");
}

TEST_CASE("SQLite source without streams reads every table", "[sqlite]") {
  TempDir dir;
  auto source = Open(MakeDatabase(dir), {}, {{"codes", "SELECT code FROM codes ORDER BY code"}});
  CHECK(ReadAll(*source).size() == 5);
  CHECK(source->CountRecords("patients") == std::optional<std::uint64_t>(3));
}

TEST_CASE("SQLite source reports bad streams and queries when opened", "[sqlite]") {
  TempDir dir;
  std::string path = MakeDatabase(dir);
  CHECK_THROWS_WITH(Open(path, {"pa tients"}),
                    "sqlite source: stream 'pa tients' is not a plain table name; give its "
                    "SELECT under `queries`");
  CHECK_THROWS_WITH(Open(path, {"orders"}),
                    "sqlite source: stream 'orders': no such table: orders; name an existing "
                    "table (not a view), or give a SELECT with a stable ORDER BY under `queries`");
  CHECK_THROWS_WITH(Open(path, {"adults"}),
                    "sqlite source: stream 'adults' is a view, whose rows have no stable order; "
                    "give a SELECT with an ORDER BY under `queries`");
  CHECK_THROWS_WITH(Open(path, {"codes"}),
                    "sqlite source: stream 'codes': no such column: rowid; name an existing "
                    "table (not a view), or give a SELECT with a stable ORDER BY under `queries`");
  CHECK_THROWS_WITH(Open(path, {"gone"}, {{"gone", "DELETE FROM patients"}}),
                    "sqlite source: stream 'gone': the query would change the database; give a "
                    "SELECT");
  CHECK_THROWS_AS(Open(path, {"gone"}, {{"gone", "DELETE FROM patients"}}), PlanError);
  CHECK_THROWS_WITH(Open(dir / "none.db", {"patients"}),
                    "sqlite source: database " + (dir / "none.db") +
                        " does not exist; set `path` to a SQLite database file");
  CHECK_THROWS_AS(Open(dir / "none.db", {"patients"}), IoError);
}

TEST_CASE("SQLite source flags a value that is not UTF-8", "[sqlite]") {
  TempDir dir;
  std::string path = dir / "bad.db";
  {
    Database db(path, Database::Mode::kReadWriteCreate, "test database");
    db.Exec(
        "CREATE TABLE t (a TEXT, b TEXT); INSERT INTO t VALUES ('ok', CAST(x'ff' AS TEXT));"
        "INSERT INTO t VALUES ('next', 'fine');");
  }
  std::vector<RawRecord> records = ReadAll(*Open(path, {"t"}));
  REQUIRE(records.size() == 2);
  CHECK(records[0].read_error == "field 2: invalid UTF-8");
  CHECK(records[0].values.empty());
  CHECK(records[0].location.ToString() == "t:1");
  CHECK(records[1].values == Values{"next", "fine"});
}

}  // namespace ferry::sqlite
