// KeyDigestMap: the committer's map of digests not yet durable.

#include "core/pipeline/key_digest_map.hpp"

#include <catch2/catch.hpp>
#include <cstdint>

namespace ferry {

TEST_CASE("KeyDigestMap finds what was set, the last value winning", "[key_digest_map]") {
  KeyDigestMap map;
  CHECK(map.Find(7) == nullptr);
  map.Set(7, 70);
  map.Set(0, 5);          // key 0 is kept aside from the empty-slot marker
  map.Set(7 + 1024, 71);  // same start slot as 7
  map.Set(7, 72);
  REQUIRE(map.Find(7) != nullptr);
  CHECK(*map.Find(7) == 72);
  CHECK(*map.Find(7 + 1024) == 71);
  CHECK(*map.Find(0) == 5);
  CHECK(map.Find(8) == nullptr);
}

TEST_CASE("KeyDigestMap grows, and forgets everything on Clear", "[key_digest_map]") {
  KeyDigestMap map;
  for (std::uint64_t key = 1; key <= 100000; ++key) map.Set(key * 0x9E3779B97F4A7C15ULL, key);
  bool all_found = true;
  for (std::uint64_t key = 1; key <= 100000; ++key) {
    const std::uint64_t* digest = map.Find(key * 0x9E3779B97F4A7C15ULL);
    all_found = all_found && digest != nullptr && *digest == key;
  }
  CHECK(all_found);
  map.Clear();
  CHECK(map.Find(0x9E3779B97F4A7C15ULL) == nullptr);
  map.Set(3, 4);
  CHECK(*map.Find(3) == 4);
}

}  // namespace ferry
