#pragma once
// What the console reports about itself to tests and tools: the browser publishes it as
// window.metalConsole.status(), the desktop app prints it as a JSON line on exit.

#include <array>
#include <cstddef>
#include <functional>
#include <string>

#include "state/console.hpp"

namespace metal::state {

/// CPU time spent per frame, over the last 120 frames.
class FrameStats {
 public:
  void add(double milliseconds);
  double average() const;
  double p95() const;
  std::size_t count() const { return count_; }
  /// Frames drawn since the start (an idle console draws a few a second).
  std::uint64_t drawn() const { return drawn_; }
  /// Forgets the times kept so far (the count of frames drawn stays).
  void forget_times() { next_ = count_ = 0; }

 private:
  std::uint64_t drawn_ = 0;
  std::array<double, 120> samples_{};
  std::size_t next_ = 0;
  std::size_t count_ = 0;
};

struct StatusInputs {
  bool ready = false;           // a frame showing data has been drawn
  double first_frame_ms = -1;   // from navigation (web) or process start (desktop) to that frame
  double loaded_frame_ms = -1;  // the same to the first frame drawn with every server loaded
  const FrameStats* frames = nullptr;
  std::string session;       // "demo" or the API URL (never the key)
  float ui_scale = 1;        // fonts and sizes drawn for this many device pixels per CSS pixel
  float viewport_width = 0;  // the drawing surface, in device pixels
  float viewport_height = 0;
  double memory_bytes =
      0;  // the app's memory as the platform counts it (wasm heap; RSS); 0: unknown
};

/// The console's own fields, then what every feature and the shown page report, then what
/// `more` adds (the session's own report).
std::string status_json(const Console& console, const StatusInputs& inputs,
                        const std::function<void(model::Json&)>& more = {});

}  // namespace metal::state
