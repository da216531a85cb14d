#pragma once
// The session dialog: the offline demo, or an API URL and a secret key (remembered for the tab,
// or beyond it when asked). The key field is cleared once used; nothing shows it again.

#include <optional>
#include <string>
#include <vector>

#include "state/session.hpp"

namespace metal::ui {

class SessionDialog {
 public:
  void open() { open_requested_ = true; }
  /// Draws the dialog when open; returns the user's choice when they confirm one. `profiles`: the
  /// scw config's (from `profiles_source`), offered first when there are any. `offer_remember`:
  /// the platform can keep a key for next time (the browser, encrypted); else it is not offered.
  std::optional<state::SessionChoice> draw(bool on_demo, bool offer_remember,
                                           const std::vector<std::string>& profiles = {},
                                           const std::string& profiles_source = {});
  ~SessionDialog() { forget_key(); }

 private:
  // The key lives in this buffer only while typed; it is wiped when the dialog closes.
  void forget_key();

  bool open_requested_ = false;
  state::SessionChoice form_{false, {}, {}, false, {}};
  std::string problem_;
};

}  // namespace metal::ui
