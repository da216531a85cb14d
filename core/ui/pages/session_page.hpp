#pragma once
// The session dialog: the offline demo, or an API URL and a secret key (remembered for the tab,
// or beyond it when asked). The key field is cleared once used; nothing shows it again.

#include <optional>
#include <string>
#include <vector>

#include "state/session.hpp"

namespace metal::ui {

void open_session_page();
/// Draws the dialog when open; returns the user's choice when they confirm one. `profiles`: the
/// scw config's (from `profiles_source`), offered first when there are any.
std::optional<state::SessionChoice> session_page(bool on_demo,
                                                 const std::vector<std::string>& profiles = {},
                                                 const std::string& profiles_source = {});

}  // namespace metal::ui
