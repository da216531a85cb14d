#include <imgui.h>

#include <array>
#include <string>

#include "state/console.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/widgets/range_picker.hpp"
#include "ui/widgets/time_chart.hpp"

namespace metal::ui {
namespace {

struct ZoomState {
  std::string server_id;
  state::MetricsRange range = state::MetricsRange::last_1h;
  std::array<ChartZoom, 3> charts;
};
ZoomState g_zoom;

}  // namespace

void server_metrics_tab(state::Console& console, const state::ServerRow& row) {
  const state::MetricsRange range = console.route().metrics_range;
  if (g_zoom.server_id != row.id || g_zoom.range != range) g_zoom = {row.id, range, {}};
  range_picker(console);
  ImGui::TextDisabled("drag to zoom");
  ImGui::Spacing();
  const auto charts = console.metrics().charts();
  const float height = ImGui::GetFontSize() * 9;
  const char* ids[] = {"cpu", "network", "disk"};
  for (std::size_t i = 0; i < charts.size() && i < 3; ++i) {
    time_chart(ids[i], charts[i], g_zoom.charts[i], height);
    ImGui::Spacing();
  }
}

}  // namespace metal::ui
