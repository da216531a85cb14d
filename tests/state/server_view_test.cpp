#include <doctest/doctest.h>

#include <cstdio>

#include "sim/world.hpp"
#include "state/server_view.hpp"

using namespace metal;
using namespace metal::state;

namespace {

ServerStore demo_store(int servers) {
  sim::World world(sim::WorldConfig{31, servers, model::Timestamp{1'790'000'000'000'000}});
  ServerStore store;
  for (const std::string& zone : world.active_zones())
    for (const auto& s :
         world.list_servers(zone, {}, sim::World::ServerOrder::creation_date_desc, 1, 1 << 30)
             .servers)
      store.upsert(make_row(s));
  return store;
}

std::vector<std::uint32_t> fresh(const ServerStore& store, const ServerQuery& query) {
  ServerView view;
  view.refresh(store, query);
  return {view.rows().begin(), view.rows().end()};
}

}  // namespace

TEST_CASE("typing into the filter narrows the list to exactly what a full recompute shows") {
  const ServerStore store = demo_store(3000);
  ServerView typing;
  ServerQuery query;
  query.sort = ServerColumn::name;
  for (const char* text : {"", "w", "we", "web", "web ", "web p", "web pr", "web prod",
                           "web prod 1", "web prod 12", "web prod 1", "web", "db", "db stg"}) {
    CAPTURE(text);
    query.text = text;
    typing.refresh(store, query);
    const auto expected = fresh(store, query);
    CHECK(std::vector<std::uint32_t>(typing.rows().begin(), typing.rows().end()) == expected);
  }
}

TEST_CASE("the state and zone facets and every sort column order the list as a person expects") {
  const ServerStore store = demo_store(500);
  ServerQuery query;
  query.zone = "nl-ams-1";
  query.state = model::ServerState::running;
  ServerView view;
  view.refresh(store, query);
  REQUIRE(view.size() > 0);
  for (std::uint32_t i : view.rows()) {
    CHECK(store.rows()[i].zone == "nl-ams-1");
    CHECK(store.rows()[i].state == model::ServerState::running);
  }

  query = {};
  query.sort = ServerColumn::ip;
  view.refresh(store, query);
  auto ip_value = [](const std::string& ip) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    std::sscanf(ip.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d);
    return (static_cast<std::uint64_t>(a) << 24) | (b << 16) | (c << 8) | d;
  };
  std::uint64_t previous = 0;
  for (std::uint32_t i : view.rows()) {
    const ServerRow& r = store.rows()[i];
    const std::string& ip = r.public_ip.empty() ? r.private_ip : r.public_ip;
    if (ip.empty()) continue;         // servers without an address come last
    CHECK(ip_value(ip) >= previous);  // 10.0.0.9 before 10.0.0.10
    previous = ip_value(ip);
  }

  query.sort = ServerColumn::age;  // youngest first
  view.refresh(store, query);
  for (std::size_t k = 1; k < view.size(); ++k)
    CHECK(store.rows()[view.rows()[k - 1]].created >= store.rows()[view.rows()[k]].created);
  query.descending = true;  // oldest first
  view.refresh(store, query);
  for (std::size_t k = 1; k < view.size(); ++k)
    CHECK(store.rows()[view.rows()[k - 1]].created <= store.rows()[view.rows()[k]].created);

  query = {};
  query.sort = ServerColumn::state;  // moving first, then running, then at rest
  view.refresh(store, query);
  CHECK(model::is_transitional(store.rows()[view.rows().front()].state));
  CHECK(store.rows()[view.rows().back()].state == model::ServerState::locked);
}
