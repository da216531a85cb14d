#pragma once
// The offline demo: a seeded world, its simulated clock and the in-process transport, in one
// object. sim::DemoHost runs it apart from the console (the browser's Web Worker, the desktop's
// thread); tests and benches drive it in process. Time comes in from outside, as real time.

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

/// Simulated time = sim_start + (real - real_start) * speed.
class SimClock {
 public:
  SimClock(model::Timestamp real_start, double speed)
      : real_start_(real_start), sim_start_(real_start), speed_(speed) {}
  SimClock(model::Timestamp real_start, model::Timestamp sim_start, double speed)
      : real_start_(real_start), sim_start_(sim_start), speed_(speed) {}
  model::Timestamp now(model::Timestamp real_now) const {
    const double elapsed = static_cast<double>(real_now.micros - real_start_.micros) * speed_;
    return model::Timestamp{sim_start_.micros + static_cast<std::int64_t>(elapsed)};
  }
  double speed() const { return speed_; }
  model::Timestamp real_start() const { return real_start_; }
  model::Timestamp sim_start() const { return sim_start_; }

 private:
  model::Timestamp real_start_;
  model::Timestamp sim_start_;
  double speed_;
};

class DemoCloud {
 public:
  DemoCloud(const DemoOptions& options, model::Timestamp real_now);
  /// A world restored from a saved copy: its clock goes on from where it was (or from now, when
  /// that is later), at the options' speed.
  DemoCloud(World world, const DemoOptions& options, model::Timestamp real_now);

  /// Requests sent to it and not answered yet.
  std::size_t unanswered() const { return transport_.in_flight(); }

  /// Advances the world to the simulated now, then answers queued requests within the budget.
  /// (Latency faults hold each answer until its time has come, in real time.)
  void tick(model::Timestamp real_now, const std::function<bool()>& should_yield);

  api::Transport& transport() { return transport_; }
  /// The serial consoles of the demo's servers, in process.
  api::SerialConnector& serial() { return serial_; }
  const ApiKey& demo_key() const { return world_.tenancy().api_keys().front(); }
  const World& world() const { return world_; }
  model::Timestamp sim_now() const { return world_.now(); }
  double clock_speed() const { return clock_.speed(); }
  const SimClock& clock() const { return clock_; }

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
