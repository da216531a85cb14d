#pragma once
// The console's address: which page, which server, which filter. Written to the URL hash on the
// web (so every view can be bookmarked, shared, reloaded, and back/forward work) and read back.
//   #/servers?q=web&state=running&zone=fr-par-1&type=GP1-S&tag=prod&group=zone&sort=name&order=desc
//   #/servers/fr-par-1/<server id>/metrics?range=7d&q=web   (the list's filter stays behind)
//   #/servers/new?zone=nl-ams-1                               (the create form, in that zone)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "state/metrics_range.hpp"
#include "state/server_view.hpp"

namespace metal::state {

/// The tabs of a server's detail, in the order they are shown.
enum class DetailTab { overview, volumes, network, security, serial, metrics, user_data, settings };
inline constexpr DetailTab kDetailTabs[] = {
    DetailTab::overview, DetailTab::volumes, DetailTab::network,   DetailTab::security,
    DetailTab::serial,   DetailTab::metrics, DetailTab::user_data, DetailTab::settings};
std::string_view to_string(DetailTab tab);
/// "Security", "User data"...
std::string_view tab_label(DetailTab tab);
std::optional<DetailTab> parse_detail_tab(std::string_view text);

/// The console's pages: the servers (list, detail, create form) and the fleet's monitoring.
enum class Page { servers, monitoring };

struct Route {
  Page page = Page::servers;
  ServerQuery query;
  std::string zone;  // with id: the server whose detail is open
  std::string server_id;
  DetailTab tab = DetailTab::overview;
  // In the address on a server's metrics tab and on the monitoring page.
  MetricsRange metrics_range = MetricsRange::last_1h;
  bool create = false;  // the create-server form (#/servers/new), over the list
  bool operator==(const Route&) const = default;
};

struct ParsedRoute {
  Route route;
  std::vector<std::string> problems;  // what in the address was not understood, in words
};

std::string format_route(const Route& route);
/// Accepts the hash with or without its leading '#'. Unknown parts are reported, not fatal.
ParsedRoute parse_route(std::string_view hash);
/// "servers" or "servers/<zone>/<id>[/<tab>]" for status and breadcrumbs.
std::string route_name(const Route& route);

}  // namespace metal::state
