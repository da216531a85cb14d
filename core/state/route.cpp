#include "state/route.hpp"

#include "api/http.hpp"

namespace metal::state {

std::string format_route(const Route& route) {
  std::string out = "#/servers";
  if (!route.server_id.empty())
    out += "/" + api::url_encode(route.zone) + "/" + api::url_encode(route.server_id);
  const ServerQuery& q = route.query;
  const ServerQuery defaults;
  out += api::build_query({
      {"q", q.text},
      {"state", q.state ? std::string(model::to_string(*q.state)) : std::string()},
      {"zone", q.zone},
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
  } else if (path.starts_with("/servers/")) {
    std::string_view rest = path.substr(9);
    const auto slash = rest.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= rest.size()) {
      parsed.problems.push_back("the address names no server: expected #/servers/<zone>/<id>");
    } else {
      parsed.route.zone = api::url_decode(rest.substr(0, slash));
      parsed.route.server_id = api::url_decode(rest.substr(slash + 1));
      if (parsed.route.server_id.find('/') != std::string::npos) {
        parsed.problems.push_back("no such page: " + std::string(path));
        parsed.route.zone.clear();
        parsed.route.server_id.clear();
      }
    }
  } else {
    parsed.problems.push_back("no such page: " + std::string(path) + " (showing servers)");
  }

  for (const auto& [key, value] : api::parse_query(query)) {
    ServerQuery& q = parsed.route.query;
    if (key == "q") {
      q.text = value;
    } else if (key == "state") {
      const auto state = model::parse_server_state(value);
      if (state == model::ServerState::unknown)
        parsed.problems.push_back("unknown state \"" + value + "\" in the address");
      else
        q.state = state;
    } else if (key == "zone") {
      q.zone = value;
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
  if (route.server_id.empty()) return "servers";
  return "servers/" + route.zone + "/" + route.server_id;
}

}  // namespace metal::state
