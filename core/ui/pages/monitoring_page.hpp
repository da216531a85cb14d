#pragma once
// The fleet's monitoring: its total CPU over the range as a chart, and the ten servers keeping
// the most CPU busy (a click opens that server's charts).

#include "state/console.hpp"

namespace metal::ui {

void monitoring_page(state::Console& console);

}  // namespace metal::ui
