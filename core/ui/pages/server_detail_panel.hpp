#pragma once
// One server: its state and the actions its allowed_actions permit (destructive ones confirmed),
// then every property a person looks for, with one-click copy of ids and addresses.

#include "ui/pages/server_tabs.hpp"

namespace metal::ui {

void server_detail_panel(ServerTabContext& c);

}  // namespace metal::ui
