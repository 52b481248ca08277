// libFuzzer target for the HL7 v2 reader and parser (clang only; see CMakeLists.txt):
//   hl7v2_fuzz -max_total_time=300 corpus/ tests/fuzz/hl7v2_corpus/
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/hl7v2_fuzz_one.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ferry::hl7v2::FuzzOne(std::string_view(reinterpret_cast<const char*>(data), size));
  return 0;
}
