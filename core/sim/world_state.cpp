// The whole world as versioned JSON (what `metal-sandbox --state FILE` keeps on disk) or as bytes
// (the browser demo's copy, binary_fields.hpp), and back. Indexes (by id, by modification, the due
// steps) are not saved: they are rebuilt from the servers, so a file cannot hold an index that
// disagrees with its data.

#include <algorithm>
#include <charconv>
#include <functional>

#include "model/base64.hpp"
#include "model/fields.hpp"
#include "model/json_decode.hpp"
#include "sim/binary_fields.hpp"
#include "sim/catalog.hpp"
#include "sim/world.hpp"

namespace metal::sim {

namespace {

// The model's generic encode/decode_field (fields.hpp), made visible to argument-dependent lookup
// for the wire types below.
using model::decode_field;
using model::encode;

constexpr const char* kFormat = "metal-sandbox-world";
// 2 added the Instance resources beside servers (inventory); a version 1 file still reads, with
// none of them.
constexpr std::int64_t kVersion = 2;

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
  std::string image_id, placement_group;
  std::vector<std::string> extra_volumes, private_nics;
};
struct WireOrg {
  std::string id, name;
};
struct WireProject {
  std::string id, name, organization_id;
  model::Timestamp created_at;
};
struct WireKey {
  std::string access_key, secret_key, organization_id, project_id, role, description;
  model::Timestamp created;
};
struct WireRules {
  std::string group;
  std::vector<model::SecurityGroupRule> rules;
};
struct WireUserData {
  std::string server, key, value_base64;  // user data may be any bytes (gzip'd cloud-init)
};
struct WireMeter {
  std::string kind, id, name, project_id, zone, product;
  std::int64_t size_gb = 0, from = 0, to = -1;
};
struct WireNode {
  std::int64_t zone = 0, index = 0, resets = 0;
  bool bare_power = false, failed = false;
  std::string led, boot_mode;
};
struct WireQuotas {
  std::string organization;  // "" : the default
  std::int64_t servers = 0, volumes = 0, snapshots = 0, images = 0, ips = 0, security_groups = 0,
               placement_groups = 0;
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
  std::vector<WireSshKey> ssh_keys;
  std::string inventory_random_state;
  std::vector<model::Volume> volumes;
  std::vector<model::Snapshot> snapshots;
  std::vector<model::Image> images;
  std::vector<model::FlexibleIp> ips;
  std::vector<model::SecurityGroup> security_group_rows;
  std::vector<WireRules> rules;
  std::vector<model::PlacementGroup> placement_groups;
  std::vector<model::PrivateNic> private_nics;
  std::vector<WireUserData> user_data;
  std::vector<WireMeter> meters;
  std::vector<WireQuotas> quotas;
  std::vector<std::vector<std::int64_t>> rack_types;  // [zone][rack]: a server type index
  std::vector<WireNode> nodes;
  std::int64_t failed_per_zone = 0;
};

struct WireHeader {  // the first two fields of WireWorld
  std::string format;
  std::int64_t version = 0;
};

template <class V, class S>
requires model::Of<S, WireHeader>
void fields(V& v, S& x) {
  v("format", x.format), v("version", x.version);
}
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
  v("image_id", x.image_id), v("placement_group", x.placement_group);
  v("extra_volumes", x.extra_volumes), v("private_nics", x.private_nics);
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
  v("description", x.description), v("created", x.created);
}
template <class V, class S>
requires model::Of<S, WireRules>
void fields(V& v, S& x) {
  v("group", x.group), v("rules", x.rules);
}
template <class V, class S>
requires model::Of<S, WireUserData>
void fields(V& v, S& x) {
  v("server", x.server), v("key", x.key), v("value_base64", x.value_base64);
}
template <class V, class S>
requires model::Of<S, WireMeter>
void fields(V& v, S& x) {
  v("kind", x.kind), v("id", x.id), v("name", x.name), v("project_id", x.project_id);
  v("zone", x.zone), v("product", x.product), v("size_gb", x.size_gb), v("from", x.from);
  v("to", x.to);
}
template <class V, class S>
requires model::Of<S, WireNode>
void fields(V& v, S& x) {
  v("zone", x.zone), v("index", x.index), v("resets", x.resets), v("bare_power", x.bare_power);
  v("failed", x.failed), v("led", x.led), v("boot_mode", x.boot_mode);
}
template <class V, class S>
requires model::Of<S, WireQuotas>
void fields(V& v, S& x) {
  v("organization", x.organization), v("servers", x.servers), v("volumes", x.volumes);
  v("snapshots", x.snapshots), v("images", x.images), v("ips", x.ips);
  v("security_groups", x.security_groups), v("placement_groups", x.placement_groups);
}
WireQuotas to_wire(std::string organization, const Quotas& q) {
  return {std::move(organization), q.servers,         q.volumes, q.snapshots, q.images, q.ips,
          q.security_groups,       q.placement_groups};
}
Quotas from_wire(const WireQuotas& q) {
  return {q.servers, q.volumes,         q.snapshots,       q.images,
          q.ips,     q.security_groups, q.placement_groups};
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
  v("zone_slots", x.zone_slots), v("servers", x.servers), v("ssh_keys", x.ssh_keys);
  v("inventory_random_state", x.inventory_random_state), v("volumes", x.volumes);
  v("snapshots", x.snapshots), v("images", x.images), v("ips", x.ips);
  v("security_group_rows", x.security_group_rows), v("rules", x.rules);
  v("placement_groups", x.placement_groups), v("private_nics", x.private_nics);
  v("user_data", x.user_data), v("meters", x.meters), v("quotas", x.quotas);
  v("rack_types", x.rack_types), v("nodes", x.nodes), v("failed_per_zone", x.failed_per_zone);
}

/// Writes a saved world member by member, arrays element by element: a 100,000-server world is
/// ~100 MB of JSON, and one document tree of it would take ten times that in memory.
struct StreamWriter {
  std::string& out;
  bool first = true;
  std::function<void(StreamWriter&)> servers;  // writes "servers" straight from the world
  template <class T>
  void operator()(std::string_view name, const T& member) {
    if (!first) out += ',';
    first = false;
    out += '"';
    out += name;
    out += "\":";
    if (name == "servers" && servers)
      servers(*this);
    else
      write(member);
  }
  template <class T>
  void write(const std::vector<T>& items) {
    out += '[';
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (i) out += ',';
      write(items[i]);
    }
    out += ']';
  }
  template <class T>
  void write(const T& value) {
    using model::to_json;
    // Strings came in as valid UTF-8 (JSON bodies are checked) or were made here; should one not
    // be, it is replaced rather than allowed to stop the save.
    out += to_json(value).dump(-1, ' ', false, model::Json::error_handler_t::replace);
  }
};

/// Writes a saved world's fields as bytes, "servers" straight from the world (as StreamWriter).
struct BinaryWorldWriter {
  BinaryFieldWriter& out;
  std::function<void(BinaryFieldWriter&)> servers;
  template <class T>
  void operator()(std::string_view name, const T& member) {
    if (name == "servers")
      servers(out);
    else
      out.write(member);
  }
};

/// Why a saved world's format and version refuse it (versions `oldest` to kVersion are read);
/// empty when they do not.
std::string header_problem(const std::string& format, std::int64_t version, std::int64_t oldest) {
  if (format != kFormat)
    return std::string("not a saved world (format \"") + format.substr(0, 40) + "\", expected \"" +
           kFormat + "\")";
  if (version < oldest || version > kVersion)
    return "saved world version " + std::to_string(version) + " is not one this sandbox reads (" +
           std::to_string(kVersion) + ")";
  return {};
}

/// A saved world in bytes, read into its wire form; the format and version are checked before
/// the rest is read (another version's fields would not line up).
Expected<WireWorld, std::string> read_binary_world(std::string_view bytes) {
  if (!bytes.starts_with(World::kBinaryMagic))
    return Unexpected{std::string("not a saved world in bytes (it does not start as one)")};
  const BinaryFieldReader start(bytes.substr(World::kBinaryMagic.size()));
  BinaryFieldReader peek = start;
  WireHeader header;
  peek.read(header);
  if (peek.failed()) return Unexpected{"saved world (binary): " + peek.problem()};
  if (std::string problem = header_problem(header.format, header.version, kVersion);
      !problem.empty())
    return Unexpected{std::move(problem)};
  BinaryFieldReader reader = start;
  WireWorld w;
  reader.read(w);
  if (reader.failed()) return Unexpected{"saved world (binary): " + reader.problem()};
  if (!reader.at_end())
    return Unexpected{"saved world (binary): " + std::to_string(reader.left()) +
                      " bytes after its end"};
  return w;
}

Expected<WireWorld, std::string> read_json_world(std::string_view text) {
  auto decoded = model::decode_text<WireWorld>(text);
  if (!decoded) return Unexpected{decoded.error().to_string()};
  return std::move(decoded).value();
}

std::optional<KeyRole> parse_role(std::string_view text) {
  for (KeyRole role : {KeyRole::read_only, KeyRole::read_write, KeyRole::admin})
    if (to_string(role) == text) return role;
  return std::nullopt;
}

}  // namespace

template <class Write>
std::string World::save_as(Write&& write) const {
  WireWorld w;
  w.format = kFormat;
  w.version = kVersion;
  w.random_state = std::to_string(context_.random.state());
  w.now = context_.now;
  for (const auto& o : tenancy_.organizations_)
    w.organizations.push_back({o.id, o.name});
  for (const auto& p : tenancy_.projects_)
    w.projects.push_back({p.id, p.name, p.organization_id, p.created_at});
  for (const auto& k : tenancy_.api_keys_)
    w.api_keys.push_back({k.access_key, k.secret_key, k.organization_id, k.project_id,
                          std::string(to_string(k.role)), k.description, k.created});
  w.zones = fleet_.zones_;
  w.security_groups = inventory_.first_default_groups;
  for (const auto& slots : fleet_.zone_slots_)
    w.zone_slots.emplace_back(slots.begin(), slots.end());
  w.inventory_random_state = std::to_string(context_.inventory_random.state());
  inventory_.volumes.for_each([&](const auto& row) { w.volumes.push_back(row); });
  inventory_.snapshots.for_each([&](const auto& row) { w.snapshots.push_back(row); });
  inventory_.images.for_each([&](const auto& row) { w.images.push_back(row); });
  inventory_.ips.for_each([&](const auto& row) { w.ips.push_back(row); });
  inventory_.security_groups.for_each(
      [&](const auto& row) { w.security_group_rows.push_back(row); });
  for (const auto& [group, rules] : inventory_.rules)
    w.rules.push_back({group, rules});
  inventory_.placement_groups.for_each([&](const auto& row) { w.placement_groups.push_back(row); });
  inventory_.private_nics.for_each([&](const auto& row) { w.private_nics.push_back(row); });
  for (const auto& [server, entries] : inventory_.user_data)
    for (const auto& [key, value] : entries)
      w.user_data.push_back({server, key, model::base64_encode(value)});
  for (const ResourceMeter& m : metering_.meters_)
    w.meters.push_back({m.kind, m.id, m.name, m.project_id, m.zone, m.product,
                        static_cast<std::int64_t>(m.size_gb), m.from, m.to});
  for (const auto& racks : hardware_.rack_types_)
    w.rack_types.emplace_back(racks.begin(), racks.end());
  for (const auto& [where, c] : hardware_.node_controls_)
    w.nodes.push_back(
        {where.first, where.second, c.resets, c.bare_power, c.failed, c.led, c.boot_mode});
  w.failed_per_zone = hardware_.failed_per_zone_;
  w.quotas.push_back(to_wire("", tenancy_.default_quotas_));
  for (const auto& [organization, q] : tenancy_.quotas_)
    w.quotas.push_back(to_wire(organization, q));
  for (const auto& k : tenancy_.ssh_keys_)
    w.ssh_keys.push_back({k.id, k.name, k.public_key, k.fingerprint, k.organization_id,
                          k.project_id, k.created, k.updated, k.disabled});
  // Servers are converted and written one at a time (no second copy of the fleet in memory).
  auto wire_server = [](const SimServer& s) {
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
    x.image_id = s.image_id, x.placement_group = s.placement_group;
    x.extra_volumes = s.extra_volumes, x.private_nics = s.private_nics;
    return x;
  };
  return write(w, wire_server);
}

std::string World::save() const {
  return save_as([this](const WireWorld& w, const auto& wire_server) {
    auto write_servers = [&](StreamWriter& out) {
      out.out += '[';
      bool first = true;
      for (const SimServer& s : fleet_.servers_) {
        if (!first) out.out += ',';
        first = false;
        out.write(wire_server(s));
      }
      out.out += ']';
    };
    std::string out;
    out.reserve(1024 + fleet_.servers_.size() * 1100);  // ~1 KB a server: one allocation
    StreamWriter writer{out, true, write_servers};
    out += '{';
    fields(writer, w);
    out += '}';
    return out;
  });
}

std::string World::save_binary() const {
  return save_as([this](const WireWorld& w, const auto& wire_server) {
    std::string out;
    out.reserve(1024 + fleet_.servers_.size() * 400);  // ~370 bytes a server
    out.append(kBinaryMagic);
    BinaryFieldWriter bytes(out);
    BinaryWorldWriter writer{bytes, [&](BinaryFieldWriter& to) {
                               to.write_count(fleet_.servers_.size());
                               for (const SimServer& s : fleet_.servers_)
                                 to.write(wire_server(s));
                             }};
    fields(writer, w);
    return out;
  });
}

Expected<World, std::string> World::restore(std::string_view saved) {
  return restore_with(saved, [](std::string_view text) {
    return text.starts_with(World::kBinaryMagic) ? read_binary_world(text) : read_json_world(text);
  });
}

Expected<World, std::string> World::restore_binary(std::string_view saved) {
  return restore_with(saved, read_binary_world);
}

template <class Read>
Expected<World, std::string> World::restore_with(std::string_view saved, Read&& read) {
  const auto decoded = read(saved);
  if (!decoded) return Unexpected{decoded.error()};
  const WireWorld& w = *decoded;
  if (std::string problem = header_problem(w.format, w.version, 1); !problem.empty())
    return Unexpected{std::move(problem)};
  std::uint64_t random_state = 0;
  const char* digits_end = w.random_state.data() + w.random_state.size();
  auto [digits_stop, digits_error] =
      std::from_chars(w.random_state.data(), digits_end, random_state);
  if (digits_error != std::errc() || digits_stop != digits_end || w.random_state.empty())
    return Unexpected{std::string("random_state: expected a whole number")};

  World world(WorldConfig{random_state, 0, w.now});
  world.context_.random = Random(random_state);
  world.tenancy_.organizations_.clear();
  world.tenancy_.projects_.clear();
  world.tenancy_.api_keys_.clear();
  world.context_.now = w.now;
  for (const auto& o : w.organizations)
    world.tenancy_.organizations_.push_back({o.id, o.name});
  for (const auto& p : w.projects)
    world.tenancy_.projects_.push_back({p.id, p.name, p.organization_id, p.created_at});
  for (std::size_t i = 0; i < w.api_keys.size(); ++i) {
    const WireKey& k = w.api_keys[i];
    const auto role = parse_role(k.role);
    if (!role) return Unexpected{"api_keys[" + std::to_string(i) + "].role: unknown role"};
    world.tenancy_.api_keys_.push_back({k.access_key, k.secret_key, k.organization_id, k.project_id,
                                        *role, k.description, k.created});
  }
  world.fleet_.zones_ = w.zones;
  world.fleet_.zone_slots_.assign(w.zones.size(), {});
  world.fleet_.zone_by_modified_.assign(w.zones.size(), {});
  world.fleet_.zone_versions_.assign(w.zones.size(), 0);
  world.fleet_.zone_memberships_.assign(w.zones.size(), 0);
  if (w.zone_slots.size() != w.zones.size())
    return Unexpected{std::string("zone_slots: one list per zone expected")};

  const auto types = server_types().size();
  const auto images = public_images().size();
  world.fleet_.servers_.reserve(w.servers.size());
  for (std::size_t i = 0; i < w.servers.size(); ++i) {
    const WireServer& x = w.servers[i];
    const std::string where = "servers[" + std::to_string(i) + "]";
    auto in_range = [](std::int64_t v, std::size_t n) {
      return v >= 0 && static_cast<std::size_t>(v) < n;
    };
    if (!in_range(x.zone, w.zones.size()) || !in_range(x.type, types) ||
        !in_range(x.image, images) || !in_range(x.project, world.tenancy_.projects_.size()))
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
    // A finished plan is empty; files written before 2026-11-22 kept its last position.
    if (x.plan_next < 0 ||
        (!s.plan.empty() && static_cast<std::size_t>(x.plan_next) > s.plan.size()))
      return Unexpected{where + ".plan_next: out of range"};
    s.plan_next = s.plan.empty() ? 0 : static_cast<std::size_t>(x.plan_next);
    s.plan_end = x.plan_deletes ? LifecycleEnd::deletes_server : LifecycleEnd::stays;
    s.generation = static_cast<std::uint32_t>(x.generation);
    s.revision = static_cast<std::uint32_t>(x.revision);
    s.deleted = x.deleted;
    s.billable_since = x.billable_since;
    s.image_id = x.image_id, s.placement_group = x.placement_group;
    s.extra_volumes = x.extra_volumes, s.private_nics = x.private_nics;
    for (const auto& interval : x.billed) {
      if (interval.size() != 2 || interval[0] > interval[1])
        return Unexpected{where + ".billed: expected [from, to] intervals"};
      s.billed.emplace_back(interval[0], interval[1]);
    }
    const auto slot = static_cast<std::uint32_t>(world.fleet_.servers_.size());
    if (!s.deleted) {
      if (!world.fleet_.by_id_.emplace(s.id, slot).second)
        return Unexpected{where + ": id " + s.id.substr(0, 40) + " appears twice"};
      // A step in progress is due where it would have been: its delay after the last change.
      if (s.plan_next < s.plan.size())
        world.fleet_.due_.push(
            {s.modified.micros + s.plan[s.plan_next].after_micros, slot, s.generation});
    }
    world.fleet_.servers_.push_back(std::move(s));
  }
  world.fleet_.index_by_modification();
  for (std::size_t z = 0; z < w.zone_slots.size(); ++z)
    for (std::int64_t slot : w.zone_slots[z]) {
      if (slot < 0 || static_cast<std::size_t>(slot) >= world.fleet_.servers_.size() ||
          world.fleet_.servers_[static_cast<std::size_t>(slot)].zone != z)
        return Unexpected{"zone_slots[" + std::to_string(z) + "]: a slot of another zone"};
      world.fleet_.zone_slots_[z].push_back(static_cast<std::uint32_t>(slot));
    }
  // The inventory: the rows as they were answered, and what the world kept of them.
  world.inventory_ = Inventory{};
  world.inventory_.first_default_groups = w.security_groups;
  std::uint64_t inventory_state = 0;
  if (!w.inventory_random_state.empty()) {
    const char* end = w.inventory_random_state.data() + w.inventory_random_state.size();
    auto [stop, error] = std::from_chars(w.inventory_random_state.data(), end, inventory_state);
    if (error != std::errc() || stop != end)
      return Unexpected{std::string("inventory_random_state: expected a whole number")};
    world.context_.inventory_random = Random(inventory_state);
  }
  auto fill = [](auto& table, const auto& rows, const char* name) -> std::optional<std::string> {
    for (const auto& row : rows) {
      if (row.id.empty() || table.find(row.id))
        return std::string(name) + ": id \"" + row.id.substr(0, 40) + "\" empty or twice";
      table.insert(row);
    }
    return std::nullopt;
  };
  for (auto problem :
       {fill(world.inventory_.volumes, w.volumes, "volumes"),
        fill(world.inventory_.snapshots, w.snapshots, "snapshots"),
        fill(world.inventory_.images, w.images, "images"), fill(world.inventory_.ips, w.ips, "ips"),
        fill(world.inventory_.security_groups, w.security_group_rows, "security_group_rows"),
        fill(world.inventory_.placement_groups, w.placement_groups, "placement_groups"),
        fill(world.inventory_.private_nics, w.private_nics, "private_nics")})
    if (problem) return Unexpected{*problem};
  for (const WireRules& r : w.rules) {
    if (!world.inventory_.security_groups.find(r.group))
      return Unexpected{"rules: group " + r.group.substr(0, 40) + " does not exist"};
    world.inventory_.rules[r.group] = r.rules;
  }
  for (const WireUserData& u : w.user_data) {
    auto value = model::base64_decode(u.value_base64);
    if (!value) return Unexpected{"user_data of " + u.server.substr(0, 40) + ": not base64"};
    world.inventory_.user_data[u.server][u.key] = std::move(*value);
  }
  world.metering_.meters_.clear();
  for (const WireMeter& m : w.meters)
    world.metering_.meters_.push_back(
        {m.kind, m.id, m.name, m.project_id, m.zone, m.product,
         static_cast<std::uint64_t>(std::max<std::int64_t>(0, m.size_gb)), m.from, m.to});
  world.tenancy_.quotas_.clear();
  for (const WireQuotas& q : w.quotas) {
    if (q.organization.empty())
      world.tenancy_.default_quotas_ = from_wire(q);
    else
      world.tenancy_.quotas_[q.organization] = from_wire(q);
  }
  world.tenancy_.ssh_keys_.clear();
  for (const auto& k : w.ssh_keys)
    world.tenancy_.ssh_keys_.push_back({k.id, k.name, k.public_key, k.fingerprint,
                                        k.organization_id, k.project_id, k.created, k.updated,
                                        k.disabled});
  // Racks: as saved. A file from before racks had types (version 1, or 2 before 2026-11-22)
  // gets racks for what it holds, its running servers placed again on nodes of their type, and
  // no operator settings (they named nodes of racks that no longer exist).
  const bool typed = !w.rack_types.empty();
  world.hardware_.rack_types_.assign(w.zones.size(), {});
  world.hardware_.node_pools_.clear();
  if (typed) {
    if (w.rack_types.size() != w.zones.size())
      return Unexpected{std::string("rack_types: one list per zone expected")};
    for (std::size_t z = 0; z < w.zones.size(); ++z) {
      if (w.rack_types[z].size() > 100'000)
        return Unexpected{"rack_types[" + std::to_string(z) + "]: at most 100000 racks"};
      for (std::int64_t t : w.rack_types[z]) {
        if (t < 0 || static_cast<std::size_t>(t) >= types)
          return Unexpected{"rack_types[" + std::to_string(z) + "]: an unknown server type"};
        world.hardware_.rack_types_[z].push_back(static_cast<std::uint16_t>(t));
      }
    }
  } else {
    std::vector<double> per_zone(w.zones.size(), 0);
    for (const SimServer& s : world.fleet_.servers_)
      if (!s.deleted) ++per_zone[s.zone];
    for (std::size_t z = 0; z < w.zones.size(); ++z)
      world.hardware_.build_racks(static_cast<std::uint16_t>(z), per_zone[z]);
    world.hardware_.node_pools_.assign(w.zones.size(), std::vector<Hardware::NodePool>(types));
    for (SimServer& s : world.fleet_.servers_)
      if (!s.deleted && s.hypervisor >= 0) {
        s.hypervisor = world.hardware_.take_node(s.zone, s.type);
        s.node = s.hypervisor % Hardware::kNodesPerRack;
      }
  }
  for (const SimServer& s : world.fleet_.servers_)
    if (!s.deleted && s.hypervisor >= static_cast<int>(world.hardware_.rack_types_[s.zone].size()) *
                                          Hardware::kNodesPerRack)
      return Unexpected{"server " + s.id.substr(0, 40) + " holds a node beyond its zone's racks"};
  world.hardware_.node_controls_.clear();
  for (const WireNode& n : typed ? w.nodes : std::vector<WireNode>{}) {
    if (n.zone < 0 || static_cast<std::size_t>(n.zone) >= w.zones.size() || n.index < 0 ||
        n.index >= static_cast<std::int64_t>(
                       world.hardware_.rack_types_[static_cast<std::size_t>(n.zone)].size()) *
                       Hardware::kNodesPerRack)
      return Unexpected{std::string("nodes: a node outside its zone's racks")};
    world.hardware_
        .node_controls_[{static_cast<std::uint16_t>(n.zone), static_cast<int>(n.index)}] =
        NodeControls{n.bare_power, n.failed, n.led, n.boot_mode, n.resets};
  }
  world.hardware_.failed_per_zone_ = static_cast<int>(w.failed_per_zone);
  world.hardware_.rebuild_node_pools(world.fleet_);
  if (auto problems = world.check_invariants(); !problems.empty())
    return Unexpected{"the saved world contradicts itself: " + problems.front()};
  world.context_.changes = 0;
  return world;
}

}  // namespace metal::sim
