// Baseline for bench/run: the practical limit of JSON work per resource. Reads NDJSON
// files, parses every line into a RapidJSON document and serializes it again, and
// prints "<lines> <seconds>". Single-threaded, as a user's script would be.
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>

int main(int argc, char** argv) {
  auto start = std::chrono::steady_clock::now();
  unsigned long long lines = 0;
  unsigned long long bytes_out = 0;
  std::string line;
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    std::ifstream in(argv[arg_idx]);
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      rapidjson::Document doc;
      doc.Parse(line.data(), line.size());
      if (doc.HasParseError()) return 1;
      rapidjson::StringBuffer buffer;
      rapidjson::Writer<rapidjson::StringBuffer> writer(buffer);
      doc.Accept(writer);
      bytes_out += buffer.GetSize();
      ++lines;
    }
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu %.6f %llu\n", lines, seconds, bytes_out);
  return 0;
}
