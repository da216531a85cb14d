#pragma once
// A server state as a colored pill ("● running"), with its detail as a tooltip.

#include <string_view>

#include "model/server.hpp"

namespace metal::ui {

void state_badge(model::ServerState state, std::string_view text, std::string_view detail);

}  // namespace metal::ui
