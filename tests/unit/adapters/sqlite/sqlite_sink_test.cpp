#include "adapters/sqlite/sqlite_sink.hpp"

#include <catch2/catch.hpp>

#include "core/common/error.hpp"
#include "tests/unit/adapters/test_util.hpp"

namespace ferry::sqlite {

namespace {

using test::TempDir;

Resource MakeResource(const std::string& type, const std::string& id, const std::string& json) {
  Resource resource;
  resource.resource_type = type;
  resource.id = id;
  resource.json = json;
  resource.digest = Sha256Of(json);
  return resource;
}

std::vector<WriteStatus> Statuses(const std::vector<WriteOutcome>& outcomes) {
  std::vector<WriteStatus> statuses;
  for (const WriteOutcome& outcome : outcomes) statuses.push_back(outcome.status);
  return statuses;
}

/// `type/id version digest-matches resource` of every stored row, ordered by key.
std::vector<std::string> Rows(const std::string& path) {
  Database db(path, Database::Mode::kReadOnly, "test");
  Statement rows = db.Prepare(
      "SELECT resource_type, id, version, digest, resource, length(last_updated) "
      "FROM resources ORDER BY resource_type, id");
  std::vector<std::string> out;
  while (rows.Step()) {
    bool digest_ok = rows.Text(3) == Sha256Hex(rows.Text(4));
    out.push_back(std::string(rows.Text(0)) + "/" + std::string(rows.Text(1)) + " v" +
                  std::to_string(rows.Int(2)) + (digest_ok ? " digest" : " bad-digest") + " " +
                  std::string(rows.Text(4)) + " " + std::to_string(rows.Int(5)));
  }
  return out;
}

}  // namespace

TEST_CASE("SQLite store writes new and changed resources, skips unchanged ones", "[sqlite]") {
  TempDir dir;
  std::string path = dir / "store/fhir.db";
  SqliteSink sink(path, "");
  std::vector<Resource> first = {MakeResource("Patient", "p1", R"({"id":"p1"})"),
                                 MakeResource("Patient", "p2", R"({"id":"p2"})")};
  CHECK(Statuses(sink.Write(first)) ==
        std::vector<WriteStatus>{WriteStatus::kWritten, WriteStatus::kWritten});
  std::vector<Resource> second = {MakeResource("Patient", "p1", R"({"id":"p1"})"),
                                  MakeResource("Patient", "p2", R"({"id":"p2","active":true})"),
                                  MakeResource("Patient", "p2", R"({"id":"p2","active":true})")};
  CHECK(Statuses(sink.Write(second)) == std::vector<WriteStatus>{WriteStatus::kUnchanged,
                                                                 WriteStatus::kWritten,
                                                                 WriteStatus::kUnchanged});
  CHECK(sink.Commit() == "");
  sink.Finish();
  CHECK(Rows(path) ==
        std::vector<std::string>{R"(Patient/p1 v1 digest {"id":"p1"} 24)",
                                 R"(Patient/p2 v2 digest {"id":"p2","active":true} 24)"});
}

TEST_CASE("SQLite store fails a resource without an id", "[sqlite]") {
  TempDir dir;
  SqliteSink sink(dir / "fhir.db", "");
  std::vector<WriteOutcome> outcomes =
      sink.Write(std::vector<Resource>{MakeResource("Patient", "", "{}")});
  REQUIRE(outcomes.size() == 1);
  CHECK(outcomes[0].status == WriteStatus::kFailed);
  CHECK(outcomes[0].error == "resource has no type or no id; the store keys resources by both");
}

TEST_CASE("SQLite store Scan visits resources by type, then id", "[sqlite]") {
  TempDir dir;
  SqliteSink sink(dir / "fhir.db", "");
  sink.Write(std::vector<Resource>{MakeResource("Patient", "b", "{\"n\":1}"),
                                   MakeResource("Condition", "z", "{\"n\":2}"),
                                   MakeResource("Patient", "a", "{\"n\":3}")});
  std::vector<std::string> seen;
  sink.Scan([&](const StoredResource& stored) {
    seen.push_back(std::string(stored.resource_type) + "/" + std::string(stored.id) + " " +
                   std::string(stored.json));
  });
  CHECK(seen == std::vector<std::string>{"Condition/z {\"n\":2}", "Patient/a {\"n\":3}",
                                         "Patient/b {\"n\":1}"});
}

TEST_CASE("SQLite store records its schema and refuses another", "[sqlite]") {
  TempDir dir;
  std::string path = dir / "fhir.db";
  { SqliteSink sink(path, ""); }
  {
    Database db(path, Database::Mode::kReadWriteCreate, "test");
    Statement info = db.Prepare("SELECT key, value FROM ferry_store_info ORDER BY key");
    std::vector<std::string> rows;
    while (info.Step()) rows.push_back(std::string(info.Text(0)) + "=" + std::string(info.Text(1)));
    CHECK(rows == std::vector<std::string>{"fhir_version=4.0.1", "schema_version=1"});
    Statement mode = db.Prepare("PRAGMA journal_mode");
    REQUIRE(mode.Step());
    CHECK(mode.Text(0) == "wal");
    db.Exec("UPDATE ferry_store_info SET value = '2' WHERE key = 'schema_version'");
  }
  CHECK_THROWS_WITH(SqliteSink(path, "plan.yaml:8:3: "),
                    "plan.yaml:8:3: the FHIR store has schema version '2', this ferry reads 1; "
                    "use the ferry version that made it, or set `path` to a new file");
}

TEST_CASE("SQLite store refuses a file that is not a database", "[sqlite]") {
  TempDir dir;
  test::WriteFile(dir / "fhir.db", std::string(4096, 'x'));
  CHECK_THROWS_WITH(SqliteSink(dir / "fhir.db", ""),
                    "sqlite store " + (dir / "fhir.db") + ": file is not a database");
  CHECK_THROWS_AS(SqliteSink(dir / "fhir.db", ""), IoError);
}

}  // namespace ferry::sqlite
