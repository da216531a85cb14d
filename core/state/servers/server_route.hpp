#pragma once
// The servers' addresses: the list's filter as a query, a server's tab as a path parameter, and
// the three pages built on them (the list, a server, the create form). What the page registry's
// rows for these pages point at.
//   #/servers?q=web&state=running&zone=fr-par-1&type=GP1-S&tag=prod&group=zone&sort=name&order=desc
//   #/servers/fr-par-1/<server id>/metrics?range=7d&q=web   (the list's filter stays behind)
//   #/servers/new?zone=nl-ams-1                               (the create form, in that zone)

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "state/metrics_range.hpp"
#include "state/page.hpp"
#include "state/servers/server_view.hpp"

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

/// The page ids of the registry's server rows.
inline constexpr std::string_view kServersPage = "servers";
inline constexpr std::string_view kServerPage = "server";
inline constexpr std::string_view kServerCreatePage = "server-create";

/// The list's filter, sort and grouping as a route carries them (defaults left out).
RouteParams server_query_params(const ServerQuery& query);
/// The list's query read from a route's (assumed checked).
ServerQuery server_query_of(const Route& route);
/// A chart range in the address (the default 1 hour left out).
std::string range_param(MetricsRange range);
/// The chart range a route carries (1 hour when none).
MetricsRange metrics_range_of(const Route& route);
/// The open server's tab (overview when none).
DetailTab detail_tab_of(const Route& route);

// ---- the registry rows' functions ---------------------------------------------------------
/// The list's query: what it cannot read is said, naming the parameter, and dropped.
void check_servers_route(Route& route, std::vector<std::string>& problems);
/// A server: its tab, the list's query, and a chart range on its metrics tab.
void check_server_route(Route& route, std::vector<std::string>& problems);
/// The create form: the list's query (its zone and project are the form's defaults).
void check_server_create_route(Route& route, std::vector<std::string>& problems);

}  // namespace metal::state
