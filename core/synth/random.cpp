#include "core/synth/random.hpp"

namespace ferry::synth {

namespace {

std::uint64_t SplitMix64(std::uint64_t& state) {
  std::uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::uint64_t Rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

}  // namespace

Random::Random(std::uint64_t seed) {
  std::uint64_t mix = seed;
  for (auto& word : state_) word = SplitMix64(mix);
}

Random Random::ForStream(std::uint64_t seed, std::uint64_t index, std::uint64_t stream) {
  std::uint64_t mix = seed;
  std::uint64_t a = SplitMix64(mix);
  mix = a ^ (index * 0xD1B54A32D192ED03ULL);
  std::uint64_t b = SplitMix64(mix);
  mix = b ^ (stream * 0xAEF17502108EF2D9ULL);
  return Random(SplitMix64(mix));
}

std::uint64_t Random::Next() {
  const std::uint64_t result = Rotl(state_[1] * 5, 7) * 9;
  const std::uint64_t t = state_[1] << 17;
  state_[2] ^= state_[0];
  state_[3] ^= state_[1];
  state_[1] ^= state_[2];
  state_[0] ^= state_[3];
  state_[2] ^= t;
  state_[3] = Rotl(state_[3], 45);
  return result;
}

std::size_t Random::Index(std::size_t size) {
  if (size == 0) return 0;
  // Lemire's multiply-shift with rejection: exact, and the same everywhere.
  const std::uint64_t range = size;
  const std::uint64_t threshold = (0 - range) % range;
  for (;;) {
    const unsigned __int128 product = static_cast<unsigned __int128>(Next()) * range;
    if (static_cast<std::uint64_t>(product) >= threshold) {
      return static_cast<std::size_t>(product >> 64);
    }
  }
}

std::int64_t Random::UniformInt(std::int64_t lo, std::int64_t hi) {
  if (hi <= lo) return lo;
  const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
  return lo + static_cast<std::int64_t>(Index(static_cast<std::size_t>(span)));
}

bool Random::Chance(int per_mille) { return UniformInt(0, 999) < per_mille; }

std::int64_t Random::Around(std::int64_t mean, std::int64_t spread) {
  if (spread <= 0) return mean;
  std::int64_t sum = 0;
  for (int draw = 0; draw < 3; ++draw) sum += UniformInt(-spread, spread);
  return mean + sum / 3;
}

}  // namespace ferry::synth
