// What ties the Instance resources to servers: attaching and detaching volumes, IPs and NICs,
// the groups servers use, what a deleted server takes with it, and the volumes servers bring
// (their local root volumes). The rows' own rules are the inventory's (inventory.cpp).

#include <algorithm>

#include "sim/catalog.hpp"
#include "sim/refusals.hpp"
#include "sim/world.hpp"

namespace metal::sim {

using model::ServerState;

namespace {

constexpr std::size_t kMaxVolumesPerServer = 16;
constexpr std::size_t kMaxNicsPerServer = 8;
constexpr std::size_t kMaxUserDataKeys = 128;

}  // namespace

std::vector<model::Volume> World::zone_volumes(std::string_view zone,
                                               std::string_view organization) const {
  // Both sources newest first, merged by creation date.
  std::vector<model::Volume> out;
  inventory_.volumes.for_each_newest([&](const model::Volume& v) {
    if (v.zone == zone && (organization.empty() || v.organization == organization))
      out.push_back(v);
  });
  for (std::size_t z = 0; z < fleet_.zones().size(); ++z) {
    if (fleet_.zones()[z] != zone) continue;
    const auto& slots = fleet_.zone_slots(static_cast<std::uint16_t>(z));
    for (auto it = slots.rbegin(); it != slots.rend(); ++it) {
      const SimServer& s = fleet_.at(*it);
      if (server_types()[s.type].local_volume_gb == 0) continue;
      if (!organization.empty() && tenancy_.projects()[s.project].organization_id != organization)
        continue;
      out.push_back(root_volume(s));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const model::Volume& a, const model::Volume& b) {
    return a.creation_date->micros > b.creation_date->micros;
  });
  return out;
}

std::optional<model::Volume> World::get_volume(std::string_view zone, std::string_view id) const {
  if (const model::Volume* v = inventory_.volumes.find_in(zone, id)) return *v;
  for (std::size_t z = 0; z < fleet_.zones().size(); ++z) {
    if (fleet_.zones()[z] != zone) continue;
    for (std::uint32_t slot : fleet_.zone_slots(static_cast<std::uint16_t>(z))) {
      const SimServer& s = fleet_.at(slot);
      if (s.volume_id == id && server_types()[s.type].local_volume_gb > 0) return root_volume(s);
    }
  }
  return std::nullopt;
}

Expected<model::Volume, ApiRefusal> World::create_volume(std::string_view zone, const ApiKey& key,
                                                         const NewVolume& spec) {
  auto made = inventory_.create_volume(context_, tenancy_, zone, key, spec);
  if (made)
    metering_.start(context_, "volume", made->id, made->name, made->project, made->zone,
                    made->volume_type, made->size / kGB);
  return made;
}

Expected<model::Volume, ApiRefusal> World::update_volume(std::string_view zone, std::string_view id,
                                                         const Relabel& changes,
                                                         std::optional<std::uint64_t> size) {
  model::Volume* v = inventory_.volumes.find_in(zone, id);
  if (!v) {
    if (get_volume(zone, id))  // a server's root volume: named and sized by its server
      return Unexpected{
          refusal(400, "invalid_request_error", "a local root volume changes with its server")};
    return Unexpected{not_found_refusal("instance_volume", id)};
  }
  if (size) {
    const VolumeTypeLimits* limits = volume_type_limits(v->volume_type);
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
    metering_.stop(context_, v->id);
    metering_.start(context_, "volume", v->id, v->name, v->project, v->zone, v->volume_type,
                    v->size / kGB);
  }
  v->modification_date = context_.now;
  ++context_.changes;
  return *v;
}

std::optional<ApiRefusal> World::delete_volume(std::string_view zone, std::string_view id) {
  const model::Volume* v = inventory_.volumes.find_in(zone, id);
  if (!v) {
    if (get_volume(zone, id))
      return refusal(400, "precondition_failed", "a local root volume is deleted with its server");
    return not_found_refusal("instance_volume", id);
  }
  if (v->server)
    return in_use_refusal("volume is attached to server " + v->server->id + ": detach it first");
  metering_.stop(context_, id);
  inventory_.volumes.erase(id);
  ++context_.changes;
  return std::nullopt;
}

Expected<model::Server, ApiRefusal> World::attach_volume(std::string_view zone,
                                                         std::string_view server_id,
                                                         std::string_view volume_id) {
  SimServer* s = fleet_.find_mutable(zone, server_id);
  if (!s) return Unexpected{server_not_found(server_id)};
  model::Volume* v = inventory_.volumes.find_in(zone, volume_id);
  if (!v || v->organization != tenancy_.projects()[s->project].organization_id)
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
  v->modification_date = context_.now;
  s->extra_volumes.push_back(v->id);
  fleet_.touch(context_, fleet_.slot_of(*s), context_.now);
  return to_api(*s);
}

Expected<model::Server, ApiRefusal> World::detach_volume(std::string_view zone,
                                                         std::string_view volume_id) {
  model::Volume* v = inventory_.volumes.find_in(zone, volume_id);
  if (!v) {
    if (get_volume(zone, volume_id))
      return Unexpected{refusal(400, "invalid_request_error",
                                "the root volume cannot be detached from its server")};
    return Unexpected{not_found_refusal("instance_volume", volume_id)};
  }
  if (!v->server)
    return Unexpected{refusal(400, "invalid_request_error", "volume is not attached")};
  SimServer* s = fleet_.find_mutable(zone, v->server->id);
  if (!s) return Unexpected{server_not_found(v->server->id)};
  if (s->state == ServerState::starting || s->state == ServerState::stopping)
    return Unexpected{
        transient_refusal("instance_server", s->id, std::string(model::to_string(s->state)))};
  if (v->volume_type == "l_ssd" && s->state != ServerState::stopped)
    return Unexpected{
        refusal(400, "invalid_request_error", "server should be stopped to detach a local volume")};
  std::erase(s->extra_volumes, v->id);
  v->server.reset();
  v->modification_date = context_.now;
  fleet_.touch(context_, fleet_.slot_of(*s), context_.now);
  return to_api(*s);
}

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
  if (auto refused = tenancy_.check_project(key, project, "instance_snapshot"))
    return Unexpected{*refused};
  if (auto refused =
          tenancy_.check_quota(volume->organization, "compute_snapshots", &Quotas::snapshots,
                               inventory_.count_of(volume->organization, Collection::snapshots)))
    return Unexpected{*refused};
  model::Snapshot snap;
  snap.id = context_.inventory_random.uuid();
  snap.name = spec.name.empty() ? volume->name + "-snapshot" : spec.name;
  snap.volume_type = spec.volume_type.empty() ? volume->volume_type : spec.volume_type;
  snap.creation_date = snap.modification_date = context_.now;
  snap.organization = volume->organization;
  snap.project = project;
  snap.size = volume->size;
  snap.state = "available";
  snap.base_volume = model::ServerSummary{volume->id, volume->name};
  snap.tags = spec.tags;
  snap.zone = std::string(zone);
  ++context_.changes;
  return inventory_.snapshots.insert(std::move(snap));
}

Expected<model::FlexibleIp, ApiRefusal> World::create_ip(std::string_view zone, const ApiKey& key,
                                                         const NewIp& spec) {
  const std::string type = spec.type.empty() ? "routed_ipv4" : spec.type;
  if (!one_of(type, {"routed_ipv4", "routed_ipv6"}))
    return Unexpected{
        invalid_argument_refusal("type", "constraint", "must be routed_ipv4 or routed_ipv6")};
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = tenancy_.check_project(key, project, "instance_ip"))
    return Unexpected{*refused};
  const std::string organization = tenancy_.organization_of_project(project);
  if (!spec.server.empty()) {
    const SimServer* s = fleet_.find(zone, spec.server);
    if (!s || tenancy_.projects()[s->project].organization_id != organization)
      return Unexpected{server_not_found(spec.server)};
    if (s->public_ip && !s->public_ip->dynamic)
      return Unexpected{in_use_refusal("server " + s->id + " already has a flexible IP")};
  }
  if (auto refused = tenancy_.check_quota(organization, "compute_ips", &Quotas::ips,
                                          inventory_.count_of(organization, Collection::ips)))
    return Unexpected{*refused};
  model::FlexibleIp ip;
  ip.id = context_.inventory_random.uuid();
  (void)zone_index(zone);  // the zone is made when the first thing lands in it
  const std::string address =
      inventory_.new_flexible_address(context_, zone, type == "routed_ipv6");
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
  ip.ipam_id = context_.inventory_random.uuid();
  metering_.start(context_, "ip", ip.id, ip.address, project, ip.zone, type, 0);
  ++context_.changes;
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
  model::FlexibleIp* ip = inventory_.ips.find_in(zone, id);
  if (!ip) return Unexpected{not_found_refusal("instance_ip", id)};
  if (changes.server) {
    const std::optional<std::string>& target = *changes.server;
    SimServer* next = nullptr;
    if (target && !target->empty()) {
      next = fleet_.find_mutable(zone, *target);
      if (!next || tenancy_.projects()[next->project].organization_id != ip->organization)
        return Unexpected{server_not_found(*target)};
      if (next->public_ip && !next->public_ip->dynamic && next->public_ip->id != ip->id)
        return Unexpected{in_use_refusal("server " + next->id + " already has a flexible IP")};
    }
    // Off the server it was on, if any.
    if (ip->server) {
      if (SimServer* previous = fleet_.find_mutable(zone, ip->server->id)) {
        if (previous->public_ip && previous->public_ip->id == ip->id) previous->public_ip.reset();
        if (previous->state == ServerState::running && previous->dynamic_ip_required)
          previous->public_ip = PublicIp{context_.random.uuid(),
                                         fleet_.new_public_address(context_, *previous), true};
        fleet_.touch(context_, fleet_.slot_of(*previous), context_.now);
      }
      ip->server.reset();
      ip->state = "detached";
    }
    if (next) {
      next->public_ip = PublicIp{ip->id, ip->address, false};
      ip->server = model::ServerSummary{next->id, next->name};
      ip->state = "attached";
      fleet_.touch(context_, fleet_.slot_of(*next), context_.now);
    }
  }
  if (changes.reverse) ip->reverse = *changes.reverse;
  if (changes.tags) ip->tags = *changes.tags;
  ++context_.changes;
  return *ip;
}

const model::SecurityGroup& World::default_security_group(std::string_view zone,
                                                          std::string_view project) {
  if (const model::SecurityGroup* found = inventory_.default_group(zone, project)) return *found;
  model::SecurityGroup g;
  // The first project's groups in the seeded zones keep the ids drawn when the zone was made.
  const std::uint16_t z = zone_index(zone);
  const bool first = !tenancy_.projects().empty() && tenancy_.projects().front().id == project &&
                     !inventory_.security_groups.find(inventory_.first_default_groups[z]);
  g.id = first ? inventory_.first_default_groups[z] : context_.inventory_random.uuid();
  g.name = "Default security group";
  g.description = "Auto generated security group.";
  g.creation_date = g.modification_date = context_.now;
  g.organization = tenancy_.organization_of_project(project);
  g.project = std::string(project);
  g.inbound_default_policy = g.outbound_default_policy = "accept";
  g.project_default = true;
  g.organization_default =
      !tenancy_.projects().empty() && tenancy_.projects().front().id == project;
  g.state = "available";
  g.zone = std::string(zone);
  return inventory_.add_security_group(context_, std::move(g));
}

model::SecurityGroup World::with_servers(const model::SecurityGroup& group) const {
  model::SecurityGroup out = group;
  for (std::size_t z = 0; z < fleet_.zones().size(); ++z) {
    if (fleet_.zones()[z] != group.zone) continue;
    for (std::uint32_t slot : fleet_.zone_slots(static_cast<std::uint16_t>(z)))
      if (fleet_.at(slot).security_group_id == group.id)
        out.servers.push_back({fleet_.at(slot).id, fleet_.at(slot).name});
  }
  return out;
}

Expected<model::SecurityGroup, ApiRefusal> World::create_security_group(
    std::string_view zone, const ApiKey& key, const NewSecurityGroup& spec) {
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = tenancy_.check_project(key, project, "instance_security_group"))
    return Unexpected{*refused};
  ApiRefusal bad = invalid_arguments_refusal();
  for (auto [name, value] : {std::pair{"inbound_default_policy", &spec.inbound_default_policy},
                             std::pair{"outbound_default_policy", &spec.outbound_default_policy}})
    if (!value->empty() && !one_of(*value, {"accept", "drop"}))
      add_argument(bad, name, "constraint", "must be accept or drop");
  if (spec.name.size() > 255) add_argument(bad, "name", "constraint", "at most 255 characters");
  if (!bad.body.details.empty()) return Unexpected{bad};
  const std::string organization = tenancy_.organization_of_project(project);
  if (auto refused =
          tenancy_.check_quota(organization, "security_groups", &Quotas::security_groups,
                               inventory_.count_of(organization, Collection::security_groups)))
    return Unexpected{*refused};
  (void)default_security_group(zone, project);  // every project has one before it has others
  if (spec.project_default)
    inventory_.security_groups.for_each_mutable([&](model::SecurityGroup& g) {
      if (g.zone == zone && g.project == project) g.project_default = false;
    });
  model::SecurityGroup g;
  g.id = context_.inventory_random.uuid();
  g.name = spec.name.empty() ? "sg-" + context_.inventory_random.hex(6) : spec.name;
  if (!spec.description.empty()) g.description = spec.description;
  g.creation_date = g.modification_date = context_.now;
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
  ++context_.changes;
  return inventory_.add_security_group(context_, std::move(g));
}

Expected<model::SecurityGroup, ApiRefusal> World::update_security_group(
    std::string_view zone, std::string_view id, const SecurityGroupChanges& changes) {
  model::SecurityGroup* g = inventory_.security_groups.find_in(zone, id);
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
  g->modification_date = context_.now;
  ++context_.changes;
  const std::string group = g->id;
  fleet_.refresh_servers([&](const SimServer& s) { return s.security_group_id == group; });
  return with_servers(*g);
}

Expected<model::PlacementGroup, ApiRefusal> World::update_placement_group(
    std::string_view zone, std::string_view id, const Relabel& changes,
    std::optional<std::string> policy_mode, std::optional<std::string> policy_type) {
  model::PlacementGroup* g = inventory_.placement_groups.find_in(zone, id);
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
  ++context_.changes;
  const std::string group = g->id;
  fleet_.refresh_servers([&](const SimServer& s) { return s.placement_group == group; });
  return *g;
}

Expected<model::PrivateNic, ApiRefusal> World::create_private_nic(std::string_view zone,
                                                                  std::string_view server,
                                                                  std::string private_network_id,
                                                                  std::vector<std::string> tags) {
  SimServer* s = fleet_.find_mutable(zone, server);
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
  nic.id = context_.inventory_random.uuid();
  nic.server_id = s->id;
  nic.private_network_id = std::move(private_network_id);
  nic.mac_address = "02:00:00:" + context_.inventory_random.hex(2) + ":" +
                    context_.inventory_random.hex(2) + ":" + context_.inventory_random.hex(2);
  nic.state = "available";
  nic.tags = std::move(tags);
  nic.creation_date = nic.modification_date = context_.now;
  nic.zone = std::string(zone);
  s->private_nics.push_back(nic.id);
  fleet_.touch(context_, fleet_.slot_of(*s), context_.now);
  return inventory_.private_nics.insert(std::move(nic));
}

Expected<model::PrivateNic, ApiRefusal> World::update_private_nic(std::string_view zone,
                                                                  std::string_view server,
                                                                  std::string_view nic,
                                                                  std::vector<std::string> tags) {
  SimServer* s = fleet_.find_mutable(zone, server);
  if (!s) return Unexpected{server_not_found(server)};
  model::PrivateNic* row = inventory_.private_nics.find(nic);
  if (!row || row->server_id != s->id)
    return Unexpected{not_found_refusal("instance_private_nic", nic)};
  row->tags = std::move(tags);
  row->modification_date = context_.now;
  fleet_.refresh_servers([&](const SimServer& candidate) { return &candidate == s; });
  ++context_.changes;
  return *row;
}

std::optional<ApiRefusal> World::delete_private_nic(std::string_view zone, std::string_view server,
                                                    std::string_view nic) {
  SimServer* s = fleet_.find_mutable(zone, server);
  if (!s) return server_not_found(server);
  if (std::find(s->private_nics.begin(), s->private_nics.end(), nic) == s->private_nics.end())
    return not_found_refusal("instance_private_nic", nic);
  std::erase(s->private_nics, std::string(nic));
  inventory_.private_nics.erase(nic);
  fleet_.touch(context_, fleet_.slot_of(*s), context_.now);
  return std::nullopt;
}

std::optional<ApiRefusal> World::set_user_data(std::string_view zone, std::string_view server,
                                               std::string key, std::string value) {
  if (!fleet_.find(zone, server)) return server_not_found(server);
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
  ++context_.changes;
  return std::nullopt;
}

std::optional<ApiRefusal> World::delete_user_data(std::string_view zone, std::string_view server,
                                                  std::string_view key) {
  if (!fleet_.find(zone, server)) return server_not_found(server);
  auto it = inventory_.user_data.find(server);
  if (it == inventory_.user_data.end() || !it->second.erase(std::string(key)))
    return not_found_refusal("instance_user_data", key);
  if (it->second.empty()) inventory_.user_data.erase(it);
  ++context_.changes;
  return std::nullopt;
}

std::optional<ApiRefusal> World::relabel(Collection collection, std::string_view zone,
                                         std::string_view id, const Relabel& changes) {
  if (changes.name && (changes.name->empty() || changes.name->size() > 255))
    return invalid_argument_refusal("name", "constraint", "must be 1 to 255 characters");
  auto apply_to = [&](auto& table, const char* resource) -> std::optional<ApiRefusal> {
    auto* row = table.find_in(zone, id);
    if (!row) return not_found_refusal(resource, id);
    if (changes.name) row->name = *changes.name;
    if (changes.tags) row->tags = *changes.tags;
    if constexpr (requires { row->modification_date; }) row->modification_date = context_.now;
    ++context_.changes;
    return std::nullopt;
  };
  switch (collection) {
    case Collection::snapshots:
      return apply_to(inventory_.snapshots, "instance_snapshot");
    case Collection::images:
      return apply_to(inventory_.images, "instance_image");
    case Collection::placement_groups: {
      auto refused = apply_to(inventory_.placement_groups, "instance_placement_group");
      if (!refused)
        fleet_.refresh_servers([&](const SimServer& s) { return s.placement_group == id; });
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
      if (!inventory_.snapshots.find_in(zone, id))
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
      if (!inventory_.images.find_in(zone, id)) {
        if (find_image(id)) return permissions_refusal("instance_image", "delete");
        return not_found_refusal("instance_image", id);
      }
      if (const SimServer* user =
              fleet_.first_server([&](const SimServer& server) { return server.image_id == id; }))
        return in_use_refusal("image is used by server " + user->id);
      inventory_.images.erase(id);
      break;
    }
    case Collection::ips: {
      if (!inventory_.ips.find_in(zone, id)) return not_found_refusal("instance_ip", id);
      IpChanges detach;
      detach.server = std::optional<std::string>{};
      (void)update_ip(zone, id, detach);
      metering_.stop(context_, id);
      inventory_.ips.erase(id);
      break;
    }
    case Collection::security_groups: {
      const model::SecurityGroup* g = inventory_.security_groups.find_in(zone, id);
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
      if (!inventory_.placement_groups.find_in(zone, id))
        return not_found_refusal("instance_placement_group", id);
      if (const SimServer* member = fleet_.first_server(
              [&](const SimServer& server) { return server.placement_group == id; }))
        return in_use_refusal("placement group still holds server " + member->id);
      inventory_.placement_groups.erase(id);
      break;
    }
  }
  ++context_.changes;
  return std::nullopt;
}

void World::release_resources(SimServer& s) {
  const std::string& zone = fleet_.zones()[s.zone];
  for (const std::string& id : s.extra_volumes)
    if (model::Volume* v = inventory_.volumes.find(id)) {
      if (v->volume_type == "l_ssd") {  // local storage dies with its server
        metering_.stop(context_, id);
        inventory_.volumes.erase(id);
      } else {
        v->server.reset();
        v->modification_date = context_.now;
      }
    }
  s.extra_volumes.clear();
  if (s.public_ip && !s.public_ip->dynamic)
    if (model::FlexibleIp* ip = inventory_.ips.find_in(zone, s.public_ip->id)) {
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
