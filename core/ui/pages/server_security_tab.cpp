#include <imgui.h>
#include <imgui_stdlib.h>

#include <array>
#include <string>

#include "state/console.hpp"
#include "state/servers/rule_form.hpp"
#include "state/servers/servers.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/property_table.hpp"

namespace metal::ui {
namespace {

void choice(const char* id, std::string& value, std::initializer_list<const char*> options,
            float width) {
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, value.c_str())) {
    for (const char* option : options)
      if (ImGui::Selectable(option, value == option)) value = option;
    ImGui::EndCombo();
  }
}

std::string ports_text(const model::SecurityGroupRule& rule) {
  if (!rule.dest_port_from) return rule.protocol == "TCP" || rule.protocol == "UDP" ? "all" : "";
  std::string text = std::to_string(*rule.dest_port_from);
  if (rule.dest_port_to && *rule.dest_port_to != *rule.dest_port_from)
    text += "-" + std::to_string(*rule.dest_port_to);
  return text;
}

// Returns true when the user asked to save.
bool rule_form(ServerTabsState::RuleEditor& editor, bool writing) {
  const float h = ImGui::GetFontSize();
  state::RuleForm& form = editor.form;
  choice("##direction", form.direction, {"inbound", "outbound"}, h * 6);
  ImGui::SameLine();
  choice("##action", form.action, {"accept", "drop"}, h * 5);
  ImGui::SameLine();
  choice("##protocol", form.protocol, {"TCP", "UDP", "ICMP", "ANY"}, h * 4.5f);
  ImGui::SetNextItemWidth(h * 10);
  ImGui::InputTextWithHint("##range", "IP range, e.g. 203.0.113.0/24", &form.ip_range);
  anchor("rule.range");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(h * 4);
  ImGui::InputTextWithHint("##from", "port", &form.port_from);
  anchor("rule.port_from");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(h * 4);
  ImGui::InputTextWithHint("##to", "to", &form.port_to);
  ImGui::SameLine();
  if (writing) ImGui::BeginDisabled();
  const bool save = ImGui::Button(editor.editing.empty() ? "Add rule" : "Save rule");
  if (writing) ImGui::EndDisabled();
  anchor("rule.save");
  if (!editor.problem.empty()) ImGui::TextColored(palette().danger, "%s", editor.problem.c_str());
  return save;
}

}  // namespace

void server_security_tab(ServerTabContext& c, const model::Server& server) {
  state::Console& console = c.console;
  state::Servers& servers = c.servers;
  if (!server.security_group) {
    ImGui::TextDisabled("This server has no security group: all traffic is allowed.");
    return;
  }
  if (c.state.rules.server_id != server.id) c.state.rules = {server.id, {}, {}, {}};
  state::ServerResources& resources = servers.resources();
  const std::string& group_id = server.security_group->id;
  const auto& group = resources.security_group();
  if (begin_properties("group")) {
    property(console, "Security group", server.security_group->name);
    property(console, "Id", group_id, Text::mono, Copy::yes);
    if (group) {
      property(console, "Inbound default", group->inbound_default_policy);
      property(console, "Outbound default", group->outbound_default_policy);
      property(console, "Used by",
               std::to_string(group->servers.size()) + " server" +
                   (group->servers.size() == 1 ? "" : "s"));
    }
    end_properties();
  }
  ImGui::Spacing();
  const auto& rules = resources.rules();
  if (!rules) {
    ImGui::TextDisabled("Loading rules...");
    return;
  }
  const bool writing = resources.writing();
  if (ImGui::BeginTable("rules", 6,
                        ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH |
                            ImGuiTableFlags_SizingStretchProp)) {
    ImGui::TableSetupColumn("Direction", ImGuiTableColumnFlags_WidthStretch, 1.2f);
    ImGui::TableSetupColumn("Action", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("Protocol", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("IP range", ImGuiTableColumnFlags_WidthStretch, 2.0f);
    ImGui::TableSetupColumn("Ports", ImGuiTableColumnFlags_WidthStretch, 1.0f);
    ImGui::TableSetupColumn("##edit", ImGuiTableColumnFlags_WidthStretch, 1.6f);
    ImGui::TableHeadersRow();
    for (const model::SecurityGroupRule& rule : *rules) {
      ImGui::TableNextRow();
      ImGui::PushID(rule.id.c_str());
      const bool editing = c.state.rules.editing == rule.id;
      ImGui::TableSetColumnIndex(0);
      ImGui::TextUnformatted(rule.direction.c_str());
      ImGui::TableSetColumnIndex(1);
      ImGui::TextColored(rule.action == "drop" ? palette().danger : palette().success, "%s",
                         rule.action.c_str());
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(rule.protocol.c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(rule.ip_range.c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::TextUnformatted(ports_text(rule).c_str());
      ImGui::TableSetColumnIndex(5);
      if (!rule.editable) {
        ImGui::TextDisabled("fixed");
        if (ImGui::IsItemHovered()) ImGui::SetTooltip("Set by the platform; it cannot be changed.");
      } else {
        if (writing) ImGui::BeginDisabled();
        if (ImGui::SmallButton(editing ? "Editing" : "Edit")) {
          c.state.rules.editing = rule.id;
          c.state.rules.form = state::form_of(rule);
          c.state.rules.problem.clear();
        }
        anchor("rule.edit." + std::to_string(rule.position));
        ImGui::SameLine();
        if (ImGui::SmallButton("Delete")) resources.delete_rule(group_id, rule.id);
        anchor("rule.delete." + std::to_string(rule.position));
        if (writing) ImGui::EndDisabled();
      }
      ImGui::PopID();
    }
    ImGui::EndTable();
  }
  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextDisabled(c.state.rules.editing.empty() ? "ADD A RULE" : "EDIT THE RULE");
  if (!c.state.rules.editing.empty()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("New rule instead")) c.state.rules = {server.id, {}, {}, {}};
  }
  if (!rule_form(c.state.rules, writing)) return;
  auto rule = state::check_rule_form(c.state.rules.form);
  if (!rule) {
    c.state.rules.problem = rule.error();
    return;
  }
  if (c.state.rules.editing.empty())
    resources.add_rule(group_id, *rule);
  else
    resources.update_rule(group_id, c.state.rules.editing, *rule);
  c.state.rules = {server.id, {}, {}, {}};
}

}  // namespace metal::ui
