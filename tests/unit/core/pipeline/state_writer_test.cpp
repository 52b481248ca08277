// StateWriter: commits to the state on its own thread, in order; and the multi-row
// upsert of StateStore::Commit it drives.

#include "core/pipeline/state_writer.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace ferry {

namespace {

/// A fresh state file path in the temp directory (removed with its WAL files first).
std::string FreshStatePath(const std::string& name) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / (name + ".state.db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

}  // namespace

TEST_CASE("StateWriter applies commits in order and Wait makes them visible", "[state_writer]") {
  std::string path = FreshStatePath("ferry-state-writer-test");
  StateStore state(path);
  state.BeginFresh("fingerprint");
  {
    StateWriter writer(state);
    BatchCommit first;
    for (std::uint64_t key = 1; key <= 150; ++key) first.records.push_back({key * 1000003, key});
    first.records.push_back({1000003, 99});  // repeated in one batch: the last digest stays
    first.checkpoint.source_cursor = "first";
    BatchCommit second;
    second.records.push_back({2 * 1000003, 42});
    second.checkpoint.source_cursor = "second";
    writer.Start(std::move(first));
    writer.Start(std::move(second));  // waits for the first
    writer.Wait();
    CHECK(writer.seconds() > 0);
  }
  CHECK(state.RecordCount() == 150);
  CHECK(state.StoredDigest(1000003)->digest == 99);
  CHECK(state.StoredDigest(2 * 1000003)->digest == 42);
  CHECK(state.StoredDigest(150 * 1000003)->digest == 150);
  CHECK_FALSE(state.StoredDigest(151 * 1000003).has_value());
  CHECK(state.BeginResume().source_cursor == "second");
}

}  // namespace ferry
