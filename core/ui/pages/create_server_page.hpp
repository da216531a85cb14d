#pragma once
// The create-server form (#/servers/new): zone, type with live price and availability, image,
// storage, network, SSH keys, name and tags, the cost, and Create.

namespace metal::state {
class Console;
class Servers;
}  // namespace metal::state

namespace metal::ui {

void create_server_page(state::Console& console, state::Servers& servers);

}  // namespace metal::ui
