#pragma once
// The tabs of the server detail, one file each. `full` is the server's complete API object, null
// until it has loaded; the row (what the list knows) is always there.

#include "model/server.hpp"

namespace metal::state {
class Console;
struct ServerRow;
}  // namespace metal::state

namespace metal::ui {

void server_overview_tab(state::Console& console, const state::ServerRow& row,
                         const model::Server* full);
void server_volumes_tab(state::Console& console, const model::Server& server);
void server_network_tab(state::Console& console, const model::Server& server);
void server_security_tab(state::Console& console, const model::Server& server);
void server_metrics_tab(state::Console& console, const state::ServerRow& row);
void server_serial_tab(state::Console& console, const state::ServerRow& row);
void server_user_data_tab(state::Console& console, const model::Server& server);
void server_settings_tab(state::Console& console, const state::ServerRow& row,
                         const model::Server& server);

}  // namespace metal::ui
