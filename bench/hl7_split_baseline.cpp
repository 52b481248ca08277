// The baseline of bench/hl7: read HL7 v2 files and split them into segment lines (CR, LF
// or CRLF), counting messages (lines that start with MSH) — what any tool must do at
// least, with no parsing, mapping or writing. Prints "<messages> <segments> <seconds>".
//
//     ferry_bench_hl7_split messages.hl7 ...

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  const auto start = std::chrono::steady_clock::now();
  unsigned long long messages = 0;
  unsigned long long segments = 0;
  std::vector<char> buffer(1 << 20);
  std::string line;
  for (int arg_idx = 1; arg_idx < argc; ++arg_idx) {
    std::ifstream in(argv[arg_idx], std::ios::binary);
    if (!in) {
      std::fprintf(stderr, "cannot open %s\n", argv[arg_idx]);
      return 1;
    }
    auto end_line = [&] {
      if (line.empty()) return;
      ++segments;
      if (line.compare(0, 3, "MSH") == 0) ++messages;
      line.clear();
    };
    while (in.read(buffer.data(), static_cast<std::streamsize>(buffer.size())) || in.gcount() > 0) {
      const auto count = static_cast<std::size_t>(in.gcount());
      for (std::size_t pos = 0; pos < count; ++pos) {
        const char c = buffer[pos];
        if (c == '\r' || c == '\n') {
          end_line();
        } else {
          line.push_back(c);
        }
      }
    }
    end_line();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%llu %llu %.6f\n", messages, segments, seconds);
  return 0;
}
