#include "ui/pages/monitoring_page.hpp"

#include <imgui.h>

#include <algorithm>
#include <string>

#include "state/format.hpp"
#include "state/monitoring/monitoring.hpp"
#include "state/servers/servers.hpp"
#include "ui/fonts.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/range_picker.hpp"
#include "ui/widgets/time_chart.hpp"

namespace metal::ui {
namespace {

class MonitoringView final : public PageView {
 public:
  void draw(state::Console& console, Shell& shell) override;
  bool showed_data() const override { return showed_data_; }

 private:
  state::MetricsRange range_ = state::MetricsRange::last_1h;  // the zoom is for this range
  ChartZoom zoom_;
  bool showed_data_ = false;
};

void MonitoringView::draw(state::Console& console, Shell&) {
  state::Monitoring& monitoring = console.feature<state::Monitoring>();
  const state::FleetMetrics& fleet = monitoring.fleet();
  const state::MetricsRange range = monitoring.range();
  if (range_ != range) {
    range_ = range;
    zoom_ = {};
  }
  showed_data_ = !fleet.busiest().empty() || !fleet.total().lines.empty();
  state::Servers& servers = console.feature<state::Servers>();
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted("Monitoring");
  ImGui::PopFont();
  range_picker(range, [&monitoring](state::MetricsRange chosen) { monitoring.set_range(chosen); });
  ImGui::TextDisabled("drag to zoom");
  ImGui::Spacing();
  time_chart("fleet-cpu", fleet.total(), zoom_, ImGui::GetFontSize() * 11);
  ImGui::Spacing();

  ImGui::PushFont(fonts().strong);
  ImGui::Text("Busiest servers, average over the last %s",
              std::string(state::spec_of(range).label).c_str());
  ImGui::PopFont();
  if (!fleet.busiest_error().empty())
    ImGui::TextColored(palette().danger, "%s", fleet.busiest_error().c_str());
  else if (fleet.busiest().empty())
    ImGui::TextDisabled(fleet.busiest_loading() ? "Loading..." : "No server used any CPU.");
  if (fleet.busiest().empty()) return;

  const double most = std::max(fleet.busiest().front().cores, 1e-9);
  const ImGuiTableFlags flags =
      ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("##busiest", 4, flags)) return;
  ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 2);
  ImGui::TableSetupColumn("Server", ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableSetupColumn("Zone", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableSetupColumn("CPU (cores busy)", ImGuiTableColumnFlags_WidthStretch, 3);
  ImGui::TableHeadersRow();
  int rank = 0;
  for (const state::BusyServer& server : fleet.busiest()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    ImGui::TextDisabled("%d", ++rank);
    ImGui::TableNextColumn();
    // A click opens the server on its charts, over the same range.
    const std::string label = (server.name.empty() ? server.id : server.name) + "##" + server.id;
    if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns)) {
      servers.select(server.id, state::DetailTab::metrics, range);
    }
    anchor("monitoring.server." + server.name);
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(server.zone.c_str());
    ImGui::TableNextColumn();
    // A bar against the busiest, and the figure.
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float width = ImGui::GetContentRegionAvail().x * 0.6f;
    const float height = ImGui::GetTextLineHeight() * 0.7f;
    const float filled = width * static_cast<float>(server.cores / most);
    ImDrawList* draw = ImGui::GetWindowDrawList();
    const float top = at.y + (ImGui::GetTextLineHeight() - height) / 2;
    draw->AddRectFilled(ImVec2(at.x, top), ImVec2(at.x + width, top + height),
                        ImGui::GetColorU32(palette().border), 3);
    draw->AddRectFilled(ImVec2(at.x, top), ImVec2(at.x + filled, top + height),
                        ImGui::GetColorU32(palette().accent), 3);
    ImGui::Dummy(ImVec2(width, ImGui::GetTextLineHeight()));
    ImGui::SameLine();
    ImGui::TextUnformatted(state::format_number(server.cores).c_str());
  }
  ImGui::EndTable();
}

}  // namespace

std::unique_ptr<PageView> make_monitoring_view() {
  return std::make_unique<MonitoringView>();
}

}  // namespace metal::ui
