#include "ui/theme.hpp"

namespace metal::ui {
namespace {

ThemeMode g_mode = ThemeMode::dark;

ImVec4 rgb(int hex, float alpha = 1.0f) {
  return ImVec4(static_cast<float>((hex >> 16) & 255) / 255.0f,
                static_cast<float>((hex >> 8) & 255) / 255.0f,
                static_cast<float>(hex & 255) / 255.0f, alpha);
}

const Palette kDark{rgb(0xE6E8EE), rgb(0x9AA3B5), rgb(0x5B8CFF), rgb(0xF0616D),
                    rgb(0x3CC68A), rgb(0xF2B544), rgb(0x14161C), rgb(0x1C1F27),
                    rgb(0x2C313D), rgb(0x0B0C10), rgb(0xD8DCE4)};
const Palette kLight{rgb(0x1B1F2A), rgb(0x5F6878), rgb(0x2F6BFF), rgb(0xD33B48),
                     rgb(0x16975F), rgb(0xB7791F), rgb(0xF6F7F9), rgb(0xFFFFFF),
                     rgb(0xD9DDE5), rgb(0xFFFFFF), rgb(0x1B1F2A)};

}  // namespace

ThemeMode current_theme() {
  return g_mode;
}
const Palette& palette() {
  return g_mode == ThemeMode::dark ? kDark : kLight;
}

void apply_theme(ThemeMode mode, float scale) {
  g_mode = mode;
  ImGuiStyle style;
  if (mode == ThemeMode::dark)
    ImGui::StyleColorsDark(&style);
  else
    ImGui::StyleColorsLight(&style);
  const Palette& p = palette();

  style.WindowPadding = ImVec2(14, 12);
  style.FramePadding = ImVec2(10, 6);
  style.CellPadding = ImVec2(10, 6);
  style.ItemSpacing = ImVec2(10, 8);
  style.ItemInnerSpacing = ImVec2(6, 6);
  style.ScrollbarSize = 12;
  style.GrabMinSize = 10;
  style.WindowBorderSize = 0;
  style.ChildBorderSize = 1;
  style.PopupBorderSize = 1;
  style.FrameBorderSize = 0;
  style.WindowRounding = 8;
  style.ChildRounding = 6;
  style.FrameRounding = 6;
  style.PopupRounding = 6;
  style.ScrollbarRounding = 6;
  style.GrabRounding = 6;
  style.TabRounding = 6;

  ImVec4* c = style.Colors;
  c[ImGuiCol_Text] = p.text;
  c[ImGuiCol_TextDisabled] = p.text_muted;
  c[ImGuiCol_WindowBg] = p.surface;
  c[ImGuiCol_ChildBg] = p.surface;
  c[ImGuiCol_PopupBg] = p.surface_raised;
  c[ImGuiCol_Border] = p.border;
  c[ImGuiCol_FrameBg] = mode == ThemeMode::dark ? rgb(0x232733) : rgb(0xECEEF2);
  c[ImGuiCol_FrameBgHovered] = mode == ThemeMode::dark ? rgb(0x2A2F3C) : rgb(0xE2E6EC);
  c[ImGuiCol_FrameBgActive] = mode == ThemeMode::dark ? rgb(0x313746) : rgb(0xD9DEE6);
  c[ImGuiCol_Button] = mode == ThemeMode::dark ? rgb(0x2A2F3C) : rgb(0xE6E9EF);
  c[ImGuiCol_ButtonHovered] = mode == ThemeMode::dark ? rgb(0x353B4A) : rgb(0xDADFE7);
  c[ImGuiCol_ButtonActive] = mode == ThemeMode::dark ? rgb(0x404758) : rgb(0xCDD3DD);
  c[ImGuiCol_Header] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.22f);
  c[ImGuiCol_HeaderHovered] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.14f);
  c[ImGuiCol_HeaderActive] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.30f);
  c[ImGuiCol_TableHeaderBg] = p.surface_raised;
  c[ImGuiCol_TableBorderStrong] = p.border;
  c[ImGuiCol_TableBorderLight] = p.border;
  c[ImGuiCol_TableRowBg] = ImVec4(0, 0, 0, 0);
  c[ImGuiCol_TableRowBgAlt] =
      mode == ThemeMode::dark ? rgb(0xFFFFFF, 0.025f) : rgb(0x000000, 0.025f);
  c[ImGuiCol_CheckMark] = p.accent;
  c[ImGuiCol_SliderGrab] = p.accent;
  c[ImGuiCol_NavHighlight] = p.accent;
  c[ImGuiCol_TextSelectedBg] = ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.35f);
  c[ImGuiCol_ModalWindowDimBg] = rgb(0x000000, 0.45f);
  c[ImGuiCol_ScrollbarBg] = ImVec4(0, 0, 0, 0);

  style.ScaleAllSizes(scale);
  ImGui::GetStyle() = style;
}

ImVec4 state_color(model::ServerState state) {
  const Palette& p = palette();
  switch (state) {
    case model::ServerState::running:
      return p.success;
    case model::ServerState::starting:
    case model::ServerState::stopping:
      return p.warning;
    case model::ServerState::locked:
      return p.danger;
    case model::ServerState::stopped_in_place:
      return p.accent;
    case model::ServerState::stopped:
    case model::ServerState::unknown:
      break;
  }
  return p.text_muted;
}

}  // namespace metal::ui
