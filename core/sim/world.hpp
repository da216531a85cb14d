#pragma once
// The simulated cloud: tenants, zones, servers and their lifecycle, driven by a simulated clock.
// It holds its own compact state and renders API models on demand, so 100,000 servers stay light.
// No IO: time comes in through advance_to(), requests through sim::ApiHandler.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "model/api_error.hpp"
#include "model/billing.hpp"
#include "model/expected.hpp"
#include "model/server.hpp"
#include "model/task.hpp"
#include "model/timestamp.hpp"
#include "sim/api_refusal.hpp"
#include "sim/inventory.hpp"
#include "sim/random.hpp"
#include "sim/server_lifecycle.hpp"

namespace metal::sim {

struct WorldConfig {
  std::uint64_t seed = 1;
  int servers = 40;
  model::Timestamp start;  // the simulated "now" when the world begins
};

struct Organization {
  std::string id;
  std::string name;
};

struct Project {
  std::string id;
  std::string name;
  std::string organization_id;
  model::Timestamp created_at;
};

enum class KeyRole { read_only, read_write, admin };

struct ApiKey {
  std::string access_key;  // SCW..., names the key
  std::string secret_key;  // the token itself
  std::string organization_id;
  std::string project_id;  // default project
  KeyRole role = KeyRole::read_write;
  std::string description;
  model::Timestamp created;
};

/// An SSH key of IAM: organization-wide, attached to a project.
struct SshKeyRecord {
  std::string id;
  std::string name;
  std::string public_key;
  std::string fingerprint;
  std::string organization_id;
  std::string project_id;
  model::Timestamp created, updated;
  bool disabled = false;
};

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

/// Name and tags: what PATCH of volumes, snapshots, images, placement groups and NICs changes.
struct Relabel {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> tags;
};

/// Limits per organization: creating beyond one is refused with `quotas_exceeded`.
struct Quotas {
  std::int64_t servers = 0, volumes = 0, snapshots = 0, images = 0, ips = 0, security_groups = 0,
               placement_groups = 0;
};

class World {
 public:
  explicit World(const WorldConfig& config);

  /// Moves the simulated clock forward, applying every lifecycle step that falls due.
  void advance_to(model::Timestamp now);
  model::Timestamp now() const { return now_; }

  const std::vector<Organization>& organizations() const { return organizations_; }
  const std::vector<Project>& projects() const { return projects_; }
  const std::vector<ApiKey>& api_keys() const { return api_keys_; }
  const ApiKey* find_key_by_secret(std::string_view secret) const;
  /// Zones this world has servers in (the real API knows more; those are empty here).
  const std::vector<std::string>& active_zones() const { return active_zones_; }

  // ---- servers ---------------------------------------------------------------------------
  struct ServerFilter {
    std::string_view organization, project, name, state, commercial_type;
    std::vector<std::string> tags;     // all must be present
    std::vector<std::string> servers;  // ids; empty = any
  };
  enum class ServerOrder {
    creation_date_desc,
    creation_date_asc,
    modification_date_desc,
    modification_date_asc
  };
  struct ServerSlice {
    std::vector<model::Server> servers;
    std::int64_t total = 0;
  };
  /// A server by its place in the world and how many times it has changed: what an encoded
  /// answer can be cached under (same slot, same revision: the same JSON).
  struct ServerRef {
    std::uint32_t slot = 0;
    std::uint32_t revision = 0;
  };
  struct ServerRefSlice {
    std::vector<ServerRef> servers;
    std::int64_t total = 0;
  };
  ServerRefSlice list_server_refs(std::string_view zone, const ServerFilter& filter,
                                  ServerOrder order, int page, int per_page) const;
  std::optional<ServerRef> find_server_ref(std::string_view zone, std::string_view id) const;
  /// The server in `slot`, into a record that may hold another server: its storage is reused (a
  /// listing reads thousands of servers, and building each anew cost a third of writing its JSON).
  void read_server(std::uint32_t slot, model::Server& out) const { fill_api(servers_[slot], out); }
  /// One page of a zone's servers, as GET /servers answers (page is 1-based).
  ServerSlice list_servers(std::string_view zone, const ServerFilter& filter, ServerOrder order,
                           int page, int per_page) const;
  std::optional<model::Server> get_server(std::string_view zone, std::string_view id) const;
  /// The organization owning a server, for tenant checks; nullopt when there is no such server.
  std::optional<std::string> server_organization(std::string_view zone, std::string_view id) const;

  Expected<model::Task, ApiRefusal> act(std::string_view zone, std::string_view id,
                                        model::ServerAction action);

  /// POST /servers: a new server, stopped, in `zone`, owned by the key's organization.
  struct NewServer {
    std::string name;
    std::string commercial_type;
    std::string image;    // an image id or a label ("ubuntu_jammy")
    std::string project;  // "" : the key's default project
    std::vector<std::string> tags;
    bool dynamic_ip_required = true;
    struct Volume {
      std::string id;  // an existing volume, or a new one:
      std::string name, volume_type;
      std::uint64_t size = 0;
    };
    std::map<std::string, Volume> volumes;  // slot -> volume; "0" sizes the root volume
    std::vector<std::string> public_ips;    // flexible IP ids to attach
    std::string security_group;             // "" : the project's default group in the zone
    std::string placement_group;
  };
  Expected<model::Server, ApiRefusal> create_server(std::string_view zone, const ApiKey& key,
                                                    const NewServer& spec);
  /// PATCH /servers/{id}: what is set changes.
  struct ServerChanges {
    std::optional<std::string> name;
    std::optional<std::vector<std::string>> tags;
    std::optional<bool> is_protected;
    std::optional<bool> dynamic_ip_required;
    std::optional<std::string> security_group;   // id
    std::optional<std::string> placement_group;  // id; "" leaves the group
    std::optional<std::string> commercial_type;  // only while stopped
  };
  Expected<model::Server, ApiRefusal> update_server(std::string_view zone, std::string_view id,
                                                    const ServerChanges& changes);
  /// DELETE /servers/{id}: only a stopped, unprotected server; nullopt when it is gone.
  std::optional<ApiRefusal> remove_server(std::string_view zone, std::string_view id);

  // ---- the other Instance resources (world_inventory.cpp; instance_routes.cpp answers) ----
  const Inventory& inventory() const { return inventory_; }
  /// The zone's volumes an organization sees ("" : all), newest first: those created through
  /// the API and the local root volumes of its servers.
  std::vector<model::Volume> zone_volumes(std::string_view zone,
                                          std::string_view organization) const;
  std::optional<model::Volume> get_volume(std::string_view zone, std::string_view id) const;
  /// Public catalogue images of the zone (converted to the API's model).
  std::vector<model::Image> public_zone_images(std::string_view zone) const;
  /// A security group as answered: with the servers that use it.
  model::SecurityGroup with_servers(const model::SecurityGroup& group) const;
  /// The default group of a project in a zone, made the first time it is needed.
  const model::SecurityGroup& default_security_group(std::string_view zone,
                                                     std::string_view project);

  struct NewVolume {
    std::string name, volume_type, base_snapshot, project;
    std::optional<std::uint64_t> size;
    std::vector<std::string> tags;
  };
  Expected<model::Volume, ApiRefusal> create_volume(std::string_view zone, const ApiKey& key,
                                                    const NewVolume& spec);
  Expected<model::Volume, ApiRefusal> update_volume(std::string_view zone, std::string_view id,
                                                    const Relabel& changes,
                                                    std::optional<std::uint64_t> size);
  std::optional<ApiRefusal> delete_volume(std::string_view zone, std::string_view id);
  Expected<model::Server, ApiRefusal> attach_volume(std::string_view zone, std::string_view server,
                                                    std::string_view volume);
  Expected<model::Server, ApiRefusal> detach_volume(std::string_view zone, std::string_view volume);

  struct NewSnapshot {
    std::string name, volume_id, volume_type, project;
    std::vector<std::string> tags;
  };
  Expected<model::Snapshot, ApiRefusal> create_snapshot(std::string_view zone, const ApiKey& key,
                                                        const NewSnapshot& spec);
  struct NewImage {
    std::string name, root_volume, arch, project;
    std::map<std::string, std::string> extra_volumes;  // slot -> snapshot id
    std::vector<std::string> tags;
  };
  Expected<model::Image, ApiRefusal> create_image(std::string_view zone, const ApiKey& key,
                                                  const NewImage& spec);

  struct NewIp {
    std::string type, project, server;
    std::vector<std::string> tags;
  };
  Expected<model::FlexibleIp, ApiRefusal> create_ip(std::string_view zone, const ApiKey& key,
                                                    const NewIp& spec);
  struct IpChanges {
    std::optional<std::optional<std::string>> reverse;  // null clears it
    std::optional<std::optional<std::string>> server;   // null detaches
    std::optional<std::vector<std::string>> tags;
  };
  Expected<model::FlexibleIp, ApiRefusal> update_ip(std::string_view zone, std::string_view id,
                                                    const IpChanges& changes);

  struct NewSecurityGroup {
    std::string name, description, project, inbound_default_policy, outbound_default_policy;
    bool stateful = true, project_default = false;
    std::vector<std::string> tags;
  };
  Expected<model::SecurityGroup, ApiRefusal> create_security_group(std::string_view zone,
                                                                   const ApiKey& key,
                                                                   const NewSecurityGroup& spec);
  struct SecurityGroupChanges {
    std::optional<std::string> name, description, inbound_default_policy, outbound_default_policy;
    std::optional<bool> stateful, project_default;
    std::optional<std::vector<std::string>> tags;
  };
  Expected<model::SecurityGroup, ApiRefusal> update_security_group(
      std::string_view zone, std::string_view id, const SecurityGroupChanges& changes);
  struct RuleChanges {
    std::optional<std::string> protocol, direction, action, ip_range;
    std::optional<std::optional<std::string>> dest_ip_range;
    std::optional<std::optional<std::int64_t>> dest_port_from, dest_port_to;
    std::optional<std::int64_t> position;
  };
  /// Replaces the editable rules of a group (PUT .../rules); the group's fixed rules stay.
  Expected<std::vector<model::SecurityGroupRule>, ApiRefusal> set_rules(
      std::string_view group, const std::vector<RuleChanges>& rules);
  Expected<model::SecurityGroupRule, ApiRefusal> add_rule(std::string_view group,
                                                          const RuleChanges& rule);
  Expected<model::SecurityGroupRule, ApiRefusal> update_rule(std::string_view group,
                                                             std::string_view rule_id,
                                                             const RuleChanges& changes);
  std::optional<ApiRefusal> delete_rule(std::string_view group, std::string_view rule_id);

  struct NewPlacementGroup {
    std::string name, project, policy_mode, policy_type;
    std::vector<std::string> tags;
  };
  Expected<model::PlacementGroup, ApiRefusal> create_placement_group(std::string_view zone,
                                                                     const ApiKey& key,
                                                                     const NewPlacementGroup& spec);
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

  /// The collections whose rows relabel() and remove() handle alike.
  enum class Collection { volumes, snapshots, images, ips, security_groups, placement_groups };
  /// PATCH of name and tags on a snapshot, an image or a placement group.
  std::optional<ApiRefusal> relabel(Collection collection, std::string_view zone,
                                    std::string_view id, const Relabel& changes);
  /// DELETE of a row; refused while something still uses it.
  std::optional<ApiRefusal> remove(Collection collection, std::string_view zone,
                                   std::string_view id);

  const Quotas& quotas(std::string_view organization) const;
  void set_quotas(const std::string& organization, const Quotas& quotas);

  // ---- IAM: SSH keys (iam_routes.cpp answers them) ----
  const std::vector<SshKeyRecord>& ssh_keys() const { return ssh_keys_; }
  Expected<SshKeyRecord, ApiRefusal> create_ssh_key(const ApiKey& key, std::string name,
                                                    std::string public_key, std::string project);
  Expected<SshKeyRecord, ApiRefusal> update_ssh_key(std::string_view id,
                                                    std::optional<std::string> name,
                                                    std::optional<bool> disabled);
  std::optional<ApiRefusal> delete_ssh_key(std::string_view id);
  /// A new key of the creator's organization and role; its secret is in the answer only.
  /// (Keys move in memory: a caller holding an ApiKey* must not use it after these.)
  Expected<ApiKey, ApiRefusal> create_api_key(const ApiKey& creator, std::string description,
                                              std::string project);
  std::optional<ApiRefusal> delete_api_key(std::string_view access_key);

  // ---- metrics (metrics.cpp reads the servers through this) ----
  struct MeteredServer {
    std::string_view id, name, zone, organization_id;
    int ncpus = 1;
    std::int64_t created = 0;  // micros
    const std::vector<std::pair<std::int64_t, std::int64_t>>* billed = nullptr;
    std::int64_t billable_since = -1;  // an open interval up to now
  };
  /// Every server that exists now, in creation order per zone.
  void for_each_metered(const std::function<void(const MeteredServer&)>& visit) const;
  /// The server with this id if it exists now (a chart reads one server of a hundred thousand).
  std::optional<MeteredServer> metered(std::string_view id) const;

  // ---- billing (world_billing.cpp) ----
  /// What a month cost an organization (or one project): per project, server type and zone, the
  /// hours each server was billed (every hour started counts), at its type's hourly price, never
  /// more than the monthly price for one server. `period` is "YYYY-MM".
  Expected<std::vector<model::Consumption>, std::string> consumptions(
      std::string_view organization, std::string_view project, std::string_view period) const;

  /// The invoices of an organization: one per month ended since its first project, for what
  /// the month's consumptions add up to (20% VAT on top), oldest first.
  std::vector<model::Invoice> invoices(std::string_view organization) const;

  // ---- hardware (world_hardware.cpp; hardware_routes.cpp answers the admin API and Redfish) --
  static constexpr int kNodesPerRack = 900;
  static constexpr int kNodesPerChassis = 18;
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
  std::size_t failed_node_count() const;

  /// What must always hold, checked from scratch: no node holds two servers, a server holds a
  /// node exactly when its state needs one, the indexes count what the world holds. Empty: all
  /// well (the load test asks through GET /sandbox/v1/invariants).
  std::vector<std::string> check_invariants() const;

  /// Share of actions whose transition stops after its first step (faults on demand). Drawn from
  /// its own generator, so a world with faults otherwise evolves as the same world without.
  void set_stuck_rate(double rate) { stuck_rate_ = rate; }
  std::size_t nodes_in_use() const;

  std::size_t server_count() const { return by_id_.size(); }
  /// Counts every change to the world (a state step, an action, a backup): "save when it moved".
  std::uint64_t changes() const { return changes_; }
  /// Counts the changes to one zone's servers (any of them changed, came or went): a listing of
  /// the zone is the same as long as this is.
  std::uint64_t zone_version(std::string_view zone) const;

  /// The whole world as versioned JSON (world_state.cpp), and a world from it; a file that is
  /// not a saved world, or one that contradicts itself, is refused with what was wrong.
  std::string save() const;
  static Expected<World, std::string> restore(std::string_view text);
  std::size_t transitioning_count() const;

 private:
  struct PublicIp {
    std::string id;
    std::string address;
    bool dynamic = true;
  };
  struct SimServer {
    // User-provided (not "= default") so that emplace_back() does not zero the whole record
    // before the members' own initializers run: a byte-wise memset of 30 MB for a 100,000-server
    // world under the size-optimized C library.
    SimServer() {}  // NOLINT(modernize-use-equals-default)
    std::string id;
    std::string name;
    std::uint16_t zone = 0;     // into active_zones_
    std::uint16_t type = 0;     // into server_types()
    std::uint16_t image = 0;    // into public_images()
    std::uint16_t project = 0;  // into projects_
    model::ServerState state = model::ServerState::stopped;
    std::string_view state_detail;
    model::Timestamp created, modified;
    std::vector<std::string> tags;
    std::optional<PublicIp> public_ip;
    bool dynamic_ip_required = false;
    std::string private_ip;
    std::string mac;
    std::string volume_id;
    std::string security_group_id;
    std::string image_id;  // a private image it was made from; "" : public_images()[image]
    std::string placement_group;
    std::vector<std::string> extra_volumes;  // slots 1, 2, ...: ids in inventory_.volumes
    std::vector<std::string> private_nics;   // ids in inventory_.private_nics
    bool is_protected = false;
    bool routed_ip_enabled = true;
    int hypervisor = -1;  // the node held, numbered within the zone; -1: none
    int node = -1;        // its position in its rack (900 nodes a rack)
    // lifecycle in progress
    std::vector<LifecycleStep> plan;
    std::size_t plan_next = 0;
    LifecycleEnd plan_end = LifecycleEnd::stays;
    std::uint32_t generation = 0;
    std::uint32_t revision = 0;  // +1 at every change (touch)
    // Metering: billed while the server holds a node (running, standby, in transition on it).
    std::int64_t billable_since = -1;                           // micros; -1: not billed now
    std::vector<std::pair<std::int64_t, std::int64_t>> billed;  // closed intervals, micros
    bool deleted = false;
  };
  struct DueStep {
    std::int64_t due;
    std::uint32_t slot;
    std::uint32_t generation;
    bool operator>(const DueStep& other) const {
      return due != other.due ? due > other.due : slot > other.slot;
    }
  };

  void seed_world(const WorldConfig& config);
  void seed_server(std::size_t index, const WorldConfig& config);
  void add_key(const std::string& organization, const std::string& project, KeyRole role);
  void start_plan(std::uint32_t slot, ActionPlan plan);
  void apply_step(std::uint32_t slot);
  /// Sets state, detail, node and addresses; the caller records the change with touch().
  void enter_state(SimServer& s, model::ServerState state, std::string_view detail);
  /// Marks a server modified at `at`, keeping the zone's modification index in order.
  void touch(std::uint32_t slot, model::Timestamp at);
  void delete_server(std::uint32_t slot);
  void stop_billing(SimServer& s);
  /// The index of a zone in this world, adding it (empty) the first time a server lands there.
  std::uint16_t zone_index(std::string_view zone);
  std::string new_public_address(const SimServer& s);
  model::Server to_api(const SimServer& s) const;
  void fill_api(const SimServer& s, model::Server& out) const;
  const SimServer* find(std::string_view zone, std::string_view id) const;
  bool matches(const SimServer& s, const ServerFilter& filter) const;
  // world_inventory.cpp
  /// Servers whose rendering shows something that changed elsewhere (a group renamed): their
  /// cached answers are stale, their modification date is not.
  void refresh_servers(const std::function<bool(const SimServer&)>& which);
  /// A server (any one) for which `which` holds: what still uses a resource.
  const SimServer* first_server(const std::function<bool(const SimServer&)>& which) const;
  SimServer* find_mutable(std::string_view zone, std::string_view id);
  std::uint32_t slot_of(const SimServer& s) const { return by_id_.at(s.id); }
  MeteredServer metered_of(const SimServer& s) const;  // world_billing.cpp
  std::optional<ApiRefusal> check_project(const ApiKey& key, std::string_view project,
                                          std::string_view resource) const;
  std::optional<ApiRefusal> check_quota(std::string_view organization, std::string_view resource,
                                        std::int64_t Quotas::*limit, std::int64_t current) const;
  std::int64_t count_of(std::string_view organization, Collection collection) const;
  /// Calls `visit` with the table of a collection (each has its own row type).
  template <class Visit>
  void visit_table(Collection collection, Visit&& visit) const {
    switch (collection) {
      case Collection::volumes:
        return visit(inventory_.volumes);
      case Collection::snapshots:
        return visit(inventory_.snapshots);
      case Collection::images:
        return visit(inventory_.images);
      case Collection::ips:
        return visit(inventory_.ips);
      case Collection::security_groups:
        return visit(inventory_.security_groups);
      case Collection::placement_groups:
        return visit(inventory_.placement_groups);
    }
  }
  std::int64_t servers_of(std::string_view organization) const;
  model::Volume root_volume(const SimServer& s) const;
  std::string organization_of_project(std::string_view project) const;
  void meter_start(std::string kind, const std::string& id, const std::string& name,
                   const std::string& project, const std::string& zone, std::string product,
                   std::uint64_t size_gb);
  void meter_stop(std::string_view id);
  /// What goes with a deleted server: local volumes and NICs deleted, others detached.
  void release_resources(SimServer& s);
  std::string new_flexible_address(std::uint16_t zone, bool ipv6);
  void seed_default_rules(const std::string& group, const std::string& zone);

  Random random_;
  model::Timestamp now_;
  std::vector<Organization> organizations_;
  std::vector<Project> projects_;
  std::vector<ApiKey> api_keys_;
  std::vector<std::string> active_zones_;
  std::vector<std::string> security_groups_;  // per zone: the first project's default group
  std::vector<SimServer> servers_;
  std::vector<std::vector<std::uint32_t>> zone_slots_;  // per zone, in creation order
  // Per zone, (modified, slot) in order: "most recently modified first" pages without sorting,
  // as a real API answers them from an index.
  std::vector<std::set<std::pair<std::int64_t, std::uint32_t>>> zone_by_modified_;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  std::priority_queue<DueStep, std::vector<DueStep>, std::greater<>> due_;
  Inventory inventory_;
  std::vector<ResourceMeter> meters_;
  std::map<std::string, Quotas, std::less<>> quotas_;  // by organization; absent: the default
  Quotas default_quotas_;
  Random inventory_random_;  // ids of inventory rows: seeded servers do not shift with them
  std::vector<SshKeyRecord> ssh_keys_;
  std::uint64_t changes_ = 0;
  std::vector<std::uint64_t> zone_versions_;  // per active zone
  // Per active zone, counts servers coming and going (not their changes): what a zone's listing
  // in creation order depends on.
  std::vector<std::uint64_t> zone_memberships_;
  // The slots of a zone one organization/project may list, in creation order, kept until a server
  // joins or leaves the zone. A big zone is read a page at a time; walking all of it for every
  // page made listing it quadratic (1,000 pages of 100,000 servers: 1.9 s as WebAssembly).
  struct ListingMemo {
    std::uint64_t membership = ~std::uint64_t{0};
    std::string organization, project;
    std::vector<std::uint32_t> slots;
  };
  mutable std::vector<ListingMemo> listing_memos_;  // per active zone, filled on demand
  const std::vector<std::uint32_t>& listable_slots(std::size_t zone, std::string_view organization,
                                                   std::string_view project) const;
  /// Rebuilds zone_by_modified_ from every live server (seeding, loading a saved world).
  void index_by_modification();
  /// Per project: whether a listing for `organization` / `project` ("" : any) shows its servers.
  std::vector<char> projects_listed(std::string_view organization, std::string_view project) const;
  double stuck_rate_ = 0;
  Random fault_random_{0xFA175EEDull};
  // Racks are built of one kind of node, a server type's; a server runs on a node of its type.
  // Per zone and type: the nodes free below the highest ever used (a server takes the lowest free
  // one, as a scheduler filling racks in order), and the next never-used position in the type's
  // racks (position p is node p % 900 of the type's (p / 900)-th rack).
  struct NodePool {
    std::set<std::int32_t> free;  // node indices within the zone
    std::int32_t next = 0;
  };
  std::vector<std::vector<NodePool>> node_pools_;       // [zone][type]
  std::vector<std::vector<std::uint16_t>> rack_types_;  // [zone][rack]: the type of its nodes
  /// The node at `position` of a type's racks in a zone; the rack is installed if missing.
  int node_of_type(std::uint16_t zone, std::uint16_t type, int position);
  /// Where a node sits among its type's racks (the inverse of node_of_type).
  int position_of(std::uint16_t zone, int node) const;
  int racks_of_type(std::uint16_t zone, std::uint16_t type) const;
  /// Racks for a zone expecting `servers` of the seeded mix: every type, room to spare.
  void build_racks(std::uint16_t zone, double servers);
  struct NodeControls {       // what differs from a node's defaults
    bool bare_power = false;  // powered on by an operator with no server on it
    bool failed = false;
    std::string led = "off", boot_mode = "disk";
    std::int64_t resets = 0;
  };
  std::map<std::pair<std::uint16_t, int>, NodeControls> node_controls_;
  int failed_per_zone_ = 0;
  /// Free nodes of a type in a zone now, less those promised to servers still allocating one.
  int nodes_available(std::uint16_t zone, std::uint16_t type) const;
  const SimServer* server_on_node(std::uint16_t zone, int index) const;
  NodeView node_view(std::uint16_t zone, int index, const SimServer* held) const;
  std::optional<std::uint16_t> find_zone_index(std::string_view zone) const;
  int take_node(std::uint16_t zone, std::uint16_t type);
  void release_node(std::uint16_t zone, int node);
  void rebuild_node_pools();
};

std::string_view to_string(KeyRole role);

}  // namespace metal::sim
