#pragma once
// What the web page and the desktop window share: one session at a time (the offline demo or an
// API) and the per-frame step. A platform supplies only what it alone has: how a session's
// requests travel (a Web Worker or a thread for the demo; fetch or libcurl for an API), the
// address bar, where a chosen session is kept, and the window it draws in.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_client.hpp"
#include "api/serial_socket.hpp"
#include "api/transport.hpp"
#include "model/expected.hpp"
#include "model/json_codec.hpp"
#include "model/timestamp.hpp"
#include "state/console.hpp"
#include "state/console_status.hpp"
#include "state/session.hpp"
#include "ui/console_ui.hpp"
#include "ui/frame_pacer.hpp"

namespace metal::ui {

/// One session's link to its cloud, as the platform built it.
class SessionLink {
 public:
  virtual ~SessionLink() = default;
  /// Takes in, on the UI thread, what arrived since the last frame (answers from the network's
  /// thread, frames from the demo's worker or thread).
  virtual void deliver() {}
  /// The session can start: an API at once, the demo once its world is up.
  virtual bool ready() const { return true; }
  virtual api::Transport& transport() = 0;
  /// How serial consoles are reached; null where they cannot be.
  virtual api::SerialConnector* serial() = 0;
  virtual api::Credentials credentials() const = 0;
  virtual std::vector<std::string> zones() const = 0;
  /// The API's clock at wall time `wall` (the demo's may run faster).
  virtual model::Timestamp clock(model::Timestamp wall) const { return wall; }
  /// "demo", or the API's URL (never the key): status().session.
  virtual std::string kind() const = 0;
  /// The shell's session label and clock note.
  virtual void describe(ShellInfo& shell) const = 0;
  /// What the session adds to status() (the demo: restored or not, when it was saved).
  virtual void report(model::Json& /*status*/) const {}
  /// The demo's world anew, as seeded (false where there is no such thing).
  virtual bool reset() { return false; }
  /// Bumped when the world behind the link was replaced (a reset): the console starts afresh.
  virtual std::uint64_t generation() const { return 0; }
  /// What the user should be told once, when the session starts (a saved demo set aside...).
  virtual std::vector<std::string> take_notices() { return {}; }
};

class Platform {
 public:
  virtual ~Platform() = default;
  /// The link for a session the user chose, or why there cannot be one (a bad profile).
  virtual Expected<std::unique_ptr<SessionLink>, std::string> open(
      const state::SessionChoice& choice) = 0;
  /// Shows the route in the address bar (the web): a new history entry, or in place.
  virtual void show_address(const std::string& /*hash*/, bool /*add_entry*/) {}
  /// Keeps a session the user chose for next time (the browser: encrypted, see web/session_store).
  virtual void remember(const state::SessionChoice& /*choice*/) {}
  /// Whether remember() keeps a key beyond this session (the session dialog offers it only then).
  virtual bool can_remember_key() const { return false; }
};

/// What only the platform can say in status(): its clock's readings, its surface, its memory.
struct PlatformStatus {
  double since_start_ms = 0;  // from navigation (web) or process start (desktop)
  float viewport_width = 0;
  float viewport_height = 0;
  double memory_bytes = 0;
};

class ConsoleApp {
 public:
  ConsoleApp(Platform& platform, ShellInfo shell);
  ~ConsoleApp();

  /// Starts a session on `address` (a URL hash; empty: the default page). A choice the platform
  /// cannot open falls back to the demo, with the reason as a notice.
  void start(const state::SessionChoice& choice, std::string_view address);
  /// Starts a session on a link the platform built itself (an API named on its command line).
  void start(std::unique_ptr<SessionLink> link, std::string_view address);
  /// Once per frame, before drawing: takes answers in, ticks the console. Returns whether the
  /// frame should be drawn (the frame pacer's call).
  bool step(double now, model::Timestamp wall, bool input);
  /// Draws the frame's content (between the platform's NewFrame and Render).
  void draw();
  /// After the frame was drawn: its CPU time, and the time since start (the "ready" figures);
  /// publishes the route; switches to a session the user chose.
  void frame_done(double frame_ms, double since_start_ms);
  /// Answers were taken in between frames (the page's fetch or worker events): what they ask for
  /// next (a listing's next pages) goes out now rather than at the next frame.
  void answers_arrived() {
    if (console_) console_->send_requests();
  }
  /// An address typed or reached with Back/Forward (the web's hashchange).
  void address_changed(std::string_view hash);
  /// A notice for the user (problems with the page's own options, say).
  void notify_error(std::string text);

  std::string status_json(const PlatformStatus& platform) const;
  /// The servers list's first rows (window.metalConsole.rows()).
  std::string rows_json(std::size_t limit) const;
  bool idle() const { return pacer_.idle(); }
  ConsoleUi& ui() { return ui_; }
  const state::FrameStats& frames() const { return frames_; }
  /// The console of the session, once it started (null while the demo's world is built).
  state::Console* console() { return console_.get(); }

 private:
  void begin_console();
  void publish_route();
  void switch_session(state::SessionChoice choice);

  Platform& platform_;
  ShellInfo shell_;
  ConsoleUi ui_;
  FramePacer pacer_;
  state::FrameStats frames_;
  std::unique_ptr<SessionLink> link_;
  std::unique_ptr<state::Console> console_;  // destroyed before the link it sends through
  std::uint64_t link_generation_ = 0;
  bool placeholder_drawn_ = false;  // while the demo's world is built
  std::string address_;             // the route to open once the session starts
  std::vector<std::string> notices_;
  std::uint64_t published_version_ = ~0ull;
  state::Route published_;
  double first_frame_ms_ = -1;
  double loaded_frame_ms_ = -1;
  bool reset_asked_ = false;
};

}  // namespace metal::ui
