#include <doctest/doctest.h>
#include <imgui.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "../support/demo_console.hpp"
#include "../support/imgui_context.hpp"
#include "api/wire.hpp"
#include "sim/demo_host.hpp"
#include "state/servers/servers.hpp"
#include "ui/console_app.hpp"
#include "ui/demo_link.hpp"

using namespace metal;

namespace {

// A platform whose demo runs apart (as the browser's worker does), its world built only when
// the test says so.
struct DemoApartPlatform final : ui::Platform {
  std::deque<std::string> to_host, to_console;
  std::unique_ptr<sim::DemoHost> host;

  Expected<std::unique_ptr<ui::SessionLink>, std::string> open(
      const state::SessionChoice&) override {
    return std::unique_ptr<ui::SessionLink>(std::make_unique<ui::DemoLink>(
        [this](std::string bytes) { to_host.push_back(std::move(bytes)); },
        [this](ui::DemoLink& link) {
          while (!to_console.empty()) {
            link.receive(to_console.front());
            to_console.pop_front();
          }
        }));
  }
  /// The requests the console sent since the last call, by path.
  std::vector<std::string> sent_paths() {
    std::vector<std::string> paths;
    for (const std::string& frame : to_host) {
      std::string_view bytes(frame);
      while (!bytes.empty()) {
        auto decoded = api::wire::decode(bytes);
        if (!decoded) break;
        if (auto* request = std::get_if<api::wire::RequestFrame>(&*decoded))
          paths.emplace_back(request->request.path());
      }
    }
    return paths;
  }
  /// The demo takes what the console sent and answers it.
  void answer() {
    for (const std::string& frame : to_host)
      host->receive(frame);
    to_host.clear();
    host->tick(testing::kDemoStart, [] { return false; });
  }
  void build_world() {
    sim::DemoOptions options;
    options.servers = 20;
    host = std::make_unique<sim::DemoHost>(
        options, testing::kDemoStart,
        [this](std::string bytes) { to_console.push_back(std::move(bytes)); }, std::nullopt, 1);
  }
};

// The pacer asks ImGui whether a widget is held; no frame is ever drawn here.
}  // namespace

TEST_CASE("while the demo's world is built the placeholder is drawn once, then only on input") {
  testing::ImGuiContextScope imgui;
  DemoApartPlatform platform;
  ui::ConsoleApp app(platform, ui::ShellInfo{});
  app.start(state::SessionChoice{}, "");
  const model::Timestamp wall = testing::kDemoStart;

  CHECK(app.step(0.0, wall, false));  // the first frame shows what is happening
  CHECK(app.console() == nullptr);
  // Nothing moves on the placeholder: no frame drawn (each costs what the world's build needs).
  for (double now = 0.016; now < 2.0; now += 0.016)
    REQUIRE_FALSE(app.step(now, wall, false));
  CHECK(app.step(2.0, wall, true));  // the pointer moved, the window was resized: drawn
  CHECK_FALSE(app.step(2.016, wall, false));
  app.frame_done(130.0, 2016.0);  // the placeholder's first frame: shaders, fonts
  CHECK(app.frames().p95() == 130.0);

  platform.build_world();  // the world is up: its hello reaches the console
  CHECK(app.step(2.1, wall, false));
  CHECK(app.console() != nullptr);
  // The console's frame times are its own; the count of frames drawn goes on.
  CHECK(app.frames().count() == 0);
  CHECK(app.frames().drawn() == 1);
  app.frame_done(6.0, 2100.0);
  CHECK(app.frames().p95() == 6.0);
}

TEST_CASE("a click that opens a server sends what its page needs with that frame, not the next") {
  testing::ImGuiContextScope imgui;
  DemoApartPlatform platform;
  ui::ConsoleApp app(platform, ui::ShellInfo{});
  app.start(state::SessionChoice{}, "");
  platform.build_world();
  const model::Timestamp wall = testing::kDemoStart;
  double now = 0;
  auto frame = [&] {
    (void)app.step(now, wall, false);
    app.frame_done(1.0, now * 1000);
    platform.answer();
    now += 1.0 / 60;
  };
  for (int i = 0; i < 120 && !(app.console() &&
                               app.console()->feature<state::Servers>().sync().initial_load_done());
       ++i)
    frame();
  REQUIRE(app.console() != nullptr);
  auto& servers = app.console()->feature<state::Servers>();
  REQUIRE(servers.servers().size() == 20);
  frame();
  (void)app.step(now, wall, false);
  platform.answer();  // what this frame's tick asked for is answered; nothing waits
  const std::string id = servers.servers().rows().front().id;
  servers.select(id);  // what a click on the server's row does while the frame is drawn
  CHECK(platform.sent_paths().empty());
  app.frame_done(1.0, now * 1000);
  const std::vector<std::string> sent = platform.sent_paths();
  CHECK(std::find_if(sent.begin(), sent.end(), [&](const std::string& path) {
          return path.ends_with("/servers/" + id);
        }) != sent.end());
}
