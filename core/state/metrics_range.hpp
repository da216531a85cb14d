#pragma once
// The time ranges a chart shows, from 15 minutes to 30 days; kept in the address with the tab.

#include <optional>
#include <span>
#include <string_view>

namespace metal::state {

enum class MetricsRange { last_15m, last_1h, last_6h, last_1d, last_7d, last_30d };
struct MetricsRangeSpec {
  MetricsRange range;
  std::string_view word;   // in the address: "1h"
  std::string_view label;  // on the button: "1 hour"
  double seconds;
};
std::span<const MetricsRangeSpec> metrics_ranges();
const MetricsRangeSpec& spec_of(MetricsRange range);
std::optional<MetricsRange> parse_metrics_range(std::string_view word);

}  // namespace metal::state
