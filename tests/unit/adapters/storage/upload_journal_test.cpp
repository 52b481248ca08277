#include "adapters/storage/upload_journal.hpp"

#include <catch2/catch.hpp>

#include "tests/unit/adapters/test_util.hpp"

namespace ferry::storage {

TEST_CASE("upload journal: saved, loaded, matched, removed", "[storage]") {
  test::TempDir dir;
  std::string path = dir / "Patient.ndjson.upload";
  CHECK_FALSE(LoadJournal(path).has_value());
  SaveJournal(path, {"run1/Patient.ndjson", "2~abc", 67108864, 8388608});
  std::optional<UploadJournal> loaded = LoadJournal(path);
  REQUIRE(loaded.has_value());
  CHECK(loaded->id == "2~abc");
  CHECK(loaded->Matches("run1/Patient.ndjson", 67108864, 8388608));
  CHECK_FALSE(loaded->Matches("run1/Patient.ndjson", 67108865, 8388608));  // the file changed
  CHECK_FALSE(loaded->Matches("run1/Patient.ndjson", 67108864, 5242880));  // another part size
  RemoveJournal(path);
  CHECK_FALSE(LoadJournal(path).has_value());
  test::WriteFile(path, "not a journal\n");
  CHECK_FALSE(LoadJournal(path).has_value());
}

}  // namespace ferry::storage
