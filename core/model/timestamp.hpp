#pragma once
// Points in time as the API writes them (RFC 3339, "2026-07-30T12:55:53.250458+00:00"),
// held as microseconds since the Unix epoch, UTC.

#include <compare>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "json_codec.hpp"

namespace metal::model {

struct Timestamp {
  std::int64_t micros = 0;  // since 1970-01-01T00:00:00Z

  double seconds() const { return static_cast<double>(micros) / 1e6; }
  auto operator<=>(const Timestamp&) const = default;
};

/// Accepts "YYYY-MM-DDTHH:MM:SS[.frac](Z|+HH:MM|-HH:MM)"; nullopt for anything else.
std::optional<Timestamp> parse_timestamp(std::string_view text);
/// Always "YYYY-MM-DDTHH:MM:SS.ffffff+00:00", the API's own form.
std::string format_timestamp(Timestamp t);
void append_timestamp(std::string& out, Timestamp t);
/// More than format_timestamp() ever writes (35 chars: a signed six-digit year at the ends of
/// the int64 range).
inline constexpr std::size_t kMaxTimestampChars = 48;
/// The same text written at `out`, which has room for kMaxTimestampChars + 1 (a nul may be
/// written after the text); returns the text's length.
std::size_t write_timestamp(char* out, Timestamp t);
/// "3 min", "5 h", "12 d": how long ago, for tables.
std::string format_age(Timestamp then, Timestamp now);

void read(Decoder& d, JsonValue v, Timestamp& out);
inline Json to_json(Timestamp t) {
  return format_timestamp(t);
}

}  // namespace metal::model
