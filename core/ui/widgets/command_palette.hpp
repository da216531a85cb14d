#pragma once
// Ctrl+K: one box to go anywhere and do the common things by typing. Every page of the registry
// offers "Go to <page>" and its own commands (open a server by name or id, create one, filter,
// add an SSH key...); the shell adds its own (the theme).

#include <span>
#include <string>

#include "state/page.hpp"

namespace metal::state {
class Console;
}

namespace metal::ui {

struct PageRow;

struct PaletteActions {
  bool toggle_theme = false;  // the shell owns the theme
};

class CommandPalette {
 public:
  /// Opens the palette (as Ctrl+K does), for a button.
  void open() { open_requested_ = true; }
  /// Draws the palette when open (Ctrl+K opens it, Esc closes it); returns what the shell must
  /// do. `pages`: the registry, whose rows give the commands.
  PaletteActions draw(state::Console& console, std::span<const PageRow> pages);

 private:
  std::vector<state::PaletteCommand> commands(state::Console& console,
                                              std::span<const PageRow> pages,
                                              PaletteActions& actions) const;

  std::string text_;
  int highlighted_ = 0;
  bool open_ = false;
  bool open_requested_ = false;
};

}  // namespace metal::ui
