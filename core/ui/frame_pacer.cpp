#include "ui/frame_pacer.hpp"

#include <imgui.h>

#include "state/console.hpp"

namespace metal::ui {

bool FramePacer::should_draw(const state::Console& console, double now, bool input) {
  if (input) last_input_ = now;
  const std::uint64_t signature = console.version();
  const bool changed = signature != signature_;
  signature_ = signature;
  // A moment after input the UI may still be settling (popups, hover, animations of one frame):
  // keep drawing for half a second.
  const bool user_active = now - last_input_ < 0.5 || ImGui::IsAnyItemActive();
  const bool busy = changed || user_active || console.requests_in_flight() > 0;
  // ImGui settles some layouts over a frame or two (table widths, clipping, popups): after any
  // change, draw a few frames in a row.
  if (busy) settle_frames_ = kSettleFrames;
  idle_ = !busy && settle_frames_ == 0;
  if (!user_active && console.streaming_first_load() && now - last_drawn_ < kStreamingInterval)
    return false;
  if (settle_frames_ > 0 || now - last_drawn_ >= kIdleInterval) {
    if (settle_frames_ > 0) --settle_frames_;
    last_drawn_ = now;
    return true;
  }
  return false;
}

}  // namespace metal::ui
