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
  CHECK(parse_route("#/servers/fr-par-1/a/b").route.server_id.empty());
}
