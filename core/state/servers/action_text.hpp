#pragma once
// How the console names server actions to people: "Standby" for stop_in_place, and so on.

#include <string_view>

#include "model/server.hpp"

namespace metal::state {

/// Button label: "Power on".
std::string_view action_label(model::ServerAction action);
/// Progress wording: "Powering on".
std::string_view action_progress(model::ServerAction action);
/// What follows from a destructive action, for its confirmation; empty for the others.
std::string_view action_consequence(model::ServerAction action);
/// Actions that destroy something and need the user's confirmation first.
bool is_destructive(model::ServerAction action);

}  // namespace metal::state
