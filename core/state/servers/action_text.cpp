#include "state/servers/action_text.hpp"

namespace metal::state {

using model::ServerAction;

std::string_view action_label(ServerAction action) {
  switch (action) {
    case ServerAction::poweron:
      return "Power on";
    case ServerAction::poweroff:
      return "Power off";
    case ServerAction::stop_in_place:
      return "Standby";
    case ServerAction::reboot:
      return "Reboot";
    case ServerAction::backup:
      return "Backup";
    case ServerAction::terminate:
      return "Terminate";
    case ServerAction::enable_routed_ip:
      return "Enable routed IP";
  }
  return "";
}

std::string_view action_progress(ServerAction action) {
  switch (action) {
    case ServerAction::poweron:
      return "Powering on";
    case ServerAction::poweroff:
      return "Powering off";
    case ServerAction::stop_in_place:
      return "Putting in standby";
    case ServerAction::reboot:
      return "Rebooting";
    case ServerAction::backup:
      return "Backing up";
    case ServerAction::terminate:
      return "Terminating";
    case ServerAction::enable_routed_ip:
      return "Enabling routed IP on";
  }
  return "";
}

std::string_view action_consequence(ServerAction action) {
  switch (action) {
    case ServerAction::terminate:
      return "The server and its local volumes are deleted for good. Block volumes and flexible "
             "IPs are kept and still billed.";
    case ServerAction::poweroff:
      return "The server stops and gives its node back; a dynamic IP is released. Its volumes and "
             "flexible IPs are still billed.";
    default:
      return {};
  }
}

bool is_destructive(ServerAction action) {
  return action == ServerAction::terminate || action == ServerAction::poweroff;
}

}  // namespace metal::state
