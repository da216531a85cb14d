#pragma once
// The offline demo: a seeded world, its simulated clock and the in-process transport, in one
// object the web and desktop entries own. Time comes in from the platform, as real time.

#include <functional>

#include "sim/api_handler.hpp"
#include "sim/faults.hpp"
#include "sim/in_process_serial.hpp"
#include "sim/sim_transport.hpp"
#include "sim/world.hpp"

namespace metal::sim {

struct DemoOptions {
  std::uint64_t seed = 1;
  int servers = 40;
  double clock_speed = 1.0;  // simulated seconds per real second (fast-forward for demos and tests)
  Faults faults;             // a bad day on demand, as the sandbox's --faults
};

/// Simulated time = start + (real - real_start) * speed.
class SimClock {
 public:
  SimClock(model::Timestamp real_start, double speed) : real_start_(real_start), speed_(speed) {}
  model::Timestamp now(model::Timestamp real_now) const {
    const double elapsed = static_cast<double>(real_now.micros - real_start_.micros) * speed_;
    return model::Timestamp{real_start_.micros + static_cast<std::int64_t>(elapsed)};
  }
  double speed() const { return speed_; }

 private:
  model::Timestamp real_start_;
  double speed_;
};

class DemoCloud {
 public:
  DemoCloud(const DemoOptions& options, model::Timestamp real_now);

  /// Milliseconds of a 60 Hz frame the simulated cloud may take to answer: while the user waits on
  /// an opening (a server, its charts) more than a frame, since one longer frame that shows them
  /// beats three that show a placeholder; most of what drawing leaves while the console's first
  /// load runs (the list fills sooner); less once it is done (the UI keeps headroom for input).
  /// A platform that also answers between frames (the page, which idles there) answers one
  /// request per frame once loaded, the rest between frames: polls and actions stay out of the
  /// frames of a user scrolling.
  static double frame_budget_ms(bool first_load_running, bool user_waiting,
                                bool answers_between_frames = false) {
    if (user_waiting) return 24.0;
    if (first_load_running) return 12.0;
    return answers_between_frames ? 0.0 : 8.0;
  }

  /// Milliseconds of one slice of the time between frames the simulated cloud may take: a page
  /// would idle there (the display's rate paces frames), and a frame or an input waits at most
  /// one slice for it.
  static constexpr double kBetweenFramesSliceMs = 5.0;
  /// Requests sent to it and not answered yet.
  std::size_t unanswered() const { return transport_.in_flight(); }

  /// Advances the world to the simulated now, then answers queued requests within the budget.
  /// (Latency faults hold each answer until its time has come, in real time.)
  void tick(model::Timestamp real_now, const std::function<bool()>& should_yield);

  api::Transport& transport() { return transport_; }
  /// The serial consoles of the demo's servers, in process.
  api::SerialConnector& serial() { return serial_; }
  const ApiKey& demo_key() const { return world_.api_keys().front(); }
  const World& world() const { return world_; }
  model::Timestamp sim_now() const { return world_.now(); }
  double clock_speed() const { return clock_.speed(); }

 private:
  SimClock clock_;
  World world_;
  ApiHandler handler_;
  SimTransport transport_;
  InProcessSerialConnector serial_{world_};
};

/// Bounds for options that come from URLs and command lines.
inline constexpr int kMaxDemoServers = 200'000;
inline constexpr double kMaxClockSpeed = 1000.0;

}  // namespace metal::sim
