// The racks of each zone, the pools of free nodes per server type, and what operators set on
// nodes (power, LED, boot mode) or what failed.

#include "sim/hardware.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/catalog.hpp"
#include "sim/metrics.hpp"

namespace metal::sim {

using model::ServerState;

namespace {

// A small, stable difference between nodes (airflow, position in the rack): 0..1.
double node_unit(std::uint16_t zone, int index) {
  std::uint64_t h = (static_cast<std::uint64_t>(zone) << 32) ^ static_cast<std::uint64_t>(index);
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdull;
  h ^= h >> 33;
  return static_cast<double>(h >> 11) * 0x1.0p-53;
}

}  // namespace

double Hardware::free_node_share(const Fleet& fleet, std::uint16_t zone, std::uint16_t type) const {
  return static_cast<double>(std::max(0, nodes_available(fleet, zone, type))) /
         (racks_of_type(zone, type) * kNodesPerRack);
}

bool Hardware::failed(std::uint16_t zone, int node) const {
  auto controls = node_controls_.find({zone, node});
  return controls != node_controls_.end() && controls->second.failed;
}

void Hardware::reset_failures(int per_zone) {
  failed_per_zone_ = per_zone;
  // Repair every failed node first: its place in the pool comes back.
  for (auto& [where, controls] : node_controls_)
    if (controls.failed) {
      controls.failed = false;
      release_node(where.first, where.second);
    }
}

void Hardware::fail(std::uint16_t zone, int node) {
  node_controls_[{zone, node}].failed = true;
  node_controls_[{zone, node}].bare_power = false;
}

void Hardware::build_racks(std::uint16_t zone, double servers) {
  const auto types = server_types();
  double shares = 0;
  for (const ServerTypeSpec& t : types)
    shares += t.fleet_share;
  if (rack_types_.size() <= zone) rack_types_.resize(zone + 1u);
  if (node_pools_.size() <= zone) node_pools_.resize(zone + 1u);
  node_pools_[zone].assign(types.size(), {});
  for (std::size_t t = 0; t < types.size(); ++t) {
    const double expected = servers * types[t].fleet_share / shares;
    const int racks = 1 + static_cast<int>(expected * 0.9 / kNodesPerRack);
    for (int r = 0; r < racks; ++r)
      rack_types_[zone].push_back(static_cast<std::uint16_t>(t));
  }
}

int Hardware::racks_of_type(std::uint16_t zone, std::uint16_t type) const {
  return static_cast<int>(std::count(rack_types_[zone].begin(), rack_types_[zone].end(), type));
}

int Hardware::node_of_type(std::uint16_t zone, std::uint16_t type, int position) {
  int wanted = position / kNodesPerRack;
  auto& racks = rack_types_[zone];
  for (std::size_t r = 0; r < racks.size(); ++r)
    if (racks[r] == type && wanted-- == 0)
      return static_cast<int>(r) * kNodesPerRack + position % kNodesPerRack;
  // Actions check what is available before they start; should a type still run out, a rack of
  // it is installed rather than two servers sharing a node.
  racks.push_back(type);
  return node_of_type(zone, type, position);
}

int Hardware::position_of(std::uint16_t zone, int node) const {
  const auto& racks = rack_types_[zone];
  const auto rack = static_cast<std::ptrdiff_t>(node / kNodesPerRack);
  const auto before =
      std::count(racks.begin(), racks.begin() + rack, racks[static_cast<std::size_t>(rack)]);
  return static_cast<int>(before) * kNodesPerRack + node % kNodesPerRack;
}

int Hardware::take_node(std::uint16_t zone, std::uint16_t type) {
  NodePool& pool = node_pools_[zone][type];
  if (!pool.free.empty()) {
    const int node = *pool.free.begin();
    pool.free.erase(pool.free.begin());
    return node;
  }
  // (Nodes fail only while in use: one never used is never failed.)
  return node_of_type(zone, type, pool.next++);
}

void Hardware::release_node(std::uint16_t zone, int node) {
  auto controls = node_controls_.find({zone, node});
  if (controls != node_controls_.end() && controls->second.failed) return;  // out of service
  const std::uint16_t type = rack_types_[zone][static_cast<std::size_t>(node / kNodesPerRack)];
  node_pools_[zone][type].free.insert(node);
}

void Hardware::rebuild_node_pools(const Fleet& fleet) {
  const auto types = server_types().size();
  node_pools_.assign(fleet.zones().size(), std::vector<NodePool>(types));
  std::vector<std::set<std::int32_t>> used(fleet.zones().size());
  auto reach = [&](std::uint16_t zone, int node) {
    const std::uint16_t type = rack_types_[zone][static_cast<std::size_t>(node / kNodesPerRack)];
    NodePool& pool = node_pools_[zone][type];
    pool.next = std::max(pool.next, position_of(zone, node) + 1);
  };
  for (const SimServer& s : fleet.slots())
    if (!s.deleted && s.hypervisor >= 0) {
      used[s.zone].insert(s.hypervisor);
      reach(s.zone, s.hypervisor);
    }
  for (const auto& [where, controls] : node_controls_)
    if (controls.failed && where.first < node_pools_.size()) reach(where.first, where.second);
  for (std::uint16_t z = 0; z < node_pools_.size(); ++z)
    for (std::uint16_t t = 0; t < types; ++t)
      for (std::int32_t p = 0; p < node_pools_[z][t].next; ++p) {
        const int node = node_of_type(z, t, p);
        auto controls = node_controls_.find({z, node});
        const bool failed = controls != node_controls_.end() && controls->second.failed;
        if (!used[z].contains(node) && !failed) node_pools_[z][t].free.insert(node);
      }
}

int Hardware::nodes_available(const Fleet& fleet, std::uint16_t zone, std::uint16_t type) const {
  int in_use = 0, allocating = 0;
  for (std::uint32_t slot : fleet.zone_slots(zone)) {
    const SimServer& s = fleet.at(slot);
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

NodeView Hardware::node_view(const Fleet& fleet, const Tenancy& tenancy, model::Timestamp now,
                             std::uint16_t zone, int index, const SimServer* held) const {
  NodeView v;
  v.zone = fleet.zones()[zone];
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
  const double t = static_cast<double>(now.micros) / 1e6;
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
    const Project& project = tenancy.projects()[held->project];
    v.server = NodeView::Tenant{held->id, held->name, project.organization_id, project.id,
                                std::string(model::to_string(held->state))};
  }
  return v;
}

std::vector<NodeView> Hardware::nodes(const Fleet& fleet, const Tenancy& tenancy,
                                      model::Timestamp now, std::uint16_t zone, int first,
                                      int count) const {
  std::vector<NodeView> out;
  if (count <= 0) return out;
  const int last =
      std::min(static_cast<int>(rack_types_[zone].size()) * kNodesPerRack, first + count);
  if (first >= last) return out;
  std::vector<const SimServer*> held(static_cast<std::size_t>(last - first), nullptr);
  for (std::uint32_t slot : fleet.zone_slots(zone)) {
    const SimServer& s = fleet.at(slot);
    if (s.hypervisor >= first && s.hypervisor < last)
      held[static_cast<std::size_t>(s.hypervisor - first)] = &s;
  }
  out.reserve(held.size());
  for (int i = first; i < last; ++i)
    out.push_back(
        node_view(fleet, tenancy, now, zone, i, held[static_cast<std::size_t>(i - first)]));
  return out;
}

std::size_t Hardware::failed_node_count() const {
  return static_cast<std::size_t>(std::count_if(node_controls_.begin(), node_controls_.end(),
                                                [](const auto& n) { return n.second.failed; }));
}

}  // namespace metal::sim
