#pragma once
// The offline demo and a console on it, driven by a test clock instead of frames: what every
// state test of the console starts from.

#include <cstdint>

#include "sim/demo_cloud.hpp"
#include "state/console.hpp"
#include "state/servers/servers.hpp"
#include "ui/page_registry.hpp"

namespace metal::testing {

inline const model::Timestamp kDemoStart = *model::parse_timestamp("2026-11-01T09:00:00Z");

struct DemoConsole {
  sim::DemoCloud demo;
  state::Console console;
  double seconds = 0;

  explicit DemoConsole(int servers, std::uint64_t seed = 17, sim::Faults faults = {},
                       double speed = 1.0)
      : demo(sim::DemoOptions{seed, servers, speed, faults}, kDemoStart),
        console(demo.transport(), api::Credentials{demo.demo_key().secret_key},
                demo.world().fleet().zones(), ui::page_table()) {
    console.set_serial_connector(&demo.serial());
    console.feature<state::Servers>();  // as the platforms do: the list loads from the start
  }

  state::Servers& servers() { return console.feature<state::Servers>(); }
  const state::Servers& servers() const { return console.feature<state::Servers>(); }

  /// Simulated and console time move together, a tick every `step` seconds.
  void run_for(double duration, double step = 0.1) {
    for (double end = seconds + duration; seconds < end; seconds += step) {
      demo.tick(model::Timestamp{kDemoStart.micros + static_cast<std::int64_t>(seconds * 1e6)},
                [] { return false; });
      console.tick(seconds, demo.sim_now());
    }
  }
  /// The first server in `state` that is not protected (so any action may apply), or null.
  const state::ServerRow* first(model::ServerState state) const {
    for (const state::ServerRow& row : servers().servers().rows())
      if (row.state == state && !row.is_protected) return &row;
    return nullptr;
  }
};

}  // namespace metal::testing
