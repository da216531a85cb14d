#pragma once
// The create-server form (#/servers/new): zone, type with live price and availability, image,
// storage, network, SSH keys, name and tags, the cost, and Create.

namespace metal::state {
class Console;
}

namespace metal::ui {

void create_server_page(state::Console& console);

}  // namespace metal::ui
