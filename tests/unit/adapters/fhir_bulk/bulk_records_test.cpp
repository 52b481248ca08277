#include "adapters/fhir_bulk/bulk_records.hpp"

#include <catch2/catch.hpp>

namespace ferry::fhir_bulk {

namespace {

std::vector<RawRecord> Records(FileKind kind, const std::string& type, std::string_view text, std::size_t index = 0) {
  ManifestFile file{kind, type, "https://example.com/f?sig=secret", std::nullopt};
  ndjson::Line line;
  line.text = text;
  line.number = 7;
  std::vector<RawRecord> out;
  AppendRecords(file, FileLabel(file, index), line, out);
  return out;
}

}  // namespace

TEST_CASE("an output line is a resource of the file's type, located by file label and line") {
  auto out = Records(FileKind::kOutput, "Patient", R"({"resourceType":"Patient","id":"p1"})", 2);
  REQUIRE(out.size() == 1);
  CHECK(out[0].stream == "Patient");
  CHECK(out[0].location.ToString() == "$export output[2] Patient:7");
  CHECK(out[0].payload == R"({"resourceType":"Patient","id":"p1"})");
  CHECK(out[0].read_error.empty());
}

TEST_CASE("an error line is a read error with severity, code and expression, never diagnostics") {
  auto out = Records(FileKind::kError, "OperationOutcome",
                     R"({"resourceType":"OperationOutcome","issue":[{"severity":"error","code":"processing",)"
                     R"("diagnostics":"John Smith has a bad birthDate","expression":["Patient.birthDate"]},)"
                     R"({"severity":"warning","code":"informational"}]})");
  REQUIRE(out.size() == 1);
  CHECK(out[0].stream == "OperationOutcome");
  CHECK(out[0].location.ToString() == "$export error[0] OperationOutcome:7");
  CHECK(out[0].read_error ==
        "$export error file: the server could not export a resource (error, processing at Patient.birthDate; "
        "warning, informational)");
}

TEST_CASE("each DELETE entry of a deleted Bundle is a delete record of its type and id") {
  auto out = Records(FileKind::kDeleted, "Bundle",
                     R"({"resourceType":"Bundle","type":"transaction","entry":[)"
                     R"({"request":{"method":"DELETE","url":"Patient/123"}},)"
                     R"({"request":{"method":"DELETE","url":"Observation/9"}}]})");
  REQUIRE(out.size() == 2);
  CHECK(out[0].stream == "Patient");
  CHECK(out[0].delete_id == "123");
  CHECK(out[0].is_delete());
  CHECK(out[1].stream == "Observation");
  CHECK(out[1].delete_id == "9");
  CHECK(out[0].payload == R"({"request":{"method":"DELETE","url":"Patient/123"}})");
  CHECK(out[1].location.ToString() == "$export deleted[0] Bundle:7");
  CHECK(out[0].read_error.empty());
}

TEST_CASE("a deleted entry that is not DELETE Type/id is a read error, not a delete") {
  auto out = Records(FileKind::kDeleted, "Bundle",
                     R"({"resourceType":"Bundle","type":"transaction","entry":[)"
                     R"({"request":{"method":"GET","url":"Patient/1"}},)"
                     R"({"request":{"method":"DELETE","url":"Patient"}},)"
                     R"({"request":{"method":"DELETE","url":"Patient/1/_history/2"}},{"fullUrl":"x"}]})");
  REQUIRE(out.size() == 4);
  for (const RawRecord& record : out) {
    CHECK_FALSE(record.is_delete());
    CHECK(record.read_error ==
          "$export deleted file: an entry that is not a request DELETE Type/id (request.method, request.url)");
  }
}

TEST_CASE("lines that are not JSON in error and deleted files are read errors") {
  CHECK(Records(FileKind::kError, "OperationOutcome", "{oops")[0].read_error ==
        "$export error file: a line that is not JSON");
  CHECK(Records(FileKind::kDeleted, "Bundle", "[]")[0].read_error ==
        "$export deleted file: a line that is not a Bundle with entries");
}

}  // namespace ferry::fhir_bulk
