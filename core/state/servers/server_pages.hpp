#pragma once
// What the page registry's rows for the servers' pages (the list, a server, the create form)
// point at: the data each needs while shown, what each adds to status(), their palette commands,
// breadcrumbs and navigation count.

#include <string>
#include <string_view>
#include <vector>

#include "model/json_codec.hpp"
#include "state/page.hpp"

namespace metal::state {

void need_server(Console& console, const Route& route);
void need_server_create(Console& console, const Route& route);
void report_server(const Console& console, const Route& route, model::Json& status);
void report_server_create(const Console& console, const Route& route, model::Json& status);
void server_commands(Console& console, std::string_view typed, std::vector<PaletteCommand>& out);
std::string server_item_label(const Console& console, const Route& route);
std::string servers_nav_badge(const Console& console);
/// The list's first `limit` visible rows: [{"id","name","state","zone","ticked"}], for tests to
/// pick a server (window.metalConsole.rows()).
std::string visible_rows_json(const Console& console, std::size_t limit);

}  // namespace metal::state
