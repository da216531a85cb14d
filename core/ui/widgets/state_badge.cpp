#include "ui/widgets/state_badge.hpp"

#include <imgui.h>

#include <cmath>

#include "ui/theme.hpp"

namespace metal::ui {

void state_badge(model::ServerState state, std::string_view text, std::string_view detail) {
  const ImVec4 color = state_color(state);
  const float height = ImGui::GetTextLineHeight();
  const float dot = height * 0.32f;
  const ImVec2 text_size = ImGui::CalcTextSize(text.data(), text.data() + text.size());
  const ImVec2 padding(height * 0.45f, height * 0.08f);
  const ImVec2 pos = ImGui::GetCursorScreenPos();
  const ImVec2 size(padding.x * 2 + dot * 2 + height * 0.3f + text_size.x, height + padding.y * 2);

  ImDrawList* draw = ImGui::GetWindowDrawList();
  draw->AddRectFilled(pos, ImVec2(pos.x + size.x, pos.y + size.y),
                      ImGui::GetColorU32(ImVec4(color.x, color.y, color.z, 0.16f)), size.y * 0.5f);
  const ImVec2 center(pos.x + padding.x + dot, pos.y + size.y * 0.5f);
  if (model::is_transitional(state)) {
    // A moving state pulses, so a glance tells what is still changing.
    const float t = static_cast<float>(ImGui::GetTime());
    const float alpha = 0.55f + 0.45f * (0.5f + 0.5f * std::sin(t * 5.0f));
    draw->AddCircleFilled(center, dot,
                          ImGui::GetColorU32(ImVec4(color.x, color.y, color.z, alpha)));
  } else {
    draw->AddCircleFilled(center, dot, ImGui::GetColorU32(color));
  }
  draw->AddText(ImVec2(center.x + dot + height * 0.3f, pos.y + padding.y),
                ImGui::GetColorU32(color), text.data(), text.data() + text.size());
  ImGui::Dummy(size);
  if (!detail.empty() && ImGui::IsItemHovered())
    ImGui::SetTooltip("%.*s", static_cast<int>(detail.size()), detail.data());
}

}  // namespace metal::ui
