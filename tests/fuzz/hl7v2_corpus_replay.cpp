// Runs every file of the HL7 v2 fuzz corpus (the directory given as argument) through
// the reader and parser, as a regression test that builds with any compiler.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

#include "tests/fuzz/hl7v2_fuzz_one.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: hl7v2_corpus_replay <corpus directory>\n";
    return 2;
  }
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(argv[1])) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  for (const auto& file : files) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    ferry::hl7v2::FuzzOne(bytes.str());
  }
  std::cout << "replayed " << files.size() << " inputs\n";
  return files.empty() ? 1 : 0;
}
