#include "ui/console_ui.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/fonts.hpp"
#include "ui/pages/create_server_page.hpp"
#include "ui/pages/monitoring_page.hpp"
#include "ui/pages/server_detail_panel.hpp"
#include "ui/pages/servers_page.hpp"
#include "ui/pages/session_page.hpp"
#include "ui/test_anchors.hpp"
#include "ui/widgets/command_palette.hpp"
#include "ui/widgets/confirm_dialog.hpp"

namespace metal::ui {

void ConsoleUi::configure(float scale) {
  scale_ = scale;
  load_fonts(scale);
  apply_theme(theme_, scale);
}

void ConsoleUi::draw(state::Console& console, const ShellInfo& info) {
  begin_anchor_frame();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(0, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_WindowRounding, 0);
  ImGui::Begin("##console", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                   ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus);
  ImGui::PopStyleVar(2);

  const float fs = ImGui::GetFontSize();
  const ImGuiStyle& style = ImGui::GetStyle();
  top_bar(console, info);

  // Children stack with ItemSpacing between them; the status bar takes what is left below the body.
  const float status_height = ImGui::GetFrameHeight() + style.WindowPadding.y * 2;
  const float body_height = ImGui::GetContentRegionAvail().y - status_height - style.ItemSpacing.y;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().surface_raised);
  ImGui::BeginChild("##nav", ImVec2(fs * 12.5f, body_height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  navigation(console);
  ImGui::EndChild();
  ImGui::PopStyleColor();

  ImGui::SameLine(0, 0);
  const bool monitoring = console.route().page == state::Page::monitoring;
  const bool creating = console.route().create && !monitoring;
  const bool detail_open = !monitoring && (creating || !console.route().server_id.empty());
  // The detail takes what its tabs need (rules tables, charts) and leaves the list usable.
  const float detail_width =
      detail_open ? std::max(fs * 30.0f, ImGui::GetContentRegionAvail().x * 0.48f) : 0.0f;
  ImGui::BeginChild("##page", ImVec2(ImGui::GetContentRegionAvail().x - detail_width, body_height),
                    false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  if (monitoring)
    monitoring_page(console);
  else
    servers_page(console);
  ImGui::EndChild();

  if (detail_open) {
    ImGui::SameLine(0, 0);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().surface_raised);
    ImGui::BeginChild("##detail", ImVec2(detail_width, body_height), true,
                      ImGuiWindowFlags_AlwaysUseWindowPadding);
    if (creating)
      create_server_page(console);
    else
      server_detail_panel(console);
    ImGui::EndChild();
    ImGui::PopStyleColor();
  }

  status_bar(console, info);
  ImGui::End();
  confirmation_dialog();
  if (auto choice = session_page(info.on_demo, info.profiles, info.profiles_source))
    session_ = std::move(choice);
  if (command_palette(console).toggle_theme) {
    theme_ = theme_ == ThemeMode::dark ? ThemeMode::light : ThemeMode::dark;
    apply_theme(theme_, scale_);
  }
  notifications(console);

  if (console.view().size() > 0) drew_data_ = true;
}

void ConsoleUi::top_bar(state::Console& console, const ShellInfo& info) {
  const float fs = ImGui::GetFontSize();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().surface_raised);
  ImGui::BeginChild("##top", ImVec2(0, fs * 2.6f), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
  ImGui::AlignTextToFramePadding();
  ImGui::PushFont(fonts().strong);
  ImGui::TextColored(palette().accent, "Metal Console");
  ImGui::PopFont();
  ImGui::SameLine(fs * 12.5f);
  // Breadcrumbs: where you are, each part a way back.
  if (console.route().page == state::Page::monitoring) {
    ImGui::TextUnformatted("Monitoring");
  } else if (console.selected()) {
    if (ImGui::SmallButton("Servers")) console.clear_selection();
    ImGui::SameLine();
    ImGui::TextDisabled("/");
    ImGui::SameLine();
    ImGui::TextUnformatted(console.selected()->name.c_str());
  } else {
    ImGui::TextUnformatted("Servers");
  }

  const std::string session = info.session_label;
  const float theme_width =
      ImGui::CalcTextSize("Light theme").x + ImGui::GetStyle().FramePadding.x * 2;
  const float session_width = ImGui::CalcTextSize(session.c_str()).x + fs * 2;
  const float palette_width = ImGui::CalcTextSize("Search or run...  Ctrl+K").x + fs * 1.5f;
  ImGui::SameLine(ImGui::GetWindowWidth() - theme_width - session_width - palette_width -
                  fs * 2.0f);
  if (ImGui::Button("Search or run...  Ctrl+K")) open_command_palette();
  anchor("shell.palette");
  ImGui::SameLine();
  if (ImGui::Button(session.c_str())) open_session_page();
  anchor("shell.session");
  ImGui::SameLine();
  const bool dark = theme_ == ThemeMode::dark;
  if (ImGui::Button(dark ? "Light theme" : "Dark theme")) {
    theme_ = dark ? ThemeMode::light : ThemeMode::dark;
    apply_theme(theme_, scale_);
  }
  anchor("shell.theme");
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ConsoleUi::navigation(state::Console& console) {
  ImGui::TextDisabled("COMPUTE");
  char label[96];
  std::snprintf(label, sizeof label, "Servers  (%zu)", console.servers().size());
  const bool on_servers = console.route().page == state::Page::servers;
  if (ImGui::Selectable(label, on_servers)) {
    if (on_servers)
      console.clear_selection();
    else
      console.open_page(state::Page::servers);
  }
  anchor("nav.servers");
  if (ImGui::Selectable("Monitoring", !on_servers)) console.open_page(state::Page::monitoring);
  anchor("nav.monitoring");
  ImGui::Spacing();
  ImGui::Spacing();
  // Projects the key sees: the list shows one, or all of them.
  if (console.projects().size() > 1) {
    ImGui::TextDisabled("PROJECT");
    const state::ServerQuery& q = console.route().query;
    std::string current = "All projects";
    for (const model::Project& p : console.projects())
      if (p.id == q.project) current = p.name;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##project", current.c_str())) {
      auto choose = [&](const std::string& id) {
        state::ServerQuery next = q;
        next.project = id;
        console.set_query(std::move(next));
      };
      if (ImGui::Selectable("All projects", q.project.empty())) choose("");
      for (const model::Project& p : console.projects())
        if (ImGui::Selectable((p.name + "##" + p.id).c_str(), p.id == q.project)) choose(p.id);
      ImGui::EndCombo();
    }
    anchor("nav.project");
    ImGui::Spacing();
  }
  ImGui::TextDisabled("ZONES");
  const state::ServerQuery& query = console.route().query;
  auto zone_item = [&](const std::string& zone, const char* text, std::size_t count) {
    std::snprintf(label, sizeof label, "%s  (%zu)", text, count);
    if (ImGui::Selectable(label, query.zone == zone)) {
      state::ServerQuery next = query;
      next.zone = zone;
      console.set_query(std::move(next));
    }
    anchor("nav.zone." + (zone.empty() ? std::string("all") : zone));
  };
  zone_item("", "All zones", console.servers().size());
  for (const std::string& zone : console.zones())
    zone_item(zone, zone.c_str(), console.servers().count_in_zone(zone));
}

void ConsoleUi::status_bar(const state::Console& console, const ShellInfo& info) {
  const Palette& p = palette();
  ImGui::PushStyleColor(ImGuiCol_ChildBg, p.surface_raised);
  ImGui::BeginChild("##status", ImVec2(0, 0), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding | ImGuiWindowFlags_NoScrollbar);
  ImGui::AlignTextToFramePadding();
  ImGui::TextColored(p.success, "%s", info.session_label.c_str());
  if (!info.clock_label.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("(%s)", info.clock_label.c_str());
  }
  ImGui::SameLine();
  ImGui::TextDisabled("|");
  ImGui::SameLine();
  const std::size_t in_flight = console.requests_in_flight();
  if (in_flight > 0)
    ImGui::Text("%zu request%s in flight", in_flight, in_flight == 1 ? "" : "s");
  else
    ImGui::TextDisabled("idle");
  if (!console.last_error().empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("|");
    ImGui::SameLine();
    ImGui::PushStyleColor(ImGuiCol_Text, p.danger);
    ImGui::TextUnformatted("Last error:");
    ImGui::SameLine();
    const float room = ImGui::GetContentRegionAvail().x - ImGui::GetFontSize() * 8;
    ImGui::PushClipRect(ImGui::GetCursorScreenPos(),
                        ImVec2(ImGui::GetCursorScreenPos().x + room,
                               ImGui::GetCursorScreenPos().y + ImGui::GetFrameHeight()),
                        true);
    ImGui::TextUnformatted(console.last_error().c_str());
    ImGui::PopClipRect();
    ImGui::PopStyleColor();
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", console.last_error().c_str());
  }
  if (info.frames && info.frames->count() > 0) {
    char text[48];
    std::snprintf(text, sizeof text, "%.1f ms/frame", info.frames->average());
    ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::CalcTextSize(text).x -
                    ImGui::GetStyle().WindowPadding.x);
    ImGui::TextDisabled("%s", text);
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ConsoleUi::notifications(state::Console& console) {
  const Palette& p = palette();
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  const float fs = ImGui::GetFontSize();
  float y = viewport->WorkPos.y + viewport->WorkSize.y - fs * 3.2f;
  const auto items = console.notifications();
  for (auto it = items.rbegin(); it != items.rend(); ++it) {
    const state::Notification& n = *it;
    const ImVec4 color = n.level == state::Notification::Level::error     ? p.danger
                         : n.level == state::Notification::Level::success ? p.success
                                                                          : p.accent;
    char id[32];
    std::snprintf(id, sizeof id, "##toast%llu", static_cast<unsigned long long>(n.id));
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x - fs, y),
                            ImGuiCond_Always, ImVec2(1, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(fs * 16, 0), ImVec2(fs * 30, fs * 10));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, p.surface_raised);
    ImGui::PushStyleColor(ImGuiCol_Border, color);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::Begin(id, nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing |
                     ImGuiWindowFlags_NoNav);
    ImGui::PushTextWrapPos(fs * 28);
    ImGui::TextColored(color, "%s", n.text.c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left))
      console.dismiss(n.id);
    y -= ImGui::GetWindowHeight() + fs * 0.5f;
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor(2);
  }
}

}  // namespace metal::ui
