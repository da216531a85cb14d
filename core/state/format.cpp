#include "state/format.hpp"

#include <cstdio>

namespace metal::state {

std::string format_bytes(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KB", "MB", "GB", "TB", "PB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1000.0 && unit < 5) {
    value /= 1000.0;
    ++unit;
  }
  char buf[32];
  if (unit == 0 || value >= 100 || value == static_cast<double>(static_cast<std::uint64_t>(value)))
    std::snprintf(buf, sizeof buf, "%.0f %s", value, kUnits[unit]);
  else
    std::snprintf(buf, sizeof buf, "%.1f %s", value, kUnits[unit]);
  return buf;
}

std::string format_count(std::size_t count) {
  std::string digits = std::to_string(count);
  for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3)
    digits.insert(static_cast<std::size_t>(at), ",");
  return digits;
}

std::string format_date_time(model::Timestamp t) {
  const std::string iso = model::format_timestamp(t);  // 2026-07-30T12:55:53.250458+00:00
  return iso.substr(0, 10) + " " + iso.substr(11, 5) + " UTC";
}

}  // namespace metal::state
