#include <imgui.h>

#include <string>

#include "state/console.hpp"
#include "state/format.hpp"
#include "state/servers/servers.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
void server_volumes_tab(ServerTabContext& c, const model::Server& server) {
  state::Servers& servers = c.servers;
  state::ServerResources& resources = servers.resources();
  const bool writing = resources.writing();
  std::uint64_t total = 0;
  if (ImGui::BeginTable("volumes", 5,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Slot", ImGuiTableColumnFlags_WidthStretch, 0.6f);
    ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch, 2.4f);
    ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Size", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("##actions", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableHeadersRow();
    for (const auto& [slot, volume] : server.volumes) {
      ImGui::TableNextRow();
      ImGui::PushID(volume.id.c_str());
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(slot.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(volume.name.empty() ? volume.id.c_str() : volume.name.c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s (%s)", volume.id.c_str(), volume.state.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(volume.volume_type.c_str());
      ImGui::TableSetColumnIndex(3);
      if (volume.size) {
        ImGui::TextUnformatted(state::format_bytes(*volume.size).c_str());
        total += *volume.size;
      }
      ImGui::TableSetColumnIndex(4);
      // The boot volume stays; the API says why for anything else it refuses.
      if (slot != "0") {
        if (writing) ImGui::BeginDisabled();
        if (ImGui::SmallButton("Detach")) resources.detach_volume(volume.id);
        if (writing) ImGui::EndDisabled();
        anchor("volumes.detach." + slot);
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::TextDisabled("%zu volume%s, %s in all", server.volumes.size(),
                      server.volumes.size() == 1 ? "" : "s", state::format_bytes(total).c_str());
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextDisabled("ATTACH A BLOCK VOLUME");
  const auto& attachable = resources.attachable_volumes();
  if (!attachable) {
    ImGui::TextDisabled("Looking for free volumes in %s...", server.zone.c_str());
    return;
  }
  if (attachable->empty()) {
    ImGui::TextDisabled("No free block volume in this project and zone.");
    return;
  }
  std::string current = "Choose a volume";
  for (const model::Volume& volume : *attachable)
    if (volume.id == c.state.volume_to_attach)
      current = volume.name + " (" + state::format_bytes(volume.size) + ")";
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.65f);
  if (ImGui::BeginCombo("##attach", current.c_str())) {
    for (const model::Volume& volume : *attachable) {
      const std::string label =
          volume.name + " (" + state::format_bytes(volume.size) + ")##" + volume.id;
      if (ImGui::Selectable(label.c_str(), volume.id == c.state.volume_to_attach))
        c.state.volume_to_attach = volume.id;
    }
    ImGui::EndCombo();
  }
  anchor("volumes.attach_choice");
  ImGui::SameLine();
  const bool chosen = !c.state.volume_to_attach.empty();
  if (!chosen || writing) ImGui::BeginDisabled();
  if (ImGui::Button("Attach")) {
    resources.attach_volume(c.state.volume_to_attach);
    c.state.volume_to_attach.clear();
  }
  if (!chosen || writing) ImGui::EndDisabled();
  anchor("volumes.attach");
}

}  // namespace metal::ui
