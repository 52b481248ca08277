// BatchCommitter with deletes, against a real SQLite store and a real state file: writes
// and deletes of one batch reach the sink in batch order (the later wins), the state keeps
// a deleted key as a tombstone, a repeated delete is unchanged, and the accounting
// balances with deletes counted on their own.

#include "core/pipeline/batch_committer.hpp"

#include <catch2/catch.hpp>
#include <filesystem>
#include <set>
#include <string>

#include "adapters/sqlite/sqlite_sink.hpp"

namespace ferry {

namespace {

using sqlite::SqliteSink;

std::string FreshPath(const std::string& name) {
  std::filesystem::path path = std::filesystem::temp_directory_path() / name;
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path.string() + suffix);
  return path.string();
}

ProcessedItem Write(const std::string& id, const std::string& family) {
  ProcessedItem item;
  item.kind = ProcessedItem::Kind::kResource;
  item.resource_type = "Patient";
  item.resource.resource_type = "Patient";
  item.resource.id = id;
  item.resource.json = R"({"resourceType":"Patient","id":")" + id + R"(","name":[{"family":")" + family + R"("}]})";
  item.resource.digest = Sha256Of(item.resource.json);
  item.record_key = RecordKey("Patient", id);
  return item;
}

ProcessedItem Delete(const std::string& id) {
  ProcessedItem item;
  item.kind = ProcessedItem::Kind::kDelete;
  item.resource_type = "Patient";
  item.resource.resource_type = "Patient";
  item.resource.id = id;
  item.record_key = RecordKey("Patient", id);
  return item;
}

ProcessedBatch Batch(std::vector<ProcessedItem> items) {
  ProcessedBatch batch;
  batch.records = items.size();
  batch.items = std::move(items);
  batch.cursor = "c";
  return batch;
}

std::set<std::string> StoredIds(SqliteSink& sink) {
  std::set<std::string> ids;
  sink.Scan([&](const StoredResource& stored) { ids.insert(std::string(stored.id)); });
  return ids;
}

}  // namespace

TEST_CASE("writes and deletes of a batch reach the sink in order, and deletes are counted", "[batch_committer]") {
  SqliteSink sink(FreshPath("ferry-committer-test.store.db"), "");
  StateStore state(FreshPath("ferry-committer-test.state.db"));
  state.BeginFresh("fingerprint");
  Counts counts;
  {
    BatchCommitter committer(&sink, &state, nullptr, "key");
    ProcessedBatch batch = Batch({Write("p1", "A"), Write("p2", "B"), Delete("p1"), Delete("absent"),
                                  Delete("p2"), Write("p2", "C"), Write("p3", "D")});
    committer.Commit(batch);
    committer.Flush();
    counts = committer.types()["Patient"].counts;
  }
  CHECK(StoredIds(sink) == std::set<std::string>{"p2", "p3"});  // p1's delete came last; p2's write did
  CHECK(counts.read == 7);
  CHECK(counts.written == 4);
  CHECK(counts.deleted == 3);
  CHECK(counts.Balanced());
  REQUIRE(state.StoredDigest(RecordKey("Patient", "p1")));
  CHECK(state.StoredDigest(RecordKey("Patient", "p1"))->digest == kDeletedDigest);
  CHECK(state.StoredDigest(RecordKey("Patient", "p2"))->digest == DigestPrefix(Write("p2", "C").resource.digest));
  StoredCounts stored = state.LoadCounts();
  CHECK(stored.types["Patient"].counts.deleted == 3);
  CHECK(stored.types["Patient"].counts.Balanced());

  SECTION("a later run: a delete already applied is unchanged, a write of a deleted key is written") {
    state.Finish(RunStatus::kFinished);
    state.BeginFresh("fingerprint");
    BatchCommitter committer(&sink, &state, nullptr, "key");
    ProcessedBatch batch = Batch({Delete("p1"), Write("p1", "E"), Delete("p3")});
    committer.Commit(batch);
    committer.Flush();
    Counts again = committer.types()["Patient"].counts;
    CHECK(again.unchanged == 1);
    CHECK(again.written == 1);
    CHECK(again.deleted == 1);
    CHECK(again.Balanced());
    CHECK(StoredIds(sink) == std::set<std::string>{"p1", "p2"});
  }
}

TEST_CASE("a dry run counts deletes without a sink or state", "[batch_committer]") {
  BatchCommitter committer(nullptr, nullptr, nullptr, "key");
  ProcessedBatch batch = Batch({Write("p1", "A"), Delete("p2")});
  committer.Commit(batch);
  committer.Flush();
  Counts counts = committer.types()["Patient"].counts;
  CHECK(counts.written == 1);
  CHECK(counts.deleted == 1);
  CHECK(counts.Balanced());
}

}  // namespace ferry
