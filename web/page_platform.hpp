#pragma once
// The page as Dear ImGui's platform: a WebGL2 context on the canvas, and the browser's mouse,
// wheel and keyboard events fed to ImGui through Emscripten's html5 API. It replaces
// Emscripten's JS emulation of GLFW (and the Browser runtime it drags in: fullscreen, pointer
// lock, audio and image plugins, ~10 KB gzip of the bundle), keeps GLFW's key codes (so keys read
// the same natively and here), and holds a press until a frame has seen it: ImGui 1.86 has no
// input queue, and a click or key pressed and released between two frames would be lost.

namespace metal::web {

/// Creates the WebGL2 context on `canvas_selector` and starts listening. False: no WebGL2.
bool page_platform_init(const char* canvas_selector);
/// Before ImGui::NewFrame(): size, time, mouse, keys. `width`/`height`: the canvas's pixels.
void page_platform_new_frame(int width, int height);
/// Input since the last call (the frame pacer draws at once).
bool page_platform_take_input();
/// The canvas's pixel size, as last set.
void page_platform_set_canvas_size(int width, int height);

}  // namespace metal::web
