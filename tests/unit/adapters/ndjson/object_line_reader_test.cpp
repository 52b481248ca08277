#include "adapters/ndjson/object_line_reader.hpp"

#include <catch2/catch.hpp>

#include <map>

#include "adapters/ndjson/manifest.hpp"

namespace ferry::ndjson {

namespace {

/// An in-memory store holding one object; counts the ranged reads it serves.
class MemoryStore final : public storage::Store {
 public:
  explicit MemoryStore(std::string data) : data_(std::move(data)) {}
  std::string Name() const override { return "memory"; }
  storage::ListPage List(const std::string&, const std::string&) override {
    return {{{"k", data_.size()}}, ""};
  }
  void Read(const std::string&, std::uint64_t offset, std::uint64_t length,
            const std::function<bool(std::string_view)>& on_bytes) override {
    ++reads;
    std::string_view all(data_);
    std::string_view range = all.substr(offset, length == 0 ? std::string_view::npos : length);
    // in two pieces, as a network delivers them
    on_bytes(range.substr(0, range.size() / 2));
    on_bytes(range.substr(range.size() / 2));
  }
  storage::UploadStats Upload(const std::string&, const std::string&,
                              const storage::UploadOptions&) override {
    return {};
  }
  void Delete(const std::string&) override {}
  void AbandonUpload(const std::string&) override {}

  int reads = 0;

 private:
  std::string data_;
};

std::vector<std::pair<std::uint64_t, std::string>> ReadAll(ObjectLineReader& reader) {
  std::vector<std::pair<std::uint64_t, std::string>> lines;
  for (Line line; reader.Next(line);) lines.emplace_back(line.number, std::string(line.text));
  return lines;
}

}  // namespace

TEST_CASE("object line reader: lines across chunk boundaries, CRLF, blanks, no final break",
          "[ndjson]") {
  std::string data = "{\"a\":1}\r\n\n  \n{\"bb\":22}\n{\"ccc\":333}";
  MemoryStore store(data);
  ObjectLineReader reader(store, "k", "k", data.size(), 4);  // 4-byte ranges
  std::vector<std::pair<std::uint64_t, std::string>> expected = {
      {1, "{\"a\":1}"}, {4, "{\"bb\":22}"}, {5, "{\"ccc\":333}"}};
  CHECK(ReadAll(reader) == expected);
  CHECK(store.reads == static_cast<int>((data.size() + 3) / 4));
  CHECK(reader.offset() == data.size());
}

TEST_CASE("object line reader: seek resumes at a line without re-reading earlier bytes",
          "[ndjson]") {
  std::string data = "{\"a\":1}\n{\"b\":2}\n{\"c\":3}\n";
  MemoryStore store(data);
  ObjectLineReader first(store, "k", "k", data.size(), 1 << 20);
  Line line;
  REQUIRE(first.Next(line));
  REQUIRE(first.Next(line));
  std::uint64_t offset = first.offset();
  std::uint64_t number = first.number();
  CHECK(offset == 16);
  MemoryStore again(data);
  ObjectLineReader resumed(again, "k", "k", data.size(), 1 << 20);
  resumed.Seek(offset, number);
  std::vector<std::pair<std::uint64_t, std::string>> expected = {{3, "{\"c\":3}"}};
  CHECK(ReadAll(resumed) == expected);
  CHECK(again.reads == 1);
}

TEST_CASE("object line reader: hashes every byte it reads", "[ndjson]") {
  std::string data = "x\ny\n";
  MemoryStore store(data);
  ObjectLineReader reader(store, "k", "k", data.size(), 3);
  std::string seen;
  reader.OnBytes([&](std::string_view bytes) { seen.append(bytes); });
  ReadAll(reader);
  CHECK(seen == data);
}

TEST_CASE("manifest: size and sha256 are written for stored objects and read back", "[ndjson]") {
  std::vector<ManifestOutput> outputs = {{"Patient", "Patient.ndjson", 2, 40, "ab12"},
                                         {"Condition", "Condition.ndjson", 1, 0, ""}};
  std::string text = ManifestJson(outputs, "2024-05-01T12:00:00.000Z");
  CHECK(text.find("\"sha256\": \"ab12\"") != std::string::npos);
  std::vector<ManifestOutput> back = ParseManifestOutputs(text, "manifest.json");
  REQUIRE(back.size() == 2);
  CHECK(back[0].size == 40);
  CHECK(back[0].sha256 == "ab12");
  CHECK(back[1].count == 1);
  CHECK(back[1].sha256.empty());
  CHECK_THROWS_WITH(ParseManifestOutputs("{}", "m.json"),
                    "m.json: not a bulk-data manifest (no \"output\" array)");
}

}  // namespace ferry::ndjson
