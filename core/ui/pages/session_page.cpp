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

constexpr const char* kPopup = "Session";
bool g_open_requested = false;
state::SessionChoice g_form{false, {}, {}, false, {}};
std::string g_problem;

// The key lives in this buffer only while typed; it is wiped when the dialog closes.
void forget_key() {
  std::fill(g_form.secret_key.begin(), g_form.secret_key.end(), '\0');
  g_form.secret_key.clear();
}

}  // namespace

void open_session_page() {
  g_open_requested = true;
}

std::optional<state::SessionChoice> session_page(bool on_demo,
                                                 const std::vector<std::string>& profiles,
                                                 const std::string& profiles_source) {
  if (g_open_requested) {
    g_open_requested = false;
    g_problem.clear();
    ImGui::OpenPopup(kPopup);
  }
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextWindowPos(ImGui::GetMainViewport()->GetCenter(), ImGuiCond_Appearing,
                          ImVec2(0.5f, 0.5f));
  ImGui::SetNextWindowSize(ImVec2(fs * 28, 0));
  if (!ImGui::BeginPopupModal(kPopup, nullptr,
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
  ImGui::InputTextWithHint("##url", "https://api.example.com", &g_form.api_url);
  anchor("session.url");
  ImGui::TextDisabled("Secret key");
  ImGui::SetNextItemWidth(-1);
  ImGui::InputTextWithHint("##key", "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", &g_form.secret_key,
                           ImGuiInputTextFlags_Password);
  anchor("session.key");
  ImGui::Checkbox("Remember on this computer (else only for this tab)", &g_form.remember);
  anchor("session.remember");
  if (!g_problem.empty()) ImGui::TextColored(palette().danger, "%s", g_problem.c_str());
  ImGui::Separator();
  if (ImGui::Button("Connect")) {
    state::SessionChoice choice = g_form;
    choice.demo = false;
    if (auto problem = state::session_problem(choice)) {
      g_problem = *problem;
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
