#include "ui/console_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <utility>

#include "state/servers/server_pages.hpp"
#include "state/servers/servers.hpp"
#include "ui/fonts.hpp"
#include "ui/page_registry.hpp"
#include "ui/theme.hpp"

namespace metal::ui {

ConsoleApp::ConsoleApp(Platform& platform, ShellInfo shell)
    : platform_(platform), shell_(std::move(shell)) {
  shell_.frames = &frames_;
  shell_.can_remember = platform_.can_remember_key();
}

ConsoleApp::~ConsoleApp() {
  console_.reset();  // before the link it sends through
}

void ConsoleApp::start(const state::SessionChoice& choice, std::string_view address) {
  address_ = std::string(address);
  auto link = platform_.open(choice);
  if (!link) {
    notices_.push_back("Session not opened: " + link.error() + ". Showing the offline demo.");
    link = platform_.open(state::SessionChoice{});
  }
  start(std::move(link).value(), address);
}

void ConsoleApp::start(std::unique_ptr<SessionLink> link, std::string_view address) {
  address_ = std::string(address);
  console_.reset();
  ui_.reset_session();
  first_frame_ms_ = loaded_frame_ms_ = -1;
  link_ = std::move(link);
  link_generation_ = link_->generation();
  shell_.clock_label.clear();
  link_->describe(shell_);
  if (link_->ready()) begin_console();
}

void ConsoleApp::begin_console() {
  console_ = std::make_unique<state::Console>(link_->transport(), link_->credentials(),
                                              link_->zones(), page_table());
  console_->set_serial_connector(link_->serial());
  // The server list loads from the start: the navigation counts it, the palette searches it.
  console_->feature<state::Servers>();
  console_->navigate_to_address(address_);
  published_ = console_->route();
  published_version_ = console_->route_version();
  // The console's frame times start with it: the placeholder's frames are not the console's (the
  // first of them compiles the shaders and builds the fonts' atlas).
  frames_.forget_times();
  shell_.clock_label.clear();
  link_->describe(shell_);
  for (std::string& notice : link_->take_notices())
    notices_.push_back(std::move(notice));
  for (std::string& notice : notices_)
    console_->notify(state::Notification::Level::error, std::move(notice));
  notices_.clear();
}

bool ConsoleApp::step(double now, model::Timestamp wall, bool input) {
  link_->deliver();
  if (console_ && link_->generation() != link_generation_) {
    // The world behind the link was replaced (the demo reset): everything starts afresh, on the
    // same page.
    address_ = state::format_route(console_->route());
    console_.reset();
    ui_.reset_session();
    first_frame_ms_ = loaded_frame_ms_ = -1;
    placeholder_drawn_ = false;
  }
  link_generation_ = link_->generation();
  if (!console_) {
    if (!link_->ready()) {
      // The placeholder, until the demo's world is up: it does not move, so it is drawn once and
      // on input (a drawn frame costs the page and the GPU process what the worker needs to
      // build the world on a machine of two cores).
      const bool draw = input || !placeholder_drawn_;
      placeholder_drawn_ = true;
      return draw;
    }
    begin_console();
  }
  console_->tick(now, link_->clock(wall));
  return pacer_.should_draw(*console_, now, input);
}

void ConsoleApp::draw() {
  if (!console_) {
    // The demo's world is being built (in its worker or thread).
    const ImGuiViewport* viewport = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
    ImGui::Begin("##starting", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
    ImGui::SetCursorPos(ImVec2(viewport->WorkSize.x * 0.42f, viewport->WorkSize.y * 0.45f));
    ImGui::TextDisabled("Starting the offline demo...");
    ImGui::End();
    return;
  }
  ui_.draw(*console_, shell_);
}

void ConsoleApp::publish_route() {
  if (console_->route_version() == published_version_) return;
  published_version_ = console_->route_version();
  const bool add_entry = state::adds_history_entry(published_, console_->route());
  published_ = console_->route();
  platform_.show_address(state::format_route(published_), add_entry);
}

void ConsoleApp::frame_done(double frame_ms, double since_start_ms) {
  frames_.add(frame_ms);
  if (!console_) return;
  console_->follow_route_moved_in_frame();
  if (first_frame_ms_ < 0 && ui_.drew_data()) first_frame_ms_ = since_start_ms;
  if (loaded_frame_ms_ < 0 && console_->feature<state::Servers>().sync().initial_load_done())
    loaded_frame_ms_ = since_start_ms;
  publish_route();
  if (ui_.take_reset_request() && link_->reset()) {
    console_->notify(state::Notification::Level::info, "Resetting the demo...");
  }
  if (auto choice = ui_.take_session_choice()) switch_session(std::move(*choice));
}

void ConsoleApp::switch_session(state::SessionChoice choice) {
  auto link = platform_.open(choice);
  if (!link) {
    console_->notify(state::Notification::Level::error, "Session not changed: " + link.error());
  } else {
    platform_.remember(choice);
    // The address carries over.
    start(std::move(link).value(), state::format_route(console_->route()));
  }
  std::fill(choice.secret_key.begin(), choice.secret_key.end(), '\0');
}

void ConsoleApp::address_changed(std::string_view hash) {
  if (!console_) {
    address_ = std::string(hash);
    return;
  }
  console_->navigate_to_address(hash);
  // What the address bar says is already published.
  published_ = console_->route();
  published_version_ = console_->route_version();
}

void ConsoleApp::notify_error(std::string text) {
  if (console_)
    console_->notify(state::Notification::Level::error, std::move(text));
  else
    notices_.push_back(std::move(text));
}

std::string ConsoleApp::status_json(const PlatformStatus& platform) const {
  if (!console_) {
    model::Json status{{"ready", false}, {"session", link_ ? link_->kind() : std::string()}};
    if (link_) link_->report(status);
    return status.dump(-1, ' ', false, model::Json::error_handler_t::replace);
  }
  const state::StatusInputs inputs{
      first_frame_ms_ >= 0, first_frame_ms_, loaded_frame_ms_,        &frames_,
      link_->kind(),        ui_.scale(),     platform.viewport_width, platform.viewport_height,
      platform.memory_bytes};
  return state::status_json(*console_, inputs, [this](model::Json& status) {
    link_->report(status);
    report_fonts(status);
  });
}

std::string ConsoleApp::rows_json(std::size_t limit) const {
  return console_ ? state::visible_rows_json(*console_, limit) : std::string("[]");
}

}  // namespace metal::ui
