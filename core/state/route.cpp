#include "state/route.hpp"

#include <array>

#include "api/http.hpp"

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

std::string format_route(const Route& route) {
  if (route.page == Page::monitoring)
    return "#/monitoring" +
           api::build_query({{"range", route.metrics_range != Route{}.metrics_range
                                           ? std::string(spec_of(route.metrics_range).word)
                                           : std::string()}});
  std::string out = "#/servers";
  if (route.create) {
    out += "/new";
  } else if (!route.server_id.empty()) {
    out += "/" + api::url_encode(route.zone) + "/" + api::url_encode(route.server_id);
    if (route.tab != DetailTab::overview) out += "/" + std::string(to_string(route.tab));
  }
  const ServerQuery& q = route.query;
  const ServerQuery defaults;
  const bool shows_range = !route.server_id.empty() && route.tab == DetailTab::metrics &&
                           route.metrics_range != Route{}.metrics_range;
  out += api::build_query({
      {"range", shows_range ? std::string(spec_of(route.metrics_range).word) : std::string()},
      {"q", q.text},
      {"state", q.state ? std::string(model::to_string(*q.state)) : std::string()},
      {"zone", q.zone},
      {"type", q.type},
      {"tag", q.tag},
      {"project", q.project},
      {"group", q.group != defaults.group ? std::string(to_string(q.group)) : std::string()},
      {"sort", q.sort != defaults.sort ? std::string(to_string(q.sort)) : std::string()},
      {"order", q.descending ? "desc" : ""},
  });
  return out;
}

ParsedRoute parse_route(std::string_view hash) {
  ParsedRoute parsed;
  if (hash.starts_with('#')) hash.remove_prefix(1);
  std::string_view path = hash.substr(0, hash.find('?'));
  const std::string_view query = hash.find('?') == std::string_view::npos
                                     ? std::string_view()
                                     : hash.substr(hash.find('?') + 1);

  if (path.empty() || path == "/" || path == "/servers" || path == "/servers/") {
    // the list
  } else if (path == "/servers/new") {
    parsed.route.create = true;
  } else if (path == "/monitoring" || path == "/monitoring/") {
    parsed.route.page = Page::monitoring;
  } else if (path.starts_with("/servers/")) {
    // <zone>/<id>[/<tab>]
    std::string_view rest = path.substr(9);
    std::vector<std::string_view> parts;
    while (!rest.empty()) {
      const auto slash = rest.find('/');
      parts.push_back(rest.substr(0, slash));
      rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    }
    const bool named = parts.size() >= 2 && !parts[0].empty() && !parts[1].empty();
    if (!named || parts.size() > 3) {
      parsed.problems.push_back(named ? "no such page: " + std::string(path)
                                      : std::string("the address names no server: expected "
                                                    "#/servers/<zone>/<id>"));
    } else {
      parsed.route.zone = api::url_decode(parts[0]);
      parsed.route.server_id = api::url_decode(parts[1]);
      if (parts.size() == 3 && !parts[2].empty()) {
        if (auto tab = parse_detail_tab(parts[2]))
          parsed.route.tab = *tab;
        else
          parsed.problems.push_back("a server has no \"" + std::string(parts[2]) +
                                    "\" tab (showing its overview)");
      }
    }
  } else {
    parsed.problems.push_back("no such page: " + std::string(path) + " (showing servers)");
  }

  for (const auto& [key, value] : api::parse_query(query)) {
    ServerQuery& q = parsed.route.query;
    if (key == "range") {
      if (auto range = parse_metrics_range(value))
        parsed.route.metrics_range = *range;
      else
        parsed.problems.push_back("a chart range is 15m, 1h, 6h, 1d, 7d or 30d, not \"" + value +
                                  "\"");
    } else if (key == "q" || key == "name") {
      q.text = value;
    } else if (key == "state") {
      const auto state = model::parse_server_state(value);
      if (state == model::ServerState::unknown)
        parsed.problems.push_back("unknown state \"" + value + "\" in the address");
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
        parsed.problems.push_back("cannot group by \"" + value + "\" (zone, state or tag)");
    } else if (key == "sort") {
      if (auto column = parse_server_column(value))
        q.sort = *column;
      else
        parsed.problems.push_back("cannot sort by \"" + value + "\"");
    } else if (key == "order") {
      if (value == "desc")
        q.descending = true;
      else if (value != "asc")
        parsed.problems.push_back("order must be asc or desc, not \"" + value + "\"");
    } else {
      parsed.problems.push_back("unknown address parameter \"" + key + "\"");
    }
  }
  return parsed;
}

std::string route_name(const Route& route) {
  if (route.page == Page::monitoring) return "monitoring";
  if (route.create) return "servers/new";
  if (route.server_id.empty()) return "servers";
  std::string name = "servers/" + route.zone + "/" + route.server_id;
  if (route.tab != DetailTab::overview) name += "/" + std::string(to_string(route.tab));
  return name;
}

}  // namespace metal::state
