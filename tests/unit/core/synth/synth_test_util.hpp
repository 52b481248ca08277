#pragma once
// Helpers shared by the synth tests: a scratch directory, whole-file reads, and a splitter
// for Synthea's CSV (which never quotes: commas in text are written as spaces).

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/common/strings.hpp"
#include "core/synth/synth.hpp"

namespace ferry::synth_test {

/// A directory under the system temp dir, removed when the object goes.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(std::filesystem::temp_directory_path() /
              ("ferry_synth_test_" + std::to_string(::getpid()) + "_" + name)) {
    std::filesystem::remove_all(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines = Split(text, '\n');
  if (!lines.empty() && lines.back().empty()) lines.pop_back();
  return lines;
}

/// Rows of a CSV file as column name -> value maps, header excluded.
struct CsvFile {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string Get(std::size_t row_idx, const std::string& column) const {
    for (std::size_t column_idx = 0; column_idx < header.size(); ++column_idx) {
      if (header[column_idx] == column) return rows[row_idx][column_idx];
    }
    return "<no column " + column + ">";
  }
};

inline CsvFile ReadCsv(const std::string& path) {
  CsvFile csv;
  std::vector<std::string> lines = Lines(ReadFile(path));
  if (lines.empty()) return csv;
  csv.header = Split(lines[0], ',');
  for (std::size_t line_idx = 1; line_idx < lines.size(); ++line_idx)
    csv.rows.push_back(Split(lines[line_idx], ','));
  return csv;
}

inline SynthResult Generate(const std::string& dir, std::uint64_t patients, std::uint64_t seed) {
  SynthOptions options;
  options.patients = patients;
  options.seed = seed;
  options.out_dir = dir;
  return WriteSynthPopulation(options);
}

}  // namespace ferry::synth_test
