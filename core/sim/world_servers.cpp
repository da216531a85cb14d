// Servers as the API answers them, and what comes of their creation, changes, actions and
// deletion across the world's parts.

#include <algorithm>

#include "sim/catalog.hpp"
#include "sim/refusals.hpp"
#include "sim/world.hpp"

namespace metal::sim {

using model::ServerAction;
using model::ServerState;
using model::Timestamp;

namespace {

const Timestamp kImageCreated = *model::parse_timestamp("2026-05-12T15:20:10.934226+00:00");

template <class T>
T& engaged(std::optional<T>& value) {
  if (!value) value.emplace();
  return *value;
}

}  // namespace

World::ServerSlice World::list_servers(std::string_view zone, const ServerFilter& filter,
                                       ServerOrder order, int page, int per_page) const {
  const ServerRefSlice refs = list_server_refs(zone, filter, order, page, per_page);
  ServerSlice slice;
  slice.total = refs.total;
  slice.servers.reserve(refs.servers.size());
  for (const ServerRef& ref : refs.servers)
    slice.servers.push_back(to_api(fleet_.at(ref.slot)));
  return slice;
}

std::optional<model::Server> World::get_server(std::string_view zone, std::string_view id) const {
  const SimServer* s = fleet_.find(zone, id);
  if (!s) return std::nullopt;
  return to_api(*s);
}

std::optional<std::string> World::server_organization(std::string_view zone,
                                                      std::string_view id) const {
  const SimServer* s = fleet_.find(zone, id);
  if (!s) return std::nullopt;
  return tenancy_.projects()[s->project].organization_id;
}

Expected<model::Task, ApiRefusal> World::act(std::string_view zone, std::string_view id,
                                             ServerAction action) {
  const SimServer* found = fleet_.find(zone, id);
  if (!found) return Unexpected{server_not_found(id)};
  const std::uint32_t slot = fleet_.slot_of(*found);
  SimServer& s = fleet_.at(slot);

  auto refuse = [](std::string type, std::string message) {
    return Unexpected{refusal(400, std::move(type), std::move(message))};
  };
  if (auto refused = check_action(s.state, action)) {
    if (s.state == ServerState::locked) return refuse("locked", refused->message);
    return refuse("invalid_request_error", refused->message);
  }
  if (action == ServerAction::terminate && s.is_protected)
    return refuse("precondition_failed", "server is protected: disable protection to terminate it");
  if (action == ServerAction::poweron && s.hypervisor < 0 &&
      hardware_.nodes_available(fleet_, s.zone, s.type) <= 0) {
    ApiRefusal r = refusal(503, "out_of_stock", "no node of this type is free in the zone");
    r.body.resource = "instance_server_type";
    r.body.resource_id = std::string(server_types()[s.type].commercial_type);
    return Unexpected{r};
  }

  model::Task task;
  task.id = context_.random.uuid();
  task.status = "pending";
  task.href_from = "/servers/" + s.id + "/action";
  task.href_result = "/servers/" + s.id;
  task.started_at = context_.now;
  task.progress = 0;
  task.zone = fleet_.zones()[s.zone];

  ActionPlan plan = plan_action(s.state, action, context_.random);
  task.description = std::string(plan.task_description);
  if (action == ServerAction::backup) {
    // A snapshot of every volume and an image made of them, as the real backup does.
    const std::string organization = tenancy_.projects()[s.project].organization_id;
    if (auto refused = tenancy_.check_quota(organization, "compute_images", &Quotas::images,
                                            inventory_.count_of(organization, Collection::images)))
      return Unexpected{*refused};
    const std::int64_t snapshots_needed = 1 + static_cast<std::int64_t>(s.extra_volumes.size());
    if (auto refused = tenancy_.check_quota(
            organization, "compute_snapshots", &Quotas::snapshots,
            inventory_.count_of(organization, Collection::snapshots) + snapshots_needed - 1))
      return Unexpected{*refused};
    auto snapshot_of = [&](const model::Volume& volume) {
      model::Snapshot snap;
      snap.id = context_.inventory_random.uuid();
      snap.name = s.name + "-backup-" + volume.name;
      snap.volume_type = volume.volume_type;
      snap.creation_date = snap.modification_date = context_.now;
      snap.organization = organization;
      snap.project = tenancy_.projects()[s.project].id;
      snap.size = volume.size;
      snap.state = "available";
      snap.base_volume = model::ServerSummary{volume.id, volume.name};
      snap.zone = task.zone;
      const model::Snapshot& stored = inventory_.snapshots.insert(std::move(snap));
      return model::ImageVolume{stored.id, stored.name, stored.size, stored.volume_type};
    };
    model::Image image;
    image.id = context_.inventory_random.uuid();
    image.name = s.name + "-backup";
    image.organization = organization;
    image.project = tenancy_.projects()[s.project].id;
    model::Volume root = root_volume(s);
    if (root.size == 0) {  // block storage root: its size is the image's
      root.size = 10'000'000'000ull;
      root.volume_type = "sbs_volume";
    }
    image.root_volume = snapshot_of(root);
    for (std::size_t i = 0; i < s.extra_volumes.size(); ++i)
      if (const model::Volume* v = inventory_.volumes.find(s.extra_volumes[i]))
        image.extra_volumes.emplace(std::to_string(i + 1), snapshot_of(*v));
    image.arch = std::string(server_types()[s.type].arch);
    image.creation_date = image.modification_date = context_.now;
    image.from_server = s.id;
    image.state = "available";
    image.zone = task.zone;
    task.href_result = "/images/" + image.id;
    inventory_.images.insert(std::move(image));
    ++context_.changes;
    return task;
  }
  if (action == ServerAction::enable_routed_ip) {
    if (s.routed_ip_enabled) return refuse("invalid_request_error", "routed IP is already enabled");
    s.routed_ip_enabled = true;
    fleet_.touch(context_, slot, context_.now);
    return task;
  }
  start_plan(slot, std::move(plan));
  return task;
}

model::Server World::to_api(const SimServer& s) const {
  model::Server out;
  fill_api(s, out);
  return out;
}

// Every member is set on every path: `out` may hold another server from the call before (the
// handler reads each server of a listing into one record, reusing its strings' storage).
void World::fill_api(const SimServer& s, model::Server& out) const {
  const ServerTypeSpec& type = server_types()[s.type];
  const ImageSpec& image = public_images()[s.image];
  const Project& project = tenancy_.projects()[s.project];
  const std::string& zone = fleet_.zones()[s.zone];

  out.id = s.id;
  out.name = s.name;
  out.organization = project.organization_id;
  out.project = project.id;
  out.allowed_actions = allowed_action_names(s.state);
  out.tags = s.tags;
  out.commercial_type.assign(type.commercial_type);
  out.creation_date = s.created;
  out.modification_date = s.modified;
  out.dynamic_ip_required = s.dynamic_ip_required;
  out.routed_ip_enabled = s.routed_ip_enabled;
  out.enable_ipv6 = false;
  out.hostname = s.name;

  model::ServerImage& img = engaged(out.image);
  const model::Image* own = s.image_id.empty() ? nullptr : inventory_.images.find(s.image_id);
  if (own) {
    img = *own;
  } else {
    img.id.assign(image.id);
    img.name.assign(image.name);
    img.organization.assign(kPublicImagesOrganization);
    img.project.assign(kPublicImagesOrganization);
    model::ImageVolume& root = engaged(img.root_volume);
    root.id.assign(image.root_volume_id);
    root.name.clear();
    root.size = 0;
    root.volume_type = "sbs_snapshot";
    img.extra_volumes.clear();
    img.is_public = true;
    img.arch.assign(image.arch);
    img.creation_date = img.modification_date = kImageCreated;
    img.from_server.clear();
    img.state = "available";
    img.tags.clear();
    img.zone = zone;
  }

  out.is_protected = s.is_protected;
  if (s.private_ip.empty())
    out.private_ip.reset();
  else
    out.private_ip = s.private_ip;
  if (s.public_ip) {
    model::ServerIp& ip = engaged(out.public_ip);
    ip.id = s.public_ip->id;
    ip.address = s.public_ip->address;
    ip.dynamic = s.public_ip->dynamic;
    ip.gateway = "62.210.0.1";
    ip.netmask = "32";
    ip.family = "inet";
    ip.provisioning_mode = "dhcp";
    ip.tags.clear();
    ip.state = s.state == ServerState::running ? "attached" : "pending";
    ip.ipam_id = s.public_ip->id;
    out.public_ips.resize(1);
    out.public_ips.front() = ip;
    std::string& dns = engaged(out.dns);
    dns = s.id;
    dns += ".pub.instances.scw.cloud";
  } else {
    out.public_ip.reset();
    out.public_ips.clear();
    out.dns.reset();
  }
  out.mac_address = s.mac;
  out.state = s.state;
  out.unknown_state.clear();
  out.state_detail.assign(s.state_detail);
  if (s.hypervisor >= 0) {
    const ZoneSpec* zone_spec = find_zone(zone);
    model::ServerLocation& location = engaged(out.location);
    location.zone_id = zone;
    location.platform_id = std::to_string(zone_spec ? zone_spec->platform_id : 1);
    location.cluster_id = std::to_string(s.hypervisor / Hardware::kNodesPerRack + 1);
    location.hypervisor_id = std::to_string(s.hypervisor);
    location.node_id = std::to_string(s.node + 1);
  } else {
    out.location.reset();
  }
  out.ipv6.reset();
  out.boot_type = "local";

  // The root volume's entry is kept (and its storage with it); any other goes.
  model::ServerVolume& volume = out.volumes["0"];
  out.volumes.erase(std::next(out.volumes.begin()), out.volumes.end());
  volume.id = s.volume_id;
  volume.state = "available";
  volume.zone = zone;
  volume.boot = false;
  volume.export_uri.reset();
  volume.tags.clear();
  if (type.local_volume_gb > 0) {
    volume.volume_type = "l_ssd";
    volume.name.assign(image.name);
    volume.size = static_cast<std::uint64_t>(type.local_volume_gb) * 1'000'000'000ull;
    volume.organization = project.organization_id;
    volume.project = project.id;
    model::ServerSummary& summary = engaged(volume.server);
    summary.id = s.id;
    summary.name = s.name;
    volume.creation_date = s.created;
    volume.modification_date = s.created;
  } else {
    volume.volume_type = "sbs_volume";
    volume.name.clear();
    volume.size.reset();
    volume.organization.clear();
    volume.project.clear();
    volume.server.reset();
    volume.creation_date.reset();
    volume.modification_date.reset();
  }
  for (std::size_t i = 0; i < s.extra_volumes.size(); ++i)
    if (const model::Volume* v = inventory_.volumes.find(s.extra_volumes[i])) {
      model::ServerVolume extra;
      extra.id = v->id;
      extra.name = v->name;
      extra.volume_type = v->volume_type;
      extra.size = v->size;
      extra.state = v->state;
      extra.zone = v->zone;
      extra.organization = v->organization;
      extra.project = v->project;
      extra.server = model::ServerSummary{s.id, s.name};
      extra.creation_date = v->creation_date;
      extra.modification_date = v->modification_date;
      out.volumes.emplace(std::to_string(i + 1), std::move(extra));
    }
  const model::SecurityGroup* group = inventory_.security_groups.find(s.security_group_id);
  model::SecurityGroupRef& group_ref = engaged(out.security_group);
  group_ref.id = s.security_group_id;
  if (group)
    group_ref.name = group->name;
  else
    group_ref.name = "Default security group";
  out.placement_group.reset();
  if (!s.placement_group.empty())
    if (const model::PlacementGroup* pg = inventory_.placement_groups.find(s.placement_group))
      out.placement_group = model::PlacementGroupRef{
          pg->id,          pg->name,        pg->organization,     pg->project,
          pg->policy_mode, pg->policy_type, pg->policy_respected, pg->tags,
          pg->zone};
  out.maintenances.clear();
  out.private_nics.clear();
  for (const std::string& id : s.private_nics)
    if (const model::PrivateNic* nic = inventory_.private_nics.find(id))
      out.private_nics.push_back(*nic);
  out.arch.assign(type.arch);
  out.zone = zone;
  out.filesystems.clear();
  out.end_of_service = false;
  out.admin_password_encryption_ssh_key_id.reset();
}

Expected<model::Server, ApiRefusal> World::create_server(std::string_view zone, const ApiKey& key,
                                                         const NewServer& spec) {
  const ServerTypeSpec* type = find_server_type(spec.commercial_type);
  if (!type)
    return Unexpected{
        invalid_argument_refusal("commercial_type", "constraint", "unknown commercial type")};
  const std::string& project_id = spec.project.empty() ? key.project_id : spec.project;
  std::size_t project = tenancy_.projects().size();
  for (std::size_t i = 0; i < tenancy_.projects().size(); ++i)
    if (tenancy_.projects()[i].id == project_id) project = i;
  if (project == tenancy_.projects().size() ||
      tenancy_.projects()[project].organization_id != key.organization_id)
    return Unexpected{permissions_refusal("instance_server", "write")};
  const std::string& organization = tenancy_.projects()[project].organization_id;

  // The image: a public one by id or label, or a private image of the organization.
  const auto all_images = public_images();
  std::size_t image = all_images.size();
  std::string image_id;
  std::string_view image_arch;
  for (std::size_t i = 0; i < all_images.size(); ++i)
    if (all_images[i].id == spec.image ||
        (all_images[i].label == spec.image && all_images[i].arch == type->arch))
      image = i;
  if (image < all_images.size()) {
    image_arch = all_images[image].arch;
  } else if (const model::Image* own = inventory_.images.find(spec.image);
             own && own->zone == zone && own->organization == organization) {
    image_id = own->id;
    image_arch = own->arch;
    image = 0;
    for (std::size_t i = 0; i < all_images.size(); ++i)
      if (all_images[i].arch == own->arch) image = i;  // what its boot log looks like
  } else {
    return Unexpected{not_found_refusal("instance_image", spec.image)};
  }
  if (image_arch != type->arch)
    return Unexpected{refusal(400, "invalid_request_error",
                              "image architecture " + std::string(image_arch) +
                                  " does not match commercial type " + spec.commercial_type)};

  // What else it takes: every reference checked before anything changes.
  std::vector<std::string> attach_volumes;
  std::vector<NewVolume> new_volumes;
  for (const auto& [slot, volume] : spec.volumes) {
    if (slot == "0") continue;  // the root volume comes with the type and the image
    if (!volume.id.empty()) {
      const model::Volume* v = inventory_.volumes.find(volume.id);
      if (!v || v->zone != zone || v->organization != organization)
        return Unexpected{not_found_refusal("instance_volume", volume.id)};
      if (v->server) return Unexpected{in_use_refusal("volume " + v->id + " is already attached")};
      attach_volumes.push_back(v->id);
    } else {
      NewVolume v;
      v.name = volume.name;
      v.volume_type = volume.volume_type;
      v.size = volume.size;
      v.project = tenancy_.projects()[project].id;
      new_volumes.push_back(std::move(v));
    }
  }
  if (attach_volumes.size() + new_volumes.size() + 1 > 16)
    return Unexpected{refusal(400, "invalid_request_error", "a server has at most 16 volumes")};
  if (spec.public_ips.size() > 1)
    return Unexpected{
        invalid_argument_refusal("public_ips", "constraint", "one flexible IP per server here")};
  for (const std::string& ip : spec.public_ips) {
    const model::FlexibleIp* found = inventory_.ips.find(ip);
    if (!found || found->zone != zone || found->organization != organization)
      return Unexpected{not_found_refusal("instance_ip", ip)};
    if (found->server) return Unexpected{in_use_refusal("IP " + ip + " is already attached")};
  }
  if (!spec.security_group.empty()) {
    const model::SecurityGroup* g = inventory_.security_groups.find(spec.security_group);
    if (!g || g->zone != zone || g->organization != organization)
      return Unexpected{not_found_refusal("instance_security_group", spec.security_group)};
  }
  if (!spec.placement_group.empty()) {
    const model::PlacementGroup* g = inventory_.placement_groups.find(spec.placement_group);
    if (!g || g->zone != zone || g->organization != organization)
      return Unexpected{not_found_refusal("instance_placement_group", spec.placement_group)};
  }
  if (auto refused = tenancy_.check_quota(organization, "compute_servers", &Quotas::servers,
                                          fleet_.servers_of(tenancy_, organization)))
    return Unexpected{*refused};
  if (!new_volumes.empty())
    if (auto refused = tenancy_.check_quota(organization, "volumes", &Quotas::volumes,
                                            inventory_.count_of(organization, Collection::volumes) +
                                                static_cast<std::int64_t>(new_volumes.size()) - 1))
      return Unexpected{*refused};
  // New volumes are validated whole before the server exists (sizes, types).
  for (const NewVolume& v : new_volumes) {
    const std::string type_name = v.volume_type.empty() ? "b_ssd" : v.volume_type;
    if (type_name != "l_ssd" && type_name != "b_ssd" && type_name != "sbs_volume")
      return Unexpected{invalid_argument_refusal("volumes.volume_type", "constraint",
                                                 "must be one of l_ssd, b_ssd, sbs_volume")};
    if (!v.size || *v.size == 0)
      return Unexpected{
          invalid_argument_refusal("volumes.size", "required", "a new volume needs a size")};
  }

  SimServer s;
  s.id = context_.random.uuid();
  s.zone = zone_index(zone);
  s.type = static_cast<std::uint16_t>(type - server_types().data());
  s.image = static_cast<std::uint16_t>(image);
  s.image_id = image_id;
  s.project = static_cast<std::uint16_t>(project);
  s.name = spec.name.empty() ? "srv-" + context_.random.hex(6) : spec.name;
  s.tags = spec.tags;
  s.created = s.modified = context_.now;
  s.mac = "de:00:00:" + context_.random.hex(2) + ":" + context_.random.hex(2) + ":" +
          context_.random.hex(2);
  s.volume_id = context_.random.uuid();
  s.security_group_id = spec.security_group.empty()
                            ? default_security_group(zone, tenancy_.projects()[project].id).id
                            : spec.security_group;
  s.placement_group = spec.placement_group;
  s.dynamic_ip_required = spec.dynamic_ip_required;
  fleet_.enter_state(context_, hardware_, s, ServerState::stopped, "");
  const std::uint32_t slot = fleet_.add(context_, std::move(s));

  ApiKey owner = key;
  owner.organization_id = organization;
  owner.project_id = tenancy_.projects()[project].id;
  for (const NewVolume& spec_volume : new_volumes) {
    auto made = create_volume(zone, owner, spec_volume);
    if (!made) {  // out of its range: the server goes, nothing half-made stays
      delete_server(slot);
      return Unexpected{made.error()};
    }
    attach_volumes.push_back(made->id);
  }
  for (const std::string& id : attach_volumes) {
    model::Volume* v = inventory_.volumes.find(id);
    v->server = model::ServerSummary{fleet_.at(slot).id, fleet_.at(slot).name};
    fleet_.at(slot).extra_volumes.push_back(id);
  }
  for (const std::string& ip : spec.public_ips) {
    IpChanges attach;
    attach.server = std::optional<std::string>(fleet_.at(slot).id);
    (void)update_ip(zone, ip, attach);
  }
  return to_api(fleet_.at(slot));
}

Expected<model::Server, ApiRefusal> World::update_server(std::string_view zone, std::string_view id,
                                                         const ServerChanges& changes) {
  const SimServer* found = fleet_.find(zone, id);
  if (!found) return Unexpected{server_not_found(id)};
  const std::uint32_t slot = fleet_.slot_of(*found);
  SimServer& s = fleet_.at(slot);
  const std::string& organization = tenancy_.projects()[s.project].organization_id;
  if (changes.name && (changes.name->empty() || changes.name->size() > 255))
    return Unexpected{
        invalid_argument_refusal("name", "constraint", "must be 1 to 255 characters")};
  if (changes.security_group) {
    const model::SecurityGroup* g = inventory_.security_groups.find(*changes.security_group);
    if (!g || g->zone != zone || g->organization != organization)
      return Unexpected{not_found_refusal("instance_security_group", *changes.security_group)};
  }
  if (changes.placement_group && !changes.placement_group->empty()) {
    const model::PlacementGroup* g = inventory_.placement_groups.find(*changes.placement_group);
    if (!g || g->zone != zone || g->organization != organization)
      return Unexpected{not_found_refusal("instance_placement_group", *changes.placement_group)};
  }
  if (changes.placement_group && *changes.placement_group != s.placement_group &&
      s.state != ServerState::stopped)
    return Unexpected{refusal(400, "invalid_request_error",
                              "server should be stopped to change its placement group")};
  const ServerTypeSpec* new_type = nullptr;
  if (changes.commercial_type &&
      *changes.commercial_type != server_types()[s.type].commercial_type) {
    new_type = find_server_type(*changes.commercial_type);
    if (!new_type)
      return Unexpected{
          invalid_argument_refusal("commercial_type", "constraint", "unknown commercial type")};
    if (s.state != ServerState::stopped)
      return Unexpected{refusal(400, "invalid_request_error",
                                "server should be stopped to change its commercial type")};
    if (new_type->arch != server_types()[s.type].arch ||
        (new_type->local_volume_gb > 0) != (server_types()[s.type].local_volume_gb > 0))
      return Unexpected{refusal(400, "invalid_request_error",
                                "commercial type " + *changes.commercial_type +
                                    " does not fit this server's image and volumes")};
  }
  if (changes.name) s.name = *changes.name;
  if (changes.tags) s.tags = *changes.tags;
  if (changes.is_protected) s.is_protected = *changes.is_protected;
  if (changes.dynamic_ip_required) s.dynamic_ip_required = *changes.dynamic_ip_required;
  if (changes.security_group) s.security_group_id = *changes.security_group;
  if (changes.placement_group) s.placement_group = *changes.placement_group;
  if (new_type) s.type = static_cast<std::uint16_t>(new_type - server_types().data());
  fleet_.touch(context_, slot, context_.now);
  return to_api(s);
}

std::optional<ApiRefusal> World::remove_server(std::string_view zone, std::string_view id) {
  const SimServer* found = fleet_.find(zone, id);
  if (!found) return server_not_found(id);
  const std::uint32_t slot = fleet_.slot_of(*found);
  const SimServer& s = fleet_.at(slot);
  if (s.is_protected)
    return refusal(400, "precondition_failed",
                   "server is protected: disable protection to delete it");
  if (s.state != ServerState::stopped)
    return refusal(400, "invalid_request_error", "server should be stopped");
  delete_server(slot);
  ++context_.changes;
  return std::nullopt;
}

model::Volume World::root_volume(const SimServer& s) const {
  const ServerTypeSpec& type = server_types()[s.type];
  const Project& project = tenancy_.projects()[s.project];
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
  v.zone = fleet_.zones()[s.zone];
  return v;
}

}  // namespace metal::sim
