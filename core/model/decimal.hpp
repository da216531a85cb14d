#pragma once
// Decimal text to double, as strtod reads it (correctly rounded), without strtod's cost in the
// common case: under WebAssembly the C library's strtod works in software long double, ~2 us a
// number, and a month of metrics is thousands of them.

#include <optional>
#include <string_view>

namespace metal::model {

/// The number that is the whole of `text`, or nullopt. Plain decimals ("1795313450.926", "-0.25",
/// "12e3") of up to 2^53 in their digits and a power of ten within 1e22 are computed exactly in
/// double arithmetic (Clinger's fast path: one exact operand, one rounding); the rest, and every
/// spelling strtod alone knows, go to strtod.
std::optional<double> parse_decimal(std::string_view text);

}  // namespace metal::model
