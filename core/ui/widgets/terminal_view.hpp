#pragma once
// A serial console's terminal, drawn cell by cell in the monospace font: colours, cursor,
// scrollback (wheel, Shift+PageUp/PageDown), selection by dragging and copy (Ctrl+Shift+C or the
// context menu), paste (Ctrl+Shift+V, Shift+Insert), and the keyboard sent to the server while
// it has focus (but Ctrl+K, the command palette's). Box-drawing characters are drawn as lines, so
// they join whatever the font has.

#include "state/servers/serial_session.hpp"
#include "state/terminal.hpp"

namespace metal::ui {

/// What a terminal's view keeps between frames: focus, scrollback position, selection.
struct TerminalViewState {
  const void* session = nullptr;
  bool focused = true;  // a console that just opened takes the keyboard
  int scroll = 0;       // lines scrolled back into the history; 0 follows the output
  int scrollback_seen = 0;
  bool selecting = false;
  bool has_selection = false;
  state::TerminalPos anchor, head;
  /// The terminal held the keyboard in its last frame (other parts leave its keys alone).
  bool has_keyboard = false;
};

/// Fills the space left in the window. The session learns the size that fits.
void terminal_view(state::SerialSession& session, TerminalViewState& view);

}  // namespace metal::ui
