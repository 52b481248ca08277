#pragma once
/// Helpers for adapter tests: a temporary directory that removes itself, whole-file read
/// and write, config built from plain strings, and draining a source.

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "core/adapter.hpp"

namespace ferry::test {

/// A fresh directory under the system temp dir, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "ferry-test-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// The directory.
  const std::filesystem::path& path() const { return path_; }
  /// `name` inside the directory, as text.
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

/// Writes `content` to `path` (binary, replacing it).
inline void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

/// The whole content of `path` (binary); "" when it cannot be read.
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

/// An adapter config holding `texts` as plain values (and `maps` as string maps).
inline AdapterConfig MakeConfig(
    const std::string& adapter, std::initializer_list<std::pair<std::string, std::string>> texts,
    std::map<std::string, std::map<std::string, std::string>> maps = {}) {
  AdapterConfig config;
  config.adapter = adapter;
  for (const auto& [key, text] : texts) config.values[key].text = text;
  for (auto& [key, entries] : maps) {
    config.values[key].type = KeyType::kStringMap;
    config.values[key].entries = std::move(entries);
  }
  return config;
}

/// Every record `source` gives from where it is, in batches of `batch_size`.
inline std::vector<RawRecord> Drain(Source& source, std::size_t batch_size = 100) {
  std::vector<RawRecord> records;
  for (RecordBatch batch = source.Next(batch_size); !batch.records.empty();
       batch = source.Next(batch_size)) {
    for (RawRecord& record : batch.records) records.push_back(std::move(record));
  }
  return records;
}

/// Every record `source` gives after `cursor`, in batches of `batch_size`.
inline std::vector<RawRecord> ReadAll(Source& source, std::size_t batch_size = 100,
                                      const std::string& cursor = "") {
  source.Seek(cursor);
  return Drain(source, batch_size);
}

}  // namespace ferry::test
