#pragma once
// The servers: compact records (100,000 of them must stay light), their indexes (by id, by zone in
// creation order and in modification order), the lifecycle steps falling due, and the listings'
// memos. A change to a server goes through touch(), which keeps the modification index and the
// versions that answers are cached under.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/server.hpp"
#include "model/timestamp.hpp"
#include "sim/server_lifecycle.hpp"
#include "sim/tenancy.hpp"
#include "sim/world_context.hpp"

namespace metal::sim {

class Hardware;

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
  std::uint16_t zone = 0;     // into Fleet::zones()
  std::uint16_t type = 0;     // into server_types()
  std::uint16_t image = 0;    // into public_images()
  std::uint16_t project = 0;  // into Tenancy::projects()
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
  std::vector<std::string> extra_volumes;  // slots 1, 2, ...: ids in Inventory::volumes
  std::vector<std::string> private_nics;   // ids in Inventory::private_nics
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

/// Whether a server in this state holds a node (and is billed for it).
bool holds_node(model::ServerState state, std::string_view detail);

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
/// A server by its place in the fleet and how many times it has changed: what an encoded answer
/// can be cached under (same slot, same revision: the same JSON).
struct ServerRef {
  std::uint32_t slot = 0;
  std::uint32_t revision = 0;
};
struct ServerRefSlice {
  std::vector<ServerRef> servers;
  std::int64_t total = 0;
};

/// POST /servers: a new server, stopped, owned by the key's organization.
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

class Fleet {
 public:
  /// Zones this world has servers in (the real API knows more; those are empty here).
  const std::vector<std::string>& zones() const { return zones_; }
  std::optional<std::uint16_t> find_zone(std::string_view zone) const;
  /// The fleet's indexes for a zone it had none in; the zone's number.
  std::uint16_t add_zone(std::string zone);
  /// Counts the changes to one zone's servers (any of them changed, came or went): a listing of
  /// the zone is the same as long as this is.
  std::uint64_t zone_version(std::string_view zone) const;

  std::size_t server_count() const { return by_id_.size(); }
  std::size_t transitioning_count() const;
  std::size_t nodes_in_use() const;
  /// Every record by slot, those of deleted servers too (what they were billed stays).
  const std::vector<SimServer>& slots() const { return servers_; }
  const SimServer& at(std::uint32_t slot) const { return servers_[slot]; }
  SimServer& at(std::uint32_t slot) { return servers_[slot]; }
  /// A zone's servers in creation order.
  const std::vector<std::uint32_t>& zone_slots(std::uint16_t zone) const {
    return zone_slots_[zone];
  }
  const SimServer* find(std::string_view zone, std::string_view id) const;
  SimServer* find_mutable(std::string_view zone, std::string_view id);
  /// A server that exists now, in any zone.
  const SimServer* find_live(std::string_view id) const;
  std::uint32_t slot_of(const SimServer& s) const { return by_id_.at(s.id); }
  std::optional<ServerRef> find_ref(std::string_view zone, std::string_view id) const;
  /// A server (any one) for which `which` holds: what still uses a resource.
  const SimServer* first_server(const std::function<bool(const SimServer&)>& which) const;
  /// The server holding a node of a zone, if any.
  const SimServer* server_on_node(std::uint16_t zone, int node) const;
  /// How many servers `organization` holds.
  std::int64_t servers_of(const Tenancy& tenancy, std::string_view organization) const;

  /// One page of a zone's servers as references (page is 1-based).
  ServerRefSlice list_refs(const Tenancy& tenancy, std::string_view zone,
                           const ServerFilter& filter, ServerOrder order, int page,
                           int per_page) const;

  void reserve(std::size_t servers);
  /// A record for a seeded server, filled in place by the caller, then index_seeded().
  SimServer& emplace_seeded() { return servers_.emplace_back(); }
  void index_seeded(std::uint32_t slot);
  /// Rebuilds the modification index from every live server (seeding, loading a saved world).
  void index_by_modification();
  /// A new server: indexed, counted as a change of its zone. Its slot.
  std::uint32_t add(WorldContext& context, SimServer server);
  /// Takes a deleted server out of the indexes (its record stays, for its billing history).
  void remove(std::uint32_t slot);
  /// Marks a server modified at `at`, keeping the zone's modification index in order.
  void touch(WorldContext& context, std::uint32_t slot, model::Timestamp at);
  /// Servers whose rendering shows something that changed elsewhere (a group renamed): their
  /// cached answers are stale, their modification date is not.
  void refresh_servers(const std::function<bool(const SimServer&)>& which);

  // The lifecycle: states, with the node each holds, and the steps of actions in progress.
  /// Sets state, detail, node and addresses; the caller records the change with touch().
  void enter_state(WorldContext& context, Hardware& hardware, SimServer& s,
                   model::ServerState state, std::string_view detail);
  /// Starts an action's plan, its first step at once. True when the plan deleted the server (the
  /// caller takes what it held).
  bool start_plan(WorldContext& context, Hardware& hardware, std::uint32_t slot, ActionPlan plan);
  struct DueStep {
    std::int64_t due;
    std::uint32_t slot;
    std::uint32_t generation;
    bool operator>(const DueStep& other) const {
      return due != other.due ? due > other.due : slot > other.slot;
    }
  };
  /// The next step that falls due by `now` and still applies.
  std::optional<DueStep> take_due(model::Timestamp now);
  /// Applies a server's next step; true when its plan ends with the server deleted.
  bool apply_step(WorldContext& context, Hardware& hardware, std::uint32_t slot);
  /// Share of actions whose transition stops after its first step (faults on demand).
  void set_stuck_rate(double rate) { stuck_rate_ = rate; }
  /// Closes the server's open billing interval at now.
  static void stop_billing(const WorldContext& context, SimServer& s);
  std::string new_public_address(WorldContext& context, const SimServer& s) const;

 private:
  friend class World;  // saves, restores and checks it

  bool matches(const Tenancy& tenancy, const SimServer& s, const ServerFilter& filter) const;
  const std::vector<std::uint32_t>& listable_slots(const Tenancy& tenancy, std::size_t zone,
                                                   std::string_view organization,
                                                   std::string_view project) const;

  std::vector<std::string> zones_;
  std::vector<SimServer> servers_;
  std::vector<std::vector<std::uint32_t>> zone_slots_;  // per zone, in creation order
  // Per zone, (modified, slot) in order: "most recently modified first" pages without sorting,
  // as a real API answers them from an index.
  std::vector<std::set<std::pair<std::int64_t, std::uint32_t>>> zone_by_modified_;
  std::unordered_map<std::string, std::uint32_t> by_id_;
  std::priority_queue<DueStep, std::vector<DueStep>, std::greater<>> due_;
  std::vector<std::uint64_t> zone_versions_;  // per zone
  // Per zone, counts servers coming and going (not their changes): what a zone's listing in
  // creation order depends on.
  std::vector<std::uint64_t> zone_memberships_;
  // The slots of a zone one organization/project may list, in creation order, kept until a server
  // joins or leaves the zone. A big zone is read a page at a time; walking all of it for every
  // page made listing it quadratic (1,000 pages of 100,000 servers: 1.9 s as WebAssembly).
  struct ListingMemo {
    std::uint64_t membership = ~std::uint64_t{0};
    std::string organization, project;
    std::vector<std::uint32_t> slots;
  };
  mutable std::vector<ListingMemo> listing_memos_;  // per zone, filled on demand
  double stuck_rate_ = 0;
};

}  // namespace metal::sim
