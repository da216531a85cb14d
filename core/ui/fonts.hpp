#pragma once
// The console's fonts, subset at build time from Debian's packages and embedded: Inter for the
// interface, JetBrains Mono for ids and addresses. Rasterized at the display's scale so text
// stays sharp on high-DPI screens.

#include <imgui.h>

namespace metal::ui {

struct Fonts {
  ImFont* body = nullptr;
  ImFont* strong = nullptr;
  ImFont* heading = nullptr;
  ImFont* mono = nullptr;
};

/// Rebuilds the atlas for `scale` (1 = 96 dpi). The renderer must re-upload the texture after.
Fonts load_fonts(float scale);
const Fonts& fonts();

}  // namespace metal::ui
