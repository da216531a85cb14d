#include <doctest/doctest.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>

#include "model/decimal.hpp"

using metal::model::parse_decimal;

namespace {
// The reference: the C library's correctly rounded strtod, bit for bit.
bool same_as_strtod(const std::string& text) {
  const auto ours = parse_decimal(text);
  char* end = nullptr;
  const double theirs = std::strtod(text.c_str(), &end);
  if (!ours) return false;
  return std::memcmp(&*ours, &theirs, sizeof theirs) == 0;
}
}  // namespace

TEST_CASE("decimals read exactly as strtod reads them, fast path or not") {
  std::mt19937_64 random(5);
  std::uniform_real_distribution<double> unit(0, 1);
  char text[64];
  for (int i = 0; i < 20000; ++i) {
    // What APIs send: times to the millisecond, Prometheus's shortest values, prices, big counters.
    const double time = 1.7e9 + std::floor(unit(random) * 1e11) / 1000;
    const double rate = unit(random) * std::pow(10.0, static_cast<int>(unit(random) * 12) - 6);
    const double price = std::floor(unit(random) * 1e6) / 1e4;
    for (const char* format : {"%.3f", "%.17g", "%.15g", "%.6e", "%.0f"}) {
      for (double value : {time, rate, -rate, price, rate * 1e15}) {
        std::snprintf(text, sizeof text, format, value);
        CHECK_MESSAGE(same_as_strtod(text), std::string(text));
      }
    }
  }
  for (const char* edge :
       {"0", "-0", "+5", "9007199254740992", "9007199254740993", "1e22", "1e23", "1e-22", "1e-23",
        "123456789012345678901234567890", "0.000000000000000000000000001", "4.9e-324",
        "1.7976931348623157e308", "00012.5000", "2.2250738585072014e-308", "5e-1", "1E+2"})
    CHECK_MESSAGE(same_as_strtod(edge), std::string(edge));
  CHECK(std::signbit(*parse_decimal("-0")));
  CHECK(*parse_decimal("1700000000.125") == 1700000000.125);
}

TEST_CASE("what is not a number is refused, whole text or nothing") {
  for (const char* broken :
       {"", "-", "+", ".", "e5", "1e", "1e+", "12abc", "1.5.3", "1 ", " 1", "--1"})
    CHECK_MESSAGE(!parse_decimal(broken), std::string(broken));
  // strtod's other spellings still read (Prometheus values are Go's ParseFloat's).
  CHECK(*parse_decimal("0x10") == 16);
  CHECK(std::isinf(*parse_decimal("1e400")));
}
