#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "state/console.hpp"
#include "ui/fonts.hpp"
#include "ui/pages/server_tabs.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

struct UserDataEditor {
  std::string server_id;
  std::string key;      // the key open in the editor
  std::string text;     // its value as being edited
  bool loaded = false;  // text holds the stored value (or the user's edit of it)
  std::string new_key;
  std::string problem;
};
UserDataEditor g_editor;

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

void server_user_data_tab(state::Console& console, const model::Server& server) {
  if (g_editor.server_id != server.id) g_editor = {server.id, {}, {}, false, {}, {}};
  state::ServerResources& resources = console.resources();
  const auto& keys = resources.user_data_keys();
  if (!keys) {
    ImGui::TextDisabled("Loading user data...");
    return;
  }
  const bool writing = resources.writing();
  if (keys->empty()) ImGui::TextDisabled("No user data. cloud-init reads the key \"cloud-init\".");
  for (const std::string& key : *keys) {
    if (ImGui::Selectable(key.c_str(), g_editor.key == key)) {
      g_editor.key = key;
      g_editor.loaded = false;
      g_editor.problem.clear();
    }
    anchor("user_data.key." + key);
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  ImGui::InputTextWithHint("##new-key", "new key, e.g. cloud-init", &g_editor.new_key);
  anchor("user_data.new_key");
  ImGui::SameLine();
  if (ImGui::Button("New")) {
    if (!valid_key(g_editor.new_key)) {
      g_editor.problem =
          "A key is 1 to 64 letters, digits, '-', '_' or '.'; \"" + g_editor.new_key + "\" is not.";
    } else {
      g_editor.key = g_editor.new_key;
      g_editor.text.clear();
      g_editor.loaded = true;
      g_editor.new_key.clear();
      g_editor.problem.clear();
    }
  }
  anchor("user_data.new");
  if (!g_editor.problem.empty())
    ImGui::TextColored(palette().danger, "%s", g_editor.problem.c_str());
  if (g_editor.key.empty()) return;

  ImGui::Separator();
  const auto& values = resources.user_data();
  const auto stored = values.find(g_editor.key);
  if (!g_editor.loaded) {
    if (stored == values.end()) {
      ImGui::TextDisabled("Loading \"%s\"...", g_editor.key.c_str());
      return;
    }
    g_editor.text = stored->second;
    g_editor.loaded = true;
  }
  ImGui::Text("%s", g_editor.key.c_str());
  ImGui::SameLine();
  ImGui::TextDisabled("(%zu bytes)", g_editor.text.size());
  ImGui::PushFont(fonts().mono);
  ImGui::InputTextMultiline("##value", &g_editor.text, ImVec2(-1, ImGui::GetTextLineHeight() * 14),
                            ImGuiInputTextFlags_AllowTabInput);
  ImGui::PopFont();
  anchor("user_data.value");
  const bool changed = stored == values.end() || stored->second != g_editor.text;
  if (writing || !changed) ImGui::BeginDisabled();
  if (ImGui::Button("Save")) resources.set_user_data(g_editor.key, g_editor.text);
  if (writing || !changed) ImGui::EndDisabled();
  anchor("user_data.save");
  if (stored != values.end()) {
    ImGui::SameLine();
    if (writing) ImGui::BeginDisabled();
    if (ImGui::Button("Delete")) {
      resources.delete_user_data(g_editor.key);
      g_editor.key.clear();
    }
    if (writing) ImGui::EndDisabled();
    anchor("user_data.delete");
  }
}

}  // namespace metal::ui
