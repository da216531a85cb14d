// The hardware under the servers: racks of 900 nodes in 50 chassis of 18, each node with its
// power, GPIOs (power button, reset, boot-mode select, LED), sensors and health. A node's state is
// mostly what runs on it (a server holding it powers it; its load heats it); what operators set
// by hand, or what failed, is kept apart in node_controls_.

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/catalog.hpp"
#include "sim/metrics.hpp"
#include "sim/refusals.hpp"
#include "sim/world.hpp"

namespace metal::sim {

using model::ServerAction;
using model::ServerState;

namespace {

ApiRefusal node_not_found(std::string_view zone, int index) {
  return not_found_refusal("node", std::string(zone) + "/" + std::to_string(index));
}

// A small, stable difference between nodes (airflow, position in the rack): 0..1.
double node_unit(std::uint16_t zone, int index) {
  std::uint64_t h = (static_cast<std::uint64_t>(zone) << 32) ^ static_cast<std::uint64_t>(index);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

}  // namespace

std::optional<std::uint16_t> World::find_zone_index(std::string_view zone) const {
  for (std::size_t z = 0; z < active_zones_.size(); ++z)
    if (active_zones_[z] == zone) return static_cast<std::uint16_t>(z);
  return std::nullopt;
}

int World::node_capacity(std::string_view zone) const {
  const auto z = find_zone_index(zone);
  return z ? static_cast<int>(rack_types_[*z].size()) * kNodesPerRack : 0;
}

double World::free_node_share(std::string_view zone, std::string_view commercial_type) const {
  const auto z = find_zone_index(zone);
  const ServerTypeSpec* type = find_server_type(commercial_type);
  if (!z || !type) return 1.0;
  const auto t = static_cast<std::uint16_t>(type - server_types().data());
  return static_cast<double>(std::max(0, nodes_available(*z, t))) /
         (racks_of_type(*z, t) * kNodesPerRack);
}

int World::nodes_available(std::uint16_t zone, std::uint16_t type) const {
  int in_use = 0, allocating = 0;
  for (std::uint32_t slot : zone_slots_[zone]) {
    const SimServer& s = servers_[slot];
    if (s.type != type) continue;
    if (s.hypervisor >= 0)
      ++in_use;
    else if (s.state == ServerState::starting)
      ++allocating;  // will take one at its next step
  }
  int failed = 0;
  for (const auto& [where, controls] : node_controls_)
    failed += where.first == zone && controls.failed &&
              rack_types_[zone][static_cast<std::size_t>(where.second / kNodesPerRack)] == type;
  return racks_of_type(zone, type) * kNodesPerRack - in_use - allocating - failed;
}

const World::SimServer* World::server_on_node(std::uint16_t zone, int index) const {
  for (std::uint32_t slot : zone_slots_[zone])
    if (servers_[slot].hypervisor == index) return &servers_[slot];
  return nullptr;
}

NodeView World::node_view(std::uint16_t zone, int index, const SimServer* held) const {
  NodeView v;
  v.zone = active_zones_[zone];
  v.index = index;
  v.rack = index / kNodesPerRack;
  v.chassis = (index % kNodesPerRack) / kNodesPerChassis;
  v.slot = index % kNodesPerChassis;
  char name[96];
  std::snprintf(name, sizeof name, "%s-r%02d-c%02d-n%02d", v.zone.c_str(), v.rack + 1,
                v.chassis + 1, v.slot + 1);
  v.name = name;
  v.kind = std::string(
      server_types()[rack_types_[zone][static_cast<std::size_t>(v.rack)]].commercial_type);
  NodeControls controls;
  if (auto it = node_controls_.find({zone, index}); it != node_controls_.end())
    controls = it->second;
  v.led = controls.led;
  v.boot_mode = controls.boot_mode;
  v.resets = controls.resets;
  const bool on = !controls.failed && (held || controls.bare_power);
  v.power_state = on ? "On" : "Off";

  // Sensors: the inlet follows the hall's day; a node's CPU and draw follow its server's load, the
  // same load its CPU chart shows.
  const double t = static_cast<double>(now_.micros) / 1e6;
  const double unit = node_unit(zone, index);
  v.inlet_celsius = 21.0 + 3.0 * unit + 1.5 * std::sin(2 * 3.14159265358979 * t / 86400.0) +
                    0.4 * static_cast<double>(v.chassis % 5);
  double busy = 0;
  if (held && held->state == ServerState::running)
    busy = std::clamp(cpu_busy_share(held->id, t), 0.0, 1.0);
  const int ncpus = held ? server_types()[held->type].ncpus : 4;
  if (on) {
    v.cpu_celsius = v.inlet_celsius + 9.0 + 48.0 * busy + 2.0 * unit;
    v.power_watts = 6.0 + 1.5 * ncpus + 4.5 * ncpus * busy;
  } else {
    v.cpu_celsius = v.inlet_celsius + 0.5;
    v.power_watts = 0.8;  // the BMC alone
  }
  v.cpu_celsius = std::round(v.cpu_celsius * 10) / 10;
  v.inlet_celsius = std::round(v.inlet_celsius * 10) / 10;
  v.power_watts = std::round(v.power_watts * 10) / 10;
  v.health = controls.failed ? "Critical" : (v.cpu_celsius >= 85 ? "Warning" : "OK");
  if (held) {
    const Project& project = projects_[held->project];
    v.server = NodeView::Tenant{held->id, held->name, project.organization_id, project.id,
                                std::string(model::to_string(held->state))};
  }
  return v;
}

std::vector<NodeView> World::nodes(std::string_view zone, int first, int count) const {
  std::vector<NodeView> out;
  const auto z = find_zone_index(zone);
  if (!z || count <= 0) return out;
  const int last =
      std::min(static_cast<int>(rack_types_[*z].size()) * kNodesPerRack, first + count);
  if (first >= last) return out;
  std::vector<const SimServer*> held(static_cast<std::size_t>(last - first), nullptr);
  for (std::uint32_t slot : zone_slots_[*z]) {
    const SimServer& s = servers_[slot];
    if (s.hypervisor >= first && s.hypervisor < last)
      held[static_cast<std::size_t>(s.hypervisor - first)] = &s;
  }
  out.reserve(held.size());
  for (int i = first; i < last; ++i)
    out.push_back(node_view(*z, i, held[static_cast<std::size_t>(i - first)]));
  return out;
}

std::optional<NodeView> World::node(std::string_view zone, int index) const {
  const auto z = find_zone_index(zone);
  if (!z || index < 0 || index >= static_cast<int>(rack_types_[*z].size()) * kNodesPerRack)
    return std::nullopt;
  return node_view(*z, index, server_on_node(*z, index));
}

Expected<NodeView, ApiRefusal> World::set_gpio(std::string_view zone, int index,
                                               std::string_view pin, std::string_view value) {
  const auto z = find_zone_index(zone);
  if (!z || index < 0 || index >= static_cast<int>(rack_types_[*z].size()) * kNodesPerRack)
    return Unexpected{node_not_found(zone, index)};
  const SimServer* held = server_on_node(*z, index);
  NodeControls& controls = node_controls_[{*z, index}];
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
  ++changes_;
  return node_view(*z, index, held);
}

Expected<NodeView, ApiRefusal> World::reset_node(std::string_view zone, int index,
                                                 std::string_view reset_type) {
  const auto z = find_zone_index(zone);
  if (!z || index < 0 || index >= static_cast<int>(rack_types_[*z].size()) * kNodesPerRack)
    return Unexpected{node_not_found(zone, index)};
  NodeControls& controls = node_controls_[{*z, index}];
  if (controls.failed)
    return Unexpected{refusal(409, "precondition_failed",
                              "node is out of service after a failure: repair it first")};
  const SimServer* held = server_on_node(*z, index);
  const bool on = held || controls.bare_power;
  // What a button does to the server on the node goes through the server's own lifecycle, so
  // the tenant sees the same states as after an API action.
  auto server_action = [&](ServerAction action) -> std::optional<ApiRefusal> {
    if (!held) return std::nullopt;
    auto task = act(active_zones_[*z], held->id, action);
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
  ++changes_;
  return node_view(*z, index, server_on_node(*z, index));
}

void World::set_failed_nodes(int per_zone) {
  if (per_zone == failed_per_zone_) return;
  failed_per_zone_ = per_zone;
  // Repair every failed node first: its place in the pool comes back.
  for (auto& [where, controls] : node_controls_)
    if (controls.failed) {
      controls.failed = false;
      release_node(where.first, where.second);
    }
  for (std::uint16_t z = 0; z < active_zones_.size() && per_zone > 0; ++z) {
    // The nodes in use, in order; the victims drawn from the faults' own generator.
    std::vector<std::uint32_t> holding;
    for (std::uint32_t slot : zone_slots_[z])
      if (servers_[slot].hypervisor >= 0) holding.push_back(slot);
    for (int i = 0; i < per_zone && !holding.empty(); ++i) {
      const auto pick = static_cast<std::size_t>(
          fault_random_.between(0, static_cast<std::int64_t>(holding.size()) - 1));
      const std::uint32_t slot = holding[pick];
      holding.erase(holding.begin() + static_cast<std::ptrdiff_t>(pick));
      SimServer& s = servers_[slot];
      const int index = s.hypervisor;
      node_controls_[{z, index}].failed = true;
      node_controls_[{z, index}].bare_power = false;
      // The server loses its node at once: stopped, as after a hard power loss; it starts again
      // on another node.
      ++s.generation;
      s.plan.clear();
      s.plan_next = 0;
      enter_state(s, ServerState::stopped, "");
      touch(slot, now_);
    }
  }
  ++changes_;
}

std::size_t World::failed_node_count() const {
  return static_cast<std::size_t>(std::count_if(node_controls_.begin(), node_controls_.end(),
                                                [](const auto& n) { return n.second.failed; }));
}

}  // namespace metal::sim
