#include "state/format.hpp"

#include <cstdio>
#include <cstdlib>

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

std::string format_memory(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) {
    value /= 1024.0;
    ++unit;
  }
  char buf[32];
  std::snprintf(
      buf, sizeof buf,
      value == static_cast<double>(static_cast<std::uint64_t>(value)) ? "%.0f %s" : "%.1f %s",
      value, kUnits[unit]);
  return buf;
}

std::string format_rate(double bytes_per_second) {
  if (!(bytes_per_second >= 0)) return "-";
  static constexpr const char* kUnits[] = {"B/s", "kB/s", "MB/s", "GB/s", "TB/s"};
  int unit = 0;
  while (bytes_per_second >= 1000.0 && unit < 4) {
    bytes_per_second /= 1000.0;
    ++unit;
  }
  char buf[32];
  std::snprintf(buf, sizeof buf, bytes_per_second >= 100 || unit == 0 ? "%.0f %s" : "%.1f %s",
                bytes_per_second, kUnits[unit]);
  return buf;
}

std::string format_chart_time(double seconds, double span_seconds, bool with_seconds) {
  const auto micros = static_cast<std::int64_t>(seconds * 1e6);
  const std::string iso = model::format_timestamp(model::Timestamp{micros});  // 2026-07-30T12:55:53
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const int month = std::atoi(iso.substr(5, 2).c_str());
  const std::string day = std::string(kMonths[(month + 11) % 12]) + " " +
                          std::to_string(std::atoi(iso.substr(8, 2).c_str()));
  const std::string clock = iso.substr(11, with_seconds ? 8 : 5);
  if (with_seconds) return day + " " + clock;
  return span_seconds > 2 * 86400.0 ? day : clock;
}

std::string format_number(double value) {
  char buf[48];
  const double magnitude = value < 0 ? -value : value;
  if (magnitude >= 1000)
    return (value < 0 ? "-" : "") + format_count(static_cast<std::size_t>(magnitude + 0.5));
  std::snprintf(buf, sizeof buf,
                magnitude >= 100  ? "%.0f"
                : magnitude >= 10 ? "%.1f"
                                  : "%.2f",
                value);
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

void lower_in_place(std::string& text) {
  for (char& c : text)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  lower_in_place(out);
  return out;
}

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

bool contains_words(std::string_view text, std::string_view typed) {
  const std::string lowered = to_lower(text);
  const std::string needle = to_lower(typed);
  std::size_t start = 0;
  while (start < needle.size()) {
    const std::size_t end = needle.find(' ', start);
    const std::string_view word =
        std::string_view(needle).substr(start, end == std::string::npos ? end : end - start);
    if (!word.empty() && lowered.find(word) == std::string::npos) return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

}  // namespace metal::state
