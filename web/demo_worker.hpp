#pragma once
// The browser's offline demo: the simulated cloud in a Web Worker of its own WebAssembly module
// (dist/sim_worker.js + sim_worker.wasm, loaded only when the page runs the demo), reached with
// the frames of api/wire.hpp through postMessage with transferred buffers. The worker may have
// been started by the page's shell before this module was even compiled (it builds the world
// meanwhile); this adopts it.

#include <memory>
#include <string>

#include "ui/demo_link.hpp"

namespace metal::web {

/// A session link to the demo's worker. `options`: the page's query string (servers, seed,
/// speed, faults), which the worker reads itself. One at a time: the worker is the page's.
std::unique_ptr<ui::SessionLink> open_demo_worker(const std::string& options);

}  // namespace metal::web
