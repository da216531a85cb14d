#pragma once
// When to draw: at once on input or when what the console shows changed, otherwise a few times a
// second (ages and clocks move), so an idle console costs next to nothing (no GPU work, no layout).
// Platforms keep ticking the console every frame; they only skip drawing.

#include <cstdint>

#include "state/feature.hpp"

namespace metal::state {
class Console;
}

namespace metal::ui {

class FramePacer {
 public:
  /// Seconds between frames when nothing moves.
  static constexpr double kIdleInterval = 0.25;
  /// Seconds between frames while the console's first load streams rows in and the user does
  /// nothing: every frame would have new rows, and drawing each takes the time the load needs (in
  /// headless Chromium's software WebGL a drawn frame costs ~40 ms of the page's thread and ~60 ms
  /// of the GPU process's, on a machine the simulated cloud's worker shares). The list refreshes
  /// at the same pace.
  static constexpr double kStreamingInterval = state::kStreamingRefreshInterval;

  /// Call before starting an ImGui frame. `input`: the platform saw input since the last call
  /// (backends read the mouse and buttons inside NewFrame, so ImGui's IO cannot tell yet).
  bool should_draw(const state::Console& console, double now, bool input);
  /// Whether the last should_draw() found nothing moving (the platform may sleep until input).
  bool idle() const { return idle_; }

 private:
  std::uint64_t signature_ = ~0ull;
  double last_input_ = -1e9;
  double last_drawn_ = -1e9;
  bool idle_ = false;
  static constexpr int kSettleFrames = 3;
  int settle_frames_ = 0;
};

}  // namespace metal::ui
