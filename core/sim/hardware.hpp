#pragma once
// The hardware under the servers: racks of 900 nodes in 50 chassis of 18, each node with its
// power, GPIOs (power button, reset, boot-mode select, LED), sensors and health. A node's state is
// mostly what runs on it (a server holding it powers it; its load heats it); what operators set
// by hand, or what failed, is kept apart as the node's controls.

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/timestamp.hpp"
#include "sim/fleet.hpp"
#include "sim/tenancy.hpp"

namespace metal::sim {

/// A physical node as an operator sees it (admin API, Redfish): where it is, its power, GPIOs,
/// sensors, health, and the tenant server it runs, if any.
struct NodeView {
  std::string zone;
  int index = 0;                        // within the zone: the server's location.hypervisor_id
  int rack = 0, chassis = 0, slot = 0;  // 900 nodes a rack: 50 chassis of 18
  std::string name;                     // "fr-par-1-r02-c07-n11"
  std::string kind;                     // the server type its rack is built of ("DEV1-S")
  std::string power_state;              // On | Off
  std::string health;                   // OK | Warning | Critical
  std::string led;                      // off | on | blink
  std::string boot_mode;                // disk | network | recovery
  std::int64_t resets = 0;              // reset presses seen
  double inlet_celsius = 0, cpu_celsius = 0, power_watts = 0;
  struct Tenant {
    std::string id, name, organization_id, project_id, state;
  };
  std::optional<Tenant> server;
};

/// What differs from a node's defaults.
struct NodeControls {
  bool bare_power = false;  // powered on by an operator with no server on it
  bool failed = false;
  std::string led = "off", boot_mode = "disk";
  std::int64_t resets = 0;
};

class Hardware {
 public:
  static constexpr int kNodesPerRack = 900;
  static constexpr int kNodesPerChassis = 18;

  /// Racks for a zone expecting `servers` of the seeded mix: every type, room to spare.
  void build_racks(std::uint16_t zone, double servers);
  /// How many nodes a zone has (whole racks).
  int node_capacity(std::uint16_t zone) const {
    return static_cast<int>(rack_types_[zone].size()) * kNodesPerRack;
  }
  /// The server type a node's rack is built of.
  std::uint16_t type_of_node(std::uint16_t zone, int node) const {
    return rack_types_[zone][static_cast<std::size_t>(node / kNodesPerRack)];
  }
  /// Free nodes of a type in a zone now, less those promised to servers still allocating one.
  int nodes_available(const Fleet& fleet, std::uint16_t zone, std::uint16_t type) const;
  /// The share of a zone's nodes of a type that a new server could still take.
  double free_node_share(const Fleet& fleet, std::uint16_t zone, std::uint16_t type) const;
  /// Nodes [first, first + count) of a zone, as operators see them at `now`.
  std::vector<NodeView> nodes(const Fleet& fleet, const Tenancy& tenancy, model::Timestamp now,
                              std::uint16_t zone, int first, int count) const;
  NodeView node_view(const Fleet& fleet, const Tenancy& tenancy, model::Timestamp now,
                     std::uint16_t zone, int index, const SimServer* held) const;

  /// A node of the type for a server about to hold one (the lowest free, as a scheduler filling
  /// racks in order); a rack is installed should the type run out.
  int take_node(std::uint16_t zone, std::uint16_t type);
  /// A node given back; a failed one stays out of service.
  void release_node(std::uint16_t zone, int node);
  /// The controls of a node, made the first time they are set.
  NodeControls& controls(std::uint16_t zone, int node) { return node_controls_[{zone, node}]; }
  bool failed(std::uint16_t zone, int node) const;
  std::size_t failed_node_count() const;
  /// Faults: how many nodes in use fail per zone.
  int failed_per_zone() const { return failed_per_zone_; }
  /// Faults: `per_zone` nodes in use are to fail in every zone. Every node failed before is
  /// repaired (its place in the pool comes back); the world then fails the new ones.
  void reset_failures(int per_zone);
  void fail(std::uint16_t zone, int node);
  /// The free nodes of every pool again, from the nodes the fleet's servers hold.
  void rebuild_node_pools(const Fleet& fleet);

 private:
  friend class World;  // saves, restores and checks it

  /// The node at `position` of a type's racks in a zone; the rack is installed if missing.
  int node_of_type(std::uint16_t zone, std::uint16_t type, int position);
  /// Where a node sits among its type's racks (the inverse of node_of_type).
  int position_of(std::uint16_t zone, int node) const;
  int racks_of_type(std::uint16_t zone, std::uint16_t type) const;

  // Racks are built of one kind of node, a server type's; a server runs on a node of its type.
  // Per zone and type: the nodes free below the highest ever used (a server takes the lowest free
  // one), and the next never-used position in the type's racks (position p is node p % 900 of the
  // type's (p / 900)-th rack).
  struct NodePool {
    std::set<std::int32_t> free;  // node indices within the zone
    std::int32_t next = 0;
  };
  std::vector<std::vector<NodePool>> node_pools_;       // [zone][type]
  std::vector<std::vector<std::uint16_t>> rack_types_;  // [zone][rack]: the type of its nodes
  std::map<std::pair<std::uint16_t, int>, NodeControls> node_controls_;
  int failed_per_zone_ = 0;
};

}  // namespace metal::sim
