#include "ui/widgets/range_picker.hpp"

#include <imgui.h>

#include <string>

#include "state/console.hpp"
#include "ui/test_anchors.hpp"

namespace metal::ui {

void range_picker(state::Console& console) {
  const state::MetricsRange range = console.route().metrics_range;
  for (const state::MetricsRangeSpec& spec : state::metrics_ranges()) {
    const bool current = spec.range == range;
    if (current)
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const std::string label(spec.label);
    if (ImGui::SmallButton(label.c_str())) console.set_metrics_range(spec.range);
    if (current) ImGui::PopStyleColor();
    anchor("metrics.range." + std::string(spec.word));
    ImGui::SameLine();
  }
}

}  // namespace metal::ui
