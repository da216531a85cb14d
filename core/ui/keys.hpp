#pragma once
// Keyboard checks in ImGui 1.86's terms: named keys go through the backend's key map, and letters
// are their ASCII codes (what GLFW, natively and in the browser, reports for letter keys).

#include <imgui.h>

namespace metal::ui {

inline bool key_pressed(ImGuiKey key) {
  return ImGui::IsKeyPressed(ImGui::GetKeyIndex(key));
}
inline bool ctrl_letter_pressed(char upper_case_letter) {
  return ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(static_cast<int>(upper_case_letter));
}

}  // namespace metal::ui
