#include "core/common/clock.hpp"

#include <catch2/catch.hpp>

#include <cstdlib>

namespace ferry {

TEST_CASE("NowInstant is a UTC instant with milliseconds, or FERRY_FIXED_TIME", "[clock]") {
  ::unsetenv("FERRY_FIXED_TIME");
  std::string time = NowInstant();
  REQUIRE(time.size() == 24);
  CHECK(time[10] == 'T');
  CHECK(time[19] == '.');
  CHECK(time[23] == 'Z');
  ::setenv("FERRY_FIXED_TIME", "2026-01-01T00:00:00.000Z", 1);
  CHECK(NowInstant() == "2026-01-01T00:00:00.000Z");
  ::unsetenv("FERRY_FIXED_TIME");
}

}  // namespace ferry
