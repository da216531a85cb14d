#pragma once
// Demo size, seed, clock speed and faults, from the page URL
// (?servers=N&seed=S&speed=X&faults=latency_ms=300,error_rate=0.1) or the desktop's flags. Bad
// values are refused with a message that names them; nothing is silently clamped.

#include <string>
#include <string_view>

#include <optional>

#include "model/expected.hpp"
#include "sim/demo_cloud.hpp"

namespace metal::sim {

/// Applies one option by name ("servers", "seed", "speed", "faults"); returns an error naming the
/// problem. Unknown names are not an error here: the caller decides what else it accepts.
std::optional<std::string> apply_demo_option(DemoOptions& options, std::string_view name,
                                             std::string_view value);

}  // namespace metal::sim
