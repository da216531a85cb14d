#pragma once
// An ImGui context for the length of a test: the console's pages draw into it headlessly.

#include <imgui.h>

namespace metal::testing {

struct ImGuiContextScope {
  ImGuiContextScope() { ImGui::CreateContext(); }
  ~ImGuiContextScope() { ImGui::DestroyContext(); }
  ImGuiContextScope(const ImGuiContextScope&) = delete;
  ImGuiContextScope& operator=(const ImGuiContextScope&) = delete;
};

}  // namespace metal::testing
