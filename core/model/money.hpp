#pragma once
// Money as the billing API writes it: {currency_code, units, nanos}, exact. Never a float.

#include <compare>
#include <cstdint>
#include <optional>
#include <string>

#include "fields.hpp"

namespace metal::model {

struct Money {
  std::string currency_code = "EUR";
  std::int64_t units = 0;  // whole units
  std::int32_t nanos = 0;  // billionths, same sign as units
  bool operator==(const Money&) const = default;

  /// Total in nanos (exact up to +/- 9.2 billion units).
  std::int64_t total_nanos() const { return units * 1'000'000'000 + nanos; }
  static Money from_nanos(std::int64_t nanos, std::string currency = "EUR");
  /// The API's decimal prices ("hourly_price": 0.0088) to exact money, rounded to the nano.
  static Money from_decimal(double amount, std::string currency = "EUR");
  Money operator+(const Money& other) const;
  /// "12.35 EUR" style, rounded half away from zero to `decimals` (2 by default; prices show 4).
  std::string format(int decimals = 2) const;
};

// units may come as a number or, protobuf-style, as a string: both are read.
void read(Decoder& d, JsonValue v, Money& out);
Json encode(const Money& v);

}  // namespace metal::model
