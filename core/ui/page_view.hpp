#pragma once
// How a page is drawn: one object per page (or per family of pages sharing a layout), created by
// its registry row the first time the page shows and dropped with the session, so everything a
// page keeps between frames (a form being typed, a scroll position, a chart's zoom) lives in it
// and starts afresh with the next session.

#include "ui/widgets/command_palette.hpp"
#include "ui/widgets/confirm_dialog.hpp"

namespace metal::state {
class Console;
}

namespace metal::ui {

/// What the shell lends the pages: the one confirmation dialog, the palette.
struct Shell {
  ConfirmDialog confirm;
  CommandPalette palette;
};

class PageView {
 public:
  virtual ~PageView() = default;
  /// Draws the page's body (the shell drew the frame around it) for the console's route.
  virtual void draw(state::Console& console, Shell& shell) = 0;
  /// What the page adds below the navigation while it shows (the servers' project and zones).
  virtual void draw_navigation(state::Console& /*console*/) {}
  /// Whether the last draw showed the page's data, not a placeholder ("ready" in status()).
  virtual bool showed_data() const { return true; }
};

}  // namespace metal::ui
