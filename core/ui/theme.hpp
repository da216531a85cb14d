#pragma once
// Colors and sizes of the console, light and dark. Pages ask the theme; none picks its own colors.

#include <imgui.h>

#include "model/server.hpp"

namespace metal::ui {

enum class ThemeMode { dark, light };

struct Palette {
  ImVec4 text, text_muted, accent, danger, success, warning, surface, surface_raised, border;
  ImVec4 terminal_background, terminal_text;  // the serial console's default colours
};

void apply_theme(ThemeMode mode, float scale);
ThemeMode current_theme();
const Palette& palette();

/// Badge colors for a server state: green running, amber moving, grey at rest, red locked.
ImVec4 state_color(model::ServerState state);

}  // namespace metal::ui
