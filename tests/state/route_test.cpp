#include <doctest/doctest.h>

#include <set>

#include "../support/demo_console.hpp"
#include "state/route.hpp"
#include "state/servers/server_route.hpp"
#include "ui/page_registry.hpp"

using namespace metal;
using namespace metal::state;

namespace {

const PageTable& pages() {
  return ui::page_table();
}

ParsedRoute parse(std::string_view hash) {
  return parse_route(pages(), hash);
}

}  // namespace

TEST_CASE("routes round-trip through the URL hash") {
  const std::string hash =
      "#/servers/nl-ams-1/"
      "ce52a219-3109-4a58-8936-ad015631725b?q=web%20prod&state=stopped%20in%20place&zone=nl-ams-1&"
      "sort=name&order=desc";
  const ParsedRoute parsed = parse(hash);
  CHECK(parsed.problems.empty());
  CHECK(parsed.route.is("server"));
  CHECK(parsed.route.param("zone") == "nl-ams-1");
  CHECK(parsed.route.param("id") == "ce52a219-3109-4a58-8936-ad015631725b");
  const ServerQuery query = server_query_of(parsed.route);
  CHECK(query.text == "web prod");
  CHECK(query.state == model::ServerState::stopped_in_place);
  CHECK(query.sort == ServerColumn::name);
  CHECK(query.descending);
  CHECK(format_route(parsed.route) == hash);

  CHECK(parse("").route.is("servers"));
  CHECK(parse("#/").route.is("servers"));
  CHECK(format_route(parse("").route) == "#/servers");
  CHECK(parse("#/servers/").problems.empty());
  CHECK(parse("#/servers/new?zone=nl-ams-1").route.is("server-create"));
  CHECK(parse("#/monitoring?range=7d").route.is("monitoring"));
  CHECK(parse("#/ssh-keys?q=laptop").route.is("ssh-keys"));
  CHECK(parse("#/ssh-keys/new").route.is("ssh-key-new"));
}

TEST_CASE(
    "a bad address is explained, naming the parameter, and what could be understood is kept") {
  const ParsedRoute parsed = parse("#/servers?state=asleep&sort=colour&q=db&order=up&x=1");
  CHECK(server_query_of(parsed.route).text == "db");
  CHECK_FALSE(server_query_of(parsed.route).state.has_value());
  CHECK(format_route(parsed.route) == "#/servers?q=db");
  REQUIRE(parsed.problems.size() == 4);
  CHECK(parsed.problems[0] == "state: no server state is called \"asleep\"");
  CHECK(parsed.problems[1] == "sort: cannot sort by \"colour\"");
  CHECK(parsed.problems[2] == "order: asc or desc, not \"up\"");
  CHECK(parsed.problems[3] == "unknown address parameter \"x\"");

  const ParsedRoute nowhere = parse("#/volcanoes?q=x");
  REQUIRE(nowhere.problems.size() == 1);
  CHECK(nowhere.problems[0] == "no such page: /volcanoes (showing Servers)");
  CHECK(nowhere.route.is("servers"));
  CHECK(parse("#/servers/fr-par-1").problems.size() == 1);
  // An unknown tab keeps the server open on its overview; more parts than a tab are no page.
  const ParsedRoute odd_tab = parse("#/servers/fr-par-1/a/b");
  CHECK(odd_tab.route.param("id") == "a");
  CHECK(detail_tab_of(odd_tab.route) == DetailTab::overview);
  REQUIRE(odd_tab.problems.size() == 1);
  CHECK(odd_tab.problems[0] == "a server has no \"b\" tab (showing its overview)");
  CHECK(parse("#/servers/fr-par-1/a/metrics/x").route.is("servers"));
  CHECK(parse("#/servers?group=colour").problems.at(0) ==
        "group: cannot group by \"colour\" (zone, state or tag)");
  CHECK(parse("#/monitoring?range=2w").problems.at(0) ==
        "range: a chart range is 15m, 1h, 6h, 1d, 7d or 30d, not \"2w\"");
  CHECK(parse("#/ssh-keys?sort=colour").problems.at(0) ==
        "sort: cannot sort SSH keys by \"colour\" (name, fingerprint, project or created)");
  // A range means something on a server's charts only: elsewhere it is left out, silently.
  CHECK(format_route(parse("#/servers?range=7d&q=a").route) == "#/servers?q=a");
  CHECK(format_route(parse("#/servers/z/i/metrics?range=7d&q=a").route) ==
        "#/servers/z/i/metrics?range=7d&q=a");
  CHECK(format_route(parse("#/servers/z/i/overview").route) == "#/servers/z/i");
}

TEST_CASE("every tab, facet and grouping a user would bookmark survives the address") {
  for (DetailTab tab : kDetailTabs) {
    CAPTURE(to_string(tab));
    ServerQuery query;
    query.type = "GP1-S";
    query.tag = "prod";
    query.project = "b3a7c2d4-0000-4000-8000-000000000001";
    query.group = ServerGrouping::tag;
    query.sort = ServerColumn::price;
    std::string hash = "#/servers/fr-par-2/4a8e3f0c-1111-2222-3333-444455556666";
    if (tab != DetailTab::overview) hash += "/" + std::string(to_string(tab));
    Route route = parse(hash).route;
    route.query = server_query_params(query);
    const ParsedRoute parsed = parse(format_route(route));
    CHECK(parsed.problems.empty());
    CHECK(parsed.route == route);
    CHECK(detail_tab_of(parsed.route) == tab);
    CHECK(server_query_of(parsed.route) == query);
  }
  // The words people type or older bookmarks carry.
  const ParsedRoute typed = parse("#/servers?zone=all&state=running&name=web&sort=age");
  CHECK(typed.problems.empty());
  CHECK(server_query_of(typed.route).zone.empty());
  CHECK(server_query_of(typed.route).text == "web");
  CHECK(server_query_of(typed.route).sort == ServerColumn::created);
  CHECK(server_query_of(parse("#/servers?sort=ip").route).sort == ServerColumn::public_ip);
}

TEST_CASE("the page registry is consistent: ids, parents, and each pattern reads what it writes") {
  std::set<std::string_view> ids;
  for (const PageSpec* page : pages().pages()) {
    CAPTURE(page->id);
    CHECK(ids.insert(page->id).second);
    CHECK_FALSE(page->title.empty());
    if (!page->parent.empty()) CHECK(pages().find(page->parent) != nullptr);
    // Fill the pattern's parameters, write the address, read it back: the same page.
    Route route;
    route.page = page;
    std::string_view pattern = page->pattern;
    while (!pattern.empty()) {
      const auto open = pattern.find('{');
      if (open == std::string_view::npos) break;
      const auto close = pattern.find('}', open);
      std::string name(pattern.substr(open + 1, close - open - 1));
      if (name.ends_with('?'))
        name.pop_back();
      else
        route.params.emplace_back(name, "x y/" + name);  // needs escaping
      pattern.remove_prefix(close + 1);
    }
    const ParsedRoute parsed = parse(format_route(route));
    CHECK(parsed.problems.empty());
    CHECK(parsed.route.page == page);
    CHECK(parsed.route.params == route.params);
  }
}

TEST_CASE("history: another page or item adds an entry, a refined filter replaces it") {
  const Route list = parse("#/servers").route;
  const Route filtered = parse("#/servers?q=web").route;
  const Route server = parse("#/servers/fr-par-1/a?q=web").route;
  const Route charts = parse("#/servers/fr-par-1/a/metrics?q=web").route;
  const Route charts_7d = parse("#/servers/fr-par-1/a/metrics?range=7d&q=web").route;
  CHECK_FALSE(adds_history_entry(list, filtered));
  CHECK(adds_history_entry(filtered, server));
  CHECK(adds_history_entry(server, charts));
  CHECK_FALSE(adds_history_entry(charts, charts_7d));
  CHECK(adds_history_entry(charts, list));
  CHECK(adds_history_entry(list, parse("#/monitoring").route));
  CHECK_FALSE(
      adds_history_entry(parse("#/monitoring").route, parse("#/monitoring?range=7d").route));
  CHECK(adds_history_entry(parse("#/ssh-keys").route, parse("#/ssh-keys/new").route));
}

TEST_CASE("a page opens as it was left, and an item's list keeps the item's filter") {
  testing::DemoConsole t(40);
  t.run_for(0.3);
  t.console.navigate_to_address("#/servers?state=running&sort=name");
  t.console.open_page("monitoring");
  t.console.navigate_to_address("#/monitoring?range=7d");
  t.console.open_page("ssh-keys");
  CHECK(t.console.route().is("ssh-keys"));
  t.console.open_page("servers");
  CHECK(format_route(t.console.route()) == "#/servers?state=running&sort=name");
  t.console.open_page("monitoring");
  CHECK(format_route(t.console.route()) == "#/monitoring?range=7d");
  // From a server (its metrics tab, 30 days) back to the list: the filter comes along, the
  // chart's range does not.
  t.console.navigate_to_address("#/servers/fr-par-1/abc/metrics?range=30d&q=db");
  t.console.open_page("servers");
  CHECK(format_route(t.console.route()) == "#/servers?q=db");
}
