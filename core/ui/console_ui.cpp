#include "ui/console_ui.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "ui/fonts.hpp"
#include "ui/test_anchors.hpp"
#include "ui/widgets/command_palette.hpp"
#include "ui/widgets/confirm_dialog.hpp"

namespace metal::ui {

void ConsoleUi::configure(float scale, const FontSource& fonts) {
  scale_ = scale;
  load_fonts(scale, fonts);
  apply_theme(theme_, scale);
}

void ConsoleUi::reset_session() {
  shell_ = Shell{};
  session_dialog_ = SessionDialog{};
  views_.clear();
  drew_data_ = false;
}

PageView& ConsoleUi::view_of(const PageRow& row) {
  for (View& view : views_)
    if (view.make == row.make_view) return *view.view;
  views_.push_back({row.make_view, row.make_view()});
  return *views_.back().view;
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

  const PageRow* row = row_of(console.route().page);
  PageView* view = row && row->make_view ? &view_of(*row) : nullptr;

  // Children stack with ItemSpacing between them; the status bar takes what is left below the body.
  const float status_height = ImGui::GetFrameHeight() + style.WindowPadding.y * 2;
  const float body_height = ImGui::GetContentRegionAvail().y - status_height - style.ItemSpacing.y;
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().surface_raised);
  ImGui::BeginChild("##nav", ImVec2(fs * 12.5f, body_height), false,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  navigation(console, view);
  ImGui::EndChild();
  ImGui::PopStyleColor();

  ImGui::SameLine(0, 0);
  ImGui::BeginChild("##body", ImVec2(0, body_height), false, ImGuiWindowFlags_NoScrollbar);
  if (view) {
    view->draw(console, shell_);
    if (view->showed_data()) drew_data_ = true;
  }
  ImGui::EndChild();

  status_bar(console, info);
  ImGui::End();
  shell_.confirm.draw();
  if (auto choice = session_dialog_.draw(info.on_demo, info.can_remember, info.profiles,
                                         info.profiles_source))
    session_ = std::move(choice);
  if (shell_.palette.draw(console, page_rows()).toggle_theme) {
    theme_ = theme_ == ThemeMode::dark ? ThemeMode::light : ThemeMode::dark;
    apply_theme(theme_, scale_);
  }
  notifications(console);
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
  // Breadcrumbs: the page's parents, each a way back, then the page or the item it shows.
  const state::Route& route = console.route();
  if (const state::PageSpec* page = route.page) {
    std::vector<const state::PageSpec*> trail;
    for (const state::PageSpec* up = console.pages().find(page->parent); up && trail.size() < 4;
         up = console.pages().find(up->parent))
      trail.push_back(up);
    std::reverse(trail.begin(), trail.end());
    for (const state::PageSpec* up : trail) {
      if (ImGui::SmallButton(std::string(up->title).c_str())) console.open_page(up->id);
      anchor("crumb." + std::string(up->id));
      ImGui::SameLine();
      ImGui::TextDisabled("/");
      ImGui::SameLine();
    }
    const std::string here =
        page->item_label ? page->item_label(console, route) : std::string(page->title);
    ImGui::TextUnformatted(here.c_str());
  }

  const std::string session = info.session_label;
  const float theme_width =
      ImGui::CalcTextSize("Light theme").x + ImGui::GetStyle().FramePadding.x * 2;
  const float session_width = ImGui::CalcTextSize(session.c_str()).x + fs * 2;
  const float palette_width = ImGui::CalcTextSize("Search or run...  Ctrl+K").x + fs * 1.5f;
  ImGui::SameLine(ImGui::GetWindowWidth() - theme_width - session_width - palette_width -
                  fs * 2.0f);
  if (ImGui::Button("Search or run...  Ctrl+K")) shell_.palette.open();
  anchor("shell.palette");
  ImGui::SameLine();
  if (ImGui::Button(session.c_str())) session_dialog_.open();
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

void ConsoleUi::navigation(state::Console& console, PageView* current) {
  const state::PageSpec* shown = console.route().page;
  std::string_view section;
  for (const PageRow& row : page_rows()) {
    const state::PageSpec& page = row.spec;
    if (page.nav_section.empty()) continue;
    if (page.nav_section != section) {
      if (!section.empty()) ImGui::Spacing();
      section = page.nav_section;
      ImGui::TextDisabled("%s", std::string(section).c_str());
    }
    // A page is current when it shows, or one of its items does.
    const bool active = shown && (shown == &page || shown->parent == page.id);
    std::string label(page.title);
    if (page.nav_badge) {
      const std::string badge = page.nav_badge(console);
      if (!badge.empty()) label += "  (" + badge + ")";
    }
    label += "##nav-";
    label += page.id;
    if (ImGui::Selectable(label.c_str(), active)) console.open_page(page.id);
    anchor("nav." + std::string(page.id));
  }
  ImGui::Spacing();
  ImGui::Spacing();
  if (current) current->draw_navigation(console);
}

void ConsoleUi::reset_demo_button() {
  if (ImGui::SmallButton("Reset demo")) {
    Confirmation confirmation;
    confirmation.title = "Reset the demo?";
    confirmation.consequence =
        "Every change made in the demo (servers created, powered off, renamed...) is lost: the "
        "world comes back as it was first seeded.";
    confirmation.button = "Reset demo";
    confirmation.on_confirm = [this] { reset_requested_ = true; };
    shell_.confirm.ask(std::move(confirmation));
  }
  anchor("shell.reset_demo");
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
  if (info.on_demo) {
    ImGui::SameLine();
    reset_demo_button();
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
