#pragma once
// The console's address: which page, which server, which filter. Written to the URL hash on the
// web (so every view can be bookmarked, shared, reloaded, and back/forward work) and read back.
//   #/servers?q=web&state=running&zone=fr-par-1&sort=name&order=desc
//   #/servers/fr-par-1/<server id>?q=web

#include <string>
#include <string_view>
#include <vector>

#include "state/server_view.hpp"

namespace metal::state {

struct Route {
  ServerQuery query;
  std::string zone;  // with id: the server whose detail is open
  std::string server_id;
  bool operator==(const Route&) const = default;
};

struct ParsedRoute {
  Route route;
  std::vector<std::string> problems;  // what in the address was not understood, in words
};

std::string format_route(const Route& route);
/// Accepts the hash with or without its leading '#'. Unknown parts are reported, not fatal.
ParsedRoute parse_route(std::string_view hash);
/// "servers" or "servers/<zone>/<id>" for status and breadcrumbs.
std::string route_name(const Route& route);

}  // namespace metal::state
