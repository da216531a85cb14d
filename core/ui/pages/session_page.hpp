#pragma once
// The session dialog: the offline demo, or an API URL and a secret key (remembered for the tab,
// or beyond it when asked). The key field is cleared once used; nothing shows it again.

#include <optional>

#include "state/session.hpp"

namespace metal::ui {

void open_session_page();
/// Draws the dialog when open; returns the user's choice when they confirm one.
std::optional<state::SessionChoice> session_page(bool on_demo);

}  // namespace metal::ui
