#pragma once
// The chart range buttons (15 minutes to 30 days), the current one pressed; a click changes the
// route's range, so the address keeps it.

#include <functional>

#include "state/metrics_range.hpp"

namespace metal::ui {

void range_picker(state::MetricsRange current,
                  const std::function<void(state::MetricsRange)>& choose);

}  // namespace metal::ui
