#include "ui/widgets/confirm_dialog.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <optional>

#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

constexpr const char* kConfirmPopup = "Confirm action";
constexpr std::size_t kVictimsShown = 8;

}  // namespace

void ConfirmDialog::ask(Confirmation confirmation) {
  pending_ = std::move(confirmation);
  typed_.clear();
}

void ConfirmDialog::draw() {
  if (pending_ && !ImGui::IsPopupOpen(kConfirmPopup)) ImGui::OpenPopup(kConfirmPopup);
  const ImVec2 center = ImGui::GetMainViewport()->GetCenter();
  ImGui::SetNextWindowPos(center, ImGuiCond_Appearing, ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(ImGui::GetFontSize() * 30, 0));
  if (!ImGui::BeginPopupModal(kConfirmPopup, nullptr,
                              ImGuiWindowFlags_NoResize | ImGuiWindowFlags_NoTitleBar))
    return;
  if (!pending_) {
    ImGui::CloseCurrentPopup();
    ImGui::EndPopup();
    return;
  }
  const Confirmation& c = *pending_;
  ImGui::PushFont(fonts().heading);
  ImGui::TextWrapped("%s", c.title.c_str());
  ImGui::PopFont();
  ImGui::Spacing();
  if (c.victims.size() > 1) {
    std::string names;
    for (std::size_t i = 0; i < c.victims.size() && i < kVictimsShown; ++i)
      names += (i ? ", " : "") + c.victims[i];
    if (c.victims.size() > kVictimsShown)
      names += " and " + std::to_string(c.victims.size() - kVictimsShown) + " more";
    ImGui::TextWrapped("%s", names.c_str());
    ImGui::Spacing();
  }
  ImGui::TextWrapped("%s", c.consequence.c_str());
  ImGui::Spacing();
  bool typed_ok = true;
  if (!c.typed_word.empty()) {
    ImGui::TextWrapped("Type %s to confirm:", c.typed_word.c_str());
    ImGui::SetNextItemWidth(-1);
    if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
    ImGui::InputText("##typed", &typed_);
    anchor("confirm.typed");
    typed_ok = typed_ == c.typed_word;
  }
  ImGui::Separator();
  ImGui::Spacing();
  if (!typed_ok) ImGui::BeginDisabled();
  ImGui::PushStyleColor(ImGuiCol_Button, palette().danger);
  ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
  const bool confirmed = ImGui::Button(c.button.c_str());
  ImGui::PopStyleColor(2);
  if (!typed_ok) ImGui::EndDisabled();
  anchor("confirm.ok");
  ImGui::SameLine();
  const bool cancelled = ImGui::Button("Cancel") || key_pressed(ImGuiKey_Escape);
  anchor("confirm.cancel");
  if (ImGui::IsWindowAppearing() && c.typed_word.empty())
    ImGui::SetKeyboardFocusHere(-1);  // Enter/Space = Cancel by default
  if (confirmed && typed_ok) {
    auto on_confirm = std::move(pending_->on_confirm);
    pending_.reset();
    ImGui::CloseCurrentPopup();
    if (on_confirm) on_confirm();
  } else if (cancelled) {
    pending_.reset();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace metal::ui
