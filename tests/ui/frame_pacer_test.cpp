#include <doctest/doctest.h>
#include <imgui.h>

#include "../support/demo_console.hpp"
#include "../support/imgui_context.hpp"
#include "ui/frame_pacer.hpp"

using namespace metal;
using metal::testing::DemoConsole;
using metal::testing::kDemoStart;

namespace {

constexpr double kFrame = 1.0 / 60;

// An ImGui context for the pacer's "is a widget held" question; no frame is ever drawn.
// One platform frame as the web and desktop entries run it (ui::ConsoleApp::step): the answers
// that came since the last frame (the demo answering at most one request: a slow machine, on
// which a big load takes many frames), then the console's tick, then the pacer's call.
bool platform_frame(DemoConsole& d, ui::FramePacer& pacer, bool input) {
  d.seconds += kFrame;
  d.demo.tick(model::Timestamp{kDemoStart.micros + static_cast<std::int64_t>(d.seconds * 1e6)},
              [] { return true; });
  d.console.tick(d.seconds, d.demo.sim_now());
  return pacer.should_draw(d.console, d.seconds, input);
}

}  // namespace

TEST_CASE("the frame pacer idles when nothing moves and draws at once on input or a change") {
  testing::ImGuiContextScope imgui;
  DemoConsole d(40);
  d.run_for(3);
  REQUIRE(d.servers().sync().initial_load_done());
  ui::FramePacer pacer;
  for (int i = 0; i < 30; ++i)  // whatever the first frames had to settle
    platform_frame(d, pacer, false);
  REQUIRE(pacer.idle());

  // Idle: a frame now and then (ages and clocks move), not every one.
  int drawn = 0;
  for (int i = 0; i < 60; ++i)
    drawn += platform_frame(d, pacer, false);
  CHECK(drawn >= 3);
  CHECK(drawn <= 5);
  CHECK(pacer.idle());

  // Input draws the very next frame, and the frames after it while the UI settles.
  CHECK(platform_frame(d, pacer, true));
  CHECK(platform_frame(d, pacer, false));
  CHECK_FALSE(pacer.idle());

  for (int i = 0; i < 60; ++i)  // half a second after the input: idle again
    platform_frame(d, pacer, false);
  REQUIRE(pacer.idle());
  // A change of what is shown (here a new route, as a link or Back gives) draws at once.
  d.console.navigate_to_address("#/servers?q=web");
  CHECK(platform_frame(d, pacer, false));
}

TEST_CASE("while a big first load streams in, new rows alone draw a few frames a second") {
  testing::ImGuiContextScope imgui;
  DemoConsole d(10000);
  ui::FramePacer pacer;
  int drawn = 0, frames = 0;
  std::uint64_t versions_seen = 0, last_version = 0;
  while (frames < 60 && !d.servers().sync().initial_load_done()) {
    drawn += platform_frame(d, pacer, false);
    ++frames;
    versions_seen += d.servers().servers().version() != last_version;
    last_version = d.servers().servers().version();
  }
  REQUIRE(frames == 60);      // a second of frames, and still loading
  CHECK(versions_seen > 30);  // rows came in nearly every frame...
  CHECK(drawn >= 2);          // ...and were shown twice a second, not 60
  CHECK(drawn <= 3);

  // The user moves: every frame is drawn while the load goes on.
  REQUIRE_FALSE(d.servers().sync().initial_load_done());
  for (int i = 0; i < 10; ++i)
    CHECK(platform_frame(d, pacer, true));

  // Loaded: a change draws at once again.
  for (int i = 0; i < 5000 && !d.servers().sync().initial_load_done(); ++i)
    platform_frame(d, pacer, false);
  REQUIRE(d.servers().sync().initial_load_done());
  for (int i = 0; i < 60; ++i)
    platform_frame(d, pacer, false);
  d.console.navigate_to_address("#/servers?q=db");
  CHECK(platform_frame(d, pacer, false));
}
