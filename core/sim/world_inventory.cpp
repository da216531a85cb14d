// The Instance resources beside servers: volumes, snapshots, images, flexible IPs, security
// groups and rules, placement groups, private NICs and user data, with the rules that tie them to
// servers (attach and detach, what a terminated server takes with it, what a backup makes).

#include <algorithm>
#include <array>
#include <cstdio>

#include "sim/catalog.hpp"
#include "sim/refusals.hpp"
#include "sim/world.hpp"

namespace metal::sim {

using model::ServerState;
using model::Timestamp;

namespace {

constexpr std::uint64_t kGB = 1'000'000'000ull;
constexpr std::size_t kMaxVolumesPerServer = 16;
constexpr std::size_t kMaxNicsPerServer = 8;
constexpr std::size_t kMaxUserDataKeys = 128;

struct VolumeTypeLimits {
  std::string_view type;
  std::uint64_t min, max;  // bytes
};
// As GET /products/volumes answers (b_ssd is the legacy name of block storage).
constexpr std::array<VolumeTypeLimits, 3> kVolumeTypes{{{"l_ssd", 1 * kGB, 800 * kGB},
                                                        {"b_ssd", 5 * kGB, 10'000 * kGB},
                                                        {"sbs_volume", 5 * kGB, 10'000 * kGB}}};

const VolumeTypeLimits* volume_type(std::string_view type) {
  for (const auto& t : kVolumeTypes)
    if (t.type == type) return &t;
  return nullptr;
}

bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

std::string size_text(std::uint64_t bytes) {
  return std::to_string(bytes / kGB) + " GB";
}

/// An IPv4 address or CIDR range, or an IPv6 one: what a rule's ranges accept.
bool valid_ip_range(std::string_view text) {
  if (text.empty() || text.size() > 43) return false;
  const auto slash = text.find('/');
  std::string_view address = text.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3 ||
        !std::all_of(bits.begin(), bits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    const int n = std::stoi(std::string(bits));
    if (n > (address.find(':') != std::string_view::npos ? 128 : 32)) return false;
  }
  if (address.find(':') != std::string_view::npos)
    return std::all_of(address.begin(), address.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
    });
  int parts = 0;
  std::size_t start = 0;
  while (start <= address.size()) {
    const auto dot = address.find('.', start);
    std::string_view part =
        address.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(part)) > 255)
      return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

/// Every problem of a rule at once, as invalid_arguments details.
std::optional<ApiRefusal> check_rule(const model::SecurityGroupRule& rule) {
  ApiRefusal r = invalid_arguments_refusal();
  auto bad = [&](const char* name, std::string help) {
    add_argument(r, name, "constraint", std::move(help));
  };
  if (!one_of(rule.protocol, {"TCP", "UDP", "ICMP", "ANY"}))
    bad("protocol", "must be one of TCP, UDP, ICMP, ANY");
  if (!one_of(rule.direction, {"inbound", "outbound"}))
    bad("direction", "must be inbound or outbound");
  if (!one_of(rule.action, {"accept", "drop"})) bad("action", "must be accept or drop");
  if (!valid_ip_range(rule.ip_range)) bad("ip_range", "must be an IP address or a CIDR range");
  if (rule.dest_ip_range && !valid_ip_range(*rule.dest_ip_range))
    bad("dest_ip_range", "must be an IP address or a CIDR range");
  auto port = [&](const char* name, std::optional<std::int64_t> value) {
    if (value && (*value < 1 || *value > 65535)) bad(name, "must be from 1 to 65535");
  };
  port("dest_port_from", rule.dest_port_from);
  port("dest_port_to", rule.dest_port_to);
  if (rule.dest_port_from && rule.dest_port_to && *rule.dest_port_to < *rule.dest_port_from)
    bad("dest_port_to", "must not be below dest_port_from");
  if ((rule.dest_port_from || rule.dest_port_to) && one_of(rule.protocol, {"ICMP", "ANY"}))
    bad("dest_port_from", "ports apply to TCP and UDP only");
  if (r.body.details.empty()) return std::nullopt;
  return r;
}

void apply(model::SecurityGroupRule& rule, const World::RuleChanges& c) {
  if (c.protocol) rule.protocol = *c.protocol;
  if (c.direction) rule.direction = *c.direction;
  if (c.action) rule.action = *c.action;
  if (c.ip_range) rule.ip_range = *c.ip_range;
  if (c.dest_ip_range) rule.dest_ip_range = *c.dest_ip_range;
  if (c.dest_port_from) rule.dest_port_from = *c.dest_port_from;
  if (c.dest_port_to) rule.dest_port_to = *c.dest_port_to;
  if (c.position) rule.position = *c.position;
}

void renumber(std::vector<model::SecurityGroupRule>& rules) {
  std::stable_sort(rules.begin(), rules.end(),
                   [](const auto& a, const auto& b) { return a.position < b.position; });
  for (std::size_t i = 0; i < rules.size(); ++i)
    rules[i].position = static_cast<std::int64_t>(i + 1);
}

template <class Row>
const Row* in_zone(const Table<Row>& table, std::string_view zone, std::string_view id) {
  const Row* row = table.find(id);
  return row && row->zone == zone ? row : nullptr;
}
template <class Row>
Row* in_zone(Table<Row>& table, std::string_view zone, std::string_view id) {
  Row* row = table.find(id);
  return row && row->zone == zone ? row : nullptr;
}

}  // namespace

// ---- helpers --------------------------------------------------------------------------------

const World::SimServer* World::first_server(
    const std::function<bool(const SimServer&)>& which) const {
  for (const auto& [id, slot] : by_id_)
    if (which(servers_[slot])) return &servers_[slot];
  return nullptr;
}

void World::refresh_servers(const std::function<bool(const SimServer&)>& which) {
  for (const auto& [id, slot] : by_id_)
    if (which(servers_[slot])) {
      ++servers_[slot].revision;  // what it shows of the group changed, not the server itself
      ++zone_versions_[servers_[slot].zone];
    }
}

World::SimServer* World::find_mutable(std::string_view zone, std::string_view id) {
  return const_cast<SimServer*>(find(zone, id));
}

std::string World::organization_of_project(std::string_view project) const {
  for (const Project& p : projects_)
    if (p.id == project) return p.organization_id;
  return {};
}

std::optional<ApiRefusal> World::check_project(const ApiKey& key, std::string_view project,
                                               std::string_view resource) const {
  const std::string owner = organization_of_project(project);
  if (owner.empty() || (owner != key.organization_id && key.role != KeyRole::admin))
    return permissions_refusal(std::string(resource), "write");
  return std::nullopt;
}

const Quotas& World::quotas(std::string_view organization) const {
  auto it = quotas_.find(organization);
  return it == quotas_.end() ? default_quotas_ : it->second;
}

void World::set_quotas(const std::string& organization, const Quotas& quotas) {
  quotas_[organization] = quotas;
  ++changes_;
}

std::optional<ApiRefusal> World::check_quota(std::string_view organization,
                                             std::string_view resource, std::int64_t Quotas::*limit,
                                             std::int64_t current) const {
  const std::int64_t quota = quotas(organization).*limit;
  if (current < quota) return std::nullopt;
  return quotas_refusal(std::string(resource), quota, current);
}

std::int64_t World::servers_of(std::string_view organization) const {
  std::int64_t n = 0;
  for (const auto& [id, slot] : by_id_)
    n += projects_[servers_[slot].project].organization_id == organization;
  return n;
}

std::int64_t World::count_of(std::string_view organization, Collection collection) const {
  std::int64_t n = 0;
  visit_table(collection, [&](const auto& table) {
    table.for_each([&](const auto& row) { n += row.organization == organization; });
  });
  return n;
}

void World::meter_start(std::string kind, const std::string& id, const std::string& name,
                        const std::string& project, const std::string& zone, std::string product,
                        std::uint64_t size_gb) {
  meters_.push_back(
      {std::move(kind), id, name, project, zone, std::move(product), size_gb, now_.micros, -1});
}

void World::meter_stop(std::string_view id) {
  for (ResourceMeter& m : meters_)
    if (m.id == id && m.to < 0) m.to = std::max(m.from, now_.micros);
}

std::string World::new_flexible_address(std::uint16_t zone, bool ipv6) {
  if (ipv6)
    return "2001:bc8:" + inventory_random_.hex(4) + ":" + inventory_random_.hex(4) + "::/64";
  const ZoneSpec* spec = find_zone(active_zones_[zone]);
  return std::string(spec ? spec->ip_prefix : "51.15") + "." +
         std::to_string(inventory_random_.between(0, 255)) + "." +
         std::to_string(inventory_random_.between(1, 254));
}

model::Volume World::root_volume(const SimServer& s) const {
  const ServerTypeSpec& type = server_types()[s.type];
  const Project& project = projects_[s.project];
  model::Volume v;
  v.id = s.volume_id;
  v.name = s.image_id.empty() ? std::string(public_images()[s.image].name) : s.name + "-root";
  v.size = static_cast<std::uint64_t>(type.local_volume_gb) * kGB;
  v.volume_type = "l_ssd";
  v.creation_date = v.modification_date = s.created;
  v.organization = project.organization_id;
  v.project = project.id;
  v.server = model::ServerSummary{s.id, s.name};
  v.state = "available";
  v.zone = active_zones_[s.zone];
  return v;
}

// ---- volumes --------------------------------------------------------------------------------

std::vector<model::Volume> World::zone_volumes(std::string_view zone,
                                               std::string_view organization) const {
  // Both sources newest first, merged by creation date.
  std::vector<model::Volume> out;
  inventory_.volumes.for_each_newest([&](const model::Volume& v) {
    if (v.zone == zone && (organization.empty() || v.organization == organization))
      out.push_back(v);
  });
  for (std::size_t z = 0; z < active_zones_.size(); ++z) {
    if (active_zones_[z] != zone) continue;
    for (auto it = zone_slots_[z].rbegin(); it != zone_slots_[z].rend(); ++it) {
      const SimServer& s = servers_[*it];
      if (server_types()[s.type].local_volume_gb == 0) continue;
      if (!organization.empty() && projects_[s.project].organization_id != organization) continue;
      out.push_back(root_volume(s));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Volume& a, const model::Volume& b) {
    return a.creation_date->micros > b.creation_date->micros;
  });
  return out;
}

std::optional<model::Volume> World::get_volume(std::string_view zone, std::string_view id) const {
  if (const model::Volume* v = in_zone(inventory_.volumes, zone, id)) return *v;
  for (std::size_t z = 0; z < active_zones_.size(); ++z) {
    if (active_zones_[z] != zone) continue;
    for (std::uint32_t slot : zone_slots_[z]) {
      const SimServer& s = servers_[slot];
      if (s.volume_id == id && server_types()[s.type].local_volume_gb > 0) return root_volume(s);
    }
  }
  return std::nullopt;
}

Expected<model::Volume, ApiRefusal> World::create_volume(std::string_view zone, const ApiKey& key,
                                                         const NewVolume& spec) {
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = check_project(key, project, "instance_volume")) return Unexpected{*refused};
  const std::string organization = organization_of_project(project);
  model::Volume v;
  v.volume_type = spec.volume_type.empty() ? "b_ssd" : spec.volume_type;
  if (!spec.base_snapshot.empty()) {
    const model::Snapshot* snapshot = in_zone(inventory_.snapshots, zone, spec.base_snapshot);
    if (!snapshot || snapshot->organization != organization)
      return Unexpected{not_found_refusal("instance_snapshot", spec.base_snapshot)};
    v.size = spec.size.value_or(snapshot->size);
    if (v.size < snapshot->size)
      return Unexpected{invalid_argument_refusal(
          "size", "constraint", "must be at least the snapshot's " + size_text(snapshot->size))};
  } else if (!spec.size) {
    return Unexpected{
        invalid_argument_refusal("size", "required", "size or base_snapshot is required")};
  } else {
    v.size = *spec.size;
  }
  const VolumeTypeLimits* limits = volume_type(v.volume_type);
  if (!limits)
    return Unexpected{invalid_argument_refusal("volume_type", "constraint",
                                               "must be one of l_ssd, b_ssd, sbs_volume")};
  if (v.size < limits->min || v.size > limits->max)
    return Unexpected{invalid_argument_refusal("size", "constraint",
                                               v.volume_type + " volumes are " +
                                                   size_text(limits->min) + " to " +
                                                   size_text(limits->max))};
  if (auto refused = check_quota(organization, "volumes", &Quotas::volumes,
                                 count_of(organization, Collection::volumes)))
    return Unexpected{*refused};
  v.id = inventory_random_.uuid();
  v.name = spec.name.empty() ? "vol-" + inventory_random_.hex(6) : spec.name;
  v.creation_date = v.modification_date = now_;
  v.organization = organization;
  v.project = project;
  v.tags = spec.tags;
  v.state = "available";
  v.zone = std::string(zone);
  meter_start("volume", v.id, v.name, project, v.zone, v.volume_type, v.size / kGB);
  ++changes_;
  return inventory_.volumes.insert(std::move(v));
}

Expected<model::Volume, ApiRefusal> World::update_volume(std::string_view zone, std::string_view id,
                                                         const Relabel& changes,
                                                         std::optional<std::uint64_t> size) {
  model::Volume* v = in_zone(inventory_.volumes, zone, id);
  if (!v) {
    if (get_volume(zone, id))  // a server's root volume: named and sized by its server
      return Unexpected{
          refusal(400, "invalid_request_error", "a local root volume changes with its server")};
    return Unexpected{not_found_refusal("instance_volume", id)};
  }
  if (size) {
    const VolumeTypeLimits* limits = volume_type(v->volume_type);
    if (v->volume_type == "l_ssd")
      return Unexpected{
          invalid_argument_refusal("size", "constraint", "local volumes cannot be resized")};
    if (*size < v->size)
      return Unexpected{invalid_argument_refusal("size", "constraint", "a volume can only grow")};
    if (limits && *size > limits->max)
      return Unexpected{
          invalid_argument_refusal("size", "constraint", "at most " + size_text(limits->max))};
  }
  if (changes.name) v->name = *changes.name;
  if (changes.tags) v->tags = *changes.tags;
  if (size && *size != v->size) {
    v->size = *size;
    // Billed at the new size from now on.
    meter_stop(v->id);
    meter_start("volume", v->id, v->name, v->project, v->zone, v->volume_type, v->size / kGB);
  }
  v->modification_date = now_;
  ++changes_;
  return *v;
}

std::optional<ApiRefusal> World::delete_volume(std::string_view zone, std::string_view id) {
  const model::Volume* v = in_zone(inventory_.volumes, zone, id);
  if (!v) {
    if (get_volume(zone, id))
      return refusal(400, "precondition_failed", "a local root volume is deleted with its server");
    return not_found_refusal("instance_volume", id);
  }
  if (v->server)
    return in_use_refusal("volume is attached to server " + v->server->id + ": detach it first");
  meter_stop(id);
  inventory_.volumes.erase(id);
  ++changes_;
  return std::nullopt;
}

Expected<model::Server, ApiRefusal> World::attach_volume(std::string_view zone,
                                                         std::string_view server_id,
                                                         std::string_view volume_id) {
  SimServer* s = find_mutable(zone, server_id);
  if (!s) return Unexpected{server_not_found(server_id)};
  model::Volume* v = in_zone(inventory_.volumes, zone, volume_id);
  if (!v || v->organization != projects_[s->project].organization_id)
    return Unexpected{not_found_refusal("instance_volume", volume_id)};
  if (v->server)
    return Unexpected{in_use_refusal("volume is already attached to server " + v->server->id)};
  if (s->state == ServerState::starting || s->state == ServerState::stopping)
    return Unexpected{
        transient_refusal("instance_server", s->id, std::string(model::to_string(s->state)))};
  if (v->volume_type == "l_ssd" && s->state != ServerState::stopped)
    return Unexpected{
        refusal(400, "invalid_request_error", "server should be stopped to attach a local volume")};
  if (s->extra_volumes.size() + 1 >= kMaxVolumesPerServer)
    return Unexpected{
        refusal(400, "invalid_request_error",
                "a server has at most " + std::to_string(kMaxVolumesPerServer) + " volumes")};
  v->server = model::ServerSummary{s->id, s->name};
  v->modification_date = now_;
  s->extra_volumes.push_back(v->id);
  touch(slot_of(*s), now_);
  return to_api(*s);
}

Expected<model::Server, ApiRefusal> World::detach_volume(std::string_view zone,
                                                         std::string_view volume_id) {
  model::Volume* v = in_zone(inventory_.volumes, zone, volume_id);
  if (!v) {
    if (get_volume(zone, volume_id))
      return Unexpected{refusal(400, "invalid_request_error",
                                "the root volume cannot be detached from its server")};
    return Unexpected{not_found_refusal("instance_volume", volume_id)};
  }
  if (!v->server)
    return Unexpected{refusal(400, "invalid_request_error", "volume is not attached")};
  SimServer* s = find_mutable(zone, v->server->id);
  if (!s) return Unexpected{server_not_found(v->server->id)};
  if (s->state == ServerState::starting || s->state == ServerState::stopping)
    return Unexpected{
        transient_refusal("instance_server", s->id, std::string(model::to_string(s->state)))};
  if (v->volume_type == "l_ssd" && s->state != ServerState::stopped)
    return Unexpected{
        refusal(400, "invalid_request_error", "server should be stopped to detach a local volume")};
  std::erase(s->extra_volumes, v->id);
  v->server.reset();
  v->modification_date = now_;
  touch(slot_of(*s), now_);
  return to_api(*s);
}

// ---- snapshots and images -------------------------------------------------------------------

Expected<model::Snapshot, ApiRefusal> World::create_snapshot(std::string_view zone,
                                                             const ApiKey& key,
                                                             const NewSnapshot& spec) {
  if (spec.volume_id.empty())
    return Unexpected{
        invalid_argument_refusal("volume_id", "required", "required key not provided")};
  const auto volume = get_volume(zone, spec.volume_id);
  if (!volume || (volume->organization != key.organization_id && key.role != KeyRole::admin))
    return Unexpected{not_found_refusal("instance_volume", spec.volume_id)};
  const std::string project = spec.project.empty() ? volume->project : spec.project;
  if (auto refused = check_project(key, project, "instance_snapshot")) return Unexpected{*refused};
  if (auto refused = check_quota(volume->organization, "compute_snapshots", &Quotas::snapshots,
                                 count_of(volume->organization, Collection::snapshots)))
    return Unexpected{*refused};
  model::Snapshot snap;
  snap.id = inventory_random_.uuid();
  snap.name = spec.name.empty() ? volume->name + "-snapshot" : spec.name;
  snap.volume_type = spec.volume_type.empty() ? volume->volume_type : spec.volume_type;
  snap.creation_date = snap.modification_date = now_;
  snap.organization = volume->organization;
  snap.project = project;
  snap.size = volume->size;
  snap.state = "available";
  snap.base_volume = model::ServerSummary{volume->id, volume->name};
  snap.tags = spec.tags;
  snap.zone = std::string(zone);
  ++changes_;
  return inventory_.snapshots.insert(std::move(snap));
}

Expected<model::Image, ApiRefusal> World::create_image(std::string_view zone, const ApiKey& key,
                                                       const NewImage& spec) {
  ApiRefusal missing = invalid_arguments_refusal();
  if (spec.root_volume.empty())
    add_argument(missing, "root_volume", "required", "required key not provided");
  if (!one_of(spec.arch, {"x86_64", "arm64", "arm"}))
    add_argument(missing, "arch", "constraint", "must be one of x86_64, arm64, arm");
  if (!missing.body.details.empty()) return Unexpected{missing};
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = check_project(key, project, "instance_image")) return Unexpected{*refused};
  const std::string organization = organization_of_project(project);
  auto snapshot_volume = [&](const std::string& id) -> Expected<model::ImageVolume, ApiRefusal> {
    const model::Snapshot* snap = in_zone(inventory_.snapshots, zone, id);
    if (!snap || snap->organization != organization)
      return Unexpected{not_found_refusal("instance_snapshot", id)};
    return model::ImageVolume{snap->id, snap->name, snap->size, snap->volume_type};
  };
  auto root = snapshot_volume(spec.root_volume);
  if (!root) return Unexpected{root.error()};
  model::Image image;
  image.root_volume = *root;
  for (const auto& [slot, snapshot] : spec.extra_volumes) {
    auto extra = snapshot_volume(snapshot);
    if (!extra) return Unexpected{extra.error()};
    image.extra_volumes.emplace(slot, *extra);
  }
  if (auto refused = check_quota(organization, "compute_images", &Quotas::images,
                                 count_of(organization, Collection::images)))
    return Unexpected{*refused};
  image.id = inventory_random_.uuid();
  image.name = spec.name.empty() ? "image-" + inventory_random_.hex(6) : spec.name;
  image.organization = organization;
  image.project = project;
  image.arch = spec.arch;
  image.creation_date = image.modification_date = now_;
  image.state = "available";
  image.tags = spec.tags;
  image.zone = std::string(zone);
  ++changes_;
  return inventory_.images.insert(std::move(image));
}

std::vector<model::Image> World::public_zone_images(std::string_view zone) const {
  static const Timestamp created = *model::parse_timestamp("2026-05-12T15:20:10.934226+00:00");
  std::vector<model::Image> out;
  for (const ImageSpec& spec : public_images()) {
    model::Image img;
    img.id = std::string(spec.id);
    img.name = std::string(spec.name);
    img.organization = img.project = std::string(kPublicImagesOrganization);
    img.root_volume = model::ImageVolume{std::string(spec.root_volume_id), std::string(spec.name),
                                         10 * kGB, "sbs_snapshot"};
    img.is_public = true;
    img.arch = std::string(spec.arch);
    img.creation_date = img.modification_date = created;
    img.state = "available";
    img.zone = std::string(zone);
    out.push_back(std::move(img));
  }
  return out;
}

// ---- flexible IPs ---------------------------------------------------------------------------

Expected<model::FlexibleIp, ApiRefusal> World::create_ip(std::string_view zone, const ApiKey& key,
                                                         const NewIp& spec) {
  const std::string type = spec.type.empty() ? "routed_ipv4" : spec.type;
  if (!one_of(type, {"routed_ipv4", "routed_ipv6"}))
    return Unexpected{
        invalid_argument_refusal("type", "constraint", "must be routed_ipv4 or routed_ipv6")};
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = check_project(key, project, "instance_ip")) return Unexpected{*refused};
  const std::string organization = organization_of_project(project);
  if (!spec.server.empty()) {
    const SimServer* s = find(zone, spec.server);
    if (!s || projects_[s->project].organization_id != organization)
      return Unexpected{server_not_found(spec.server)};
    if (s->public_ip && !s->public_ip->dynamic)
      return Unexpected{in_use_refusal("server " + s->id + " already has a flexible IP")};
  }
  if (auto refused = check_quota(organization, "compute_ips", &Quotas::ips,
                                 count_of(organization, Collection::ips)))
    return Unexpected{*refused};
  model::FlexibleIp ip;
  ip.id = inventory_random_.uuid();
  const std::uint16_t z = zone_index(zone);
  const std::string address = new_flexible_address(z, type == "routed_ipv6");
  if (type == "routed_ipv6") {
    ip.prefix = address;
    ip.address = address.substr(0, address.find('/'));
  } else {
    ip.address = address;
  }
  ip.organization = organization;
  ip.project = project;
  ip.zone = std::string(zone);
  ip.type = type;
  ip.state = "detached";
  ip.tags = spec.tags;
  ip.ipam_id = inventory_random_.uuid();
  meter_start("ip", ip.id, ip.address, project, ip.zone, type, 0);
  ++changes_;
  const std::string id = ip.id;
  inventory_.ips.insert(std::move(ip));
  if (!spec.server.empty()) {
    IpChanges attach;
    attach.server = std::optional<std::string>(spec.server);
    return update_ip(zone, id, attach);
  }
  return *inventory_.ips.find(id);
}

Expected<model::FlexibleIp, ApiRefusal> World::update_ip(std::string_view zone, std::string_view id,
                                                         const IpChanges& changes) {
  model::FlexibleIp* ip = in_zone(inventory_.ips, zone, id);
  if (!ip) return Unexpected{not_found_refusal("instance_ip", id)};
  if (changes.server) {
    const std::optional<std::string>& target = *changes.server;
    SimServer* next = nullptr;
    if (target && !target->empty()) {
      next = find_mutable(zone, *target);
      if (!next || projects_[next->project].organization_id != ip->organization)
        return Unexpected{server_not_found(*target)};
      if (next->public_ip && !next->public_ip->dynamic && next->public_ip->id != ip->id)
        return Unexpected{in_use_refusal("server " + next->id + " already has a flexible IP")};
    }
    // Off the server it was on, if any.
    if (ip->server) {
      if (SimServer* previous = find_mutable(zone, ip->server->id)) {
        if (previous->public_ip && previous->public_ip->id == ip->id) previous->public_ip.reset();
        if (previous->state == ServerState::running && previous->dynamic_ip_required)
          previous->public_ip = PublicIp{random_.uuid(), new_public_address(*previous), true};
        touch(slot_of(*previous), now_);
      }
      ip->server.reset();
      ip->state = "detached";
    }
    if (next) {
      next->public_ip = PublicIp{ip->id, ip->address, false};
      ip->server = model::ServerSummary{next->id, next->name};
      ip->state = "attached";
      touch(slot_of(*next), now_);
    }
  }
  if (changes.reverse) ip->reverse = *changes.reverse;
  if (changes.tags) ip->tags = *changes.tags;
  ++changes_;
  return *ip;
}

// ---- security groups ------------------------------------------------------------------------

void World::seed_default_rules(const std::string& group, const std::string& zone) {
  // What the real default security keeps closed whatever the user writes: outgoing SMTP, so that
  // a new server cannot send spam. Not editable.
  auto& rules = inventory_.rules[group];
  std::int64_t position = 0;
  for (std::string_view range : {"0.0.0.0/0", "::/0"})
    for (std::int64_t port : {25, 465, 587}) {
      model::SecurityGroupRule rule;
      rule.id = inventory_random_.uuid();
      rule.protocol = "TCP";
      rule.direction = "outbound";
      rule.action = "drop";
      rule.ip_range = std::string(range);
      rule.dest_port_from = port;
      rule.position = ++position;
      rule.editable = false;
      rule.zone = zone;
      rules.push_back(std::move(rule));
    }
}

const model::SecurityGroup& World::default_security_group(std::string_view zone,
                                                          std::string_view project) {
  const model::SecurityGroup* found = nullptr;
  inventory_.security_groups.for_each([&](const model::SecurityGroup& g) {
    if (!found && g.zone == zone && g.project == project && g.project_default) found = &g;
  });
  if (found) return *found;
  model::SecurityGroup g;
  // The first project's groups in the seeded zones keep the ids drawn when the zone was made.
  const std::uint16_t z = zone_index(zone);
  const bool first = !projects_.empty() && projects_.front().id == project &&
                     !inventory_.security_groups.find(security_groups_[z]);
  g.id = first ? security_groups_[z] : inventory_random_.uuid();
  g.name = "Default security group";
  g.description = "Auto generated security group.";
  g.creation_date = g.modification_date = now_;
  g.organization = organization_of_project(project);
  g.project = std::string(project);
  g.inbound_default_policy = g.outbound_default_policy = "accept";
  g.project_default = true;
  g.organization_default = !projects_.empty() && projects_.front().id == project;
  g.state = "available";
  g.zone = std::string(zone);
  seed_default_rules(g.id, g.zone);
  return inventory_.security_groups.insert(std::move(g));
}

model::SecurityGroup World::with_servers(const model::SecurityGroup& group) const {
  model::SecurityGroup out = group;
  for (std::size_t z = 0; z < active_zones_.size(); ++z) {
    if (active_zones_[z] != group.zone) continue;
    for (std::uint32_t slot : zone_slots_[z])
      if (servers_[slot].security_group_id == group.id)
        out.servers.push_back({servers_[slot].id, servers_[slot].name});
  }
  return out;
}

Expected<model::SecurityGroup, ApiRefusal> World::create_security_group(
    std::string_view zone, const ApiKey& key, const NewSecurityGroup& spec) {
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = check_project(key, project, "instance_security_group"))
    return Unexpected{*refused};
  ApiRefusal bad = invalid_arguments_refusal();
  for (auto [name, value] : {std::pair{"inbound_default_policy", &spec.inbound_default_policy},
                             std::pair{"outbound_default_policy", &spec.outbound_default_policy}})
    if (!value->empty() && !one_of(*value, {"accept", "drop"}))
      add_argument(bad, name, "constraint", "must be accept or drop");
  if (spec.name.size() > 255) add_argument(bad, "name", "constraint", "at most 255 characters");
  if (!bad.body.details.empty()) return Unexpected{bad};
  const std::string organization = organization_of_project(project);
  if (auto refused = check_quota(organization, "security_groups", &Quotas::security_groups,
                                 count_of(organization, Collection::security_groups)))
    return Unexpected{*refused};
  (void)default_security_group(zone, project);  // every project has one before it has others
  if (spec.project_default)
    inventory_.security_groups.for_each_mutable([&](model::SecurityGroup& g) {
      if (g.zone == zone && g.project == project) g.project_default = false;
    });
  model::SecurityGroup g;
  g.id = inventory_random_.uuid();
  g.name = spec.name.empty() ? "sg-" + inventory_random_.hex(6) : spec.name;
  if (!spec.description.empty()) g.description = spec.description;
  g.creation_date = g.modification_date = now_;
  g.organization = organization;
  g.project = project;
  g.stateful = spec.stateful;
  g.inbound_default_policy =
      spec.inbound_default_policy.empty() ? "accept" : spec.inbound_default_policy;
  g.outbound_default_policy =
      spec.outbound_default_policy.empty() ? "accept" : spec.outbound_default_policy;
  g.project_default = spec.project_default;
  g.state = "available";
  g.tags = spec.tags;
  g.zone = std::string(zone);
  seed_default_rules(g.id, g.zone);
  ++changes_;
  return inventory_.security_groups.insert(std::move(g));
}

Expected<model::SecurityGroup, ApiRefusal> World::update_security_group(
    std::string_view zone, std::string_view id, const SecurityGroupChanges& changes) {
  model::SecurityGroup* g = in_zone(inventory_.security_groups, zone, id);
  if (!g) return Unexpected{not_found_refusal("instance_security_group", id)};
  ApiRefusal bad = invalid_arguments_refusal();
  for (auto [name, value] :
       {std::pair{"inbound_default_policy", &changes.inbound_default_policy},
        std::pair{"outbound_default_policy", &changes.outbound_default_policy}})
    if (*value && !one_of(**value, {"accept", "drop"}))
      add_argument(bad, name, "constraint", "must be accept or drop");
  if (changes.name && (changes.name->empty() || changes.name->size() > 255))
    add_argument(bad, "name", "constraint", "1 to 255 characters");
  if (!bad.body.details.empty()) return Unexpected{bad};
  if (changes.project_default && *changes.project_default && !g->project_default) {
    const std::string project = g->project;
    inventory_.security_groups.for_each_mutable([&](model::SecurityGroup& other) {
      if (other.zone == zone && other.project == project) other.project_default = false;
    });
  }
  if (changes.name) g->name = *changes.name;
  if (changes.description) g->description = *changes.description;
  if (changes.inbound_default_policy) g->inbound_default_policy = *changes.inbound_default_policy;
  if (changes.outbound_default_policy)
    g->outbound_default_policy = *changes.outbound_default_policy;
  if (changes.stateful) g->stateful = *changes.stateful;
  if (changes.project_default) g->project_default = *changes.project_default;
  if (changes.tags) g->tags = *changes.tags;
  g->modification_date = now_;
  ++changes_;
  const std::string group = g->id;
  refresh_servers([&](const SimServer& s) { return s.security_group_id == group; });
  return with_servers(*g);
}

Expected<model::SecurityGroupRule, ApiRefusal> World::add_rule(std::string_view group,
                                                               const RuleChanges& spec) {
  model::SecurityGroup* g = inventory_.security_groups.find(group);
  if (!g) return Unexpected{not_found_refusal("instance_security_group", group)};
  auto& rules = inventory_.rules[g->id];
  model::SecurityGroupRule rule;
  rule.id = inventory_random_.uuid();
  rule.protocol = "TCP";
  rule.direction = "inbound";
  rule.action = "accept";
  rule.ip_range = "0.0.0.0/0";
  rule.position = static_cast<std::int64_t>(rules.size()) + 1;
  rule.zone = g->zone;
  apply(rule, spec);
  if (auto bad = check_rule(rule)) return Unexpected{*bad};
  rules.push_back(rule);
  renumber(rules);
  g->modification_date = now_;
  ++changes_;
  for (const auto& r : rules)
    if (r.id == rule.id) return r;
  return rule;
}

Expected<std::vector<model::SecurityGroupRule>, ApiRefusal> World::set_rules(
    std::string_view group, const std::vector<RuleChanges>& specs) {
  model::SecurityGroup* g = inventory_.security_groups.find(group);
  if (!g) return Unexpected{not_found_refusal("instance_security_group", group)};
  std::vector<model::SecurityGroupRule> next;
  for (const auto& rule : inventory_.rules[g->id])
    if (!rule.editable) next.push_back(rule);
  const auto fixed = static_cast<std::int64_t>(next.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    model::SecurityGroupRule rule;
    rule.id = inventory_random_.uuid();
    rule.protocol = "TCP";
    rule.direction = "inbound";
    rule.action = "accept";
    rule.ip_range = "0.0.0.0/0";
    rule.position = fixed + static_cast<std::int64_t>(i) + 1;
    rule.zone = g->zone;
    apply(rule, specs[i]);
    if (auto bad = check_rule(rule)) {
      for (auto& detail : bad->body.details)
        detail.argument_name = "rules." + std::to_string(i) + "." + detail.argument_name;
      return Unexpected{*bad};
    }
    next.push_back(std::move(rule));
  }
  renumber(next);
  inventory_.rules[g->id] = next;
  g->modification_date = now_;
  ++changes_;
  return next;
}

Expected<model::SecurityGroupRule, ApiRefusal> World::update_rule(std::string_view group,
                                                                  std::string_view rule_id,
                                                                  const RuleChanges& changes) {
  auto it = inventory_.rules.find(group);
  if (it == inventory_.rules.end())
    return Unexpected{not_found_refusal("instance_security_group", group)};
  for (auto& rule : it->second) {
    if (rule.id != rule_id) continue;
    if (!rule.editable)
      return Unexpected{refusal(400, "precondition_failed", "this rule is not editable")};
    model::SecurityGroupRule next = rule;
    apply(next, changes);
    if (auto bad = check_rule(next)) return Unexpected{*bad};
    rule = next;
    renumber(it->second);
    ++changes_;
    for (const auto& r : it->second)
      if (r.id == rule_id) return r;
  }
  return Unexpected{not_found_refusal("instance_security_group_rule", rule_id)};
}

std::optional<ApiRefusal> World::delete_rule(std::string_view group, std::string_view rule_id) {
  auto it = inventory_.rules.find(group);
  if (it == inventory_.rules.end()) return not_found_refusal("instance_security_group", group);
  auto& rules = it->second;
  auto rule = std::find_if(rules.begin(), rules.end(), [&](auto& r) { return r.id == rule_id; });
  if (rule == rules.end()) return not_found_refusal("instance_security_group_rule", rule_id);
  if (!rule->editable) return refusal(400, "precondition_failed", "this rule is not editable");
  rules.erase(rule);
  renumber(rules);
  ++changes_;
  return std::nullopt;
}

// ---- placement groups -----------------------------------------------------------------------

Expected<model::PlacementGroup, ApiRefusal> World::create_placement_group(
    std::string_view zone, const ApiKey& key, const NewPlacementGroup& spec) {
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = check_project(key, project, "instance_placement_group"))
    return Unexpected{*refused};
  ApiRefusal bad = invalid_arguments_refusal();
  if (!spec.policy_mode.empty() && !one_of(spec.policy_mode, {"optional", "enforced"}))
    add_argument(bad, "policy_mode", "constraint", "must be optional or enforced");
  if (!spec.policy_type.empty() && !one_of(spec.policy_type, {"max_availability", "low_latency"}))
    add_argument(bad, "policy_type", "constraint", "must be max_availability or low_latency");
  if (!bad.body.details.empty()) return Unexpected{bad};
  const std::string organization = organization_of_project(project);
  if (auto refused = check_quota(organization, "placement_groups", &Quotas::placement_groups,
                                 count_of(organization, Collection::placement_groups)))
    return Unexpected{*refused};
  model::PlacementGroup g;
  g.id = inventory_random_.uuid();
  g.name = spec.name.empty() ? "pg-" + inventory_random_.hex(6) : spec.name;
  g.organization = organization;
  g.project = project;
  g.tags = spec.tags;
  g.policy_mode = spec.policy_mode.empty() ? "optional" : spec.policy_mode;
  g.policy_type = spec.policy_type.empty() ? "max_availability" : spec.policy_type;
  g.zone = std::string(zone);
  ++changes_;
  return inventory_.placement_groups.insert(std::move(g));
}

Expected<model::PlacementGroup, ApiRefusal> World::update_placement_group(
    std::string_view zone, std::string_view id, const Relabel& changes,
    std::optional<std::string> policy_mode, std::optional<std::string> policy_type) {
  model::PlacementGroup* g = in_zone(inventory_.placement_groups, zone, id);
  if (!g) return Unexpected{not_found_refusal("instance_placement_group", id)};
  if (policy_mode && !one_of(*policy_mode, {"optional", "enforced"}))
    return Unexpected{
        invalid_argument_refusal("policy_mode", "constraint", "must be optional or enforced")};
  if (policy_type && !one_of(*policy_type, {"max_availability", "low_latency"}))
    return Unexpected{invalid_argument_refusal("policy_type", "constraint",
                                               "must be max_availability or low_latency")};
  if (changes.name) g->name = *changes.name;
  if (changes.tags) g->tags = *changes.tags;
  if (policy_mode) g->policy_mode = *policy_mode;
  if (policy_type) g->policy_type = *policy_type;
  ++changes_;
  const std::string group = g->id;
  refresh_servers([&](const SimServer& s) { return s.placement_group == group; });
  return *g;
}

// ---- private NICs and user data -------------------------------------------------------------

Expected<model::PrivateNic, ApiRefusal> World::create_private_nic(std::string_view zone,
                                                                  std::string_view server,
                                                                  std::string private_network_id,
                                                                  std::vector<std::string> tags) {
  SimServer* s = find_mutable(zone, server);
  if (!s) return Unexpected{server_not_found(server)};
  if (private_network_id.size() != 36)
    return Unexpected{invalid_argument_refusal("private_network_id", "constraint",
                                               "must be the id of a private network")};
  for (const std::string& id : s->private_nics)
    if (const model::PrivateNic* nic = inventory_.private_nics.find(id);
        nic && nic->private_network_id == private_network_id)
      return Unexpected{refusal(409, "conflict", "server is already in this private network")};
  if (s->private_nics.size() >= kMaxNicsPerServer)
    return Unexpected{
        refusal(400, "invalid_request_error",
                "a server has at most " + std::to_string(kMaxNicsPerServer) + " private NICs")};
  model::PrivateNic nic;
  nic.id = inventory_random_.uuid();
  nic.server_id = s->id;
  nic.private_network_id = std::move(private_network_id);
  nic.mac_address = "02:00:00:" + inventory_random_.hex(2) + ":" + inventory_random_.hex(2) + ":" +
                    inventory_random_.hex(2);
  nic.state = "available";
  nic.tags = std::move(tags);
  nic.creation_date = nic.modification_date = now_;
  nic.zone = std::string(zone);
  s->private_nics.push_back(nic.id);
  touch(slot_of(*s), now_);
  return inventory_.private_nics.insert(std::move(nic));
}

Expected<model::PrivateNic, ApiRefusal> World::update_private_nic(std::string_view zone,
                                                                  std::string_view server,
                                                                  std::string_view nic,
                                                                  std::vector<std::string> tags) {
  SimServer* s = find_mutable(zone, server);
  if (!s) return Unexpected{server_not_found(server)};
  model::PrivateNic* row = inventory_.private_nics.find(nic);
  if (!row || row->server_id != s->id)
    return Unexpected{not_found_refusal("instance_private_nic", nic)};
  row->tags = std::move(tags);
  row->modification_date = now_;
  refresh_servers([&](const SimServer& candidate) { return &candidate == s; });
  ++changes_;
  return *row;
}

std::optional<ApiRefusal> World::delete_private_nic(std::string_view zone, std::string_view server,
                                                    std::string_view nic) {
  SimServer* s = find_mutable(zone, server);
  if (!s) return server_not_found(server);
  if (std::find(s->private_nics.begin(), s->private_nics.end(), nic) == s->private_nics.end())
    return not_found_refusal("instance_private_nic", nic);
  std::erase(s->private_nics, std::string(nic));
  inventory_.private_nics.erase(nic);
  touch(slot_of(*s), now_);
  return std::nullopt;
}

std::optional<ApiRefusal> World::set_user_data(std::string_view zone, std::string_view server,
                                               std::string key, std::string value) {
  if (!find(zone, server)) return server_not_found(server);
  if (key.empty() || key.size() > 255 || !std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.';
      }))
    return invalid_argument_refusal("key", "constraint",
                                    "letters, digits, '-', '_' and '.', at most 255");
  auto& entries = inventory_.user_data[std::string(server)];
  if (!entries.contains(key) && entries.size() >= kMaxUserDataKeys)
    return refusal(400, "invalid_request_error",
                   "a server has at most " + std::to_string(kMaxUserDataKeys) + " user data keys");
  entries[std::move(key)] = std::move(value);
  ++changes_;
  return std::nullopt;
}

std::optional<ApiRefusal> World::delete_user_data(std::string_view zone, std::string_view server,
                                                  std::string_view key) {
  if (!find(zone, server)) return server_not_found(server);
  auto it = inventory_.user_data.find(server);
  if (it == inventory_.user_data.end() || !it->second.erase(std::string(key)))
    return not_found_refusal("instance_user_data", key);
  if (it->second.empty()) inventory_.user_data.erase(it);
  ++changes_;
  return std::nullopt;
}

// ---- alike for every collection ------------------------------------------------------------

std::optional<ApiRefusal> World::relabel(Collection collection, std::string_view zone,
                                         std::string_view id, const Relabel& changes) {
  if (changes.name && (changes.name->empty() || changes.name->size() > 255))
    return invalid_argument_refusal("name", "constraint", "must be 1 to 255 characters");
  auto apply_to = [&](auto& table, const char* resource) -> std::optional<ApiRefusal> {
    auto* row = in_zone(table, zone, id);
    if (!row) return not_found_refusal(resource, id);
    if (changes.name) row->name = *changes.name;
    if (changes.tags) row->tags = *changes.tags;
    if constexpr (requires { row->modification_date; }) row->modification_date = now_;
    ++changes_;
    return std::nullopt;
  };
  switch (collection) {
    case Collection::snapshots:
      return apply_to(inventory_.snapshots, "instance_snapshot");
    case Collection::images:
      return apply_to(inventory_.images, "instance_image");
    case Collection::placement_groups: {
      auto refused = apply_to(inventory_.placement_groups, "instance_placement_group");
      if (!refused) refresh_servers([&](const SimServer& s) { return s.placement_group == id; });
      return refused;
    }
    default:
      return refusal(400, "invalid_request_error", "not a relabelled collection");
  }
}

std::optional<ApiRefusal> World::remove(Collection collection, std::string_view zone,
                                        std::string_view id) {
  switch (collection) {
    case Collection::volumes:
      return delete_volume(zone, id);
    case Collection::snapshots: {
      if (!in_zone(inventory_.snapshots, zone, id))
        return not_found_refusal("instance_snapshot", id);
      std::optional<ApiRefusal> used;
      inventory_.images.for_each([&](const model::Image& image) {
        const bool root = image.root_volume && image.root_volume->id == id;
        const bool extra = std::any_of(image.extra_volumes.begin(), image.extra_volumes.end(),
                                       [&](const auto& slot) { return slot.second.id == id; });
        if (!used && (root || extra))
          used =
              in_use_refusal("snapshot is used by image " + image.id + ": delete the image first");
      });
      if (used) return used;
      inventory_.snapshots.erase(id);
      break;
    }
    case Collection::images: {
      if (!in_zone(inventory_.images, zone, id)) {
        if (find_image(id)) return permissions_refusal("instance_image", "delete");
        return not_found_refusal("instance_image", id);
      }
      if (const SimServer* user =
              first_server([&](const SimServer& server) { return server.image_id == id; }))
        return in_use_refusal("image is used by server " + user->id);
      inventory_.images.erase(id);
      break;
    }
    case Collection::ips: {
      if (!in_zone(inventory_.ips, zone, id)) return not_found_refusal("instance_ip", id);
      IpChanges detach;
      detach.server = std::optional<std::string>{};
      (void)update_ip(zone, id, detach);
      meter_stop(id);
      inventory_.ips.erase(id);
      break;
    }
    case Collection::security_groups: {
      const model::SecurityGroup* g = in_zone(inventory_.security_groups, zone, id);
      if (!g) return not_found_refusal("instance_security_group", id);
      if (const auto users = with_servers(*g).servers.size(); users > 0)
        return in_use_refusal("group is in use by " + std::to_string(users) +
                              " servers: move them to another group first");
      if (g->project_default)
        return in_use_refusal("the project's default group cannot be deleted");
      inventory_.rules.erase(std::string(id));
      inventory_.security_groups.erase(id);
      break;
    }
    case Collection::placement_groups: {
      if (!in_zone(inventory_.placement_groups, zone, id))
        return not_found_refusal("instance_placement_group", id);
      if (const SimServer* member =
              first_server([&](const SimServer& server) { return server.placement_group == id; }))
        return in_use_refusal("placement group still holds server " + member->id);
      inventory_.placement_groups.erase(id);
      break;
    }
  }
  ++changes_;
  return std::nullopt;
}

void World::release_resources(SimServer& s) {
  const std::string& zone = active_zones_[s.zone];
  for (const std::string& id : s.extra_volumes)
    if (model::Volume* v = inventory_.volumes.find(id)) {
      if (v->volume_type == "l_ssd") {  // local storage dies with its server
        meter_stop(id);
        inventory_.volumes.erase(id);
      } else {
        v->server.reset();
        v->modification_date = now_;
      }
    }
  s.extra_volumes.clear();
  if (s.public_ip && !s.public_ip->dynamic)
    if (model::FlexibleIp* ip = in_zone(inventory_.ips, zone, s.public_ip->id)) {
      ip->server.reset();
      ip->state = "detached";
    }
  s.public_ip.reset();
  for (const std::string& nic : s.private_nics)
    inventory_.private_nics.erase(nic);
  s.private_nics.clear();
  inventory_.user_data.erase(s.id);
}

}  // namespace metal::sim
