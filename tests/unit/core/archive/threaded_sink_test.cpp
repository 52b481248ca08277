#include "core/archive/threaded_sink.hpp"

#include <catch2/catch.hpp>
#include <stdexcept>

#include "tests/unit/core/archive/archive_test_support.hpp"

namespace ferry::archive {
namespace {

using test::Pattern;

/// A sink that fails once it has taken more than `limit` bytes.
class FailingSink : public ByteSink {
 public:
  explicit FailingSink(std::size_t limit) : limit_(limit) {}
  void Write(ByteSpan bytes) override {
    taken_ += bytes.size();
    if (taken_ > limit_) throw std::runtime_error("disk full");
  }

 private:
  std::size_t limit_;
  std::size_t taken_ = 0;
};

TEST_CASE("threaded sink: bytes arrive in order, whatever the write sizes", "[archive][threaded]") {
  Bytes data = Pattern(3'000'000);
  MemorySink out;
  ThreadedSink threaded(out, 4096, 3);
  for (std::size_t at = 0, step = 1; at < data.size(); at += step, step = step % 10000 * 3 + 1) {
    threaded.Write(ByteSpan(data).subspan(at, std::min(step, data.size() - at)));
  }
  threaded.Finish();
  CHECK(out.bytes() == data);
}

TEST_CASE("threaded sink: an error of the background thread reaches the writer",
          "[archive][threaded]") {
  FailingSink out(10000);
  ThreadedSink threaded(out, 1000, 2);
  auto write_all = [&] {
    for (int block = 0; block < 1000; ++block) threaded.Write(Pattern(1000));
    threaded.Finish();
  };
  CHECK_THROWS_WITH(write_all(), "disk full");
}

TEST_CASE("threaded sink: destroyed without Finish, it stops without waiting for the queue",
          "[archive][threaded]") {
  MemorySink out;
  {
    ThreadedSink threaded(out, 100, 2);
    threaded.Write(Pattern(250));
  }
  CHECK(out.bytes().size() <= 250);
}

}  // namespace
}  // namespace ferry::archive
