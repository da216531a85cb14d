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
  // Version 4 layout: xxxxxxxx-xxxx-4xxx-[89ab]xxx-xxxxxxxxxxxx, from the same draws as hex(32)
  // (a seed gives the ids it always gave), written in place: a world of 100,000 servers makes
  // ~500,000 of these, and building them from substrings cost 0.3 s as WebAssembly.
  static constexpr char kHex[] = "0123456789abcdef";
  char digits[32];
  std::uint64_t bits = next();
  for (int i = 0; i < 32; ++i) {
    if (i % 16 == 15) bits = next();
    digits[i] = kHex[bits & 15];
    bits >>= 4;
  }
  digits[12] = '4';
  digits[16] = "89ab"[next() & 3];
  char text[36];
  int from = 0;
  for (int to = 0; to < 36; ++to)
    text[to] = to == 8 || to == 13 || to == 18 || to == 23 ? '-' : digits[from++];
  return std::string(text, sizeof text);
}

}  // namespace metal::sim
