#pragma once
// The console's frame: top bar, left navigation, the servers page and the open server's panel,
// status bar and notifications. Shared as-is by the web and desktop entries; it reads the
// Console and sends it intents, and never touches a transport or the platform.

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "state/session.hpp"

#include "state/console.hpp"
#include "state/console_status.hpp"
#include "ui/theme.hpp"

namespace metal::ui {

struct ShellInfo {
  std::string session_label;  // "Offline demo", or the API host
  bool on_demo = true;
  std::string clock_label;  // "clock x10" in a fast-forwarded demo, else empty
  const state::FrameStats* frames = nullptr;
  // The scw config's profiles the session dialog offers (desktop), and the file they come from.
  std::vector<std::string> profiles;
  std::string profiles_source;
};

class ConsoleUi {
 public:
  /// Fonts and sizes for the display scale (device pixels per CSS/logical pixel). The platform
  /// re-uploads the font texture afterwards.
  void configure(float scale);
  float scale() const { return scale_; }

  void draw(state::Console& console, const ShellInfo& info);
  /// True once a frame has shown at least one server: the console is useful from then on.
  bool drew_data() const { return drew_data_; }
  /// A session the user chose in the session dialog, once; the platform switches to it.
  std::optional<state::SessionChoice> take_session_choice() { return std::exchange(session_, {}); }

 private:
  void top_bar(state::Console& console, const ShellInfo& info);
  void navigation(state::Console& console);
  void status_bar(const state::Console& console, const ShellInfo& info);
  void notifications(state::Console& console);

  float scale_ = 1.0f;
  ThemeMode theme_ = ThemeMode::dark;
  bool drew_data_ = false;
  std::optional<state::SessionChoice> session_;
};

}  // namespace metal::ui
