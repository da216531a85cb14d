// The browser entry: the static web console. A WebGL2 canvas filling the page (page_platform),
// the session (the offline demo in its Web Worker, or an API through fetch), the route in the URL
// hash, and window.metalConsole for tests. What the web and the desktop share lives in
// ui::ConsoleApp; this file only provides the page's pieces.

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "api/zones.hpp"
#include "browser_fonts.hpp"
#include "demo_worker.hpp"
#include "fetch_transport.hpp"
#include "page_platform.hpp"
#include "serial_websocket.hpp"
#include "state/session.hpp"
#include "ui/console_app.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

// ---- the page, through small JS shims
// (The bodies are JavaScript, which clang-format would mangle.)
// clang-format off

// Strings handed to C++ are malloc'ed copies; take_js_string() frees them.
EM_JS(char*, js_location_search, (), {
  const s = window.location.search, n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(char*, js_location_hash, (), {
  const s = window.location.hash, n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, js_set_hash, (const char* hash, int push), {
  const text = UTF8ToString(hash);
  if (window.location.hash === text) return;
  if (push) history.pushState(null, "", text);
  else history.replaceState(null, "", text);
});
EM_JS(void, js_write_clipboard, (const char* text), {
  const value = UTF8ToString(text);
  window["metalClipboard"] = value;
  if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(value).catch(() => {});
});
EM_JS(char*, js_read_clipboard, (), {
  const s = window["metalClipboard"] || "", n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, js_console_started, (), { if (window["metalConsoleStarted"]) window["metalConsoleStarted"](); });
// The session the shell read (and decrypted) before the module ran: "url\nkey", or "" (the demo).
// Handed over once; the shell keeps no copy.
EM_JS(char*, js_take_session, (), {
  const s = window["metalSession"] || "", n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  window["metalSession"] = "";
  stringToUTF8(s, p, n);
  return p;
});
// Keeps a session for this tab or beyond it, encrypted (shell.html's metalSaveSession).
EM_JS(void, js_session_save, (const char* value, int remember), {
  window["metalSaveSession"](UTF8ToString(value), !!remember);
});
// clang-format on

namespace {

std::string take_js_string(char* text) {
  std::string out = text ? text : "";
  if (text) {
    std::fill(text, text + out.size(), '\0');  // may hold a key
    std::free(text);
  }
  return out;
}

metal::model::Timestamp wall_now() {
  return metal::model::Timestamp{static_cast<std::int64_t>(emscripten_date_now() * 1000.0)};
}

// A session on an API: fetch() for requests, the browser's WebSocket for serial consoles.
class ApiLink final : public metal::ui::SessionLink {
 public:
  ApiLink(std::string api_url, std::string secret_key)
      : api_url_(std::move(api_url)),
        secret_key_(std::move(secret_key)),
        network_(api_url_),
        serial_(api_url_) {}
  ~ApiLink() override { std::fill(secret_key_.begin(), secret_key_.end(), '\0'); }
  metal::api::Transport& transport() override { return network_; }
  metal::api::SerialConnector* serial() override { return &serial_; }
  metal::api::Credentials credentials() const override { return {secret_key_}; }
  std::vector<std::string> zones() const override { return metal::api::all_zones(); }
  std::string kind() const override {
    return api_url_.empty() ? std::string("API (this server)") : api_url_;
  }
  void describe(metal::ui::ShellInfo& shell) const override {
    shell.session_label = kind();
    shell.on_demo = false;
  }

 private:
  std::string api_url_;
  std::string secret_key_;
  metal::web::FetchTransport network_;
  metal::web::WebSerialConnector serial_;
};

class WebPlatform final : public metal::ui::Platform {
 public:
  explicit WebPlatform(std::string search) : search_(std::move(search)) {}
  metal::Expected<std::unique_ptr<metal::ui::SessionLink>, std::string> open(
      const metal::state::SessionChoice& choice) override {
    if (choice.demo) return metal::web::open_demo_worker(search_);
    if (auto problem = metal::state::session_problem(choice)) return metal::Unexpected{*problem};
    return std::unique_ptr<metal::ui::SessionLink>(
        std::make_unique<ApiLink>(choice.api_url, choice.secret_key));
  }
  void show_address(const std::string& hash, bool add_entry) override {
    js_set_hash(hash.c_str(), add_entry ? 1 : 0);
  }
  bool can_remember_key() const override { return true; }  // encrypted, see shell.html
  void remember(const metal::state::SessionChoice& choice) override {
    std::string value = choice.demo ? std::string() : choice.api_url + "\n" + choice.secret_key;
    js_session_save(value.c_str(), choice.remember ? 1 : 0);
    std::fill(value.begin(), value.end(), '\0');
  }

 private:
  std::string search_;  // the page's options, which the demo's worker reads
};

struct Page {
  int canvas_width = 0, canvas_height = 0;  // pixels (CSS size x devicePixelRatio)
  std::unique_ptr<WebPlatform> platform;
  std::unique_ptr<metal::ui::ConsoleApp> app;
  std::string clipboard;
  std::string status;  // keeps the strings handed to JS alive until the next call
};
Page* g_page = nullptr;

// The canvas follows the page: CSS pixels x devicePixelRatio, and fonts rasterized for that ratio.
// Returns true when anything changed (the frame must be drawn).
bool fit_canvas(Page& page) {
  bool changed = false;
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = static_cast<int>(std::lround(css_width * ratio));
  const int height = static_cast<int>(std::lround(css_height * ratio));
  if (width > 0 && height > 0 && (width != page.canvas_width || height != page.canvas_height)) {
    page.canvas_width = width;
    page.canvas_height = height;
    metal::web::page_platform_set_canvas_size(width, height);
    changed = true;
  }
  const auto scale = static_cast<float>(ratio > 0 ? ratio : 1.0);
  if (scale != page.app->ui().scale()) {  // moved to a screen of another density, or zoomed
    page.app->ui().configure(scale, metal::web::browser_font_source());
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    changed = true;
  }
  return changed;
}

EM_BOOL frame(double, void* arg) {
  Page& page = *static_cast<Page*>(arg);
  const double start = emscripten_get_now();
  const bool resized = fit_canvas(page);
  // Nothing moved and no input: skip drawing (the browser still calls back every frame).
  const bool input = metal::web::page_platform_take_input() || resized;
  if (!page.app->step(start / 1000.0, wall_now(), input)) return EM_TRUE;

  ImGui_ImplOpenGL3_NewFrame();
  metal::web::page_platform_new_frame(page.canvas_width, page.canvas_height);
  ImGui::NewFrame();
  page.app->draw();
  ImGui::Render();
  glViewport(0, 0, page.canvas_width, page.canvas_height);
  const ImVec4 bg = metal::ui::palette().surface;
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  const double end = emscripten_get_now();
  // performance.now() counts from navigation start: exactly "first frame with data" latency.
  page.app->frame_done(end - start, end);
  return EM_TRUE;
}

}  // namespace

// ---- what the page's JS calls (window.metalConsole) ----

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* metal_status() {
  if (!g_page || !g_page->app) return "{\"ready\":false}";
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  g_page->status = g_page->app->status_json(
      {emscripten_get_now(), size.x, size.y, static_cast<double>(emscripten_get_heap_size())});
  return g_page->status.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* metal_anchors() {
  if (!g_page) return "{}";
  g_page->status = metal::ui::anchors_json();
  return g_page->status.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* metal_rows(int limit) {
  if (!g_page || !g_page->app) return "[]";
  g_page->status = g_page->app->rows_json(static_cast<std::size_t>(std::max(0, limit)));
  return g_page->status.c_str();
}

EMSCRIPTEN_KEEPALIVE void metal_hash_changed() {
  if (g_page && g_page->app) g_page->app->address_changed(take_js_string(js_location_hash()));
}

// Answers landed between frames (fetch, the demo's worker): what they asked for next (a
// listing's next pages) goes out now rather than at the next frame.
EMSCRIPTEN_KEEPALIVE void metal_answers_arrived() {
  if (g_page && g_page->app) g_page->app->answers_arrived();
}

}  // extern "C"

int main() {
  auto* page = new Page();  // lives as long as the page
  g_page = page;

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;
  if (!metal::web::page_platform_init("#canvas")) {
    std::fprintf(stderr, "metal-console: WebGL2 is not available in this browser\n");
    return 1;
  }
  ImGui_ImplOpenGL3_Init("#version 300 es");
  io.SetClipboardTextFn = [](void*, const char* text) {
    g_page->clipboard = text;
    js_write_clipboard(text);
  };
  io.GetClipboardTextFn = [](void*) -> const char* {
    g_page->clipboard = take_js_string(js_read_clipboard());
    return g_page->clipboard.c_str();
  };

  page->platform = std::make_unique<WebPlatform>(take_js_string(js_location_search()));
  page->app = std::make_unique<metal::ui::ConsoleApp>(*page->platform, metal::ui::ShellInfo{});
  const double ratio = emscripten_get_device_pixel_ratio();
  page->app->ui().configure(static_cast<float>(ratio > 0 ? ratio : 1.0),
                            metal::web::browser_font_source());

  // A session kept from before (this tab, or remembered) reconnects; otherwise the demo.
  metal::state::SessionChoice session;
  std::string saved = take_js_string(js_take_session());
  if (const auto newline = saved.find('\n'); newline != std::string::npos) {
    session.demo = false;
    session.api_url = saved.substr(0, newline);
    session.secret_key = saved.substr(newline + 1);
    if (metal::state::session_problem(session)) session = {};  // unreadable: the demo
  }
  std::fill(saved.begin(), saved.end(), '\0');
  page->app->start(session, take_js_string(js_location_hash()));
  std::fill(session.secret_key.begin(), session.secret_key.end(), '\0');

  js_console_started();
  fit_canvas(*page);
  emscripten_request_animation_frame_loop(frame, page);
  return 0;
}
