#pragma once
// A time series chart: lines drawn from their min/max pyramids (one segment per pixel column, so
// a million points cost the same as a thousand), a value axis in the chart's unit, a hover readout
// of every line at the cursor, zoom by dragging across a span, double-click to zoom back out.

#include "state/servers/server_metrics.hpp"

namespace metal::ui {

/// What the user did to one chart: its zoomed span, if any, and a drag in progress.
struct ChartZoom {
  double t0 = 0, t1 = 0;  // zoomed span; t1 <= t0: the whole range
  bool dragging = false;
  float drag_from_x = 0;
  bool zoomed() const { return t1 > t0; }
};

void time_chart(const char* id, const state::ChartData& chart, ChartZoom& zoom, float height);

}  // namespace metal::ui
