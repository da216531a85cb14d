#pragma once
// Ctrl+K: one box to go anywhere and do the common things by typing: open a server by name or id,
// create one, filter by state, group the list, open a tab of the open server, switch the theme.

namespace metal::state {
class Console;
}

namespace metal::ui {

struct PaletteActions {
  bool toggle_theme = false;  // the shell owns the theme
};

/// Opens the palette (as Ctrl+K does), for a button.
void open_command_palette();
/// Draws the palette when open (Ctrl+K opens it, Esc closes it); returns what the shell must do.
PaletteActions command_palette(state::Console& console);

}  // namespace metal::ui
