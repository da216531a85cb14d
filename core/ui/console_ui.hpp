#pragma once
// The console's frame: top bar with breadcrumbs, the navigation, the shown page, status bar,
// notifications and dialogs. Every part that depends on which pages exist reads the page
// registry. Shared as-is by the web and desktop entries; it reads the hub and its features and
// sends them intents, and never touches a transport or the platform.

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "state/console.hpp"
#include "state/console_status.hpp"
#include "state/session.hpp"
#include "ui/fonts.hpp"
#include "ui/page_registry.hpp"
#include "ui/pages/session_page.hpp"
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
  // Platform::can_remember_key(): the browser wraps a remembered key with a WebCrypto key; the
  // desktop keeps keys in the scw config's profiles, so its dialog does not offer to remember one.
  bool can_remember = false;
};

class ConsoleUi {
 public:
  /// Fonts and sizes for the display scale (device pixels per CSS/logical pixel), with the glyphs
  /// of the platform's font source. The platform re-uploads the font texture afterwards.
  void configure(float scale, const FontSource& fonts);
  float scale() const { return scale_; }

  void draw(state::Console& console, const ShellInfo& info);
  /// A new session: every page's state (forms, scroll positions, dialogs) starts afresh.
  void reset_session();
  /// True once a frame has shown a page's data: the console is useful from then on.
  bool drew_data() const { return drew_data_; }
  /// A session the user chose in the session dialog, once; the platform switches to it.
  std::optional<state::SessionChoice> take_session_choice() { return std::exchange(session_, {}); }
  /// The user confirmed "Reset demo", once.
  bool take_reset_request() { return std::exchange(reset_requested_, false); }

 private:
  PageView& view_of(const PageRow& row);
  void top_bar(state::Console& console, const ShellInfo& info);
  void navigation(state::Console& console, PageView* current);
  void status_bar(const state::Console& console, const ShellInfo& info);
  void reset_demo_button();
  void notifications(state::Console& console);

  float scale_ = 1.0f;
  ThemeMode theme_ = ThemeMode::dark;
  bool drew_data_ = false;
  std::optional<state::SessionChoice> session_;
  bool reset_requested_ = false;
  // Everything below lives for one session.
  Shell shell_;
  SessionDialog session_dialog_;
  struct View {
    std::unique_ptr<PageView> (*make)();
    std::unique_ptr<PageView> view;
  };
  std::vector<View> views_;
};

}  // namespace metal::ui
