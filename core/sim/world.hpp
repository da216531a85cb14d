#pragma once
// The simulated cloud, driven by a simulated clock. Its parts each own their data and its rules:
// tenancy (organizations, projects, keys, quotas), the fleet (servers, their indexes and
// lifecycle), the inventory (volumes, snapshots, images, IPs, groups, NICs, user data), the
// hardware (racks and nodes) and metering. The world holds them with the clock and generators they
// share, and does what spans several: seeding, servers coming and going and acting, what ties
// resources to servers, save and restore, and the invariants. Routes read the part that owns what
// they answer. No IO: time comes in through advance_to(), requests through sim::ApiHandler.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/billing.hpp"
#include "model/expected.hpp"
#include "model/server.hpp"
#include "model/task.hpp"
#include "model/timestamp.hpp"
#include "sim/api_refusal.hpp"
#include "sim/fleet.hpp"
#include "sim/hardware.hpp"
#include "sim/inventory.hpp"
#include "sim/metering.hpp"
#include "sim/tenancy.hpp"
#include "sim/world_context.hpp"

namespace metal::sim {

struct WorldConfig {
  std::uint64_t seed = 1;
  int servers = 40;
  model::Timestamp start;  // the simulated "now" when the world begins
};

class World {
 public:
  explicit World(const WorldConfig& config);

  /// Moves the simulated clock forward, applying every lifecycle step that falls due.
  void advance_to(model::Timestamp now);
  model::Timestamp now() const { return context_.now; }
  /// Counts every change to the world (a state step, an action, a backup): "save when it moved".
  std::uint64_t changes() const { return context_.changes; }

  const Tenancy& tenancy() const { return tenancy_; }
  const Fleet& fleet() const { return fleet_; }
  const Inventory& inventory() const { return inventory_; }
  const Hardware& hardware() const { return hardware_; }
  const Metering& metering() const { return metering_; }

  // ---- servers, as the API answers them (world_servers.cpp) ----
  struct ServerSlice {
    std::vector<model::Server> servers;
    std::int64_t total = 0;
  };
  ServerRefSlice list_server_refs(std::string_view zone, const ServerFilter& filter,
                                  ServerOrder order, int page, int per_page) const {
    return fleet_.list_refs(tenancy_, zone, filter, order, page, per_page);
  }
  /// The server in `slot`, into a record that may hold another server: its storage is reused (a
  /// listing reads thousands of servers, and building each anew cost a third of writing its JSON).
  void read_server(std::uint32_t slot, model::Server& out) const { fill_api(fleet_.at(slot), out); }
  /// One page of a zone's servers, as GET /servers answers (page is 1-based).
  ServerSlice list_servers(std::string_view zone, const ServerFilter& filter, ServerOrder order,
                           int page, int per_page) const;
  std::optional<model::Server> get_server(std::string_view zone, std::string_view id) const;
  /// The organization owning a server, for tenant checks; nullopt when there is no such server.
  std::optional<std::string> server_organization(std::string_view zone, std::string_view id) const;
  Expected<model::Task, ApiRefusal> act(std::string_view zone, std::string_view id,
                                        model::ServerAction action);
  /// POST /servers: a new server, stopped, in `zone`, owned by the key's organization.
  Expected<model::Server, ApiRefusal> create_server(std::string_view zone, const ApiKey& key,
                                                    const NewServer& spec);
  Expected<model::Server, ApiRefusal> update_server(std::string_view zone, std::string_view id,
                                                    const ServerChanges& changes);
  /// DELETE /servers/{id}: only a stopped, unprotected server; nullopt when it is gone.
  std::optional<ApiRefusal> remove_server(std::string_view zone, std::string_view id);

  // ---- the Instance resources beside servers (world_inventory.cpp) ----
  /// The zone's volumes an organization sees ("" : all), newest first: those created through
  /// the API and the local root volumes of its servers.
  std::vector<model::Volume> zone_volumes(std::string_view zone,
                                          std::string_view organization) const;
  std::optional<model::Volume> get_volume(std::string_view zone, std::string_view id) const;
  /// A security group as answered: with the servers that use it.
  model::SecurityGroup with_servers(const model::SecurityGroup& group) const;
  Expected<model::Volume, ApiRefusal> create_volume(std::string_view zone, const ApiKey& key,
                                                    const NewVolume& spec);
  Expected<model::Volume, ApiRefusal> update_volume(std::string_view zone, std::string_view id,
                                                    const Relabel& changes,
                                                    std::optional<std::uint64_t> size);
  Expected<model::Server, ApiRefusal> attach_volume(std::string_view zone, std::string_view server,
                                                    std::string_view volume);
  Expected<model::Server, ApiRefusal> detach_volume(std::string_view zone, std::string_view volume);
  Expected<model::Snapshot, ApiRefusal> create_snapshot(std::string_view zone, const ApiKey& key,
                                                        const NewSnapshot& spec);
  Expected<model::Image, ApiRefusal> create_image(std::string_view zone, const ApiKey& key,
                                                  const NewImage& spec) {
    return inventory_.create_image(context_, tenancy_, zone, key, spec);
  }
  Expected<model::FlexibleIp, ApiRefusal> create_ip(std::string_view zone, const ApiKey& key,
                                                    const NewIp& spec);
  Expected<model::FlexibleIp, ApiRefusal> update_ip(std::string_view zone, std::string_view id,
                                                    const IpChanges& changes);
  Expected<model::SecurityGroup, ApiRefusal> create_security_group(std::string_view zone,
                                                                   const ApiKey& key,
                                                                   const NewSecurityGroup& spec);
  Expected<model::SecurityGroup, ApiRefusal> update_security_group(
      std::string_view zone, std::string_view id, const SecurityGroupChanges& changes);
  Expected<std::vector<model::SecurityGroupRule>, ApiRefusal> set_rules(
      std::string_view group, const std::vector<RuleChanges>& rules) {
    return inventory_.set_rules(context_, group, rules);
  }
  Expected<model::SecurityGroupRule, ApiRefusal> add_rule(std::string_view group,
                                                          const RuleChanges& rule) {
    return inventory_.add_rule(context_, group, rule);
  }
  Expected<model::SecurityGroupRule, ApiRefusal> update_rule(std::string_view group,
                                                             std::string_view rule_id,
                                                             const RuleChanges& changes) {
    return inventory_.update_rule(context_, group, rule_id, changes);
  }
  std::optional<ApiRefusal> delete_rule(std::string_view group, std::string_view rule_id) {
    return inventory_.delete_rule(context_, group, rule_id);
  }
  Expected<model::PlacementGroup, ApiRefusal> create_placement_group(
      std::string_view zone, const ApiKey& key, const NewPlacementGroup& spec) {
    return inventory_.create_placement_group(context_, tenancy_, zone, key, spec);
  }
  Expected<model::PlacementGroup, ApiRefusal> update_placement_group(
      std::string_view zone, std::string_view id, const Relabel& changes,
      std::optional<std::string> policy_mode, std::optional<std::string> policy_type);
  Expected<model::PrivateNic, ApiRefusal> create_private_nic(std::string_view zone,
                                                             std::string_view server,
                                                             std::string private_network_id,
                                                             std::vector<std::string> tags);
  Expected<model::PrivateNic, ApiRefusal> update_private_nic(std::string_view zone,
                                                             std::string_view server,
                                                             std::string_view nic,
                                                             std::vector<std::string> tags);
  std::optional<ApiRefusal> delete_private_nic(std::string_view zone, std::string_view server,
                                               std::string_view nic);
  std::optional<ApiRefusal> set_user_data(std::string_view zone, std::string_view server,
                                          std::string key, std::string value);
  std::optional<ApiRefusal> delete_user_data(std::string_view zone, std::string_view server,
                                             std::string_view key);
  /// PATCH of name and tags on a snapshot, an image or a placement group.
  std::optional<ApiRefusal> relabel(Collection collection, std::string_view zone,
                                    std::string_view id, const Relabel& changes);
  /// DELETE of a row; refused while something still uses it.
  std::optional<ApiRefusal> remove(Collection collection, std::string_view zone,
                                   std::string_view id);

  // ---- tenancy ----
  void set_quotas(const std::string& organization, const Quotas& quotas) {
    tenancy_.set_quotas(context_, organization, quotas);
  }
  Expected<SshKeyRecord, ApiRefusal> create_ssh_key(const ApiKey& key, std::string name,
                                                    std::string public_key, std::string project) {
    return tenancy_.create_ssh_key(context_, key, std::move(name), std::move(public_key),
                                   std::move(project));
  }
  Expected<SshKeyRecord, ApiRefusal> update_ssh_key(std::string_view id,
                                                    std::optional<std::string> name,
                                                    std::optional<bool> disabled) {
    return tenancy_.update_ssh_key(context_, id, std::move(name), disabled);
  }
  std::optional<ApiRefusal> delete_ssh_key(std::string_view id) {
    return tenancy_.delete_ssh_key(context_, id);
  }
  /// (Keys move in memory: a caller holding an ApiKey* must not use it after these.)
  Expected<ApiKey, ApiRefusal> create_api_key(const ApiKey& creator, std::string description,
                                              std::string project) {
    return tenancy_.create_api_key(context_, creator, std::move(description), std::move(project));
  }
  std::optional<ApiRefusal> delete_api_key(std::string_view access_key) {
    return tenancy_.delete_api_key(context_, access_key);
  }

  // ---- hardware (world_hardware.cpp) ----
  /// How many nodes a zone has (whole racks); 0 for a zone with none.
  int node_capacity(std::string_view zone) const;
  /// The share of a zone's nodes of a server type that a new server could still take.
  double free_node_share(std::string_view zone, std::string_view commercial_type) const;
  /// Nodes [first, first + count) of a zone, as operators see them at this instant.
  std::vector<NodeView> nodes(std::string_view zone, int first, int count) const;
  std::optional<NodeView> node(std::string_view zone, int index) const;
  /// A GPIO of a node: power_button (press: a held server shuts down, a bare node toggles),
  /// reset (a held server reboots), boot_mode (disk | network | recovery), led (off | on | blink).
  Expected<NodeView, ApiRefusal> set_gpio(std::string_view zone, int index, std::string_view pin,
                                          std::string_view value);
  /// Redfish's reset types on a node: On, ForceOff, GracefulShutdown, GracefulRestart,
  /// ForceRestart, PushPowerButton, ForceOn, Nmi.
  Expected<NodeView, ApiRefusal> reset_node(std::string_view zone, int index,
                                            std::string_view reset_type);
  /// Faults: `per_zone` nodes in use fail in every zone (their servers stop and the node is out
  /// of service); 0 repairs every failed node.
  void set_failed_nodes(int per_zone);
  /// Share of actions whose transition stops after its first step (faults on demand). Drawn from
  /// its own generator, so a world with faults otherwise evolves as the same world without.
  void set_stuck_rate(double rate) { fleet_.set_stuck_rate(rate); }

  // ---- metering ----
  Expected<std::vector<model::Consumption>, std::string> consumptions(
      std::string_view organization, std::string_view project, std::string_view period) const {
    return metering_.consumptions(fleet_, tenancy_, context_.now, organization, project, period);
  }
  std::vector<model::Invoice> invoices(std::string_view organization) const {
    return metering_.invoices(fleet_, tenancy_, context_.now, organization);
  }
  void for_each_metered(const std::function<void(const MeteredServer&)>& visit) const {
    Metering::for_each_metered(fleet_, tenancy_, visit);
  }
  std::optional<MeteredServer> metered(std::string_view id) const {
    return Metering::metered(fleet_, tenancy_, id);
  }

  /// What must always hold, checked from scratch: no node holds two servers, a server holds a
  /// node exactly when its state needs one, the indexes count what the world holds, the inventory
  /// agrees with the servers both ways. Empty: all well (GET /sandbox/v1/invariants asks).
  std::vector<std::string> check_invariants() const;

  /// The whole world, versioned (world_state.cpp). As JSON: what the sandbox keeps on disk
  /// (readable, diffable). As bytes: the browser demo's copy (a third of the bytes, written
  /// several times faster); two functions, so that the demo's worker carries no JSON writer.
  /// restore() reads both; bytes that are not a saved world, or one that contradicts itself, are
  /// refused with what was wrong.
  std::string save() const;
  std::string save_binary() const;
  /// What a binary saved world starts with (a JSON one starts with '{'); its format and version
  /// follow.
  static constexpr std::string_view kBinaryMagic{"\x89MWORLD\n", 8};
  static Expected<World, std::string> restore(std::string_view saved);
  /// The same, for bytes only (the demo's copy): a program that calls only this carries no JSON
  /// reader of saved worlds.
  static Expected<World, std::string> restore_binary(std::string_view saved);

 private:
  void seed_world(const WorldConfig& config);
  /// Puts the world in its saved form and hands it to `write` (world_state.cpp).
  template <class Write>
  std::string save_as(Write&& write) const;
  /// A world from its saved form, as `read` reads it (world_state.cpp).
  template <class Read>
  static Expected<World, std::string> restore_with(std::string_view saved, Read&& read);
  void seed_server(std::size_t index, const WorldConfig& config);
  /// The index of a zone in this world, adding it (empty) the first time a server lands there.
  std::uint16_t zone_index(std::string_view zone);
  /// The default group of a project in a zone, made the first time it is needed.
  const model::SecurityGroup& default_security_group(std::string_view zone,
                                                     std::string_view project);
  void start_plan(std::uint32_t slot, ActionPlan plan);
  void delete_server(std::uint32_t slot);
  std::optional<ApiRefusal> delete_volume(std::string_view zone, std::string_view id);
  /// What goes with a deleted server: local volumes and NICs deleted, others detached.
  void release_resources(SimServer& s);
  model::Server to_api(const SimServer& s) const;
  void fill_api(const SimServer& s, model::Server& out) const;
  model::Volume root_volume(const SimServer& s) const;

  WorldContext context_;
  Tenancy tenancy_;
  Fleet fleet_;
  Inventory inventory_;
  Hardware hardware_;
  Metering metering_;
};

}  // namespace metal::sim
