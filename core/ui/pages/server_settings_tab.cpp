#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <string>
#include <vector>

#include "state/action_text.hpp"
#include "state/console.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/confirm_dialog.hpp"

namespace metal::ui {
namespace {

struct SettingsForm {
  std::string server_id;
  std::string name;
  std::string tags;  // as typed: separated by commas or spaces
  std::string problem;
};
SettingsForm g_form;

std::string joined(const std::vector<std::string>& tags) {
  std::string text;
  for (const std::string& tag : tags)
    text += (text.empty() ? "" : ", ") + tag;
  return text;
}

}  // namespace

void server_settings_tab(state::Console& console, const state::ServerRow& row,
                         const model::Server& server) {
  if (g_form.server_id != server.id) g_form = {server.id, server.name, joined(server.tags), {}};
  state::ServerResources& resources = console.resources();
  const bool writing = resources.writing();
  const float h = ImGui::GetFontSize();

  ImGui::TextDisabled("NAME");
  ImGui::SetNextItemWidth(h * 16);
  ImGui::InputText("##name", &g_form.name);
  anchor("settings.name");
  ImGui::SameLine();
  const bool renamed = g_form.name != server.name;
  if (writing || !renamed) ImGui::BeginDisabled();
  if (ImGui::Button("Rename")) {
    if (g_form.name.empty() || g_form.name.size() > 255) {
      g_form.problem = "A name is 1 to 255 characters.";
    } else {
      g_form.problem.clear();
      api::ServerUpdate changes;
      changes.name = g_form.name;
      resources.update_server(changes, "Renamed to " + g_form.name);
    }
  }
  if (writing || !renamed) ImGui::EndDisabled();
  anchor("settings.rename");

  ImGui::Spacing();
  ImGui::TextDisabled("TAGS");
  ImGui::SetNextItemWidth(h * 16);
  ImGui::InputTextWithHint("##tags", "web, prod", &g_form.tags);
  anchor("settings.tags");
  ImGui::SameLine();
  const std::vector<std::string> tags = state::split_tags(g_form.tags);
  const bool retagged = tags != server.tags;
  if (writing || !retagged) ImGui::BeginDisabled();
  if (ImGui::Button("Save tags")) {
    api::ServerUpdate changes;
    changes.tags = tags;
    resources.update_server(changes, "Tags saved");
  }
  if (writing || !retagged) ImGui::EndDisabled();
  anchor("settings.save_tags");
  if (!g_form.problem.empty()) ImGui::TextColored(palette().danger, "%s", g_form.problem.c_str());

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
  confirmation.on_confirm = [&console, id = server.id] {
    console.request_action(id, model::ServerAction::terminate);
  };
  ask_confirmation(std::move(confirmation));
}

}  // namespace metal::ui
