#include "ui/frame_pacer.hpp"

#include <imgui.h>

#include "state/console.hpp"

namespace metal::ui {
namespace {

// Changes whenever something the console shows changed.
std::uint64_t signature_of(const state::Console& console) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  mix(console.servers().version());
  mix(console.route_version());
  mix(console.prices().version());
  mix(console.requests_in_flight());
  const auto notices = console.notifications();
  mix(notices.size());
  mix(notices.empty() ? 0 : notices.back().id);
  mix(console.last_error().size());
  if (const auto& job = console.bulk())
    mix(job->count(state::BulkItem::Status::done) +
        7 * job->count(state::BulkItem::Status::failed));
  mix(console.selected_count());
  mix(console.wizard().submitting());
  if (const auto* serial = console.serial()) mix(serial->version());
  return h;
}

}  // namespace

bool FramePacer::should_draw(const state::Console& console, double now, bool input) {
  if (input) last_input_ = now;
  const std::uint64_t signature = signature_of(console);
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
  if (!user_active && !console.sync().initial_load_done() && now - last_drawn_ < kIdleInterval)
    return false;
  if (settle_frames_ > 0 || now - last_drawn_ >= kIdleInterval) {
    if (settle_frames_ > 0) --settle_frames_;
    last_drawn_ = now;
    return true;
  }
  return false;
}

}  // namespace metal::ui
