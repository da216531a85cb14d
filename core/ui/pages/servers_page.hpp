#pragma once
// The servers list: filter box and state facet, sortable columns, a virtualized table that stays
// fluid at 100,000 rows, keyboard navigation, and a click (or Enter) opens a server.

#include "state/console.hpp"

namespace metal::ui {

void servers_page(state::Console& console);

}  // namespace metal::ui
