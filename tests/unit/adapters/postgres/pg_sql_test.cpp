#include "adapters/postgres/pg_sql.hpp"

#include <catch2/catch.hpp>

namespace ferry::postgres {

TEST_CASE("Identifiers are quoted with inner quotes doubled", "[postgres]") {
  CHECK(QuoteIdentifier("patients") == "\"patients\"");
  CHECK(QuoteIdentifier("Odd \"name\"") == "\"Odd \"\"name\"\"\"");
  CHECK(QualifiedName("ehr", "Visits") == "\"ehr\".\"Visits\"");
}

TEST_CASE("The default query orders by every primary key column", "[postgres]") {
  std::vector<std::string> one = {"pat_id"};
  std::vector<std::string> two = {"site", "obs_id"};
  CHECK(DefaultQuery("public", "patients", one) ==
        "SELECT * FROM \"public\".\"patients\" ORDER BY \"pat_id\"");
  CHECK(DefaultQuery("ehr", "obs", two) ==
        "SELECT * FROM \"ehr\".\"obs\" ORDER BY \"site\", \"obs_id\"");
}

TEST_CASE("Queries are trimmed of white space and trailing semicolons", "[postgres]") {
  CHECK(TrimQuery("  SELECT 1 ORDER BY 1 ;\n; ") == "SELECT 1 ORDER BY 1");
  CHECK(TrimQuery("SELECT ';'") == "SELECT ';'");
  CHECK(CountQuery("SELECT a FROM t ORDER BY a") ==
        "SELECT count(*) FROM (SELECT a FROM t ORDER BY a) q");
  CHECK(DeclareCursor("ferry_stream", "SELECT 1") ==
        "DECLARE \"ferry_stream\" NO SCROLL CURSOR FOR SELECT 1");
}

TEST_CASE("ORDER BY is found as words, not inside literals or comments", "[postgres]") {
  CHECK(HasOrderBy("SELECT * FROM t ORDER BY id"));
  CHECK(HasOrderBy("select * from t\norder\n  by id"));
  CHECK(HasOrderBy("SELECT 'it''s' AS a FROM t order by a"));
  CHECK_FALSE(HasOrderBy("SELECT * FROM t"));
  CHECK_FALSE(HasOrderBy("SELECT 'order by' FROM t"));
  CHECK_FALSE(HasOrderBy("SELECT \"order by\" FROM t"));
  CHECK_FALSE(HasOrderBy("SELECT * FROM t -- ORDER BY id"));
  CHECK_FALSE(HasOrderBy("SELECT * FROM t /* ORDER BY id */"));
  CHECK_FALSE(HasOrderBy("SELECT reorder, by_date FROM t"));
  CHECK_FALSE(HasOrderBy("SELECT 'unterminated ORDER BY"));
}

TEST_CASE("Text arrays quote every element and escape quotes and backslashes", "[postgres]") {
  std::vector<std::string_view> values = {"Patient", "{\"a\":\"b\\\\c\"}", "", "NULL"};
  CHECK(TextArray(values) == R"({"Patient","{\"a\":\"b\\\\c\"}","","NULL"})");
  CHECK(TextArray({}) == "{}");
}

TEST_CASE("Stream positions round-trip and reject anything else", "[postgres]") {
  std::optional<StreamPosition> position = ParsePosition("2:5000");
  REQUIRE(position);
  CHECK(position->stream_idx == 2);
  CHECK(position->rows_done == 5000);
  CHECK(FormatPosition(*position) == "2:5000");
  CHECK(FormatPosition({}) == "0:0");
  for (const char* bad : {"", "1", "1:", ":1", "a:1", "1:b", "1:2:3", "-1:2", "1:2 "}) {
    INFO(bad);
    CHECK_FALSE(ParsePosition(bad));
  }
}

TEST_CASE("The store's SQL names the table quoted and returns written rows", "[postgres]") {
  CHECK(CreateStoreSql("public", "fhir_resources") ==
        "CREATE TABLE IF NOT EXISTS \"public\".\"fhir_resources\" (resource_type text NOT NULL, "
        "id text NOT NULL, version_id bigint NOT NULL, last_updated timestamptz NOT NULL, "
        "digest text NOT NULL, resource jsonb NOT NULL, resource_text text NOT NULL, "
        "PRIMARY KEY (resource_type, id))");
  CHECK(UpsertSql("s", "t") ==
        "INSERT INTO \"s\".\"t\" AS t (resource_type, id, version_id, last_updated, digest, "
        "resource, resource_text) SELECT r.resource_type, r.id, 1, $5::timestamptz, r.digest, "
        "r.resource_text::jsonb, r.resource_text FROM unnest($1::text[], $2::text[], "
        "$3::text[], $4::text[]) AS r(resource_type, id, digest, resource_text) ON CONFLICT "
        "(resource_type, id) DO UPDATE SET version_id = t.version_id + 1, last_updated = "
        "EXCLUDED.last_updated, digest = EXCLUDED.digest, resource = EXCLUDED.resource, "
        "resource_text = EXCLUDED.resource_text WHERE t.digest <> EXCLUDED.digest RETURNING "
        "t.resource_type, t.id");
  CHECK(ScanSql("public", "fhir") ==
        "SELECT resource_type, id, resource_text FROM \"public\".\"fhir\" ORDER BY "
        "resource_type, id");
  CHECK(StoreColumns().size() == 7);
}

}  // namespace ferry::postgres
