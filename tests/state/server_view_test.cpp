#include <doctest/doctest.h>

#include <algorithm>
#include <cstdio>

#include "sim/world.hpp"
#include "state/format.hpp"
#include "state/servers/server_view.hpp"

using namespace metal;
using namespace metal::state;

namespace {

ServerStore demo_store(int servers) {
  sim::World world(sim::WorldConfig{31, servers, model::Timestamp{1'790'000'000'000'000}});
  ServerStore store;
  for (const std::string& zone : world.fleet().zones())
    for (const auto& s :
         world.list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 1 << 30).servers)
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

TEST_CASE("rows changing under a query are placed exactly where a full recompute puts them") {
  ServerStore store = demo_store(3000);
  const std::vector<ServerRow> seeded(store.rows().begin(), store.rows().end());
  std::uint64_t x = 0x2545F4914F6CDD1Dull;
  auto next = [&x](std::uint64_t bound) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x % bound;
  };
  const model::ServerState states[] = {model::ServerState::running, model::ServerState::stopped,
                                       model::ServerState::starting, model::ServerState::stopping};
  struct Case {
    ServerColumn sort;
    bool descending;
    ServerGrouping group;
    const char* text;
    std::optional<model::ServerState> state;
  };
  for (const Case& c :
       {Case{ServerColumn::created, false, ServerGrouping::none, "", {}},
        Case{ServerColumn::name, true, ServerGrouping::none, "web", {}},
        Case{ServerColumn::state, false, ServerGrouping::state, "", {}},
        Case{ServerColumn::public_ip, false, ServerGrouping::none, "", model::ServerState::running},
        Case{ServerColumn::tags, true, ServerGrouping::zone, "", {}}}) {
    CAPTURE(static_cast<int>(c.sort));
    CAPTURE(static_cast<int>(c.group));
    ServerQuery query;
    query.sort = c.sort;
    query.descending = c.descending;
    query.group = c.group;
    query.text = c.text;
    query.state = c.state;
    ServerView view;
    view.refresh(store, query);
    for (int round = 0; round < 12; ++round) {
      // A poll's worth of changes: states, names and creation times move; new servers come.
      for (int k = 0; k < 40; ++k) {
        ServerRow row = store.rows()[next(store.size())];
        row.state = states[next(4)];
        if (next(3) == 0) row.name = "web-" + std::to_string(next(5000));
        if (next(4) == 0) row.created.micros += static_cast<std::int64_t>(next(1'000'000'000));
        if (next(5) == 0) row.public_ip = "10.0." + std::to_string(next(255)) + ".1";
        row.search_text = to_lower(row.name + " " + row.id + " " + row.public_ip);
        store.upsert(std::move(row));
      }
      for (int k = 0; k < 5; ++k) {
        ServerRow row = seeded[next(seeded.size())];
        row.id = "new-" + std::to_string(round) + "-" + std::to_string(k);
        row.search_text = to_lower(row.name + " " + row.id);
        store.upsert(std::move(row));
      }
      CHECK(view.refresh(store, query));
      const auto expected = fresh(store, query);
      REQUIRE(std::vector<std::uint32_t>(view.rows().begin(), view.rows().end()) == expected);
      // The groups are those of a full recompute too.
      ServerView full;
      full.refresh(store, query);
      REQUIRE(view.groups().size() == full.groups().size());
      for (std::size_t g = 0; g < full.groups().size(); ++g) {
        CHECK(view.groups()[g].label == full.groups()[g].label);
        CHECK(view.groups()[g].count == full.groups()[g].count);
      }
    }
    // A removal moves rows in the store: the next refresh starts over, and agrees too.
    store.remove(store.rows()[next(store.size())].id);
    view.refresh(store, query);
    CHECK(std::vector<std::uint32_t>(view.rows().begin(), view.rows().end()) ==
          fresh(store, query));
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
  query.sort = ServerColumn::public_ip;
  view.refresh(store, query);
  auto ip_value = [](const std::string& ip) {
    unsigned a = 0, b = 0, c = 0, d = 0;
    std::sscanf(ip.c_str(), "%u.%u.%u.%u", &a, &b, &c, &d);
    return (static_cast<std::uint64_t>(a) << 24) | (b << 16) | (c << 8) | d;
  };
  std::uint64_t previous = 0;
  for (std::uint32_t i : view.rows()) {
    const ServerRow& r = store.rows()[i];
    const std::string& ip = r.public_ip;
    if (ip.empty()) continue;         // servers without an address come last
    CHECK(ip_value(ip) >= previous);  // 10.0.0.9 before 10.0.0.10
    previous = ip_value(ip);
  }

  query.sort = ServerColumn::created;  // youngest first
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

TEST_CASE("type and tag facets, and grouping by zone, state or first tag, at 100,000 rows") {
  const ServerStore store = demo_store(100'000);
  REQUIRE(store.size() == 100'000);
  ServerView view;
  ServerQuery query;
  query.group = ServerGrouping::zone;
  view.refresh(store, query);
  CHECK(view.size() == 100'000);
  REQUIRE(view.groups().size() >= 2);
  std::size_t covered = 0;
  for (std::size_t g = 0; g < view.groups().size(); ++g) {
    const ServerGroup& group = view.groups()[g];
    CHECK(group.first == covered);
    if (g > 0) CHECK(view.groups()[g - 1].label < group.label);  // zones in alphabetical order
    for (std::size_t p = group.first; p < group.first + group.count; ++p)
      CHECK(store.rows()[view.rows()[p]].zone == group.label);
    // Within a group, the sort (newest first) holds.
    for (std::size_t p = group.first + 1; p < group.first + group.count; ++p)
      CHECK(store.rows()[view.rows()[p - 1]].created >= store.rows()[view.rows()[p]].created);
    covered += group.count;
  }
  CHECK(covered == 100'000);
  // Lines: a header per group, then its rows; a folded group shows its header only.
  CHECK(view.line_count() == 100'000 + view.groups().size());
  CHECK(view.line(0).group == &view.groups()[0]);
  CHECK(view.line(1).group == nullptr);
  CHECK(view.line(1).position == 0);
  const std::string first_zone = view.groups()[0].label;
  view.toggle_group(first_zone);
  CHECK(view.groups()[0].collapsed);
  CHECK(view.line_count() == 100'000 - view.groups()[0].count + view.groups().size());
  CHECK(view.line(1).group == &view.groups()[1]);
  CHECK_FALSE(view.line_of(0).has_value());
  CHECK(view.line_of(view.groups()[1].first) == std::optional<std::size_t>(2));
  // Folding is remembered when the list refreshes.
  query.text = "web";
  view.refresh(store, query);
  CHECK(view.groups()[0].label == first_zone);
  CHECK(view.groups()[0].collapsed);

  // Facets: only servers of that type carrying that tag; grouped by state, moving ones first.
  const ServerRow& sample = store.rows()[store.size() / 2];
  REQUIRE_FALSE(sample.tags.empty());
  query = {};
  query.type = sample.commercial_type;
  query.tag = sample.tags.back();
  query.group = ServerGrouping::state;
  view.refresh(store, query);
  REQUIRE(view.size() > 0);
  CHECK(view.size() < 100'000);
  for (std::uint32_t i : view.rows()) {
    const ServerRow& row = store.rows()[i];
    CHECK(row.commercial_type == sample.commercial_type);
    CHECK(std::find(row.tags.begin(), row.tags.end(), sample.tags.back()) != row.tags.end());
  }
  for (const ServerGroup& group : view.groups())
    for (std::size_t p = group.first; p < group.first + group.count; ++p)
      CHECK(store.rows()[view.rows()[p]].state_text() == group.label);

  // By first tag: untagged servers come after every tag.
  query = {};
  query.group = ServerGrouping::tag;
  view.refresh(store, query);
  for (const ServerGroup& group : view.groups())
    for (std::size_t p = group.first; p < group.first + group.count; ++p) {
      const ServerRow& row = store.rows()[view.rows()[p]];
      CHECK((row.tags.empty() ? std::string("untagged") : row.tags.front()) == group.label);
    }
}

TEST_CASE("typing into a grouped list keeps groups and order exactly as a full recompute") {
  const ServerStore store = demo_store(5000);
  ServerView typing;
  ServerQuery query;
  query.group = ServerGrouping::tag;
  query.sort = ServerColumn::name;
  for (const char* text : {"", "d", "db", "db ", "db s", "db stg", "db", "w", "web 1"}) {
    CAPTURE(text);
    query.text = text;
    typing.refresh(store, query);
    ServerView full;
    full.refresh(store, query);
    CHECK(std::vector<std::uint32_t>(typing.rows().begin(), typing.rows().end()) ==
          std::vector<std::uint32_t>(full.rows().begin(), full.rows().end()));
    REQUIRE(typing.groups().size() == full.groups().size());
    for (std::size_t g = 0; g < full.groups().size(); ++g) {
      CHECK(typing.groups()[g].label == full.groups()[g].label);
      CHECK(typing.groups()[g].count == full.groups()[g].count);
    }
  }
}

TEST_CASE("the price column sorts by each zone's own price for the type, unknown prices last") {
  const ServerStore store = demo_store(600);
  PriceBook prices;
  // Two zones priced differently for the same types; the third zone is not priced yet.
  std::vector<std::string> zones;
  for (const ServerRow& row : store.rows())
    if (std::find(zones.begin(), zones.end(), row.zone) == zones.end()) zones.push_back(row.zone);
  REQUIRE(zones.size() >= 3);
  for (std::size_t z = 0; z < 2; ++z) {
    model::ServerTypeList types;
    std::int64_t cents = 100 + static_cast<std::int64_t>(z) * 7;
    for (const ServerRow& row : store.rows()) {
      auto [it, inserted] = types.servers.try_emplace(row.commercial_type);
      if (inserted)
        it->second.monthly_price.money = model::Money::from_nanos((cents += 13) * 10'000'000);
    }
    prices.set_zone(zones[z], types);
  }
  ServerView view;
  ServerQuery query;
  query.sort = ServerColumn::price;
  view.refresh(store, query, prices);
  std::int64_t previous = -1;
  bool unpriced_seen = false;
  for (std::uint32_t i : view.rows()) {
    const auto monthly = prices.monthly(store.rows()[i].zone, store.rows()[i].commercial_type);
    if (!monthly) {
      unpriced_seen = true;
      continue;
    }
    CHECK_FALSE(unpriced_seen);  // every priced row comes before the unpriced ones
    CHECK(monthly->total_nanos() >= previous);
    previous = monthly->total_nanos();
  }
  CHECK(unpriced_seen);
}
