#include "state/servers/server_route.hpp"

#include <array>

#include "state/format.hpp"

namespace metal::state {
namespace {

struct TabName {
  DetailTab tab;
  std::string_view word;
  std::string_view label;
};
constexpr std::array<TabName, 8> kTabNames{{
    {DetailTab::overview, "overview", "Overview"},
    {DetailTab::volumes, "volumes", "Volumes"},
    {DetailTab::network, "network", "Network"},
    {DetailTab::security, "security", "Security"},
    {DetailTab::serial, "serial", "Serial"},
    {DetailTab::metrics, "metrics", "Metrics"},
    {DetailTab::user_data, "user_data", "User data"},
    {DetailTab::settings, "settings", "Settings"},
}};

// Reads the list's parameters (and `range` when `takes_range`) out of `route.query`, reporting
// each it cannot use; returns the query it read.
ServerQuery read_server_query(const Route& route, bool takes_range,
                              std::optional<MetricsRange>& range,
                              std::vector<std::string>& problems) {
  ServerQuery q;
  for (const auto& [key, value] : route.query) {
    if (key == "range") {
      // The list's pages keep a range only on a server's metrics tab; elsewhere it is left out.
      if (!takes_range) continue;
      if (auto parsed = parse_metrics_range(value))
        range = *parsed;
      else
        problems.push_back("range: a chart range is 15m, 1h, 6h, 1d, 7d or 30d, not " +
                           in_quotes(value));
    } else if (key == "q" || key == "name") {
      q.text = value;
    } else if (key == "state") {
      const auto state = model::parse_server_state(value);
      if (state == model::ServerState::unknown)
        problems.push_back("state: no server state is called " + in_quotes(value));
      else
        q.state = state;
    } else if (key == "zone") {
      q.zone = value == "all" ? std::string() : value;
    } else if (key == "type") {
      q.type = value;
    } else if (key == "tag") {
      q.tag = value;
    } else if (key == "project") {
      q.project = value == "all" ? std::string() : value;
    } else if (key == "group") {
      if (auto grouping = parse_server_grouping(value))
        q.group = *grouping;
      else
        problems.push_back("group: cannot group by " + in_quotes(value) + " (zone, state or tag)");
    } else if (key == "sort") {
      if (auto column = parse_server_column(value))
        q.sort = *column;
      else
        problems.push_back("sort: cannot sort by " + in_quotes(value));
    } else if (key == "order") {
      if (value == "desc")
        q.descending = true;
      else if (value != "asc")
        problems.push_back("order: asc or desc, not " + in_quotes(value));
    } else {
      problems.push_back("unknown address parameter " + in_quotes(key));
    }
  }
  return q;
}

void check_with_range(Route& route, std::vector<std::string>& problems, bool takes_range) {
  std::optional<MetricsRange> range;
  const ServerQuery query = read_server_query(route, takes_range, range, problems);
  route.query.clear();
  if (range) set_param(route.query, "range", range_param(*range));
  for (auto& param : server_query_params(query))
    route.query.push_back(std::move(param));
}

}  // namespace

std::string_view to_string(DetailTab tab) {
  for (const TabName& t : kTabNames)
    if (t.tab == tab) return t.word;
  return "overview";
}

std::string_view tab_label(DetailTab tab) {
  for (const TabName& t : kTabNames)
    if (t.tab == tab) return t.label;
  return "Overview";
}

std::optional<DetailTab> parse_detail_tab(std::string_view text) {
  for (const TabName& t : kTabNames)
    if (t.word == text) return t.tab;
  return std::nullopt;
}

RouteParams server_query_params(const ServerQuery& q) {
  const ServerQuery defaults;
  RouteParams params;
  auto add = [&params](std::string_view name, std::string value) {
    if (!value.empty()) params.emplace_back(std::string(name), std::move(value));
  };
  add("q", q.text);
  add("state", q.state ? std::string(model::to_string(*q.state)) : std::string());
  add("zone", q.zone);
  add("type", q.type);
  add("tag", q.tag);
  add("project", q.project);
  add("group", q.group != defaults.group ? std::string(to_string(q.group)) : std::string());
  add("sort", q.sort != defaults.sort ? std::string(to_string(q.sort)) : std::string());
  add("order", q.descending ? "desc" : "");
  return params;
}

ServerQuery server_query_of(const Route& route) {
  std::optional<MetricsRange> range;
  std::vector<std::string> ignored;
  return read_server_query(route, true, range, ignored);
}

std::string range_param(MetricsRange range) {
  return range == MetricsRange::last_1h ? std::string() : std::string(spec_of(range).word);
}

MetricsRange metrics_range_of(const Route& route) {
  return parse_metrics_range(route.query_value("range")).value_or(MetricsRange::last_1h);
}

DetailTab detail_tab_of(const Route& route) {
  return parse_detail_tab(route.param("tab")).value_or(DetailTab::overview);
}

void check_servers_route(Route& route, std::vector<std::string>& problems) {
  check_with_range(route, problems, false);
}

void check_server_route(Route& route, std::vector<std::string>& problems) {
  const std::string_view tab = route.param("tab");
  if (!tab.empty() && (!parse_detail_tab(tab) || tab == "overview")) {
    if (tab != "overview")
      problems.push_back("a server has no " + in_quotes(tab) + " tab (showing its overview)");
    set_param(route.params, "tab", "");
  }
  // A range only means something on the metrics tab.
  check_with_range(route, problems, detail_tab_of(route) == DetailTab::metrics);
}

void check_server_create_route(Route& route, std::vector<std::string>& problems) {
  check_with_range(route, problems, false);
}

}  // namespace metal::state
