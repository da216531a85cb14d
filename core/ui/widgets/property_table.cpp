#include "ui/widgets/property_table.hpp"

#include <imgui.h>

#include <algorithm>

#include "state/console.hpp"
#include "ui/fonts.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {

void copyable_text(state::Console& console, const char* id, const std::string& value, Text text) {
  const bool mono = text == Text::mono;
  if (mono) ImGui::PushFont(fonts().mono);
  ImGui::PushID(id);
  const ImVec2 size =
      ImGui::CalcTextSize(value.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  if (ImGui::InvisibleButton("##copy", ImVec2(std::max(size.x, 1.0f), size.y))) {
    ImGui::SetClipboardText(value.c_str());
    console.notify(state::Notification::Level::info, "Copied " + value);
  }
  anchor("copy." + std::string(id));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::GetWindowDrawList()->AddText(
      nullptr, 0.0f, start, ImGui::GetColorU32(hovered ? palette().accent : palette().text),
      value.c_str(), nullptr, ImGui::GetContentRegionAvail().x);
  if (hovered) ImGui::SetTooltip("Click to copy");
  ImGui::PopID();
  if (mono) ImGui::PopFont();
}

bool begin_properties(const char* id) {
  if (!ImGui::BeginTable(id, 2, ImGuiTableFlags_SizingStretchProp)) return false;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 8.5f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  return true;
}

void end_properties() {
  ImGui::EndTable();
}

void property(state::Console& console, const char* label, const std::string& value, Text text,
              Copy copy) {
  const bool mono = text == Text::mono;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", label);
  ImGui::TableSetColumnIndex(1);
  if (value.empty()) {
    ImGui::TextDisabled("-");
    return;
  }
  if (copy == Copy::yes) return copyable_text(console, label, value, text);
  if (mono) ImGui::PushFont(fonts().mono);
  ImGui::TextWrapped("%s", value.c_str());
  if (mono) ImGui::PopFont();
}

}  // namespace metal::ui
