#include "ui/pages/server_detail_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "state/format.hpp"
#include "state/servers/action_text.hpp"
#include "state/servers/servers.hpp"
#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/confirm_dialog.hpp"
#include "ui/widgets/property_table.hpp"
#include "ui/widgets/state_badge.hpp"

namespace metal::ui {
namespace {

using model::ServerAction;

// The order a person expects to read them in: start, stop, cycle, keep, destroy.
constexpr std::array<ServerAction, 6> kActionOrder{
    ServerAction::poweron,       ServerAction::poweroff, ServerAction::reboot,
    ServerAction::stop_in_place, ServerAction::backup,   ServerAction::terminate};

void actions(ServerTabContext& c, const state::ServerRow& row) {
  state::Servers& servers = c.servers;
  if (servers.action_pending(row.id)) {
    ImGui::TextDisabled("Sending your request...");
    return;
  }
  bool any = false;
  for (ServerAction action : kActionOrder) {
    if (!row.allows(action)) continue;
    const std::string label(state::action_label(action));
    // Buttons flow onto a new line when the panel is narrow.
    const float width = ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2;
    if (any && ImGui::GetItemRectMax().x + ImGui::GetStyle().ItemSpacing.x + width <
                   ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
      ImGui::SameLine();
    any = true;
    const bool danger = action == ServerAction::terminate;
    if (danger) ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
    const bool clicked = ImGui::Button(label.c_str());
    if (danger) ImGui::PopStyleColor();
    anchor("action." + std::string(model::to_string(action)));
    if (!clicked) continue;
    if (!state::is_destructive(action)) {
      servers.request_action(row.id, action);
      continue;
    }
    Confirmation confirmation;
    confirmation.title = label + " " + row.name + "?";
    confirmation.consequence = state::action_consequence(action);
    confirmation.victims = {row.name};
    // A protected server is protected for a reason: make the user say its name.
    if (row.is_protected && action == ServerAction::terminate) confirmation.typed_word = row.name;
    confirmation.button = label;
    confirmation.on_confirm = [&servers, id = row.id, action] {
      servers.request_action(id, action);
    };
    c.shell.confirm.ask(std::move(confirmation));
  }
  if (!any)
    ImGui::TextDisabled(row.state == model::ServerState::locked
                            ? "Locked for maintenance: no action is possible now."
                            : "No action is possible in this state.");
}

// The tab bar follows the route (links, Back) and a click on a tab changes the route. When the
// route changed the tab, the bar is told once; until it shows that tab, its answer is not taken
// as the user's choice.
void tabs(ServerTabContext& c, const state::ServerRow& row, const model::Server* full) {
  state::DetailTab& shown = c.state.shown;
  bool& follow_route = c.state.follow_route;
  const state::DetailTab wanted = c.servers.tab();
  if (wanted != shown) follow_route = true;
  if (!ImGui::BeginTabBar("detail-tabs", ImGuiTabBarFlags_FittingPolicyScroll)) return;
  for (state::DetailTab tab : state::kDetailTabs) {
    const std::string label(state::tab_label(tab));
    const ImGuiTabItemFlags flags =
        follow_route && tab == wanted ? ImGuiTabItemFlags_SetSelected : ImGuiTabItemFlags_None;
    const bool open = ImGui::BeginTabItem(label.c_str(), nullptr, flags);
    anchor("tab." + std::string(state::to_string(tab)));
    if (!open) continue;
    if (tab == wanted) follow_route = false;
    shown = tab;
    if (!follow_route && tab != wanted) c.servers.open_tab(tab);
    ImGui::BeginChild("##tab", ImVec2(0, 0), false, ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (tab == state::DetailTab::overview) {
      server_overview_tab(c, row, full);
    } else if (tab == state::DetailTab::metrics) {
      server_metrics_tab(c, row);
    } else if (tab == state::DetailTab::serial) {
      server_serial_tab(c, row);
    } else if (!full) {
      ImGui::TextDisabled("Loading...");
    } else {
      switch (tab) {
        case state::DetailTab::volumes:
          server_volumes_tab(c, *full);
          break;
        case state::DetailTab::network:
          server_network_tab(c, *full);
          break;
        case state::DetailTab::security:
          server_security_tab(c, *full);
          break;
        case state::DetailTab::user_data:
          server_user_data_tab(c, *full);
          break;
        case state::DetailTab::settings:
          server_settings_tab(c, row, *full);
          break;
        default:
          break;
      }
    }
    ImGui::EndChild();
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace

void server_detail_panel(ServerTabContext& c) {
  state::Console& console = c.console;
  state::Servers& servers = c.servers;
  const state::ServerRow* row = servers.selected();
  if (!row) {
    ImGui::TextDisabled(servers.sync().initial_load_done()
                            ? "This server does not exist (any more)."
                            : "Loading...");
    return;
  }
  const auto& detail = servers.selected_detail();
  const model::Server* full = detail && detail->id == row->id ? &*detail : nullptr;

  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted(row->name.c_str());
  ImGui::PopFont();
  ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() -
                  ImGui::GetFrameHeight() * 1.2f);
  if (ImGui::Button("x", ImVec2(ImGui::GetFrameHeight(), 0))) servers.clear_selection();
  anchor("detail.close");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close (Esc)");

  copyable_text(console, "id", row->id, Text::mono);

  state_badge(row->state, row->state_text(), {});
  if (!row->state_detail.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", row->state_detail.c_str());
  }
  ImGui::Spacing();
  actions(c, *row);
  ImGui::Spacing();
  tabs(c, *row, full);
}

}  // namespace metal::ui
