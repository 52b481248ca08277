#include "core/archive/zstd_stream.hpp"

#include <catch2/catch.hpp>

#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::ErrorOf;
using test::Pattern;

Bytes Compress(ByteSpan data, const ZstdOptions& options = {}) {
  MemorySink sink;
  ZstdCompressor zstd(sink, options);
  for (std::size_t at = 0; at < data.size(); at += 10000) {
    zstd.Write(data.subspan(at, std::min<std::size_t>(10000, data.size() - at)));
  }
  zstd.Finish();
  return sink.bytes();
}

Bytes Decompress(ByteSpan compressed, std::size_t read_size = 777) {
  MemorySource source(compressed, 1000);
  ZstdDecompressor zstd(source);
  Bytes data;
  Bytes buffer(read_size);
  while (std::size_t got = zstd.Read(buffer))
    data.insert(data.end(), buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(got));
  return data;
}

TEST_CASE("zstd: data round-trips, on this thread or a worker", "[archive][zstd]") {
  for (std::size_t size : {0ul, 1ul, 5000ul, 3000000ul}) {
    Bytes data = Pattern(size);
    for (int workers : {0, 1}) {
      INFO("size " << size << ", workers " << workers);
      Bytes compressed = Compress(data, ZstdOptions{3, workers});
      CHECK(compressed.size() >= 4);
      CHECK(compressed[0] == 0x28);  // the zstd frame magic 0xFD2FB528, little-endian
      CHECK(Decompress(compressed) == data);
    }
  }
  CHECK(Compress(Pattern(3000000)).size() < 300000);  // it does compress
}

TEST_CASE("zstd: concatenated frames read as one stream", "[archive][zstd]") {
  Bytes first = Compress(AsBytes("first,"));
  Bytes second = Compress(AsBytes("second"));
  first.insert(first.end(), second.begin(), second.end());
  CHECK(AsText(Decompress(first)) == "first,second");
}

TEST_CASE("zstd: a damaged or cut stream is an error", "[archive][zstd]") {
  Bytes compressed = Compress(Pattern(100000));
  CHECK(ErrorOf([&] { Decompress(Bytes(compressed.begin(), compressed.end() - 5)); }) ==
        "archive is corrupted: the zstd stream ends inside a frame");
  CHECK(ErrorOf([&] { Decompress(AsBytes("not zstd at all")); }) ==
        "archive is corrupted: the zstd stream is invalid (Unknown frame descriptor)");
  CHECK(ErrorOf([&] { Decompress({}); }) == "archive is corrupted: the zstd stream is empty");
}

}  // namespace
}  // namespace ferry::archive
