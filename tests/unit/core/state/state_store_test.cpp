// StateStore: the two-level record table (records_recent merged into records) keeps every
// digest findable, newest first, across merges and reopening.

#include "core/state/state_store.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

namespace ferry {

namespace {

std::string FreshStatePath(const std::string& name) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / (name + ".state.db");
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

/// Commits keys [first, first + count) with digest `digest`, in batches of 50,000.
void CommitKeys(StateStore& state, std::uint64_t first, std::uint64_t count, std::uint64_t digest) {
  for (std::uint64_t start = first; start < first + count; start += 50000) {
    BatchCommit batch;
    for (std::uint64_t key = start; key < std::min(first + count, start + 50000); ++key)
      batch.records.push_back({key * 0x9E3779B97F4A7C15ULL, digest});  // spread like hashes
    batch.checkpoint.source_cursor = std::to_string(start);
    state.Commit(batch);
  }
}

}  // namespace

TEST_CASE("StateStore finds every record across merges of records_recent", "[state_store]") {
  std::string path = FreshStatePath("ferry-state-store-test");
  {
    StateStore state(path);
    state.BeginFresh("fingerprint");
    CommitKeys(state, 1, 300000, 7);  // more than the 2^18 rows that trigger a merge
    CommitKeys(state, 1, 1000, 8);    // newer digests for keys already merged
    CHECK(state.RecordCount() == 300000);
    CHECK(state.StoredDigest(1 * 0x9E3779B97F4A7C15ULL)->digest == 8);
    CHECK(state.StoredDigest(2000 * 0x9E3779B97F4A7C15ULL)->digest == 7);
    CHECK(state.StoredDigest(300000 * 0x9E3779B97F4A7C15ULL)->digest == 7);
    CHECK_FALSE(state.StoredDigest(300001 * 0x9E3779B97F4A7C15ULL).has_value());
  }
  StateStore reopened(path);
  CHECK(reopened.RecordCount() == 300000);
  CHECK(reopened.StoredDigest(999 * 0x9E3779B97F4A7C15ULL)->digest == 8);
  CHECK(reopened.StoredDigest(299999 * 0x9E3779B97F4A7C15ULL)->digest == 7);
  CHECK(reopened.BeginResume().source_cursor == "1");
}

}  // namespace ferry
