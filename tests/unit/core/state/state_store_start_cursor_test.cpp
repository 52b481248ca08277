// StateStore::SaveSourceCursor: a source's start cursor (an export job's status URL) is
// stored before any batch, survives a crash (a new StateStore on the same file) and is
// replaced by the first batch's cursor.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "core/state/state_store.hpp"

namespace ferry {

TEST_CASE("the start cursor is stored at once and resumed from", "[state_store]") {
  std::filesystem::path path = std::filesystem::temp_directory_path() / "ferry-start-cursor-test.state.db";
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  {
    StateStore state(path.string());
    state.BeginFresh("fingerprint");
    state.SaveSourceCursor("bulk1 0:0:1 http://127.0.0.1:9/fhir/$export-status/1");
  }  // a crash here: no batch was committed, no Finish
  {
    StateStore state(path.string());
    CHECK(state.status() == RunStatus::kRunning);
    Checkpoint resumed = state.BeginResume();
    CHECK(resumed.source_cursor == "bulk1 0:0:1 http://127.0.0.1:9/fhir/$export-status/1");
    BatchCommit batch;
    batch.checkpoint.source_cursor = "bulk1 0:120:3 http://127.0.0.1:9/fhir/$export-status/1";
    state.Commit(batch);
  }
  StateStore state(path.string());
  CHECK(state.BeginResume().source_cursor == "bulk1 0:120:3 http://127.0.0.1:9/fhir/$export-status/1");
}

}  // namespace ferry
