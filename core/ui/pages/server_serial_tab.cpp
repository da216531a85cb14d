#include <imgui.h>

#include <cmath>
#include <string>

#include "state/console.hpp"
#include "state/servers/servers.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/terminal_view.hpp"

namespace metal::ui {

void server_serial_tab(ServerTabContext& c, const state::ServerRow& row) {
  state::Console& console = c.console;
  state::Servers& servers = c.servers;
  state::SerialSession* session = servers.serial();
  if (!session) {
    ImGui::TextDisabled(servers.serial_available()
                            ? "Opening the serial console..."
                            : "This console has no way to reach serial consoles.");
    return;
  }
  if (row.state == model::ServerState::stopped)
    ImGui::TextDisabled("The server is stopped: power it on to see it boot here.");

  // The link, always in view: what the user types only goes somewhere while it is green.
  const Palette& p = palette();
  switch (session->link()) {
    case state::SerialLink::connected:
      ImGui::TextColored(p.success, "\xe2\x97\x8f Connected");
      break;
    case state::SerialLink::connecting:
      ImGui::TextColored(p.warning, "\xe2\x97\x8f Connecting...");
      break;
    case state::SerialLink::disconnected: {
      const double wait = std::max(0.0, session->retry_at() - console.now());
      const std::string text = "\xe2\x97\x8f Disconnected, trying again in " +
                               std::to_string(static_cast<int>(std::ceil(wait))) + " s";
      ImGui::TextColored(p.danger, "%s", text.c_str());
      ImGui::SameLine();
      if (ImGui::SmallButton("Reconnect now")) session->reconnect_now();
      anchor("serial.reconnect");
      break;
    }
  }
  anchor("serial.link");
  if (!session->title().empty()) {
    ImGui::SameLine(0, 16);
    ImGui::TextDisabled("%s", session->title().c_str());
  }
  ImGui::SameLine(0, 16);
  ImGui::TextDisabled("%d x %d", session->terminal().columns(), session->terminal().rows());
  if (!session->problem().empty()) ImGui::TextColored(p.danger, "%s", session->problem().c_str());
  terminal_view(*session, c.state.terminal);
}

}  // namespace metal::ui
