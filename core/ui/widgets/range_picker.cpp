#include "ui/widgets/range_picker.hpp"

#include <imgui.h>

#include <string>

#include "ui/test_anchors.hpp"

namespace metal::ui {

void range_picker(state::MetricsRange range,
                  const std::function<void(state::MetricsRange)>& choose) {
  for (const state::MetricsRangeSpec& spec : state::metrics_ranges()) {
    const bool current = spec.range == range;
    if (current)
      ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetStyleColorVec4(ImGuiCol_ButtonActive));
    const std::string label(spec.label);
    if (ImGui::SmallButton(label.c_str())) choose(spec.range);
    if (current) ImGui::PopStyleColor();
    anchor("metrics.range." + std::string(spec.word));
    ImGui::SameLine();
  }
}

}  // namespace metal::ui
