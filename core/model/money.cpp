#include "money.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace metal::model {

namespace {
// Amounts are held as int64 nanos: about +/- 9.2 billion units. Beyond that is refused, not
// wrapped.
constexpr std::int64_t kMaxUnits = 9'000'000'000;
}  // namespace

Money Money::from_nanos(std::int64_t nanos, std::string currency) {
  Money m;
  m.currency_code = std::move(currency);
  m.units = nanos / 1'000'000'000;
  m.nanos = static_cast<std::int32_t>(nanos % 1'000'000'000);
  return m;
}

Money Money::from_decimal(double amount, std::string currency) {
  return from_nanos(static_cast<std::int64_t>(std::llround(amount * 1e9)), std::move(currency));
}

Money Money::operator+(const Money& other) const {
  return from_nanos(total_nanos() + other.total_nanos(), currency_code);
}

std::string Money::format(int decimals) const {
  decimals = decimals < 0 ? 0 : (decimals > 9 ? 9 : decimals);
  std::int64_t scale = 1;
  for (int i = decimals; i < 9; ++i)
    scale *= 10;
  const std::int64_t total = total_nanos();
  const std::int64_t magnitude = total < 0 ? -total : total;
  const std::int64_t rounded = (magnitude + scale / 2) / scale;  // half away from zero
  std::int64_t unit_scale = 1;
  for (int i = 0; i < decimals; ++i)
    unit_scale *= 10;
  char buf[64];
  if (decimals == 0)
    std::snprintf(buf, sizeof buf, "%s%lld %s", total < 0 ? "-" : "",
                  static_cast<long long>(rounded), currency_code.c_str());
  else
    std::snprintf(buf, sizeof buf, "%s%lld.%0*lld %s", total < 0 ? "-" : "",
                  static_cast<long long>(rounded / unit_scale), decimals,
                  static_cast<long long>(rounded % unit_scale), currency_code.c_str());
  return buf;
}

namespace {
struct WireMoney {
  std::string currency_code;
  Json units;  // a number, or a string of digits
  std::int64_t nanos = 0;
};
bool decode_field(Decoder& d, std::string_view key, JsonValue v, WireMoney& out) {
  return take(d, key, "currency_code", v, out.currency_code) ||
         take(d, key, "units", v, out.units) || take(d, key, "nanos", v, out.nanos);
}
}  // namespace

void read(Decoder& d, JsonValue v, Money& out) {
  WireMoney wire;
  read(d, v, wire);
  if (d.failed()) return;
  out.currency_code = wire.currency_code;
  if (wire.units.is_number_integer()) {
    out.units = wire.units.get<std::int64_t>();
  } else if (wire.units.is_string()) {
    const auto& text = wire.units.get_ref<const std::string&>();
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out.units);
    if (ec != std::errc() || end != text.data() + text.size()) {
      auto scope = d.enter("units");
      return d.fail("expected whole units, got \"" + text.substr(0, 20) + "\"");
    }
  } else if (!wire.units.is_null()) {
    auto scope = d.enter("units");
    return d.fail("expected whole units");
  }
  if (out.units > kMaxUnits || out.units < -kMaxUnits) {
    auto scope = d.enter("units");
    return d.fail("amount out of range");
  }
  if (wire.nanos <= -1'000'000'000 || wire.nanos >= 1'000'000'000) {
    auto scope = d.enter("nanos");
    return d.fail("nanos must be within one unit");
  }
  out.nanos = static_cast<std::int32_t>(wire.nanos);
}

Json encode(const Money& v) {
  return Json{{"currency_code", v.currency_code}, {"units", v.units}, {"nanos", v.nanos}};
}

}  // namespace metal::model
