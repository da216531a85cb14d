#include "ui/pages/session_page.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

constexpr const char* kSessionPopup = "Session";

}  // namespace

void SessionDialog::forget_key() {
  std::fill(form_.secret_key.begin(), form_.secret_key.end(), '\0');
  form_.secret_key.clear();
}

std::optional<state::SessionChoice> SessionDialog::draw(bool on_demo, bool offer_remember,
                                                        const std::vector<std::string>& profiles,
                                                        const std::string& profiles_source) {
  if (open_requested_) {
    open_requested_ = false;
    problem_.clear();
    ImGui::OpenPopup(kSessionPopup);
  }
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(fs * 28, 0));
  if (!ImGui::BeginPopupModal(kSessionPopup, nullptr,
                              ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoResize))
    return std::nullopt;
  std::optional<state::SessionChoice> chosen;
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted("Session");
  ImGui::PopFont();
  ImGui::TextWrapped(on_demo ? "You are on the offline demo: a simulated cloud in this page."
                             : "You are connected to an API.");
  ImGui::Spacing();
  if (!profiles.empty()) {
    // The key stays in the file: choosing a profile hands over its name only.
    ImGui::TextDisabled("Profiles of %s", profiles_source.c_str());
    for (const std::string& name : profiles) {
      if (ImGui::Selectable(name.c_str())) {
        chosen = state::SessionChoice{false, {}, {}, false, name};
        forget_key();
        ImGui::CloseCurrentPopup();
      }
      anchor("session.profile." + name);
    }
    ImGui::Separator();
    ImGui::TextDisabled("Or another API:");
  }
  ImGui::TextDisabled("API URL (empty: this page's own server)");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##url", "https://api.example.com", &form_.api_url);
  anchor("session.url");
  ImGui::TextDisabled("Secret key");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##key", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", &form_.secret_key,
                           ImGuiInputTextFlags_Password);
  anchor("session.key");
  if (offer_remember) {
    ImGui::Checkbox("Remember on this computer (else only for this tab)", &form_.remember);
    anchor("session.remember");
  } else {
    form_.remember = false;
  }
  if (!problem_.empty()) ImGui::TextColored(palette().danger, "%s", problem_.c_str());
  ImGui::Separator();
  if (ImGui::Button("Connect")) {
    state::SessionChoice choice = form_;
    choice.demo = false;
    if (auto problem = state::session_problem(choice)) {
      problem_ = *problem;
    } else {
      chosen = std::move(choice);
      forget_key();
      ImGui::CloseCurrentPopup();
    }
  }
  anchor("session.connect");
  ImGui::SameLine();
  if (ImGui::Button("Use the offline demo")) {
    chosen = state::SessionChoice{};
    forget_key();
    ImGui::CloseCurrentPopup();
  }
  anchor("session.demo");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || key_pressed(ImGuiKey_Escape)) {
    forget_key();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
  return chosen;
}

}  // namespace metal::ui
