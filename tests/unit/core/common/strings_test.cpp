#include "core/common/strings.hpp"

#include <catch2/catch.hpp>

#include "core/common/hash.hpp"

namespace ferry {

TEST_CASE("DidYouMean suggests the closest key within a typo's distance", "[strings]") {
  std::vector<std::string> keys = {"batch_size", "concurrency", "queue_batches"};
  CHECK(DidYouMean("bacth_size", keys) == "; did you mean 'batch_size'?");
  CHECK(DidYouMean("zzz", keys).empty());
}

TEST_CASE("Split keeps empty parts", "[strings]") {
  CHECK(Split("a,,b", ',') == std::vector<std::string>{"a", "", "b"});
}

TEST_CASE("Uuid5 matches RFC 4122 name-based ids", "[hash]") {
  // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
  CHECK(Uuid5("6ba7b810-9dad-11d1-80b4-00c04fd430c8", "python.org") == "886313e1-3b8a-5372-9b90-0c9aee199e5d");
}

TEST_CASE("DigestSum does not depend on order", "[hash]") {
  DigestSum a, b;
  a.Add(Sha256Of("x")); a.Add(Sha256Of("y"));
  b.Add(Sha256Of("y")); b.Add(Sha256Of("x"));
  CHECK(a == b);
  DigestSum c;
  c.Add(Sha256Of("x"));
  CHECK_FALSE(a == c);
}

}  // namespace ferry
