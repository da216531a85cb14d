#include <doctest/doctest.h>

#include "../support/fixtures.hpp"
#include "api/instance_client.hpp"
#include "model/json_decode.hpp"
#include "sim/api_handler.hpp"
#include "sim/demo_cloud.hpp"
#include "state/servers/server_sync.hpp"

using namespace metal;

namespace {

const model::Timestamp kStart{1'790'000'000'000'000};

// The demo's transport, except that one zone answers 503 while `zone_down` is set.
class OneZoneDown final : public api::Transport {
 public:
  explicit OneZoneDown(api::Transport& inner, std::string zone)
      : inner_(inner), zone_(std::move(zone)) {}
  bool zone_down = true;
  int refused = 0;

  RequestId send(api::Request request, Completion done) override {
    if (zone_down && request.path().find("/zones/" + zone_ + "/") != std::string_view::npos) {
      ++refused;
      failed_.push_back(std::move(done));
      return 0;
    }
    return inner_.send(std::move(request), std::move(done));
  }
  void cancel(RequestId id) override { inner_.cancel(id); }
  std::size_t in_flight() const override { return inner_.in_flight() + failed_.size(); }
  void deliver_failures() {
    auto failed = std::move(failed_);
    for (auto& done : failed) {
      api::Response r;
      r.status = 503;
      r.body = "<html>upstream unavailable</html>";
      done(r);
    }
  }

 private:
  api::Transport& inner_;
  std::string zone_;
  std::vector<Completion> failed_;
};

}  // namespace

TEST_CASE("a listing read as table items gives the rows whole servers give") {
  // The real API's recorded listing, and a page of the simulated cloud with every shape it makes.
  std::vector<std::string> bodies = {test::read_fixture("scaleway/instance_list_servers.json")};
  REQUIRE_FALSE(bodies.front().empty());
  sim::World world(sim::WorldConfig{5, 300, model::Timestamp{1'790'000'000'000'000}});
  sim::ApiHandler handler(world);
  api::Request request;
  request.target = "/instance/v1/zones/" + world.fleet().zones().front() + "/servers?per_page=100";
  request.headers.emplace_back("X-Auth-Token", world.tenancy().api_keys().front().secret_key);
  bodies.push_back(handler.handle(request).body);
  for (const std::string& body : bodies) {
    const auto whole = model::decode_text<model::ServerList>(body);
    auto items = model::decode_text<model::ServerItemList>(body);
    REQUIRE(whole);
    REQUIRE(items);
    REQUIRE(whole->servers.size() == items->servers.size());
    REQUIRE_FALSE(whole->servers.empty());
    for (std::size_t i = 0; i < whole->servers.size(); ++i) {
      CAPTURE(whole->servers[i].id);
      CHECK(model::list_item_of(whole->servers[i]) == items->servers[i]);
      const state::ServerRow row = state::make_row(std::move(items->servers[i]));
      CHECK(row == state::make_row(whole->servers[i]));
      CHECK_FALSE(row.search_text.empty());
    }
  }
  // What a table cannot do without is still required of each server.
  const auto missing = model::decode_text<model::ServerItemList>(R"({"servers":[{"name":"x"}]})");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().to_string().find("id") != std::string::npos);
}

TEST_CASE("a zone that fails is reported and retried; the other zones load meanwhile") {
  sim::DemoCloud demo(sim::DemoOptions{5, 60, 1.0, {}}, kStart);
  OneZoneDown transport(demo.transport(), "nl-ams-1");
  api::InstanceClient client(transport, api::Credentials{demo.demo_key().secret_key});
  state::ServerStore store;
  state::ServerSync sync(client, store, demo.world().fleet().zones());

  auto run_for = [&](double from, double to) {
    for (double t = from; t < to; t += 0.1) {
      sync.tick(t);
      transport.deliver_failures();
      demo.tick(model::Timestamp{kStart.micros + static_cast<std::int64_t>(t * 1e6)},
                [] { return false; });
    }
  };
  run_for(0, 1.0);
  const std::size_t down_zone = [&] {
    std::size_t n = 0;
    for (const std::string& zone : demo.world().fleet().zones())
      if (zone == "nl-ams-1")
        n = demo.world().list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 1).total;
    return n;
  }();
  REQUIRE(down_zone > 0);
  CHECK(store.size() == 60 - down_zone);  // the other zones are all there
  CHECK(store.count_in_zone("nl-ams-1") == 0);
  REQUIRE(sync.last_error());
  CHECK(sync.last_error()->status == 503);
  CHECK(sync.last_error()->request == "GET /instance/v1/zones/nl-ams-1/servers");
  CHECK_FALSE(sync.initial_load_done());

  // Retries back off (2 s, 4 s, ...) rather than hammering the failing zone.
  const int refused_so_far = transport.refused;
  run_for(1.0, 6.0);
  CHECK(transport.refused - refused_so_far <= 3);

  transport.zone_down = false;
  run_for(6.0, 20.0);
  CHECK(sync.initial_load_done());
  CHECK(store.size() == 60);
}

TEST_CASE("a server deleted elsewhere leaves the list when its zone is read again") {
  sim::DemoCloud demo(sim::DemoOptions{5, 60, 1.0, {}}, kStart);
  api::InstanceClient client(demo.transport(), api::Credentials{demo.demo_key().secret_key});
  state::ServerStore store;
  state::ServerSync sync(client, store, demo.world().fleet().zones());
  double t = 0;
  auto run_until = [&](double end) {
    for (; t < end; t += 0.1) {
      sync.tick(t);
      demo.tick(model::Timestamp{kStart.micros + static_cast<std::int64_t>(t * 1e6)},
                [] { return false; });
    }
  };
  run_until(1.0);
  REQUIRE(sync.initial_load_done());
  REQUIRE(store.size() == 60);
  // A row the API no longer lists (deleted by another client since the load read it).
  state::ServerRow stale = store.rows().front();
  stale.id = "00000000-0000-4000-8000-000000000000";
  stale.name = "deleted-elsewhere";
  store.upsert(stale);
  REQUIRE(store.size() == 61);
  // The next poll finds the zone's count off by one and reads the zone again.
  run_until(120.0);
  CHECK(store.size() == 60);
  CHECK(std::none_of(store.rows().begin(), store.rows().end(),
                     [](const state::ServerRow& row) { return row.name == "deleted-elsewhere"; }));
}
