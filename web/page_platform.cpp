#include "page_platform.hpp"

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>
#include <emscripten/html5_webgl.h>
#include <imgui.h>

#include <algorithm>

// clang-format off
EM_JS(void, js_set_cursor, (const char* selector, const char* cursor), {
  const canvas = document.querySelector(UTF8ToString(selector));
  if (canvas) canvas.style.cursor = UTF8ToString(cursor);
});
// clang-format on

namespace metal::web {
namespace {

// GLFW's key codes: what ImGui's key map and the pages use on both platforms.
enum GlfwKey : int {
  kSpace = 32,
  kEscape = 256,
  kEnter = 257,
  kTab = 258,
  kBackspace = 259,
  kInsert = 260,
  kDelete = 261,
  kRight = 262,
  kLeft = 263,
  kDown = 264,
  kUp = 265,
  kPageUp = 266,
  kPageDown = 267,
  kHome = 268,
  kEnd = 269,
  kF1 = 290,
  kKeypadEnter = 335,
};

struct Page {
  const char* canvas = "#canvas";
  double last_time = 0;
  float scale_x = 1, scale_y = 1;  // canvas pixels per CSS pixel
  bool input = false;
  bool mouse_down[5] = {};
  bool mouse_pressed[5] = {};  // pressed since the last frame: shown down for at least one
  bool key_down[512] = {};
  bool key_pressed[512] = {};
  ImGuiMouseCursor cursor = ImGuiMouseCursor_Arrow;
};
Page g_page;

int glfw_key_of(const EmscriptenKeyboardEvent& e) {
  const unsigned long code = e.keyCode;
  if ((code >= 'A' && code <= 'Z') || (code >= '0' && code <= '9')) return static_cast<int>(code);
  if (code >= 112 && code <= 123) return kF1 + static_cast<int>(code - 112);  // F1-F12
  switch (code) {
    case 8:
      return kBackspace;
    case 9:
      return kTab;
    case 13:
      return e.location == DOM_KEY_LOCATION_NUMPAD ? kKeypadEnter : kEnter;
    case 27:
      return kEscape;
    case 32:
      return kSpace;
    case 33:
      return kPageUp;
    case 34:
      return kPageDown;
    case 35:
      return kEnd;
    case 36:
      return kHome;
    case 37:
      return kLeft;
    case 38:
      return kUp;
    case 39:
      return kRight;
    case 40:
      return kDown;
    case 45:
      return kInsert;
    case 46:
      return kDelete;
    default:
      return -1;
  }
}

void take_modifiers(const EmscriptenKeyboardEvent& e) {
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = e.ctrlKey;
  io.KeyShift = e.shiftKey;
  io.KeyAlt = e.altKey;
  io.KeySuper = e.metaKey;
}

EM_BOOL on_key_down(int, const EmscriptenKeyboardEvent* e, void*) {
  g_page.input = true;
  take_modifiers(*e);
  const int key = glfw_key_of(*e);
  if (key >= 0) {
    g_page.key_down[key] = true;
    g_page.key_pressed[key] = true;
  }
  // The browser keeps what it needs: text (keypress follows only if this is not prevented),
  // and copy/cut/paste, whose events carry the clipboard. Keys the page would otherwise act on
  // (Tab moves focus, Backspace goes back, Ctrl+K and Ctrl+F open the browser's own search)
  // stay with the console.
  const bool ctrl = e->ctrlKey || e->metaKey;
  if (ctrl) return key >= 'A' && key <= 'Z' && key != 'C' && key != 'V' && key != 'X';
  return key == kTab || key == kBackspace || (key >= kRight && key <= kEnd);
}

EM_BOOL on_key_up(int, const EmscriptenKeyboardEvent* e, void*) {
  g_page.input = true;
  take_modifiers(*e);
  if (const int key = glfw_key_of(*e); key >= 0) g_page.key_down[key] = false;
  return EM_FALSE;
}

EM_BOOL on_key_press(int, const EmscriptenKeyboardEvent* e, void*) {
  g_page.input = true;
  if (e->ctrlKey || e->metaKey) return EM_FALSE;
  if (e->charCode >= 0x20 && e->charCode != 0x7f)
    ImGui::GetIO().AddInputCharacter(static_cast<unsigned>(e->charCode));
  return EM_FALSE;
}

void take_mouse_position(const EmscriptenMouseEvent& e) {
  // The canvas fills the page from its top-left corner: client coordinates are the canvas's.
  ImGui::GetIO().MousePos = ImVec2(static_cast<float>(e.clientX) * g_page.scale_x,
                                   static_cast<float>(e.clientY) * g_page.scale_y);
}

// DOM buttons: 0 left, 1 middle, 2 right; ImGui: 0 left, 1 right, 2 middle.
int imgui_button_of(unsigned short button) {
  return button == 1 ? 2 : button == 2 ? 1 : button;
}

EM_BOOL on_mouse_move(int, const EmscriptenMouseEvent* e, void*) {
  g_page.input = true;
  take_mouse_position(*e);
  return EM_FALSE;
}

EM_BOOL on_mouse_down(int, const EmscriptenMouseEvent* e, void*) {
  g_page.input = true;
  take_mouse_position(*e);
  const int button = imgui_button_of(e->button);
  if (button < 5) g_page.mouse_down[button] = g_page.mouse_pressed[button] = true;
  return EM_FALSE;
}

EM_BOOL on_mouse_up(int, const EmscriptenMouseEvent* e, void*) {
  g_page.input = true;
  take_mouse_position(*e);
  const int button = imgui_button_of(e->button);
  if (button < 5) g_page.mouse_down[button] = false;
  return EM_FALSE;
}

// Lines, not pixels: one notch scrolls a few rows, as on the desktop.
EM_BOOL on_wheel(int, const EmscriptenWheelEvent* e, void*) {
  g_page.input = true;
  ImGuiIO& io = ImGui::GetIO();
  const double divisor =
      e->deltaMode == DOM_DELTA_PIXEL ? 100.0 : (e->deltaMode == DOM_DELTA_LINE ? 3.0 : 1.0);
  io.MouseWheel += static_cast<float>(-e->deltaY / divisor);
  io.MouseWheelH += static_cast<float>(-e->deltaX / divisor);
  return EM_TRUE;
}

EM_BOOL on_blur(int, const EmscriptenFocusEvent*, void*) {
  // Keys released while the page was not looking must not stay down.
  std::fill(std::begin(g_page.key_down), std::end(g_page.key_down), false);
  std::fill(std::begin(g_page.mouse_down), std::end(g_page.mouse_down), false);
  ImGuiIO& io = ImGui::GetIO();
  io.KeyCtrl = io.KeyShift = io.KeyAlt = io.KeySuper = false;
  g_page.input = true;
  return EM_FALSE;
}

const char* css_cursor(ImGuiMouseCursor cursor) {
  switch (cursor) {
    case ImGuiMouseCursor_TextInput:
      return "text";
    case ImGuiMouseCursor_ResizeAll:
      return "move";
    case ImGuiMouseCursor_ResizeNS:
      return "ns-resize";
    case ImGuiMouseCursor_ResizeEW:
      return "ew-resize";
    case ImGuiMouseCursor_ResizeNESW:
      return "nesw-resize";
    case ImGuiMouseCursor_ResizeNWSE:
      return "nwse-resize";
    case ImGuiMouseCursor_Hand:
      return "pointer";
    case ImGuiMouseCursor_NotAllowed:
      return "not-allowed";
    case ImGuiMouseCursor_None:
      return "none";
    default:
      return "default";
  }
}

}  // namespace

bool page_platform_init(const char* canvas_selector) {
  g_page.canvas = canvas_selector;
  EmscriptenWebGLContextAttributes attributes;
  emscripten_webgl_init_context_attributes(&attributes);
  attributes.majorVersion = 2;
  attributes.minorVersion = 0;
  attributes.alpha = EM_FALSE;
  attributes.depth = EM_FALSE;
  attributes.stencil = EM_FALSE;
  attributes.antialias = EM_FALSE;
  const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context =
      emscripten_webgl_create_context(canvas_selector, &attributes);
  if (context <= 0 || emscripten_webgl_make_context_current(context) != EMSCRIPTEN_RESULT_SUCCESS)
    return false;

  ImGuiIO& io = ImGui::GetIO();
  io.BackendPlatformName = "metal_page";
  io.BackendFlags |= ImGuiBackendFlags_HasMouseCursors;
  io.KeyMap[ImGuiKey_Tab] = kTab;
  io.KeyMap[ImGuiKey_LeftArrow] = kLeft;
  io.KeyMap[ImGuiKey_RightArrow] = kRight;
  io.KeyMap[ImGuiKey_UpArrow] = kUp;
  io.KeyMap[ImGuiKey_DownArrow] = kDown;
  io.KeyMap[ImGuiKey_PageUp] = kPageUp;
  io.KeyMap[ImGuiKey_PageDown] = kPageDown;
  io.KeyMap[ImGuiKey_Home] = kHome;
  io.KeyMap[ImGuiKey_End] = kEnd;
  io.KeyMap[ImGuiKey_Insert] = kInsert;
  io.KeyMap[ImGuiKey_Delete] = kDelete;
  io.KeyMap[ImGuiKey_Backspace] = kBackspace;
  io.KeyMap[ImGuiKey_Space] = kSpace;
  io.KeyMap[ImGuiKey_Enter] = kEnter;
  io.KeyMap[ImGuiKey_Escape] = kEscape;
  io.KeyMap[ImGuiKey_KeyPadEnter] = kKeypadEnter;
  io.KeyMap[ImGuiKey_A] = 'A';
  io.KeyMap[ImGuiKey_C] = 'C';
  io.KeyMap[ImGuiKey_V] = 'V';
  io.KeyMap[ImGuiKey_X] = 'X';
  io.KeyMap[ImGuiKey_Y] = 'Y';
  io.KeyMap[ImGuiKey_Z] = 'Z';

  const char* window = EMSCRIPTEN_EVENT_TARGET_WINDOW;
  emscripten_set_mousedown_callback(canvas_selector, nullptr, EM_FALSE, on_mouse_down);
  // Moves and releases anywhere: a drag that leaves the canvas still ends.
  emscripten_set_mousemove_callback(window, nullptr, EM_FALSE, on_mouse_move);
  emscripten_set_mouseup_callback(window, nullptr, EM_FALSE, on_mouse_up);
  emscripten_set_wheel_callback(canvas_selector, nullptr, EM_TRUE, on_wheel);
  emscripten_set_keydown_callback(window, nullptr, EM_FALSE, on_key_down);
  emscripten_set_keyup_callback(window, nullptr, EM_FALSE, on_key_up);
  emscripten_set_keypress_callback(window, nullptr, EM_FALSE, on_key_press);
  emscripten_set_blur_callback(window, nullptr, EM_FALSE, on_blur);
  return true;
}

void page_platform_set_canvas_size(int width, int height) {
  emscripten_set_canvas_element_size(g_page.canvas, width, height);
}

void page_platform_new_frame(int width, int height) {
  ImGuiIO& io = ImGui::GetIO();
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size(g_page.canvas, &css_width, &css_height);
  g_page.scale_x = css_width > 0 ? static_cast<float>(width / css_width) : 1.0f;
  g_page.scale_y = css_height > 0 ? static_cast<float>(height / css_height) : 1.0f;
  io.DisplaySize = ImVec2(static_cast<float>(width), static_cast<float>(height));
  io.DisplayFramebufferScale = ImVec2(1, 1);
  const double now = emscripten_get_now() / 1000.0;
  io.DeltaTime = g_page.last_time > 0 ? static_cast<float>(std::max(now - g_page.last_time, 1e-4))
                                      : 1.0f / 60.0f;
  g_page.last_time = now;
  for (int i = 0; i < 5; ++i) {
    io.MouseDown[i] = g_page.mouse_down[i] || g_page.mouse_pressed[i];
    g_page.mouse_pressed[i] = false;
  }
  for (int i = 0; i < 512; ++i) {
    io.KeysDown[i] = g_page.key_down[i] || g_page.key_pressed[i];
    g_page.key_pressed[i] = false;
  }
  const ImGuiMouseCursor cursor =
      io.MouseDrawCursor ? ImGuiMouseCursor_None : ImGui::GetMouseCursor();
  if (cursor != g_page.cursor) {
    g_page.cursor = cursor;
    js_set_cursor(g_page.canvas, css_cursor(cursor));
  }
}

bool page_platform_take_input() {
  const bool input = g_page.input;
  g_page.input = false;
  return input;
}

}  // namespace metal::web
