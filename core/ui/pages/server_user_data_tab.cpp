#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "state/console.hpp"
#include "state/servers/servers.hpp"
#include "ui/fonts.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

// Keys travel in the URL path (/user_data/{key}): letters, digits, '-', '_' and '.' only.
bool valid_key(const std::string& key) {
  if (key.empty() || key.size() > 64) return false;
  for (char c : key)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.'))
      return false;
  return true;
}

}  // namespace

void server_user_data_tab(ServerTabContext& c, const model::Server& server) {
  state::Servers& servers = c.servers;
  if (c.state.user_data.server_id != server.id)
    c.state.user_data = {server.id, {}, {}, false, {}, {}};
  state::ServerResources& resources = servers.resources();
  const auto& keys = resources.user_data_keys();
  if (!keys) {
    ImGui::TextDisabled("Loading user data...");
    return;
  }
  const bool writing = resources.writing();
  if (keys->empty()) ImGui::TextDisabled("No user data. cloud-init reads the key \"cloud-init\".");
  for (const std::string& key : *keys) {
    if (ImGui::Selectable(key.c_str(), c.state.user_data.key == key)) {
      c.state.user_data.key = key;
      c.state.user_data.loaded = false;
      c.state.user_data.problem.clear();
    }
    anchor("user_data.key." + key);
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  ImGui::InputTextWithHint("##new-key", "new key, e.g. cloud-init", &c.state.user_data.new_key);
  anchor("user_data.new_key");
  ImGui::SameLine();
  if (ImGui::Button("New")) {
    if (!valid_key(c.state.user_data.new_key)) {
      c.state.user_data.problem = "A key is 1 to 64 letters, digits, '-', '_' or '.'; \"" +
                                  c.state.user_data.new_key + "\" is not.";
    } else {
      c.state.user_data.key = c.state.user_data.new_key;
      c.state.user_data.text.clear();
      c.state.user_data.loaded = true;
      c.state.user_data.new_key.clear();
      c.state.user_data.problem.clear();
    }
  }
  anchor("user_data.new");
  if (!c.state.user_data.problem.empty())
    ImGui::TextColored(palette().danger, "%s", c.state.user_data.problem.c_str());
  if (c.state.user_data.key.empty()) return;

  ImGui::Separator();
  const auto& values = resources.user_data();
  const auto stored = values.find(c.state.user_data.key);
  if (!c.state.user_data.loaded) {
    if (stored == values.end()) {
      ImGui::TextDisabled("Loading \"%s\"...", c.state.user_data.key.c_str());
      return;
    }
    c.state.user_data.text = stored->second;
    c.state.user_data.loaded = true;
  }
  ImGui::Text("%s", c.state.user_data.key.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("(%zu bytes)", c.state.user_data.text.size());
  ImGui::PushFont(fonts().mono);
  ImGui::InputTextMultiline("##value", &c.state.user_data.text,
                            ImVec2(-1, ImGui::GetTextLineHeight() * 14),
                            ImGuiInputTextFlags_AllowTabInput);
  ImGui::PopFont();
  anchor("user_data.value");
  const bool changed = stored == values.end() || stored->second != c.state.user_data.text;
  if (writing || !changed) ImGui::BeginDisabled();
  if (ImGui::Button("Save")) resources.set_user_data(c.state.user_data.key, c.state.user_data.text);
  if (writing || !changed) ImGui::EndDisabled();
  anchor("user_data.save");
  if (stored != values.end()) {
    ImGui::SameLine();
    if (writing) ImGui::BeginDisabled();
    if (ImGui::Button("Delete")) {
      resources.delete_user_data(c.state.user_data.key);
      c.state.user_data.key.clear();
    }
    if (writing) ImGui::EndDisabled();
    anchor("user_data.delete");
  }
}

}  // namespace metal::ui
