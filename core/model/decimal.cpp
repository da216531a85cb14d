#include "model/decimal.hpp"

#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <cstring>

namespace metal::model {
namespace {

constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr std::uint64_t kExactMantissa = std::uint64_t{1} << 53;

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::optional<double> fast_path(std::string_view text) {
  std::size_t i = 0;
  const bool negative = i < text.size() && text[i] == '-';
  if (negative || (i < text.size() && text[i] == '+')) ++i;
  std::uint64_t mantissa = 0;
  int exponent = 0;
  int digits = 0;  // significant digits taken into the mantissa
  bool any = false, after_point = false;
  for (; i < text.size(); ++i) {
    if (text[i] == '.' && !after_point) {
      after_point = true;
      continue;
    }
    if (!is_digit(text[i])) break;
    any = true;
    if (after_point) --exponent;
    if (mantissa == 0 && text[i] == '0') continue;
    if (++digits > 19) return std::nullopt;
    mantissa = mantissa * 10 + static_cast<std::uint64_t>(text[i] - '0');
  }
  if (!any) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    const bool negative_exponent = i < text.size() && text[i] == '-';
    if (negative_exponent || (i < text.size() && text[i] == '+')) ++i;
    int written = 0;
    bool exponent_digits = false;
    for (; i < text.size() && is_digit(text[i]); ++i, exponent_digits = true)
      if ((written = written * 10 + (text[i] - '0')) > 1000) return std::nullopt;
    if (!exponent_digits) return std::nullopt;
    exponent += negative_exponent ? -written : written;
  }
  if (i != text.size() || mantissa > kExactMantissa || exponent < -22 || exponent > 22)
    return std::nullopt;
  double value = static_cast<double>(mantissa);
  value = exponent < 0 ? value / kExactPowersOfTen[-exponent] : value * kExactPowersOfTen[exponent];
  return negative ? -value : value;
}

}  // namespace

std::optional<double> parse_decimal(std::string_view text) {
  if (auto value = fast_path(text)) return value;
  char copy[72];  // strtod wants a terminated string; no number worth reading is longer
  // strtod would skip leading white space; the whole text is the number or it is not one.
  if (text.empty() || text.size() >= sizeof copy ||
      std::isspace(static_cast<unsigned char>(text[0])))
    return std::nullopt;
  std::memcpy(copy, text.data(), text.size());
  copy[text.size()] = '\0';
  char* end = nullptr;
  const double value = std::strtod(copy, &end);
  if (end != copy + text.size()) return std::nullopt;
  return value;
}

}  // namespace metal::model
