#include "ui/widgets/command_palette.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "state/console.hpp"
#include "state/format.hpp"
#include "ui/keys.hpp"
#include "ui/page_registry.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

constexpr const char* kPalettePopup = "Command palette";
constexpr int kShown = 14;

}  // namespace

std::vector<state::PaletteCommand> CommandPalette::commands(state::Console& console,
                                                            std::span<const PageRow> pages,
                                                            PaletteActions& actions) const {
  std::vector<state::PaletteCommand> all;
  for (const PageRow& row : pages)
    if (!row.spec.nav_section.empty())
      all.push_back({"Go to " + std::string(row.spec.title),
                     [&console, id = row.spec.id] { console.open_page(id); }});
  for (const PageRow& row : pages)
    if (row.spec.commands) row.spec.commands(console, text_, all);
  all.push_back({"Switch the theme", [&actions] { actions.toggle_theme = true; }});

  // What the pages found by their own search first, then the commands whose label has every word.
  std::vector<state::PaletteCommand> out;
  for (state::PaletteCommand& command : all)
    if (command.found) out.push_back(std::move(command));
  for (state::PaletteCommand& command : all)
    if (!command.found && command.run && state::contains_words(command.label, text_))
      out.push_back(std::move(command));
  return out;
}

PaletteActions CommandPalette::draw(state::Console& console, std::span<const PageRow> pages) {
  PaletteActions actions;
  if (ctrl_letter_pressed('K') || open_requested_) {
    open_requested_ = false;
    open_ = true;
    text_.clear();
    highlighted_ = 0;
    ImGui::OpenPopup(kPalettePopup);
  }
  if (!open_) return actions;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImVec2(viewport->GetCenter().x, viewport->WorkPos.y + fs * 5),
                          ImGuiCond_Always, ImVec2(0.5f, 0));
  ImGui::SetNextWindowSize(ImVec2(fs * 34, 0));
  if (!ImGui::BeginPopupModal(kPalettePopup, nullptr,
                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize |
                                  ImGuiWindowFlags_AlwaysAutoResize)) {
    open_ = false;
    return actions;
  }
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::SetNextItemWidth(-1);
  if (ImGui::InputTextWithHint("##palette", "Type a server name, a page, or a command", &text_))
    highlighted_ = 0;
  anchor("palette.input");
  std::vector<state::PaletteCommand> list = commands(console, pages, actions);
  if (key_pressed(ImGuiKey_DownArrow)) ++highlighted_;
  if (key_pressed(ImGuiKey_UpArrow)) --highlighted_;
  const int shown = std::min(static_cast<int>(list.size()), kShown);
  highlighted_ = shown == 0 ? 0 : std::clamp(highlighted_, 0, shown - 1);
  const bool enter = key_pressed(ImGuiKey_Enter) || key_pressed(ImGuiKey_KeyPadEnter);
  std::function<void()> chosen;
  for (int i = 0; i < shown; ++i) {
    if (ImGui::Selectable(list[static_cast<std::size_t>(i)].label.c_str(), i == highlighted_))
      chosen = list[static_cast<std::size_t>(i)].run;
    anchor("palette.item." + std::to_string(i));
  }
  if (list.empty()) ImGui::TextDisabled("Nothing matches \"%s\"", text_.c_str());
  if (enter && shown > 0) chosen = list[static_cast<std::size_t>(highlighted_)].run;
  if (chosen || key_pressed(ImGuiKey_Escape)) {
    open_ = false;
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  if (chosen) chosen();
  return actions;
}

}  // namespace metal::ui
