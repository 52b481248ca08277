#include "adapters/fhir_bulk/bulk_cursor.hpp"

#include <catch2/catch.hpp>

namespace ferry::fhir_bulk {

TEST_CASE("a bulk cursor reads back as written") {
  BulkCursor cursor{"http://127.0.0.1:9/fhir/$export-status/ab c", 2, 5120, 41};
  std::string text = EncodeCursor(cursor);
  CHECK(text == "bulk1 2:5120:41 http://127.0.0.1:9/fhir/$export-status/ab c");
  Result<BulkCursor> back = DecodeCursor(text);
  REQUIRE(back);
  CHECK(back->status_url == cursor.status_url);
  CHECK(back->file == 2);
  CHECK(back->offset == 5120);
  CHECK(back->line == 41);
}

TEST_CASE("a cursor of another source is refused") {
  const std::string message =
      "fhir-bulk source: the saved cursor is not from this source; delete the state file to start over";
  for (std::string text : {"0:0:0", "bulk1 1:2 http://x", "bulk1 1:2:3", "bulk1 1:x:3 http://x", "bulk1 1:2:3 "}) {
    Result<BulkCursor> back = DecodeCursor(text);
    REQUIRE_FALSE(back);
    CHECK(back.error() == message);
  }
}

}  // namespace ferry::fhir_bulk
