#include "sim/faults.hpp"

#include <cstdio>
#include <cstdlib>
#include <optional>

namespace metal::sim {

std::string Faults::to_spec() const {
  char buf[200];
  std::snprintf(buf, sizeof buf,
                "error_rate=%g,rate_limit=%g,latency_ms=%d,stuck=%g,failed_nodes=%d", error_rate,
                rate_limit_rate, latency_ms, stuck_rate, failed_nodes);
  return buf;
}

Expected<Faults, std::string> parse_faults(std::string_view spec) {
  Faults faults;
  if (spec.empty() || spec == "none") return faults;
  while (!spec.empty()) {
    const auto comma = spec.find(',');
    const std::string_view part = spec.substr(0, comma);
    spec = comma == std::string_view::npos ? std::string_view() : spec.substr(comma + 1);
    const auto eq = part.find('=');
    if (eq == std::string_view::npos)
      return Unexpected{"fault \"" + std::string(part.substr(0, 40)) + "\": expected key=value"};
    const std::string_view key = part.substr(0, eq);
    const std::string value(part.substr(eq + 1));
    char* end = nullptr;
    const double number = std::strtod(value.c_str(), &end);
    if (value.empty() || *end != '\0' || !(number >= 0))
      return Unexpected{"fault " + std::string(key) + ": \"" + value.substr(0, 20) +
                        "\" is not a number of 0 or more"};
    auto share = [&](double& out) -> std::optional<std::string> {
      if (number > 1) return "fault " + std::string(key) + ": a share from 0 to 1, not " + value;
      out = number;
      return std::nullopt;
    };
    std::optional<std::string> problem;
    if (key == "error_rate") {
      problem = share(faults.error_rate);
    } else if (key == "rate_limit") {
      problem = share(faults.rate_limit_rate);
    } else if (key == "stuck") {
      problem = share(faults.stuck_rate);
    } else if (key == "latency_ms") {
      if (number > 60'000) problem = "fault latency_ms: at most 60000";
      faults.latency_ms = static_cast<int>(number);
    } else if (key == "failed_nodes") {
      if (number > 10'000 || number != static_cast<int>(number))
        problem = "fault failed_nodes: a whole number of nodes per zone, at most 10000";
      faults.failed_nodes = static_cast<int>(number);
    } else {
      return Unexpected{"unknown fault \"" + std::string(key.substr(0, 30)) +
                        "\" (error_rate, rate_limit, latency_ms, stuck, failed_nodes)"};
    }
    if (problem) return Unexpected{*problem};
  }
  return faults;
}

}  // namespace metal::sim
