#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "state/console.hpp"
#include "state/servers/action_text.hpp"
#include "state/servers/servers.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/confirm_dialog.hpp"

namespace metal::ui {
namespace {

std::string joined(const std::vector<std::string>& tags) {
  std::string text;
  for (const std::string& tag : tags)
    text += (text.empty() ? "" : ", ") + tag;
  return text;
}

}  // namespace

void server_settings_tab(ServerTabContext& c, const state::ServerRow& row,
                         const model::Server& server) {
  state::Servers& servers = c.servers;
  if (c.state.settings.server_id != server.id)
    c.state.settings = {server.id, server.name, joined(server.tags), {}};
  state::ServerResources& resources = servers.resources();
  const bool writing = resources.writing();
  const float h = ImGui::GetFontSize();

  ImGui::TextDisabled("NAME");
  ImGui::SetNextItemWidth(h * 16);
  ImGui::InputText("##name", &c.state.settings.name);
  anchor("settings.name");
  ImGui::SameLine();
  const bool renamed = c.state.settings.name != server.name;
  if (writing || !renamed) ImGui::BeginDisabled();
  if (ImGui::Button("Rename")) {
    if (c.state.settings.name.empty() || c.state.settings.name.size() > 255) {
      c.state.settings.problem = "A name is 1 to 255 characters.";
    } else {
      c.state.settings.problem.clear();
      api::ServerUpdate changes;
      changes.name = c.state.settings.name;
      resources.update_server(changes, "Renamed to " + c.state.settings.name);
    }
  }
  if (writing || !renamed) ImGui::EndDisabled();
  anchor("settings.rename");

  ImGui::Spacing();
  ImGui::TextDisabled("TAGS");
  ImGui::SetNextItemWidth(h * 16);
  ImGui::InputTextWithHint("##tags", "web, prod", &c.state.settings.tags);
  anchor("settings.tags");
  ImGui::SameLine();
  const std::vector<std::string> tags = state::split_tags(c.state.settings.tags);
  const bool retagged = tags != server.tags;
  if (writing || !retagged) ImGui::BeginDisabled();
  if (ImGui::Button("Save tags")) {
    api::ServerUpdate changes;
    changes.tags = tags;
    resources.update_server(changes, "Tags saved");
  }
  if (writing || !retagged) ImGui::EndDisabled();
  anchor("settings.save_tags");
  if (!c.state.settings.problem.empty())
    ImGui::TextColored(palette().danger, "%s", c.state.settings.problem.c_str());

  ImGui::Spacing();
  ImGui::TextDisabled("PROTECTION");
  bool is_protected = server.is_protected;
  if (writing) ImGui::BeginDisabled();
  if (ImGui::Checkbox("Protected: the server cannot be terminated", &is_protected)) {
    api::ServerUpdate changes;
    changes.protected_ = is_protected;
    resources.update_server(changes, is_protected ? "Protection on" : "Protection off");
  }
  if (writing) ImGui::EndDisabled();
  anchor("settings.protected");

  ImGui::Spacing();
  ImGui::Separator();
  ImGui::TextColored(palette().danger, "DELETE");
  if (server.is_protected || !row.allows(model::ServerAction::terminate)) {
    ImGui::TextDisabled(server.is_protected ? "Turn protection off to delete this server."
                                            : "This server cannot be deleted in its state.");
    return;
  }
  ImGui::TextWrapped(
      "%s", std::string(state::action_consequence(model::ServerAction::terminate)).c_str());
  ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
  const bool clicked = ImGui::Button("Delete this server...");
  ImGui::PopStyleColor();
  anchor("settings.delete");
  if (!clicked) return;
  Confirmation confirmation;
  confirmation.title = "Delete " + server.name + "?";
  confirmation.consequence = state::action_consequence(model::ServerAction::terminate);
  confirmation.victims = {server.name};
  confirmation.typed_word = server.name;  // from settings, always: it is the deliberate way
  confirmation.button = "Delete";
  confirmation.on_confirm = [&servers, id = server.id] {
    servers.request_action(id, model::ServerAction::terminate);
  };
  c.shell.confirm.ask(std::move(confirmation));
}

}  // namespace metal::ui
