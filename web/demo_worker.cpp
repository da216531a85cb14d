#include "demo_worker.hpp"

#include <emscripten/emscripten.h>

// clang-format off
// The worker is window["metalDemoWorker"] when the shell started it early; its frames queued
// until someone listens are handed over first.
// Returns 1 when the worker was already running and had said hello to another link.
EM_JS(int, js_demo_worker_attach, (const char* options), {
  let worker = window["metalDemoWorker"];
  const attached_before = worker && worker["metalAttached"] ? 1 : 0;
  if (!worker) worker = window["metalStartDemoWorker"](UTF8ToString(options));
  worker["metalAttached"] = true;
  const take = (buffer) => {
    if (!(buffer instanceof ArrayBuffer)) { window["metalNoteWorld"](buffer); return; }
    const bytes = new Uint8Array(buffer), p = _malloc(bytes.length || 1);
    HEAPU8.set(bytes, p);
    _metal_demo_frames(p, bytes.length);
    _free(p);
    _metal_answers_arrived();
  };
  const early = window["metalDemoEarlyFrames"] || [];
  window["metalDemoEarlyFrames"] = null;
  worker.onmessage = (event) => take(event.data);
  for (const buffer of early) take(buffer);
  return attached_before;
});
EM_JS(void, js_demo_worker_post, (const char* bytes, int length), {
  const copy = HEAPU8.slice(bytes, bytes + length);
  window["metalDemoWorker"].postMessage(copy.buffer, [copy.buffer]);
});
// clang-format on

namespace metal::web {
namespace {

ui::DemoLink* g_link = nullptr;  // the page's one demo, while a session uses it

class WorkerLink final : public ui::DemoLink {
 public:
  WorkerLink()
      : ui::DemoLink([](std::string bytes) {
          js_demo_worker_post(bytes.data(), static_cast<int>(bytes.size()));
        }) {}
  ~WorkerLink() override {
    if (g_link == this) g_link = nullptr;
  }
};

}  // namespace

std::unique_ptr<ui::SessionLink> open_demo_worker(const std::string& options) {
  auto link = std::make_unique<WorkerLink>();
  g_link = link.get();
  if (js_demo_worker_attach(options.c_str())) link->attach();
  return link;
}

}  // namespace metal::web

extern "C" EMSCRIPTEN_KEEPALIVE void metal_demo_frames(const char* bytes, int length) {
  if (metal::web::g_link)
    metal::web::g_link->receive(std::string_view(bytes, static_cast<std::size_t>(length)));
}
