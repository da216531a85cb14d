#include <doctest/doctest.h>

#include <algorithm>
#include <deque>
#include <memory>
#include <string>

#include "../support/demo_console.hpp"
#include "api/account_client.hpp"
#include "api/instance_client.hpp"
#include "sim/demo_host.hpp"
#include "state/console.hpp"
#include "state/servers/servers.hpp"
#include "ui/demo_link.hpp"
#include "ui/page_registry.hpp"

using namespace metal;

namespace {

// The demo apart from the console, as the browser's worker and the desktop's thread run it: the
// frames of each side are queued and handed to the other side between ticks.
struct Apart {
  std::deque<std::string> to_host, to_console;
  sim::DemoOptions options;
  std::unique_ptr<sim::DemoHost> host;
  ui::DemoLink link{[this](std::string bytes) { to_host.push_back(std::move(bytes)); },
                    [this](ui::DemoLink& self) {
                      while (!to_console.empty()) {
                        self.receive(to_console.front());
                        to_console.pop_front();
                      }
                    }};
  std::unique_ptr<state::Console> console;
  double seconds = 0;

  explicit Apart(int servers, std::optional<std::string> saved = std::nullopt) {
    options.seed = 17;
    options.servers = servers;
    start(saved);
  }
  void start(std::optional<std::string> saved) {
    host = std::make_unique<sim::DemoHost>(
        options, now(), [this](std::string bytes) { to_console.push_back(std::move(bytes)); },
        saved ? std::optional<std::string_view>(*saved) : std::nullopt, 1);
  }
  model::Timestamp now() const {
    return model::Timestamp{testing::kDemoStart.micros + static_cast<std::int64_t>(seconds * 1e6)};
  }
  void run_for(double duration, double step = 0.1) {
    for (double end = seconds + duration; seconds < end; seconds += step) {
      while (!to_host.empty()) {
        host->receive(to_host.front());
        to_host.pop_front();
      }
      if (host->reset_requested()) host->reset(now());
      host->tick(now(), [] { return false; });
      link.deliver();
      if (!console && link.ready()) {
        console = std::make_unique<state::Console>(link.transport(), link.credentials(),
                                                   link.zones(), ui::page_table());
        console->set_serial_connector(link.serial());
        console->feature<state::Servers>();
      }
      if (console) console->tick(seconds, link.clock(now()));
    }
  }
  state::Servers& servers() { return console->feature<state::Servers>(); }
};

}  // namespace

TEST_CASE("the console works the same with the demo apart, through frames") {
  Apart apart(300);
  testing::DemoConsole together(300);
  apart.run_for(1.0);
  together.run_for(1.0);
  REQUIRE(apart.console);
  CHECK(apart.link.zones() == together.demo.world().fleet().zones());
  CHECK(apart.link.credentials().secret_key == together.demo.demo_key().secret_key);
  CHECK(apart.servers().sync().initial_load_done());
  REQUIRE(apart.servers().servers().size() == 300);
  // The same servers, the same way, as the demo in process gives them.
  for (const state::ServerRow& row : together.servers().servers().rows()) {
    const state::ServerRow* other = apart.servers().servers().find(row.id);
    REQUIRE(other);
    CHECK(*other == row);
  }
  // An action through the frames.
  const state::ServerRow* stopped = nullptr;
  for (const state::ServerRow& row : apart.servers().servers().rows())
    if (row.state == model::ServerState::stopped) stopped = &row;
  REQUIRE(stopped);
  const std::string id = stopped->id;
  apart.servers().request_action(id, model::ServerAction::poweron);
  apart.run_for(2.0);
  CHECK(apart.servers().servers().find(id)->state == model::ServerState::starting);
  CHECK(apart.console->last_error().empty());
}

TEST_CASE("a serial console through the frames shows the boot log and answers typing") {
  Apart apart(12);
  apart.run_for(0.5);
  REQUIRE(apart.console);
  const state::ServerRow* running = nullptr;
  for (const state::ServerRow& row : apart.servers().servers().rows())
    if (row.state == model::ServerState::running) running = &row;
  REQUIRE(running);
  apart.servers().select(running->id, state::DetailTab::serial);
  apart.run_for(2.0);
  const state::SerialSession* serial = apart.servers().serial();
  REQUIRE(serial);
  CHECK(serial->link() == state::SerialLink::connected);
  bool login = false;
  for (int row = 0; row < serial->terminal().rows(); ++row)
    login |= serial->terminal().line_text(row).ends_with(" login:");
  CHECK(login);
  // Leaving the tab closes the socket on the demo's side too.
  apart.servers().open_tab(state::DetailTab::overview);
  apart.run_for(0.3);
  CHECK(apart.servers().serial() == nullptr);
}

TEST_CASE("the demo's world is saved, restored on reload, and reset to the seeded one") {
  Apart first(40);
  first.run_for(0.5);
  REQUIRE(first.console);
  CHECK_FALSE(first.host->take_save(first.now()).has_value());  // as seeded: nothing to keep
  const std::string id = first.servers().servers().rows().front().id;
  const std::string seeded_name = first.servers().servers().rows().front().name;
  api::InstanceClient client(first.console->dispatcher(), first.link.credentials());
  api::ServerUpdate rename;
  rename.name = "kept-across-reloads";
  client.update_server(first.servers().servers().find(id)->zone, id, rename, [](auto) {});
  first.servers().select(id);  // watched: polled until it settles
  first.run_for(1.5);
  REQUIRE(first.servers().servers().find(id)->name == "kept-across-reloads");
  auto saved = first.host->take_save(first.now());
  REQUIRE(saved);
  first.host->saved(first.now());
  // Saved at most once a second: nothing more now, whatever changes.
  CHECK_FALSE(first.host->take_save(first.now()).has_value());

  // The page reloads: a new demo, from the saved copy.
  Apart again(40, *saved);
  again.run_for(0.5);
  REQUIRE(again.console);
  CHECK(again.host->restored());
  model::Json status;
  again.link.report(status);
  CHECK(status["demo"]["restored"] == true);
  CHECK(again.servers().servers().find(id)->name == "kept-across-reloads");

  // "Reset demo": the seeded world, and a new console over it.
  const std::uint64_t generation = again.link.generation();
  CHECK(again.link.reset());
  again.console.reset();
  again.run_for(0.5);
  CHECK(again.link.generation() == generation + 1);
  REQUIRE(again.console);
  CHECK_FALSE(again.host->restored());
  CHECK(again.servers().servers().find(id)->name == seeded_name);
}

TEST_CASE("a change that touches no server (an SSH key renamed) is kept too") {
  Apart first(40);
  first.run_for(0.5);
  REQUIRE(first.console);
  api::AccountClient account(first.console->dispatcher(), first.link.credentials());
  std::string key_id;
  account.list_ssh_keys(api::ListQuery{}, [&](auto result) {
    if (result && !result->ssh_keys.empty()) key_id = result->ssh_keys.front().id;
  });
  first.run_for(0.3);
  REQUIRE_FALSE(key_id.empty());
  CHECK_FALSE(first.host->take_save(first.now()).has_value());  // reading changes nothing
  bool renamed = false;
  account.update_ssh_key(key_id, "renamed in the demo", std::nullopt,
                         [&](auto result) { renamed = result.has_value(); });
  first.run_for(0.3);
  REQUIRE(renamed);
  auto saved = first.host->take_save(first.now());
  REQUIRE(saved);
  auto world = sim::World::restore(*saved);
  REQUIRE(world);
  const auto& keys = world->tenancy().ssh_keys();
  CHECK(std::any_of(keys.begin(), keys.end(), [&](const auto& key) {
    return key.id == key_id && key.name == "renamed in the demo";
  }));
  // A copy that could not be stored is handed out again, the second later.
  first.host->save_failed();
  first.run_for(1.1);
  CHECK(first.host->take_save(first.now()).has_value());
}

TEST_CASE("a saved world that cannot be read is reported and set aside, never a blank page") {
  for (const std::string& saved :
       {std::string("not json at all"),
        std::string("{\"format\":\"metal-sandbox-world\",\"version\":99}"), std::string()}) {
    CAPTURE(saved);
    Apart apart(40, saved);
    apart.run_for(0.5);
    REQUIRE(apart.console);
    CHECK_FALSE(apart.host->restored());
    CHECK(apart.servers().servers().size() == 40);  // a fresh demo
    const auto notices = apart.link.take_notices();
    REQUIRE(notices.size() == 1);
    CHECK(notices[0].starts_with("The saved demo could not be read ("));
    CHECK(notices[0].ends_with("): it was set aside and a new demo started."));
  }
}
