// The hardware as operators drive it: node views with the servers they run, GPIOs and resets
// that act through the servers' own lifecycle, and failing nodes on demand.

#include <algorithm>

#include "sim/catalog.hpp"
#include "sim/refusals.hpp"
#include "sim/world.hpp"

namespace metal::sim {

using model::ServerAction;
using model::ServerState;

namespace {

ApiRefusal node_not_found(std::string_view zone, int index) {
  return not_found_refusal("node", std::string(zone) + "/" + std::to_string(index));
}

}  // namespace

int World::node_capacity(std::string_view zone) const {
  const auto z = fleet_.find_zone(zone);
  return z ? hardware_.node_capacity(*z) : 0;
}

double World::free_node_share(std::string_view zone, std::string_view commercial_type) const {
  const auto z = fleet_.find_zone(zone);
  const ServerTypeSpec* type = find_server_type(commercial_type);
  if (!z || !type) return 1.0;
  const auto t = static_cast<std::uint16_t>(type - server_types().data());
  return hardware_.free_node_share(fleet_, *z, t);
}

std::vector<NodeView> World::nodes(std::string_view zone, int first, int count) const {
  const auto z = fleet_.find_zone(zone);
  if (!z) return {};
  return hardware_.nodes(fleet_, tenancy_, context_.now, *z, first, count);
}

std::optional<NodeView> World::node(std::string_view zone, int index) const {
  const auto z = fleet_.find_zone(zone);
  if (!z || index < 0 || index >= hardware_.node_capacity(*z)) return std::nullopt;
  return hardware_.node_view(fleet_, tenancy_, context_.now, *z, index,
                             fleet_.server_on_node(*z, index));
}

Expected<NodeView, ApiRefusal> World::set_gpio(std::string_view zone, int index,
                                               std::string_view pin, std::string_view value) {
  const auto z = fleet_.find_zone(zone);
  if (!z || index < 0 || index >= hardware_.node_capacity(*z))
    return Unexpected{node_not_found(zone, index)};
  const SimServer* held = fleet_.server_on_node(*z, index);
  NodeControls& controls = hardware_.controls(*z, index);
  if (pin == "led") {
    if (value != "off" && value != "on" && value != "blink")
      return Unexpected{invalid_argument_refusal("value", "constraint", "off, on or blink")};
    controls.led = std::string(value);
  } else if (pin == "boot_mode") {
    if (value != "disk" && value != "network" && value != "recovery")
      return Unexpected{
          invalid_argument_refusal("value", "constraint", "disk, network or recovery")};
    controls.boot_mode = std::string(value);
  } else if (pin == "power_button" || pin == "reset") {
    if (!value.empty() && value != "press")
      return Unexpected{invalid_argument_refusal("value", "constraint", "press (or nothing)")};
    return reset_node(zone, index, pin == "reset" ? "ForceRestart" : "PushPowerButton");
  } else {
    return Unexpected{
        invalid_argument_refusal("pin", "constraint", "power_button, reset, boot_mode or led")};
  }
  ++context_.changes;
  return hardware_.node_view(fleet_, tenancy_, context_.now, *z, index, held);
}

Expected<NodeView, ApiRefusal> World::reset_node(std::string_view zone, int index,
                                                 std::string_view reset_type) {
  const auto z = fleet_.find_zone(zone);
  if (!z || index < 0 || index >= hardware_.node_capacity(*z))
    return Unexpected{node_not_found(zone, index)};
  NodeControls& controls = hardware_.controls(*z, index);
  if (controls.failed)
    return Unexpected{refusal(409, "precondition_failed",
                              "node is out of service after a failure: repair it first")};
  const SimServer* held = fleet_.server_on_node(*z, index);
  const bool on = held || controls.bare_power;
  // What a button does to the server on the node goes through the server's own lifecycle, so
  // the tenant sees the same states as after an API action.
  auto server_action = [&](ServerAction action) -> std::optional<ApiRefusal> {
    if (!held) return std::nullopt;
    auto task = act(fleet_.zones()[*z], held->id, action);
    if (!task) return task.error();
    return std::nullopt;
  };
  std::optional<ApiRefusal> refused;
  if (reset_type == "On" || reset_type == "ForceOn") {
    if (!on) controls.bare_power = true;
  } else if (reset_type == "ForceOff" || reset_type == "GracefulShutdown" ||
             (reset_type == "PushPowerButton" && on)) {
    if (held)
      refused = server_action(ServerAction::poweroff);
    else
      controls.bare_power = false;
  } else if (reset_type == "PushPowerButton") {
    controls.bare_power = true;
  } else if (reset_type == "ForceRestart" || reset_type == "GracefulRestart" ||
             reset_type == "Nmi") {
    if (!on)
      return Unexpected{refusal(409, "precondition_failed", "node is off: power it on first")};
    ++controls.resets;
    if (reset_type != "Nmi") refused = server_action(ServerAction::reboot);
  } else {
    return Unexpected{invalid_argument_refusal(
        "ResetType", "constraint",
        "On, ForceOff, GracefulShutdown, GracefulRestart, ForceRestart, Nmi, ForceOn or "
        "PushPowerButton")};
  }
  if (refused) return Unexpected{*refused};
  ++context_.changes;
  return hardware_.node_view(fleet_, tenancy_, context_.now, *z, index,
                             fleet_.server_on_node(*z, index));
}

void World::set_failed_nodes(int per_zone) {
  if (per_zone == hardware_.failed_per_zone()) return;
  hardware_.reset_failures(per_zone);
  for (std::uint16_t z = 0; z < fleet_.zones().size() && per_zone > 0; ++z) {
    // The nodes in use, in order; the victims drawn from the faults' own generator.
    std::vector<std::uint32_t> holding;
    for (std::uint32_t slot : fleet_.zone_slots(z))
      if (fleet_.at(slot).hypervisor >= 0) holding.push_back(slot);
    for (int i = 0; i < per_zone && !holding.empty(); ++i) {
      const auto pick = static_cast<std::size_t>(
          context_.fault_random.between(0, static_cast<std::int64_t>(holding.size()) - 1));
      const std::uint32_t slot = holding[pick];
      holding.erase(holding.begin() + static_cast<std::ptrdiff_t>(pick));
      SimServer& s = fleet_.at(slot);
      const int index = s.hypervisor;
      hardware_.fail(z, index);
      // The server loses its node at once: stopped, as after a hard power loss; it starts again
      // on another node.
      ++s.generation;
      s.plan.clear();
      s.plan_next = 0;
      fleet_.enter_state(context_, hardware_, s, ServerState::stopped, "");
      fleet_.touch(context_, slot, context_.now);
    }
  }
  ++context_.changes;
}

}  // namespace metal::sim
