#pragma once
// A serial console's terminal, drawn cell by cell in the monospace font: colours, cursor,
// scrollback (wheel, Shift+PageUp/PageDown), selection by dragging and copy (Ctrl+Shift+C or the
// context menu), paste (Ctrl+Shift+V, Shift+Insert), and the keyboard sent to the server while
// it has focus (but Ctrl+K, the command palette's). Box-drawing characters are drawn as lines, so
// they join whatever the font has.

#include "state/serial_session.hpp"

namespace metal::ui {

/// Fills the space left in the window. The session learns the size that fits.
void terminal_view(state::SerialSession& session);

/// Whether the terminal holds the keyboard (other pages leave its keys alone).
bool terminal_has_keyboard();

}  // namespace metal::ui
