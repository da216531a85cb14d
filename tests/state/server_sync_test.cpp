#include <doctest/doctest.h>

#include "api/instance_client.hpp"
#include "sim/demo_cloud.hpp"
#include "state/server_sync.hpp"

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

TEST_CASE("a zone that fails is reported and retried; the other zones load meanwhile") {
  sim::DemoCloud demo(sim::DemoOptions{5, 60, 1.0, {}}, kStart);
  OneZoneDown transport(demo.transport(), "nl-ams-1");
  api::InstanceClient client(transport, api::Credentials{demo.demo_key().secret_key});
  state::ServerStore store;
  state::ServerSync sync(client, store, demo.world().active_zones());

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
    for (const std::string& zone : demo.world().active_zones())
      if (zone == "nl-ams-1")
        n = demo.world()
                .list_servers(zone, {}, sim::World::ServerOrder::creation_date_desc, 1, 1)
                .total;
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
