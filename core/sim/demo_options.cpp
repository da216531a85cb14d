#include "sim/demo_options.hpp"

#include <charconv>
#include <cstdlib>

namespace metal::sim {

namespace {
template <class T>
std::optional<T> parse_number(std::string_view text) {
  T value{};
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}
// std::from_chars for floating point is missing from Emscripten 3.1.6's libc++.
std::optional<double> parse_real(std::string_view text) {
  if (text.empty() || text.size() > 32) return std::nullopt;
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (end != copy.c_str() + copy.size()) return std::nullopt;
  return value;
}
}  // namespace

std::optional<std::string> apply_demo_option(DemoOptions& options, std::string_view name,
                                             std::string_view value) {
  const std::string quoted = "\"" + std::string(value.substr(0, 40)) + "\"";
  if (name == "servers") {
    auto n = parse_number<int>(value);
    if (!n || *n < 0 || *n > kMaxDemoServers)
      return "servers must be a whole number from 0 to " + std::to_string(kMaxDemoServers) +
             ", not " + quoted;
    options.servers = *n;
  } else if (name == "seed") {
    auto n = parse_number<std::uint64_t>(value);
    if (!n) return "seed must be a whole number, not " + quoted;
    options.seed = *n;
  } else if (name == "speed") {
    auto x = parse_real(value);
    if (!x || !(*x > 0) || *x > kMaxClockSpeed)
      return "speed must be a number above 0 and at most " +
             std::to_string(static_cast<int>(kMaxClockSpeed)) + ", not " + quoted;
    options.clock_speed = *x;
  } else if (name == "faults") {
    auto faults = parse_faults(value);
    if (!faults) return "faults: " + faults.error();
    options.faults = *faults;
  } else {
    return "unknown demo option \"" + std::string(name) + "\"";
  }
  return std::nullopt;
}

}  // namespace metal::sim
