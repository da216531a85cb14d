#include <doctest/doctest.h>

#include "state/route.hpp"

using namespace metal::state;

TEST_CASE("routes round-trip through the URL hash") {
  Route route;
  route.query.text = "web prod";
  route.query.state = metal::model::ServerState::stopped_in_place;
  route.query.zone = "nl-ams-1";
  route.query.sort = ServerColumn::name;
  route.query.descending = true;
  route.zone = "nl-ams-1";
  route.server_id = "ce52a219-3109-4a58-8936-ad015631725b";
  const std::string hash = format_route(route);
  CHECK(
      hash ==
      "#/servers/nl-ams-1/"
      "ce52a219-3109-4a58-8936-ad015631725b?q=web%20prod&state=stopped%20in%20place&zone=nl-ams-1&"
      "sort=name&order=desc");
  const ParsedRoute parsed = parse_route(hash);
  CHECK(parsed.problems.empty());
  CHECK(parsed.route == route);

  CHECK(format_route(Route{}) == "#/servers");
  CHECK(parse_route("").route == Route{});
  CHECK(parse_route("#/").route == Route{});
}

TEST_CASE("a bad address is explained, and what could be understood is kept") {
  const ParsedRoute parsed = parse_route("#/servers?state=asleep&sort=colour&q=db&order=up&x=1");
  CHECK(parsed.route.query.text == "db");
  CHECK_FALSE(parsed.route.query.state.has_value());
  REQUIRE(parsed.problems.size() == 4);
  CHECK(parsed.problems[0] == "unknown state \"asleep\" in the address");
  CHECK(parsed.problems[1] == "cannot sort by \"colour\"");

  CHECK(parse_route("#/volumes").problems.size() == 1);
  CHECK(parse_route("#/servers/fr-par-1").problems.size() == 1);
  // An unknown tab keeps the server open on its overview; more parts than a tab are no page.
  const ParsedRoute odd_tab = parse_route("#/servers/fr-par-1/a/b");
  CHECK(odd_tab.route.server_id == "a");
  CHECK(odd_tab.route.tab == DetailTab::overview);
  REQUIRE(odd_tab.problems.size() == 1);
  CHECK(odd_tab.problems[0] == "a server has no \"b\" tab (showing its overview)");
  CHECK(parse_route("#/servers/fr-par-1/a/metrics/x").route.server_id.empty());
  CHECK(parse_route("#/servers?group=colour").problems.at(0) ==
        "cannot group by \"colour\" (zone, state or tag)");
}

TEST_CASE("every tab, facet and grouping a user would bookmark survives the address") {
  for (DetailTab tab : kDetailTabs) {
    CAPTURE(to_string(tab));
    Route route;
    route.zone = "fr-par-2";
    route.server_id = "4a8e3f0c-1111-2222-3333-444455556666";
    route.tab = tab;
    route.query.type = "GP1-S";
    route.query.tag = "prod";
    route.query.project = "b3a7c2d4-0000-4000-8000-000000000001";
    route.query.group = ServerGrouping::tag;
    route.query.sort = ServerColumn::price;
    const ParsedRoute parsed = parse_route(format_route(route));
    CHECK(parsed.problems.empty());
    CHECK(format_route(parsed.route) == format_route(route));
    CHECK(parsed.route == route);
  }
  Route metrics;
  metrics.zone = "nl-ams-1";
  metrics.server_id = "abc";
  metrics.tab = DetailTab::metrics;
  CHECK(format_route(metrics) == "#/servers/nl-ams-1/abc/metrics");
  CHECK(route_name(metrics) == "servers/nl-ams-1/abc/metrics");

  // The words people type or older bookmarks carry.
  const ParsedRoute typed = parse_route("#/servers?zone=all&state=running&name=web&sort=age");
  CHECK(typed.problems.empty());
  CHECK(typed.route.query.zone.empty());
  CHECK(typed.route.query.text == "web");
  CHECK(typed.route.query.sort == ServerColumn::created);
  CHECK(parse_route("#/servers?sort=ip").route.query.sort == ServerColumn::public_ip);
}
