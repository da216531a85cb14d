#include "state/metrics_range.hpp"

#include <array>

namespace metal::state {
namespace {

constexpr std::array<MetricsRangeSpec, 6> kRanges{{
    {MetricsRange::last_15m, "15m", "15 min", 15 * 60.0},
    {MetricsRange::last_1h, "1h", "1 hour", 3600.0},
    {MetricsRange::last_6h, "6h", "6 hours", 6 * 3600.0},
    {MetricsRange::last_1d, "1d", "1 day", 86400.0},
    {MetricsRange::last_7d, "7d", "7 days", 7 * 86400.0},
    {MetricsRange::last_30d, "30d", "30 days", 30 * 86400.0},
}};

}  // namespace

std::span<const MetricsRangeSpec> metrics_ranges() {
  return kRanges;
}

const MetricsRangeSpec& spec_of(MetricsRange range) {
  for (const MetricsRangeSpec& spec : kRanges)
    if (spec.range == range) return spec;
  return kRanges[1];
}

std::optional<MetricsRange> parse_metrics_range(std::string_view word) {
  for (const MetricsRangeSpec& spec : kRanges)
    if (spec.word == word) return spec.range;
  return std::nullopt;
}

}  // namespace metal::state
