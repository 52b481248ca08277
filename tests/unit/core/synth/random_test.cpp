#include "core/synth/random.hpp"

#include <catch2/catch.hpp>
#include <vector>

namespace ferry::synth {

TEST_CASE("Random gives the same numbers for the same seed, everywhere", "[synth]") {
  Random random(42);
  // Fixed values: a change here changes every synthetic population ever generated.
  CHECK(random.Next() == 0x15780b2e0c2ec716ULL);
  CHECK(random.UniformInt(0, 99) == 37);
  Random again(42);
  again.Next();
  CHECK(again.UniformInt(0, 99) == 37);
}

TEST_CASE("Random streams for different indexes differ and do not depend on order", "[synth]") {
  Random first = Random::ForStream(7, 0, 2);
  Random second = Random::ForStream(7, 1, 2);
  Random other_stream = Random::ForStream(7, 0, 3);
  const std::uint64_t a = first.Next();
  CHECK(a != second.Next());
  CHECK(a != other_stream.Next());
  CHECK(Random::ForStream(7, 0, 2).Next() == a);
}

TEST_CASE("Random integers stay in range and reach both ends", "[synth]") {
  Random random(1);
  bool saw_low = false;
  bool saw_high = false;
  for (int draw = 0; draw < 2000; ++draw) {
    const std::int64_t value = random.UniformInt(-3, 3);
    REQUIRE(value >= -3);
    REQUIRE(value <= 3);
    saw_low = saw_low || value == -3;
    saw_high = saw_high || value == 3;
  }
  CHECK(saw_low);
  CHECK(saw_high);
  CHECK(random.UniformInt(5, 5) == 5);
  CHECK(random.UniformInt(5, 4) == 5);
  CHECK(random.Index(0) == 0);
}

TEST_CASE("Random chances are roughly what they say", "[synth]") {
  Random random(9);
  int hits = 0;
  for (int draw = 0; draw < 10000; ++draw) hits += random.Chance(250) ? 1 : 0;
  CHECK(hits > 2300);
  CHECK(hits < 2700);
  CHECK_FALSE(Random(3).Chance(0));
  CHECK(Random(3).Chance(1000));
}

}  // namespace ferry::synth
