#pragma once
// Where named controls were drawn in the last frame, in framebuffer pixels. Tests and tools read
// them to click and type through the real input path (browser or X events), never a backdoor.

#include <string>
#include <string_view>

namespace metal::ui {

/// Forgets last frame's anchors; call before drawing.
void begin_anchor_frame();
/// Names the last item drawn (ImGui's "last item") for this frame.
void anchor(std::string_view name);
/// {"name": [x, y, w, h], ...}, in the same pixels the platform's input uses.
std::string anchors_json();

}  // namespace metal::ui
