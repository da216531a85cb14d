#include "ui/pages/server_detail_panel.hpp"

#include <imgui.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "state/action_text.hpp"
#include "state/format.hpp"
#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/confirm_dialog.hpp"
#include "ui/widgets/state_badge.hpp"

namespace metal::ui {
namespace {

using model::ServerAction;

// The order a person expects to read them in: start, stop, cycle, keep, destroy.
constexpr std::array<ServerAction, 6> kActionOrder{
    ServerAction::poweron,       ServerAction::poweroff, ServerAction::reboot,
    ServerAction::stop_in_place, ServerAction::backup,   ServerAction::terminate};

enum class Copy { no, yes };
enum class Text { plain, mono };

// Ids and addresses copy with one click on the value itself; the toast says what was copied.
void copyable_text(state::Console& console, const char* id, const std::string& value, Text text) {
  const bool mono = text == Text::mono;
  if (mono) ImGui::PushFont(fonts().mono);
  ImGui::PushID(id);
  const ImVec2 size =
      ImGui::CalcTextSize(value.c_str(), nullptr, false, ImGui::GetContentRegionAvail().x);
  const ImVec2 start = ImGui::GetCursorScreenPos();
  if (ImGui::InvisibleButton("##copy", ImVec2(std::max(size.x, 1.0f), size.y))) {
    ImGui::SetClipboardText(value.c_str());
    console.notify(state::Notification::Level::info, "Copied " + value);
  }
  anchor("copy." + std::string(id));
  const bool hovered = ImGui::IsItemHovered();
  ImGui::GetWindowDrawList()->AddText(
      nullptr, 0.0f, start, ImGui::GetColorU32(hovered ? palette().accent : palette().text),
      value.c_str(), nullptr, ImGui::GetContentRegionAvail().x);
  if (hovered) ImGui::SetTooltip("Click to copy");
  ImGui::PopID();
  if (mono) ImGui::PopFont();
}

void property(state::Console& console, const char* label, const std::string& value,
              Text text = Text::plain, Copy copy = Copy::no) {
  const bool mono = text == Text::mono;
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextDisabled("%s", label);
  ImGui::TableSetColumnIndex(1);
  if (value.empty()) {
    ImGui::TextDisabled("-");
    return;
  }
  if (copy == Copy::yes) return copyable_text(console, label, value, text);
  if (mono) ImGui::PushFont(fonts().mono);
  ImGui::TextWrapped("%s", value.c_str());
  if (mono) ImGui::PopFont();
}

void actions(state::Console& console, const state::ServerRow& row) {
  if (console.action_pending(row.id)) {
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
      console.request_action(row.id, action);
      continue;
    }
    Confirmation confirmation;
    confirmation.title = label + " " + row.name + "?";
    confirmation.consequence = state::action_consequence(action);
    confirmation.victims = {row.name};
    // A protected server is protected for a reason: make the user say its name.
    if (row.is_protected && action == ServerAction::terminate) confirmation.typed_word = row.name;
    confirmation.button = label;
    confirmation.on_confirm = [&console, id = row.id, action] {
      console.request_action(id, action);
    };
    ask_confirmation(std::move(confirmation));
  }
  if (!any)
    ImGui::TextDisabled(row.state == model::ServerState::locked
                            ? "Locked for maintenance: no action is possible now."
                            : "No action is possible in this state.");
}

}  // namespace

void server_detail_panel(state::Console& console) {
  const state::ServerRow* row = console.selected();
  if (!row) {
    if (!console.route().server_id.empty())
      ImGui::TextDisabled(console.sync().initial_load_done()
                              ? "This server does not exist (any more)."
                              : "Loading...");
    return;
  }
  const auto& detail = console.selected_detail();
  const model::Server* full = detail && detail->id == row->id ? &*detail : nullptr;

  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted(row->name.c_str());
  ImGui::PopFont();
  ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() -
                  ImGui::GetFrameHeight() * 1.2f);
  if (ImGui::Button("x", ImVec2(ImGui::GetFrameHeight(), 0))) console.clear_selection();
  anchor("detail.close");
  if (ImGui::IsItemHovered()) ImGui::SetTooltip("Close (Esc)");

  copyable_text(console, "id", row->id, Text::mono);

  state_badge(row->state, row->state_text(), {});
  if (!row->state_detail.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s", row->state_detail.c_str());
  }
  ImGui::Spacing();
  actions(console, *row);
  ImGui::Spacing();
  ImGui::Separator();

  if (!ImGui::BeginTable("properties", 2, ImGuiTableFlags_SizingStretchProp)) return;
  ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 7.5f);
  ImGui::TableSetupColumn("value", ImGuiTableColumnFlags_WidthStretch);
  property(console, "Type", row->commercial_type);
  property(console, "Zone", row->zone);
  property(console, "Project", row->project, Text::mono, Copy::yes);
  property(console, "Image", row->image_name);
  property(console, "Public IP", row->public_ip, Text::mono, Copy::yes);
  property(console, "Private IP", row->private_ip, Text::mono, Copy::yes);
  std::string tags;
  for (const std::string& tag : row->tags)
    tags += (tags.empty() ? "" : ", ") + tag;
  property(console, "Tags", tags);
  property(console, "Created", state::format_date_time(row->created));
  property(console, "Modified", state::format_date_time(row->modified));
  property(console, "Protected", row->is_protected ? "yes: cannot be terminated" : "no");
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
    for (const auto& [slot, volume] : full->volumes) {
      const std::string label = "Volume " + slot;
      std::string text = volume.volume_type;
      if (volume.size) text += ", " + state::format_bytes(*volume.size);
      if (!volume.name.empty()) text += " - " + volume.name;
      property(console, label.c_str(), text);
    }
    property(console, "Boot type", full->boot_type);
    property(console, "Routed IP", full->routed_ip_enabled ? "enabled" : "disabled");
    property(console, "IPv6", full->ipv6 ? full->ipv6->address : std::string(), Text::mono,
             Copy::yes);
    property(console, "MAC address", full->mac_address, Text::mono, Copy::yes);
    if (full->dns) property(console, "DNS", *full->dns, Text::mono, Copy::yes);
  }
  ImGui::EndTable();
}

}  // namespace metal::ui
