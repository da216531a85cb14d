#include <imgui.h>

#include <array>
#include <string>

#include "state/servers/servers.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/widgets/range_picker.hpp"
#include "ui/widgets/time_chart.hpp"

namespace metal::ui {

void server_metrics_tab(ServerTabContext& c, const state::ServerRow& row) {
  state::Servers& servers = c.servers;
  const state::MetricsRange range = servers.metrics_range();
  ServerTabsState::Zoom& zoom = c.state.zoom;
  if (zoom.server_id != row.id || zoom.range != range) zoom = {row.id, range, {}};
  range_picker(range,
               [&servers](state::MetricsRange chosen) { servers.set_metrics_range(chosen); });
  ImGui::TextDisabled("drag to zoom");
  ImGui::Spacing();
  const auto charts = servers.metrics().charts();
  const float height = ImGui::GetFontSize() * 9;
  const char* ids[] = {"cpu", "network", "disk"};
  for (std::size_t i = 0; i < charts.size() && i < 3; ++i) {
    time_chart(ids[i], charts[i], zoom.charts[i], height);
    ImGui::Spacing();
  }
}

}  // namespace metal::ui
