#include "sim/random.hpp"

namespace metal::sim {

std::size_t Random::weighted(std::span<const double> weights) {
  double total = 0;
  for (double w : weights)
    total += w;
  double x = unit() * total;
  for (std::size_t i = 0; i < weights.size(); ++i) {
    if (x < weights[i]) return i;
    x -= weights[i];
  }
  return weights.size() - 1;
}

std::string Random::hex(int digits) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(static_cast<std::size_t>(digits));
  std::uint64_t bits = next();
  for (int i = 0; i < digits; ++i) {
    if (i % 16 == 15) bits = next();
    out += kHex[bits & 15];
    bits >>= 4;
  }
  return out;
}

std::string Random::uuid() {
  // Version 4 layout: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx
  std::string h = hex(32);
  h[12] = '4';
  h[16] = "89ab"[next() & 3];
  return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4) +
         '-' + h.substr(20, 12);
}

}  // namespace metal::sim
