#include <doctest/doctest.h>

#include "../support/demo_console.hpp"
#include "../support/json.hpp"
#include "state/console.hpp"
#include "state/console_status.hpp"

using namespace metal;
using namespace metal::model;

namespace {

// Seed 17, the clock at 1x unless a test asks otherwise.
struct LoadConsole : testing::DemoConsole {
  explicit LoadConsole(int servers, double speed = 1.0)
      : testing::DemoConsole(servers, 17, {}, speed) {}
};

}  // namespace

TEST_CASE("the console loads every server of every zone from the demo") {
  LoadConsole t(40);
  t.run_for(0.5);
  CHECK(t.servers().sync().initial_load_done());
  CHECK(t.servers().servers().size() == 40);
  CHECK(t.servers().view().size() == 40);
  CHECK(t.servers().sync().reported_total() == 40);
  CHECK(t.console.last_error().empty());
}

TEST_CASE("filter and sort the list as the user asks") {
  LoadConsole t(300);
  t.run_for(0.5);
  REQUIRE(t.servers().servers().size() == 300);

  state::ServerQuery query;
  query.text = "web prod";
  t.servers().set_query(query);
  t.run_for(0.1);
  REQUIRE(t.servers().view().size() > 0);
  for (std::uint32_t i : t.servers().view().rows()) {
    const auto& row = t.servers().servers().rows()[i];
    CHECK(row.search_text.find("web") != std::string::npos);
    CHECK(row.search_text.find("prod") != std::string::npos);
  }

  query = {};
  query.state = ServerState::running;
  query.sort = state::ServerColumn::name;
  t.servers().set_query(query);
  t.run_for(0.1);
  const auto rows = t.servers().view().rows();
  REQUIRE(rows.size() > 1);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const auto& row = t.servers().servers().rows()[rows[i]];
    CHECK(row.state == ServerState::running);
    if (i > 0) CHECK(t.servers().servers().rows()[rows[i - 1]].name <= row.name);
  }
}

TEST_CASE("power on from the console: the row goes starting, then running, without a reload") {
  LoadConsole t(40);
  t.run_for(0.5);
  const state::ServerRow* stopped = t.first(ServerState::stopped);
  REQUIRE(stopped);
  const std::string id = stopped->id;
  t.servers().select(id);
  t.servers().request_action(id, ServerAction::poweron);
  CHECK(t.servers().action_pending(id));
  t.run_for(1.5);
  CHECK_FALSE(t.servers().action_pending(id));
  CHECK(t.servers().servers().find(id)->state == ServerState::starting);
  REQUIRE(t.servers().selected_detail());
  CHECK(t.servers().selected_detail()->id == id);
  REQUIRE_FALSE(t.console.notifications().empty());
  CHECK(t.console.notifications().back().text.starts_with("Powering on "));
  t.run_for(70);
  CHECK(t.servers().servers().find(id)->state == ServerState::running);
  CHECK(t.servers().selected_detail()->state == ServerState::running);
}

TEST_CASE("a refused action is reported in words and changes nothing") {
  LoadConsole t(40);
  t.run_for(0.5);
  const state::ServerRow* running = t.first(ServerState::running);
  REQUIRE(running);
  const std::string id = running->id;
  t.servers().request_action(id, ServerAction::poweron);
  t.run_for(0.5);
  CHECK(t.servers().servers().find(id)->state == ServerState::running);
  REQUIRE_FALSE(t.console.notifications().empty());
  const std::string text = t.console.notifications().back().text;
  CHECK(text.find("server should be stopped") != std::string::npos);
  CHECK(text.find(t.demo.demo_key().secret_key) == std::string::npos);
  CHECK(t.console.last_error().find("POST /instance/v1/zones/") != std::string::npos);
}

TEST_CASE("a terminated server leaves the list") {
  LoadConsole t(40);
  t.run_for(0.5);
  const state::ServerRow* running = t.first(ServerState::running);
  REQUIRE(running);
  const std::string id = running->id;
  t.servers().request_action(id, ServerAction::terminate);
  t.run_for(40);
  CHECK(t.servers().servers().find(id) == nullptr);
  CHECK(t.servers().servers().size() == 39);
}

TEST_CASE("changes made by the world itself show up through the periodic sync") {
  // Servers caught mid-transition at start settle without anyone watching them.
  LoadConsole t(200);
  t.run_for(0.5);
  bool any_moving = false;
  for (const auto& row : t.servers().servers().rows())
    any_moving |= is_transitional(row.state);
  REQUIRE(any_moving);
  t.run_for(120, 0.25);
  for (const auto& row : t.servers().servers().rows())
    CHECK_FALSE(is_transitional(row.state));
}

TEST_CASE("status reports what a test needs, and never the key") {
  LoadConsole t(40);
  t.run_for(0.5);
  state::FrameStats frames;
  for (int i = 1; i <= 200; ++i)
    frames.add(i <= 100 ? 1.0 : 3.0);
  CHECK(frames.count() == 120);
  CHECK(frames.average() == doctest::Approx((20 * 1.0 + 100 * 3.0) / 120));
  CHECK(frames.p95() == 3.0);
  const std::string status = state::status_json(t.console, {true, 420.0, 650.0, &frames, "demo"});
  const auto json = test::parse(status);
  REQUIRE(json.is_object());
  CHECK(json["ready"] == true);
  CHECK(json["firstFrameMs"] == 420.0);
  CHECK(json["servers"]["total"] == 40);
  CHECK(json["servers"]["loaded"] == true);
  CHECK(json["servers"]["loadedFrameMs"] == 650.0);
  CHECK(json["route"] == "#/servers");
  CHECK(status.find(t.demo.demo_key().secret_key) == std::string::npos);
}

TEST_CASE("a big list refreshes in batches while loading, and never points at rows that moved") {
  LoadConsole t(6000);
  t.run_for(0.05, 0.05);  // a first page or so
  bool removed = false;
  std::string victim;
  for (int frame = 0; frame < 400; ++frame) {
    t.run_for(0.05, 0.05);
    // Every index the list holds is a row of the store, at every frame.
    bool all_valid = true;
    for (std::uint32_t i : t.servers().view().rows())
      all_valid &= i < t.servers().servers().size();
    REQUIRE(all_valid);
    if (!removed && t.servers().servers().size() > 3000) {
      const state::ServerRow* running = t.first(ServerState::running);
      REQUIRE(running);
      victim = running->id;
      t.servers().request_action(victim, ServerAction::terminate);
      removed = true;
    }
  }
  CHECK(t.servers().sync().initial_load_done());
  CHECK(t.servers().servers().find(victim) == nullptr);
  CHECK(t.servers().servers().size() == 5999);
  t.run_for(0.5, 0.05);
  CHECK(t.servers().view().size() == 5999);
}
