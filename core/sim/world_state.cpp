// The whole world as versioned JSON, and back: what `metal-sandbox --state FILE` keeps on disk.
// Indexes (by id, by modification, the due steps) are not saved: they are rebuilt from the
// servers, so a file cannot hold an index that disagrees with its data.

#include <algorithm>
#include <charconv>

#include "model/fields.hpp"
#include "model/json_decode.hpp"
#include "sim/catalog.hpp"
#include "sim/world.hpp"

namespace metal::sim {

namespace {

// The model's generic encode/decode_field (fields.hpp), made visible to argument-dependent lookup
// for the wire types below.
using model::decode_field;
using model::encode;

constexpr const char* kFormat = "metal-sandbox-world";
constexpr std::int64_t kVersion = 1;

struct WireStep {
  std::string state;
  std::string detail;
  std::int64_t after_micros = 0;
};
struct WireIp {
  std::string id;
  std::string address;
  bool dynamic = true;
};
struct WireServer {
  std::string id, name;
  std::int64_t zone = 0, type = 0, image = 0, project = 0;
  std::string state, detail;
  model::Timestamp created, modified;
  std::vector<std::string> tags;
  std::optional<WireIp> public_ip;
  bool dynamic_ip_required = false;
  std::string private_ip, mac, volume_id, security_group_id;
  bool is_protected = false, routed_ip_enabled = true;
  std::int64_t hypervisor = -1, node = -1;
  std::vector<WireStep> plan;
  std::int64_t plan_next = 0;
  bool plan_deletes = false;
  std::int64_t generation = 0, revision = 0;
  bool deleted = false;
  std::int64_t billable_since = -1;
  std::vector<std::vector<std::int64_t>> billed;  // [from, to] micros
};
struct WireOrg {
  std::string id, name;
};
struct WireProject {
  std::string id, name, organization_id;
  model::Timestamp created_at;
};
struct WireKey {
  std::string access_key, secret_key, organization_id, project_id, role;
};
struct WireBackup {
  std::string id, name, from_server, zone, project;
  model::Timestamp created;
};
struct WireSshKey {
  std::string id, name, public_key, fingerprint, organization_id, project_id;
  model::Timestamp created, updated;
  bool disabled = false;
};
struct WireWorld {
  std::string format;
  std::int64_t version = 0;
  std::string random_state;  // a decimal string: JSON readers may round big integers
  model::Timestamp now;
  std::vector<WireOrg> organizations;
  std::vector<WireProject> projects;
  std::vector<WireKey> api_keys;
  std::vector<std::string> zones;
  std::vector<std::string> security_groups;
  std::vector<std::vector<std::int64_t>> zone_slots;
  std::vector<WireServer> servers;
  std::vector<WireBackup> backups;
  std::vector<WireSshKey> ssh_keys;
};

template <class V, class S>
requires model::Of<S, WireStep>
void fields(V& v, S& x) {
  v("state", x.state), v("detail", x.detail), v("after_micros", x.after_micros);
}
template <class V, class S>
requires model::Of<S, WireIp>
void fields(V& v, S& x) {
  v("id", x.id), v("address", x.address), v("dynamic", x.dynamic);
}
template <class V, class S>
requires model::Of<S, WireServer>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("zone", x.zone), v("type", x.type), v("image", x.image);
  v("project", x.project), v("state", x.state), v("detail", x.detail), v("created", x.created);
  v("modified", x.modified), v("tags", x.tags), v("public_ip", x.public_ip);
  v("dynamic_ip_required", x.dynamic_ip_required), v("private_ip", x.private_ip);
  v("mac", x.mac), v("volume_id", x.volume_id), v("security_group_id", x.security_group_id);
  v("protected", x.is_protected), v("routed_ip_enabled", x.routed_ip_enabled);
  v("hypervisor", x.hypervisor), v("node", x.node), v("plan", x.plan);
  v("plan_next", x.plan_next), v("plan_deletes", x.plan_deletes);
  v("generation", x.generation), v("revision", x.revision), v("deleted", x.deleted);
  v("billable_since", x.billable_since), v("billed", x.billed);
}
template <class V, class S>
requires model::Of<S, WireOrg>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name);
}
template <class V, class S>
requires model::Of<S, WireProject>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("organization_id", x.organization_id);
  v("created_at", x.created_at);
}
template <class V, class S>
requires model::Of<S, WireKey>
void fields(V& v, S& x) {
  v("access_key", x.access_key), v("secret_key", x.secret_key);
  v("organization_id", x.organization_id), v("project_id", x.project_id), v("role", x.role);
}
template <class V, class S>
requires model::Of<S, WireBackup>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("from_server", x.from_server), v("zone", x.zone);
  v("project", x.project), v("created", x.created);
}
template <class V, class S>
requires model::Of<S, WireSshKey>
void fields(V& v, S& x) {
  v("id", x.id), v("name", x.name), v("public_key", x.public_key);
  v("fingerprint", x.fingerprint), v("organization_id", x.organization_id);
  v("project_id", x.project_id), v("created", x.created), v("updated", x.updated);
  v("disabled", x.disabled);
}
template <class V, class S>
requires model::Of<S, WireWorld>
void fields(V& v, S& x) {
  v("format", x.format), v("version", x.version), v("random_state", x.random_state);
  v("now", x.now), v("organizations", x.organizations), v("projects", x.projects);
  v("api_keys", x.api_keys), v("zones", x.zones), v("security_groups", x.security_groups);
  v("zone_slots", x.zone_slots), v("servers", x.servers), v("backups", x.backups);
  v("ssh_keys", x.ssh_keys);
}

std::optional<KeyRole> parse_role(std::string_view text) {
  for (KeyRole role : {KeyRole::read_only, KeyRole::read_write, KeyRole::admin})
    if (to_string(role) == text) return role;
  return std::nullopt;
}

}  // namespace

std::string World::save() const {
  WireWorld w;
  w.format = kFormat;
  w.version = kVersion;
  w.random_state = std::to_string(random_.state());
  w.now = now_;
  for (const auto& o : organizations_)
    w.organizations.push_back({o.id, o.name});
  for (const auto& p : projects_)
    w.projects.push_back({p.id, p.name, p.organization_id, p.created_at});
  for (const auto& k : api_keys_)
    w.api_keys.push_back({k.access_key, k.secret_key, k.organization_id, k.project_id,
                          std::string(to_string(k.role))});
  w.zones = active_zones_;
  w.security_groups = security_groups_;
  for (const auto& slots : zone_slots_)
    w.zone_slots.emplace_back(slots.begin(), slots.end());
  w.servers.reserve(servers_.size());
  for (const SimServer& s : servers_) {
    WireServer x;
    x.id = s.id, x.name = s.name, x.zone = s.zone, x.type = s.type, x.image = s.image;
    x.project = s.project, x.state = std::string(model::to_string(s.state));
    x.detail = std::string(s.state_detail), x.created = s.created, x.modified = s.modified;
    x.tags = s.tags;
    if (s.public_ip)
      x.public_ip = WireIp{s.public_ip->id, s.public_ip->address, s.public_ip->dynamic};
    x.dynamic_ip_required = s.dynamic_ip_required, x.private_ip = s.private_ip, x.mac = s.mac;
    x.volume_id = s.volume_id, x.security_group_id = s.security_group_id;
    x.is_protected = s.is_protected, x.routed_ip_enabled = s.routed_ip_enabled;
    x.hypervisor = s.hypervisor, x.node = s.node;
    for (const LifecycleStep& step : s.plan)
      x.plan.push_back(
          {std::string(model::to_string(step.state)), std::string(step.detail), step.after_micros});
    x.plan_next = static_cast<std::int64_t>(s.plan_next);
    x.plan_deletes = s.plan_end == LifecycleEnd::deletes_server;
    x.generation = s.generation, x.revision = s.revision, x.deleted = s.deleted;
    x.billable_since = s.billable_since;
    for (const auto& [from, to] : s.billed)
      x.billed.push_back({from, to});
    w.servers.push_back(std::move(x));
  }
  for (const auto& b : backups_)
    w.backups.push_back({b.id, b.name, b.from_server, b.zone, b.project, b.created});
  for (const auto& k : ssh_keys_)
    w.ssh_keys.push_back({k.id, k.name, k.public_key, k.fingerprint, k.organization_id,
                          k.project_id, k.created, k.updated, k.disabled});
  return model::encode(w).dump();
}

Expected<World, std::string> World::restore(std::string_view text) {
  auto decoded = model::decode_text<WireWorld>(text);
  if (!decoded) return Unexpected{decoded.error().to_string()};
  const WireWorld& w = *decoded;
  if (w.format != kFormat)
    return Unexpected{std::string("not a saved world (format \"") + w.format.substr(0, 40) +
                      "\", expected \"" + kFormat + "\")"};
  if (w.version != kVersion)
    return Unexpected{"saved world version " + std::to_string(w.version) +
                      " is not one this sandbox reads (" + std::to_string(kVersion) + ")"};
  std::uint64_t random_state = 0;
  const char* digits_end = w.random_state.data() + w.random_state.size();
  auto [digits_stop, digits_error] =
      std::from_chars(w.random_state.data(), digits_end, random_state);
  if (digits_error != std::errc() || digits_stop != digits_end || w.random_state.empty())
    return Unexpected{std::string("random_state: expected a whole number")};

  World world(WorldConfig{random_state, 0, w.now});
  world.random_ = Random(random_state);
  world.organizations_.clear();
  world.projects_.clear();
  world.api_keys_.clear();
  world.now_ = w.now;
  for (const auto& o : w.organizations)
    world.organizations_.push_back({o.id, o.name});
  for (const auto& p : w.projects)
    world.projects_.push_back({p.id, p.name, p.organization_id, p.created_at});
  for (std::size_t i = 0; i < w.api_keys.size(); ++i) {
    const WireKey& k = w.api_keys[i];
    const auto role = parse_role(k.role);
    if (!role) return Unexpected{"api_keys[" + std::to_string(i) + "].role: unknown role"};
    world.api_keys_.push_back({k.access_key, k.secret_key, k.organization_id, k.project_id, *role});
  }
  world.active_zones_ = w.zones;
  world.security_groups_ = w.security_groups;
  world.zone_slots_.assign(w.zones.size(), {});
  world.zone_by_modified_.assign(w.zones.size(), {});
  world.zone_versions_.assign(w.zones.size(), 0);
  if (w.zone_slots.size() != w.zones.size())
    return Unexpected{std::string("zone_slots: one list per zone expected")};

  const auto types = server_types().size();
  const auto images = public_images().size();
  world.servers_.reserve(w.servers.size());
  for (std::size_t i = 0; i < w.servers.size(); ++i) {
    const WireServer& x = w.servers[i];
    const std::string where = "servers[" + std::to_string(i) + "]";
    auto in_range = [](std::int64_t v, std::size_t n) {
      return v >= 0 && static_cast<std::size_t>(v) < n;
    };
    if (!in_range(x.zone, w.zones.size()) || !in_range(x.type, types) ||
        !in_range(x.image, images) || !in_range(x.project, world.projects_.size()))
      return Unexpected{where + ": zone, type, image or project out of range"};
    SimServer s;
    s.id = x.id, s.name = x.name;
    s.zone = static_cast<std::uint16_t>(x.zone), s.type = static_cast<std::uint16_t>(x.type);
    s.image = static_cast<std::uint16_t>(x.image);
    s.project = static_cast<std::uint16_t>(x.project);
    s.state = model::parse_server_state(x.state);
    const auto detail = known_state_detail(x.detail);
    if (s.state == model::ServerState::unknown || !detail)
      return Unexpected{where + ": unknown state \"" + x.state.substr(0, 30) + "\" / \"" +
                        x.detail.substr(0, 30) + "\""};
    s.state_detail = *detail;
    s.created = x.created, s.modified = x.modified, s.tags = x.tags;
    if (x.public_ip)
      s.public_ip = PublicIp{x.public_ip->id, x.public_ip->address, x.public_ip->dynamic};
    s.dynamic_ip_required = x.dynamic_ip_required, s.private_ip = x.private_ip, s.mac = x.mac;
    s.volume_id = x.volume_id, s.security_group_id = x.security_group_id;
    s.is_protected = x.is_protected, s.routed_ip_enabled = x.routed_ip_enabled;
    s.hypervisor = static_cast<int>(x.hypervisor), s.node = static_cast<int>(x.node);
    for (const WireStep& step : x.plan) {
      const auto step_state = model::parse_server_state(step.state);
      const auto step_detail = known_state_detail(step.detail);
      if (step_state == model::ServerState::unknown || !step_detail || step.after_micros < 0)
        return Unexpected{where + ".plan: unknown step"};
      s.plan.push_back({step_state, *step_detail, step.after_micros});
    }
    if (x.plan_next < 0 || static_cast<std::size_t>(x.plan_next) > s.plan.size())
      return Unexpected{where + ".plan_next: out of range"};
    s.plan_next = static_cast<std::size_t>(x.plan_next);
    s.plan_end = x.plan_deletes ? LifecycleEnd::deletes_server : LifecycleEnd::stays;
    s.generation = static_cast<std::uint32_t>(x.generation);
    s.revision = static_cast<std::uint32_t>(x.revision);
    s.deleted = x.deleted;
    s.billable_since = x.billable_since;
    for (const auto& interval : x.billed) {
      if (interval.size() != 2 || interval[0] > interval[1])
        return Unexpected{where + ".billed: expected [from, to] intervals"};
      s.billed.emplace_back(interval[0], interval[1]);
    }
    const auto slot = static_cast<std::uint32_t>(world.servers_.size());
    if (!s.deleted) {
      if (!world.by_id_.emplace(s.id, slot).second)
        return Unexpected{where + ": id " + s.id.substr(0, 40) + " appears twice"};
      world.zone_by_modified_[s.zone].emplace(s.modified.micros, slot);
      // A step in progress is due where it would have been: its delay after the last change.
      if (s.plan_next < s.plan.size())
        world.due_.push({s.modified.micros + s.plan[s.plan_next].after_micros, slot, s.generation});
    }
    world.servers_.push_back(std::move(s));
  }
  for (std::size_t z = 0; z < w.zone_slots.size(); ++z)
    for (std::int64_t slot : w.zone_slots[z]) {
      if (slot < 0 || static_cast<std::size_t>(slot) >= world.servers_.size() ||
          world.servers_[static_cast<std::size_t>(slot)].zone != z)
        return Unexpected{"zone_slots[" + std::to_string(z) + "]: a slot of another zone"};
      world.zone_slots_[z].push_back(static_cast<std::uint32_t>(slot));
    }
  for (const auto& b : w.backups)
    world.backups_.push_back({b.id, b.name, b.from_server, b.zone, b.project, b.created});
  world.ssh_keys_.clear();
  for (const auto& k : w.ssh_keys)
    world.ssh_keys_.push_back({k.id, k.name, k.public_key, k.fingerprint, k.organization_id,
                               k.project_id, k.created, k.updated, k.disabled});
  world.rebuild_node_pools();
  if (auto problems = world.check_invariants(); !problems.empty())
    return Unexpected{"the saved world contradicts itself: " + problems.front()};
  world.changes_ = 0;
  return world;
}

}  // namespace metal::sim
