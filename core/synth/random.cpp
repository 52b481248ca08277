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

/// The high and low 64 bits of a * b (portable: no __int128).
void Multiply(std::uint64_t a, std::uint64_t b, std::uint64_t& high, std::uint64_t& low) {
  constexpr std::uint64_t kLow32 = 0xFFFFFFFFULL;
  const std::uint64_t p0 = (a & kLow32) * (b & kLow32);
  const std::uint64_t p1 = (a & kLow32) * (b >> 32);
  const std::uint64_t p2 = (a >> 32) * (b & kLow32);
  const std::uint64_t p3 = (a >> 32) * (b >> 32);
  const std::uint64_t middle = (p0 >> 32) + (p1 & kLow32) + (p2 & kLow32);
  low = (middle << 32) | (p0 & kLow32);
  high = p3 + (p1 >> 32) + (p2 >> 32) + (middle >> 32);
}

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
    std::uint64_t high = 0;
    std::uint64_t low = 0;
    Multiply(Next(), range, high, low);
    if (low >= threshold) return static_cast<std::size_t>(high);
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
