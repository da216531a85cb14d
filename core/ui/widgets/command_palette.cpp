#include "ui/widgets/command_palette.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <functional>
#include <string>
#include <vector>

#include "state/console.hpp"
#include "ui/keys.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

constexpr const char* kPopup = "Command palette";
constexpr std::size_t kMaxServers = 8;

struct Command {
  std::string label;
  std::function<void()> run;
};

std::string g_text;
int g_highlighted = 0;
bool g_open = false;

bool contains_words(const std::string& haystack, const std::string& typed) {
  const std::string lowered = state::to_lower(haystack);
  std::size_t start = 0;
  const std::string needle = state::to_lower(typed);
  while (start < needle.size()) {
    const std::size_t end = needle.find(' ', start);
    const std::string word = needle.substr(start, end == std::string::npos ? end : end - start);
    if (!word.empty() && lowered.find(word) == std::string::npos) return false;
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return true;
}

std::vector<Command> commands(state::Console& console, PaletteActions& actions) {
  std::vector<Command> out;
  const std::string& typed = g_text;
  // Servers first: what people most often want is to get to one.
  if (typed.size() >= 2) {
    const std::string needle = state::to_lower(typed);
    std::size_t found = 0;
    for (const state::ServerRow& row : console.servers().rows()) {
      if (row.search_text.find(needle) == std::string::npos) continue;
      out.push_back(
          {"Open " + row.name + "  (" + row.zone + ", " + std::string(row.state_text()) + ")",
           [&console, id = row.id] { console.select(id); }});
      if (++found == kMaxServers) break;
    }
  }
  std::vector<Command> fixed;
  fixed.push_back(
      {"Create a server", [&console] { console.open_create(console.route().query.zone); }});
  for (model::ServerState s : {model::ServerState::running, model::ServerState::stopped,
                               model::ServerState::starting, model::ServerState::stopping}) {
    fixed.push_back({"Show " + std::string(model::to_string(s)) + " servers", [&console, s] {
                       state::ServerQuery q = console.route().query;
                       q.state = s;
                       console.set_query(q);
                     }});
  }
  fixed.push_back({"Show all servers", [&console] {
                     console.clear_selection();
                     console.set_query({});
                   }});
  for (const auto& choice : {std::pair{state::ServerGrouping::zone, "Group by zone"},
                             std::pair{state::ServerGrouping::state, "Group by state"},
                             std::pair{state::ServerGrouping::tag, "Group by tag"},
                             std::pair{state::ServerGrouping::none, "No grouping"}})
    fixed.push_back({choice.second, [&console, grouping = choice.first] {
                       state::ServerQuery q = console.route().query;
                       q.group = grouping;
                       console.set_query(q);
                     }});
  if (console.selected())
    for (state::DetailTab tab : state::kDetailTabs)
      fixed.push_back({"Open the " + std::string(state::tab_label(tab)) + " tab",
                       [&console, tab] { console.open_tab(tab); }});
  fixed.push_back({"Switch the theme", [&actions] { actions.toggle_theme = true; }});
  for (Command& command : fixed)
    if (contains_words(command.label, typed)) out.push_back(std::move(command));
  return out;
}

}  // namespace

namespace {
bool g_open_requested = false;
}  // namespace

void open_command_palette() {
  g_open_requested = true;
}

PaletteActions command_palette(state::Console& console) {
  PaletteActions actions;
  if (ctrl_letter_pressed('K') || g_open_requested) {
    g_open_requested = false;
    g_open = true;
    g_text.clear();
    g_highlighted = 0;
    ImGui::OpenPopup(kPopup);
  }
  if (!g_open) return actions;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport->GetCenter().x, viewport->WorkPos.y + fs * 5),
                          ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(fs * 34, 0));
  if (!ImGui::BeginPopupModal(kPopup, nullptr,
                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                  ImGuiWindowFlags_AlwaysAutoResize)) {
    g_open = false;
    return actions;
  }
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##palette", "Type a server name, or a command", &g_text))
    g_highlighted = 0;
  anchor("palette.input");
  std::vector<Command> list = commands(console, actions);
  if (key_pressed(ImGuiKey_DownArrow)) ++g_highlighted;
  if (key_pressed(ImGuiKey_UpArrow)) --g_highlighted;
  g_highlighted =
      list.empty() ? 0 : std::clamp(g_highlighted, 0, static_cast<int>(list.size()) - 1);
  const bool enter = key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter);
  std::function<void()> chosen;
  for (int i = 0; i < static_cast<int>(list.size()) && i < 14; ++i) {
    if (ImGui::Selectable(list[static_cast<std::size_t>(i)].label.c_str(), i == g_highlighted))
      chosen = list[static_cast<std::size_t>(i)].run;
    anchor("palette.item." + std::to_string(i));
  }
  if (list.empty()) ImGui::TextDisabled("Nothing matches \"%s\"", g_text.c_str());
  if (enter && !list.empty()) chosen = list[static_cast<std::size_t>(g_highlighted)].run;
  if (chosen || key_pressed(ImGuiKey_Escape)) {
    g_open = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  if (chosen) chosen();
  return actions;
}

}  // namespace metal::ui
