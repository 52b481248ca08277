#pragma once
/// The synthetic population's random numbers: xoshiro256** seeded through splitmix64,
/// with integer helpers of our own, so that the same seed gives the same numbers with
/// every compiler and standard library (std::uniform_*_distribution does not).
///
///     Random random = Random::ForStream(seed, patient_index, kStreamPatient);
///     int age = random.UniformInt(0, 95);
///     if (random.Chance(150)) { ... }          // 15.0% of the time

#include <cstddef>
#include <cstdint>
#include <span>

namespace ferry::synth {

class Random {
 public:
  /// A generator whose whole state comes from splitmix64 of `seed`.
  explicit Random(std::uint64_t seed);
  /// An independent generator for item `index` of stream `stream` under `seed`: patient i
  /// draws from its own stream, so it does not depend on how many patients come before.
  static Random ForStream(std::uint64_t seed, std::uint64_t index, std::uint64_t stream);

  /// The next 64 random bits.
  std::uint64_t Next();
  /// A uniform integer in [lo, hi] (inclusive); `lo` when hi <= lo.
  std::int64_t UniformInt(std::int64_t lo, std::int64_t hi);
  /// True with probability `per_mille`/1000.
  bool Chance(int per_mille);
  /// A uniform index in [0, size); 0 when size is 0.
  std::size_t Index(std::size_t size);
  /// A uniformly chosen element of a non-empty `items`.
  template <typename T>
  const T& Pick(std::span<const T> items) {
    return items[Index(items.size())];
  }
  /// A roughly bell-shaped integer around `mean` within +-`spread` (sum of three uniforms).
  std::int64_t Around(std::int64_t mean, std::int64_t spread);

 private:
  std::uint64_t state_[4];
};

}  // namespace ferry::synth
