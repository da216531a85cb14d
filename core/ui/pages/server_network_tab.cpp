#include <imgui.h>

#include <string>

#include "state/console.hpp"
#include "state/servers/servers.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/widgets/property_table.hpp"

namespace metal::ui {

void server_network_tab(ServerTabContext& c, const model::Server& server) {
  state::Console& console = c.console;
  ImGui::TextDisabled("PUBLIC ADDRESSES");
  if (begin_properties("public")) {
    if (server.public_ips.empty() && !server.public_ip) property(console, "Public IP", "");
    int n = 0;
    for (const model::ServerIp& ip : server.public_ips) {
      const std::string label = (ip.family == "inet6" ? "IPv6 " : "IPv4 ") + std::to_string(++n);
      property(console, label.c_str(), ip.address, Text::mono, Copy::yes);
      const std::string kind = std::string(ip.dynamic ? "dynamic" : "flexible") + ", " +
                               ip.provisioning_mode +
                               (ip.gateway.empty() ? "" : ", gateway " + ip.gateway);
      property(console, "", kind);
    }
    if (server.public_ips.empty() && server.public_ip)
      property(console, "Public IP", server.public_ip->address, Text::mono, Copy::yes);
    if (server.ipv6) property(console, "IPv6", server.ipv6->address, Text::mono, Copy::yes);
    property(console, "Routed IP", server.routed_ip_enabled ? "enabled" : "disabled");
    property(console, "Dynamic IP", server.dynamic_ip_required ? "required" : "not required");
    if (server.dns) property(console, "DNS", *server.dns, Text::mono, Copy::yes);
    end_properties();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("PRIVATE");
  if (begin_properties("private")) {
    property(console, "Private IP", server.private_ip.value_or(""), Text::mono, Copy::yes);
    property(console, "MAC address", server.mac_address, Text::mono, Copy::yes);
    end_properties();
  }
  ImGui::Spacing();
  ImGui::TextDisabled("PRIVATE NETWORKS");
  if (server.private_nics.empty()) {
    ImGui::TextDisabled("Not attached to any private network.");
    return;
  }
  if (begin_properties("nics")) {
    for (const model::PrivateNic& nic : server.private_nics) {
      ImGui::PushID(nic.id.c_str());
      property(console, "Network", nic.private_network_id, Text::mono, Copy::yes);
      property(console, "MAC", nic.mac_address, Text::mono, Copy::yes);
      property(console, "State", nic.state);
      ImGui::PopID();
    }
    end_properties();
  }
}

}  // namespace metal::ui
