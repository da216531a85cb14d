// The browser entry: the static web console. A WebGL2 canvas filling the page (page_platform),
// the offline demo in-process, the route in the URL hash, and window.metalConsole for tests.

#include <GLES3/gl3.h>
#include <emscripten/emscripten.h>
#include <emscripten/heap.h>
#include <emscripten/html5.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <utility>

#include "api/http.hpp"
#include "api/zones.hpp"
#include "fetch_transport.hpp"
#include "page_platform.hpp"
#include "serial_websocket.hpp"
#include "sim/demo_cloud.hpp"
#include "sim/demo_options.hpp"
#include "state/console.hpp"
#include "state/console_status.hpp"
#include "state/route.hpp"
#include "ui/console_ui.hpp"
#include "ui/frame_pacer.hpp"
#include "ui/test_anchors.hpp"

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
// Calls metal_between_frames() from a message task: unlike setTimeout(0), which the browser holds
// 4 ms once nested, it runs as soon as the thread is free.
EM_JS(void, js_post_between_frames, (), {
  var channel = Module["betweenFrames"];
  if (!channel) {
    channel = Module["betweenFrames"] = new MessageChannel();
    channel.port1.onmessage = function() { _metal_between_frames(); };
  }
  channel.port2.postMessage(0);
});
EM_JS(void, js_console_started, (), { if (window["metalConsoleStarted"]) window["metalConsoleStarted"](); });
// The API session: for this tab (sessionStorage), or beyond it when asked (localStorage).
// "url\nkey", or "" when there is none.
EM_JS(char*, js_session_load, (), {
  let s = "";
  try { s = window.sessionStorage.getItem("metal.session") || window.localStorage.getItem("metal.session") || ""; }
  catch (e) { s = ""; }
  const n = lengthBytesUTF8(s) + 1, p = _malloc(n);
  stringToUTF8(s, p, n);
  return p;
});
EM_JS(void, js_session_save, (const char* value, int remember), {
  try {
    window.sessionStorage.removeItem("metal.session");
    window.localStorage.removeItem("metal.session");
    const text = UTF8ToString(value);
    if (text) (remember ? window.localStorage : window.sessionStorage).setItem("metal.session", text);
  } catch (e) {}
});
// clang-format on

namespace {

struct App {
  int canvas_width = 0, canvas_height = 0;  // pixels (CSS size x devicePixelRatio)
  metal::sim::DemoOptions demo_options;
  // One of two sessions: the demo's simulated cloud in-process, or an API through fetch().
  std::unique_ptr<metal::sim::DemoCloud> demo;
  std::unique_ptr<metal::web::FetchTransport> network;
  std::unique_ptr<metal::web::WebSerialConnector> serial;
  std::unique_ptr<metal::state::Console> console;
  metal::ui::ConsoleUi ui;
  metal::ui::FramePacer pacer;
  metal::ui::ShellInfo shell;
  metal::state::FrameStats frames;
  double first_frame_ms = -1;
  double loaded_frame_ms = -1;
  std::uint64_t published_route = 0;
  std::string published_server;
  metal::state::DetailTab published_tab = metal::state::DetailTab::overview;
  std::string clipboard;
  std::string status;  // keeps the strings handed to JS alive until the next call
  bool between_frames_posted = false;
};
App* g_app = nullptr;

std::string take_js_string(char* text) {
  std::string out = text ? text : "";
  std::free(text);
  return out;
}

metal::model::Timestamp wall_now() {
  return metal::model::Timestamp{static_cast<std::int64_t>(emscripten_date_now() * 1000.0)};
}

// The canvas follows the page: CSS pixels x devicePixelRatio, and fonts rasterized for that ratio.
// Returns true when anything changed (the frame must be drawn).
bool fit_canvas(App& app) {
  bool changed = false;
  double css_width = 0, css_height = 0;
  emscripten_get_element_css_size("#canvas", &css_width, &css_height);
  const double ratio = emscripten_get_device_pixel_ratio();
  const int width = static_cast<int>(std::lround(css_width * ratio));
  const int height = static_cast<int>(std::lround(css_height * ratio));
  if (width > 0 && height > 0 && (width != app.canvas_width || height != app.canvas_height)) {
    app.canvas_width = width;
    app.canvas_height = height;
    metal::web::page_platform_set_canvas_size(width, height);
    changed = true;
  }
  const auto scale = static_cast<float>(ratio > 0 ? ratio : 1.0);
  if (scale != app.ui.scale()) {  // moved to a screen of another density, or zoomed
    app.ui.configure(scale);
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    changed = true;
  }
  return changed;
}

// The URL hash and the console's route follow each other: opening a server or one of its tabs
// adds a history entry (so Back returns to the previous tab, then closes the server); refining a
// filter or a chart's range replaces the current one.
void publish_route(App& app) {
  const metal::state::Console& console = *app.console;
  if (console.route_version() == app.published_route) return;
  app.published_route = console.route_version();
  const bool push =
      console.route().server_id != app.published_server || console.route().tab != app.published_tab;
  app.published_server = console.route().server_id;
  app.published_tab = console.route().tab;
  js_set_hash(metal::state::format_route(console.route()).c_str(), push ? 1 : 0);
}

// Replaces the console with one on the chosen session; the address (route) carries over.
void start_session(App& app, const metal::state::SessionChoice& choice) {
  const std::string hash = take_js_string(js_location_hash());
  app.console.reset();  // before the transport it holds
  app.network.reset();
  app.serial.reset();
  app.demo.reset();
  if (choice.demo) {
    app.demo = std::make_unique<metal::sim::DemoCloud>(app.demo_options, wall_now());
    app.console = std::make_unique<metal::state::Console>(
        app.demo->transport(), metal::api::Credentials{app.demo->demo_key().secret_key},
        app.demo->world().active_zones());
    app.console->set_serial_connector(&app.demo->serial());
    app.shell.session_label = "Offline demo";
    app.shell.on_demo = true;
    if (app.demo->clock_speed() != 1.0) {
      char label[32];
      std::snprintf(label, sizeof label, "clock x%g", app.demo->clock_speed());
      app.shell.clock_label = label;
    }
  } else {
    app.network = std::make_unique<metal::web::FetchTransport>(choice.api_url);
    app.console = std::make_unique<metal::state::Console>(
        *app.network, metal::api::Credentials{choice.secret_key}, metal::api::all_zones());
    app.serial = std::make_unique<metal::web::WebSerialConnector>(choice.api_url);
    app.console->set_serial_connector(app.serial.get());
    app.shell.session_label = choice.api_url.empty() ? "API (this server)" : choice.api_url;
    app.shell.on_demo = false;
    app.shell.clock_label.clear();
  }
  app.console->navigate_to_address(hash);
  app.published_route = app.console->route_version();
  app.published_server = app.console->route().server_id;
  app.published_tab = app.console->route().tab;
}

// The demo also answers between frames, in slices of the time the page would idle there
// (DemoCloud::kBetweenFramesSliceMs each), while requests wait on it.
void post_between_frames(App& app) {
  if (app.between_frames_posted || !app.demo || app.demo->unanswered() == 0) return;
  app.between_frames_posted = true;
  js_post_between_frames();
}

void work_between_frames(App& app) {
  app.between_frames_posted = false;
  if (!app.demo) return;
  const double start = emscripten_get_now();
  app.console->send_requests();
  const std::size_t waiting = app.demo->unanswered();
  if (waiting == 0) return;
  app.demo->tick(wall_now(), [start] {
    return emscripten_get_now() - start > metal::sim::DemoCloud::kBetweenFramesSliceMs;
  });
  const bool answered = app.demo->unanswered() < waiting;
  app.console->send_requests();  // what the answers asked for next (a listing's next pages)
  // Nothing answered (a latency fault holds them): the next frame posts again.
  if (answered) post_between_frames(app);
}

EM_BOOL frame(double, void* arg) {
  App& app = *static_cast<App*>(arg);
  const double start = emscripten_get_now();
  const bool resized = fit_canvas(app);
  // Simulated work gets what is left of a 60 Hz frame, so the UI never stalls on a big listing.
  // The console goes first: what it asks for in this frame (a tab's charts) is answered in it.
  if (app.demo) {
    const double budget = metal::sim::DemoCloud::frame_budget_ms(
        !app.console->sync().initial_load_done(), app.console->opening(), true);
    app.console->tick(start / 1000.0, app.demo->sim_now());
    app.demo->tick(wall_now(), [start, budget] { return emscripten_get_now() - start > budget; });
    app.console->settle();
    app.console->send_requests();
    post_between_frames(app);
  } else {
    app.console->tick(start / 1000.0, wall_now());
  }
  // Nothing moved and no input: skip drawing (the browser still calls back every frame).
  const bool input = metal::web::page_platform_take_input() || resized;
  if (!app.pacer.should_draw(*app.console, start / 1000.0, input)) return EM_TRUE;

  ImGui_ImplOpenGL3_NewFrame();
  metal::web::page_platform_new_frame(app.canvas_width, app.canvas_height);
  ImGui::NewFrame();
  app.ui.draw(*app.console, app.shell);
  ImGui::Render();
  glViewport(0, 0, app.canvas_width, app.canvas_height);
  const ImVec4 bg = metal::ui::palette().surface;
  glClearColor(bg.x, bg.y, bg.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
  publish_route(app);
  if (auto choice = app.ui.take_session_choice()) {
    js_session_save(choice->demo ? "" : (choice->api_url + "\n" + choice->secret_key).c_str(),
                    choice->remember ? 1 : 0);
    start_session(app, *choice);
    std::fill(choice->secret_key.begin(), choice->secret_key.end(), '\0');
  }

  const double end = emscripten_get_now();
  app.frames.add(end - start);
  // performance.now() counts from navigation start: exactly "first frame with data" latency.
  if (app.first_frame_ms < 0 && app.ui.drew_data()) app.first_frame_ms = end;
  if (app.loaded_frame_ms < 0 && app.console->sync().initial_load_done()) app.loaded_frame_ms = end;
  return EM_TRUE;
}

}  // namespace

// ---- what the page's JS calls (window.metalConsole) ----

extern "C" {

EMSCRIPTEN_KEEPALIVE const char* metal_status() {
  if (!g_app || !g_app->console) return "{\"ready\":false}";
  const ImVec2 size = ImGui::GetIO().DisplaySize;
  metal::state::StatusInputs inputs{g_app->first_frame_ms >= 0,
                                    g_app->first_frame_ms,
                                    g_app->loaded_frame_ms,
                                    &g_app->frames,
                                    g_app->demo ? "demo" : g_app->shell.session_label,
                                    g_app->ui.scale(),
                                    size.x,
                                    size.y,
                                    static_cast<double>(emscripten_get_heap_size())};
  g_app->status = metal::state::status_json(*g_app->console, inputs);
  return g_app->status.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* metal_anchors() {
  if (!g_app) return "{}";
  g_app->status = metal::ui::anchors_json();
  return g_app->status.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* metal_rows(int limit) {
  if (!g_app || !g_app->console) return "[]";
  g_app->status = metal::state::visible_rows_json(*g_app->console,
                                                  static_cast<std::size_t>(std::max(0, limit)));
  return g_app->status.c_str();
}

EMSCRIPTEN_KEEPALIVE void metal_between_frames() {
  if (g_app && g_app->console) work_between_frames(*g_app);
}

EMSCRIPTEN_KEEPALIVE void metal_hash_changed() {
  if (!g_app || !g_app->console) return;
  g_app->console->navigate_to_address(take_js_string(js_location_hash()));
  // What the URL says is already published.
  g_app->published_route = g_app->console->route_version();
  g_app->published_server = g_app->console->route().server_id;
  g_app->published_tab = g_app->console->route().tab;
}

}  // extern "C"

int main() {
  auto* app = new App();  // lives as long as the page
  g_app = app;

  // Demo options from the page address: ?servers=N&seed=S&speed=X
  metal::sim::DemoOptions demo_options;
  std::vector<std::string> problems;
  const std::string search = take_js_string(js_location_search());
  for (const auto& [name, value] :
       metal::api::parse_query(std::string_view(search).substr(search.empty() ? 0 : 1))) {
    if (auto problem = metal::sim::apply_demo_option(demo_options, name, value))
      problems.push_back("Address: " + *problem);
  }

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
    g_app->clipboard = text;
    js_write_clipboard(text);
  };
  io.GetClipboardTextFn = [](void*) -> const char* {
    g_app->clipboard = take_js_string(js_read_clipboard());
    return g_app->clipboard.c_str();
  };

  const double ratio = emscripten_get_device_pixel_ratio();
  app->ui.configure(static_cast<float>(ratio > 0 ? ratio : 1.0));

  app->shell.frames = &app->frames;
  app->demo_options = demo_options;
  // A session kept from before (this tab, or remembered) reconnects; otherwise the demo.
  metal::state::SessionChoice session;
  const std::string saved = take_js_string(js_session_load());
  if (const auto newline = saved.find('\n'); newline != std::string::npos) {
    session.demo = false;
    session.api_url = saved.substr(0, newline);
    session.secret_key = saved.substr(newline + 1);
    if (metal::state::session_problem(session)) session = {};  // unreadable: the demo
  }
  start_session(*app, session);
  for (std::string& problem : problems)
    app->console->notify(metal::state::Notification::Level::error, std::move(problem));

  js_console_started();
  fit_canvas(*app);
  emscripten_request_animation_frame_loop(frame, app);
  return 0;
}
