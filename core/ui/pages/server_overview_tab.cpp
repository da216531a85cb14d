#include <imgui.h>

#include "state/console.hpp"
#include "state/format.hpp"
#include "state/servers/servers.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/widgets/property_table.hpp"

namespace metal::ui {

void server_overview_tab(ServerTabContext& c, const state::ServerRow& row,
                         const model::Server* full) {
  state::Console& console = c.console;
  state::Servers& servers = c.servers;
  if (!begin_properties("overview")) return;
  property(console, "Type", row.commercial_type);
  if (const model::ServerType* type = servers.prices().find(row.zone, row.commercial_type)) {
    property(console, "Price",
             type->hourly_price.money.format(4) + " an hour (" +
                 type->monthly_price.money.format(2) + " a month)");
    property(console, "Resources",
             std::to_string(type->ncpus) + " vCPU, " + state::format_memory(type->ram) + " RAM" +
                 (type->gpu ? ", " + std::to_string(type->gpu) + " GPU" : std::string()));
  }
  property(console, "Zone", row.zone);
  property(console, "Project", row.project, Text::mono, Copy::yes);
  property(console, "Image", row.image_name);
  property(console, "Public IP", row.public_ip, Text::mono, Copy::yes);
  property(console, "Private IP", row.private_ip, Text::mono, Copy::yes);
  std::string tags;
  for (const std::string& tag : row.tags)
    tags += (tags.empty() ? "" : ", ") + tag;
  property(console, "Tags", tags);
  property(console, "Created", state::format_date_time(row.created));
  property(console, "Modified", state::format_date_time(row.modified));
  property(console, "Protected", row.is_protected ? "yes: cannot be terminated" : "no");
  if (full) {
    property(console, "Architecture", full->arch);
    property(console, "Hostname", full->hostname, Text::mono);
    if (full->location)
      property(console, "Location",
               "hypervisor " + full->location->hypervisor_id + ", node " + full->location->node_id +
                   " (cluster " + full->location->cluster_id + ")");
    else
      property(console, "Location", "no node: the server is not placed");
    property(console, "Security group",
             full->security_group ? full->security_group->name : std::string());
    property(console, "Placement group",
             full->placement_group ? full->placement_group->name : std::string());
    property(console, "Boot type", full->boot_type);
    for (const model::Maintenance& maintenance : full->maintenances)
      property(console, "Maintenance", maintenance.reason);
  }
  end_properties();
  if (!full) ImGui::TextDisabled("Loading the rest...");
}

}  // namespace metal::ui
