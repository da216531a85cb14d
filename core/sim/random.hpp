#pragma once
// Deterministic randomness for the simulated world: the same seed gives the same world and the
// same evolution on every platform (no std::uniform_*_distribution, whose output varies by
// library).

#include <cstdint>
#include <span>
#include <string>

namespace metal::sim {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}
  /// The whole generator state: a saved world continues exactly where it stopped.
  std::uint64_t state() const { return state_; }

  /// SplitMix64: tiny, fast, statistically sound for simulation.
  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  /// Uniform in [lo, hi].
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi - lo) + 1;
    return lo + static_cast<std::int64_t>(next() % span);
  }
  /// Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
  bool chance(double p) { return unit() < p; }
  template <class T>
  const T& pick(std::span<const T> items) {
    return items[static_cast<std::size_t>(next() % items.size())];
  }
  /// Index chosen with the given weights.
  std::size_t weighted(std::span<const double> weights);

  std::string uuid();
  std::string hex(int digits);

 private:
  std::uint64_t state_;
};

}  // namespace metal::sim
