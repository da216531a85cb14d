// The offline demo's Web Worker: the simulated cloud (sim::DemoHost) as a WebAssembly module of
// its own, which a page loads only when it runs the demo. Frames come and go through postMessage
// with transferred buffers (sim_worker_pre.js); the world is kept in IndexedDB at most once a
// second, and read back when the page reloads.

#include <emscripten/emscripten.h>
#include <emscripten/html5.h>

#include <memory>
#include <string>
#include <string_view>

#include "api/http.hpp"
#include "sim/demo_host.hpp"
#include "sim/demo_options.hpp"

// clang-format off
EM_JS(void, js_sim_post, (const char* bytes, int length), {
  const copy = HEAPU8.slice(bytes, bytes + length);
  postMessage(copy.buffer, [copy.buffer]);
});
EM_JS(void, js_sim_save, (const char* bytes, int length, double at), {
  metalSaveWorld(HEAPU8.slice(bytes, bytes + length), at);
});
EM_JS(void, js_sim_forget_saved, (), { metalForgetWorld(); });
// clang-format on

namespace {

// While requests wait, the worker answers in slices this long, then lets its inbox (a cancel, a
// click's request) in.
constexpr double kSliceMs = 20;

struct Worker {
  metal::sim::DemoOptions options;
  std::string notice;  // what was wrong with the page's options
  std::string key;     // the saved world's name in IndexedDB: its size and seed
  std::unique_ptr<metal::sim::DemoHost> host;
  bool saving = false;
};
Worker g_worker;

metal::model::Timestamp wall_now() {
  return metal::model::Timestamp{static_cast<std::int64_t>(emscripten_date_now() * 1000.0)};
}

}  // namespace

extern "C" {

/// Reads the page's options (its query string); returns the name its saved world is kept under.
EMSCRIPTEN_KEEPALIVE const char* metal_sim_configure(const char* search) {
  std::string_view query(search);
  if (query.starts_with('?')) query.remove_prefix(1);
  for (const auto& [name, value] : metal::api::parse_query(query)) {
    if (name != "servers" && name != "seed" && name != "speed" && name != "faults") continue;
    if (auto problem = metal::sim::apply_demo_option(g_worker.options, name, value))
      g_worker.notice += (g_worker.notice.empty() ? "" : "\n") + ("Address: " + *problem);
  }
  g_worker.key = "world/servers=" + std::to_string(g_worker.options.servers) +
                 "/seed=" + std::to_string(g_worker.options.seed);
  return g_worker.key.c_str();
}

/// Builds the world (from the saved copy when there is one and it reads); returns 0 when a saved
/// copy was given and could not be read (the page sets it aside).
EMSCRIPTEN_KEEPALIVE int metal_sim_start(const char* saved, int length, double saved_at) {
  std::optional<std::string_view> copy;
  if (saved) copy = std::string_view(saved, static_cast<std::size_t>(length));
  g_worker.host = std::make_unique<metal::sim::DemoHost>(
      g_worker.options, wall_now(),
      [](std::string bytes) { js_sim_post(bytes.data(), static_cast<int>(bytes.size())); }, copy,
      static_cast<std::int64_t>(saved_at * 1000.0), g_worker.notice);
  return !saved || g_worker.host->restored() ? 1 : 0;
}

EMSCRIPTEN_KEEPALIVE void metal_sim_frames(const char* bytes, int length) {
  if (g_worker.host)
    g_worker.host->receive(std::string_view(bytes, static_cast<std::size_t>(length)));
}

/// Advances the world and answers; returns 1 while requests still wait (the page calls again at
/// once), 0 when idle.
EMSCRIPTEN_KEEPALIVE int metal_sim_work() {
  metal::sim::DemoHost* host = g_worker.host.get();
  if (!host) return 0;
  if (host->reset_requested()) {
    host->reset(wall_now());
    js_sim_forget_saved();
  }
  const double start = emscripten_get_now();
  host->tick(wall_now(), [start] { return emscripten_get_now() - start > kSliceMs; });
  if (!g_worker.saving) {
    if (auto world = host->take_save(wall_now())) {
      g_worker.saving = true;
      js_sim_save(world->data(), static_cast<int>(world->size()), emscripten_date_now());
    }
  }
  return host->unanswered() > 0 ? 1 : 0;
}

/// The page stored the world handed to it (`at`: ms since the epoch), or failed to (0).
EMSCRIPTEN_KEEPALIVE void metal_sim_saved(double at) {
  g_worker.saving = false;
  if (!g_worker.host) return;
  if (at > 0)
    g_worker.host->saved(metal::model::Timestamp{static_cast<std::int64_t>(at * 1000.0)});
  else
    g_worker.host->save_failed();
}

}  // extern "C"

int main() {
  return 0;  // everything starts when the page says how (sim_worker_pre.js)
}
