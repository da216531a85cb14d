#pragma once
// The tabs of the server detail, one file each, and what they keep between frames (the forms
// being typed, the charts' zoom, the terminal's view), owned by the servers page's view. `full`
// is the server's complete API object, null until it has loaded; the row (what the list knows)
// is always there.

#include <array>
#include <string>

#include "model/server.hpp"
#include "state/metrics_range.hpp"
#include "state/servers/rule_form.hpp"
#include "state/servers/server_route.hpp"
#include "ui/page_view.hpp"
#include "ui/widgets/terminal_view.hpp"
#include "ui/widgets/time_chart.hpp"

namespace metal::state {
class Console;
class Servers;
struct ServerRow;
}  // namespace metal::state

namespace metal::ui {

struct ServerTabsState {
  // The tab bar follows the route; see server_detail_panel.cpp.
  state::DetailTab shown = state::DetailTab::overview;
  bool follow_route = true;
  // Security: a new rule, or the rule being edited in place (its id).
  struct RuleEditor {
    std::string server_id;
    std::string editing;  // rule id; empty: the form adds a new rule
    state::RuleForm form;
    std::string problem;
  } rules;
  // Settings: name and tags.
  struct SettingsForm {
    std::string server_id;
    std::string name;
    std::string tags;  // as typed: separated by commas or spaces
    std::string problem;
  } settings;
  // User data: the key open in the editor.
  struct UserDataEditor {
    std::string server_id;
    std::string key;      // the key open in the editor
    std::string text;     // its value as being edited
    bool loaded = false;  // text holds the stored value (or the user's edit of it)
    std::string new_key;
    std::string problem;
  } user_data;
  std::string volume_to_attach;  // id chosen in the volumes tab's attach menu
  // Metrics: each chart's zoom, for one server and range.
  struct Zoom {
    std::string server_id;
    state::MetricsRange range = state::MetricsRange::last_1h;
    std::array<ChartZoom, 3> charts;
  } zoom;
  TerminalViewState terminal;
};

/// What a tab draws with: the hub, the servers feature, the shell's dialogs, the tabs' state.
struct ServerTabContext {
  state::Console& console;
  state::Servers& servers;
  Shell& shell;
  ServerTabsState& state;
};

void server_overview_tab(ServerTabContext& c, const state::ServerRow& row,
                         const model::Server* full);
void server_volumes_tab(ServerTabContext& c, const model::Server& server);
void server_network_tab(ServerTabContext& c, const model::Server& server);
void server_security_tab(ServerTabContext& c, const model::Server& server);
void server_metrics_tab(ServerTabContext& c, const state::ServerRow& row);
void server_serial_tab(ServerTabContext& c, const state::ServerRow& row);
void server_user_data_tab(ServerTabContext& c, const model::Server& server);
void server_settings_tab(ServerTabContext& c, const state::ServerRow& row,
                         const model::Server& server);

}  // namespace metal::ui
