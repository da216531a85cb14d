#include "server.hpp"

#include <algorithm>
#include <array>
#include <utility>

namespace metal::model {
namespace {

constexpr std::array<std::pair<ServerState, std::string_view>, 6> kStateNames{{
    {ServerState::running, "running"},
    {ServerState::stopped, "stopped"},
    {ServerState::stopped_in_place, "stopped in place"},
    {ServerState::starting, "starting"},
    {ServerState::stopping, "stopping"},
    {ServerState::locked, "locked"},
}};

constexpr std::array<std::pair<ServerAction, std::string_view>, 7> kActionNames{{
    {ServerAction::poweron, "poweron"},
    {ServerAction::poweroff, "poweroff"},
    {ServerAction::stop_in_place, "stop_in_place"},
    {ServerAction::reboot, "reboot"},
    {ServerAction::backup, "backup"},
    {ServerAction::terminate, "terminate"},
    {ServerAction::enable_routed_ip, "enable_routed_ip"},
}};

}  // namespace

ServerState parse_server_state(std::string_view text) {
  for (const auto& [state, name] : kStateNames)
    if (name == text) return state;
  return ServerState::unknown;
}

std::string_view to_string(ServerState state) {
  for (const auto& [s, name] : kStateNames)
    if (s == state) return name;
  return "unknown";
}

bool is_transitional(ServerState state) {
  return state == ServerState::starting || state == ServerState::stopping;
}

std::optional<ServerAction> parse_server_action(std::string_view text) {
  for (const auto& [action, name] : kActionNames)
    if (name == text) return action;
  return std::nullopt;
}

std::string_view to_string(ServerAction action) {
  for (const auto& [a, name] : kActionNames)
    if (a == action) return name;
  return "";
}

bool Server::allows(ServerAction action) const {
  const auto action_name = to_string(action);
  return std::find(allowed_actions.begin(), allowed_actions.end(), action_name) !=
         allowed_actions.end();
}

std::string Server::primary_ip() const {
  if (!public_ips.empty()) return public_ips.front().address;
  if (public_ip) return public_ip->address;
  if (private_ip) return *private_ip;
  return {};
}

// ---- decoding -----------------------------------------------------------------------------

void decode(Decoder& d, const Json& o, ServerIp& out) {
  field(d, o, "id", out.id);
  field(d, o, "address", out.address);
  field(d, o, "dynamic", out.dynamic);
  field(d, o, "gateway", out.gateway);
  field(d, o, "netmask", out.netmask);
  field(d, o, "family", out.family);
  field(d, o, "provisioning_mode", out.provisioning_mode);
  field(d, o, "tags", out.tags);
  field(d, o, "state", out.state);
  field(d, o, "ipam_id", out.ipam_id);
}

void decode(Decoder& d, const Json& o, ServerIpv6& out) {
  field(d, o, "address", out.address);
  field(d, o, "gateway", out.gateway);
  field(d, o, "netmask", out.netmask);
}

void decode(Decoder& d, const Json& o, ServerLocation& out) {
  field(d, o, "zone_id", out.zone_id);
  field(d, o, "platform_id", out.platform_id);
  field(d, o, "cluster_id", out.cluster_id);
  field(d, o, "hypervisor_id", out.hypervisor_id);
  field(d, o, "node_id", out.node_id);
}

void decode(Decoder& d, const Json& o, ImageVolume& out) {
  field(d, o, "id", out.id);
  field(d, o, "name", out.name);
  field(d, o, "size", out.size);
  field(d, o, "volume_type", out.volume_type);
}

void decode(Decoder& d, const Json& o, ServerImage& out) {
  field(d, o, "id", out.id);
  field(d, o, "name", out.name);
  field(d, o, "organization", out.organization);
  field(d, o, "project", out.project);
  field(d, o, "root_volume", out.root_volume);
  field(d, o, "extra_volumes", out.extra_volumes);
  field(d, o, "public", out.is_public);
  field(d, o, "arch", out.arch);
  field(d, o, "creation_date", out.creation_date);
  field(d, o, "modification_date", out.modification_date);
  field(d, o, "from_server", out.from_server);
  field(d, o, "state", out.state);
  field(d, o, "tags", out.tags);
  field(d, o, "zone", out.zone);
}

void decode(Decoder& d, const Json& o, ServerSummary& out) {
  field(d, o, "id", out.id);
  field(d, o, "name", out.name);
}

void decode(Decoder& d, const Json& o, ServerVolume& out) {
  field(d, o, "id", out.id);
  field(d, o, "name", out.name);
  field(d, o, "volume_type", out.volume_type);
  field(d, o, "size", out.size);
  field(d, o, "state", out.state);
  field(d, o, "zone", out.zone);
  field(d, o, "boot", out.boot);
  field(d, o, "organization", out.organization);
  field(d, o, "project", out.project);
  field(d, o, "server", out.server);
  field(d, o, "creation_date", out.creation_date);
  field(d, o, "modification_date", out.modification_date);
  field(d, o, "export_uri", out.export_uri);
  field(d, o, "tags", out.tags);
}

void decode(Decoder& d, const Json& o, SecurityGroupRef& out) {
  field(d, o, "id", out.id);
  field(d, o, "name", out.name);
}

void decode(Decoder& d, const Json& o, PlacementGroupRef& out) {
  field(d, o, "id", out.id);
  field(d, o, "name", out.name);
  field(d, o, "organization", out.organization);
  field(d, o, "project", out.project);
  field(d, o, "policy_mode", out.policy_mode);
  field(d, o, "policy_type", out.policy_type);
  field(d, o, "policy_respected", out.policy_respected);
  field(d, o, "tags", out.tags);
  field(d, o, "zone", out.zone);
}

void decode(Decoder& d, const Json& o, PrivateNic& out) {
  field(d, o, "id", out.id);
  field(d, o, "server_id", out.server_id);
  field(d, o, "private_network_id", out.private_network_id);
  field(d, o, "mac_address", out.mac_address);
  field(d, o, "state", out.state);
  field(d, o, "tags", out.tags);
  field(d, o, "creation_date", out.creation_date);
  field(d, o, "zone", out.zone);
}

void decode(Decoder& d, const Json& o, Maintenance& out) {
  field(d, o, "reason", out.reason);
  field(d, o, "start_date", out.start_date);
}

void decode(Decoder& d, const Json& o, Server& out) {
  required(d, o, "id", out.id);
  field(d, o, "name", out.name);
  field(d, o, "organization", out.organization);
  field(d, o, "project", out.project);
  field(d, o, "allowed_actions", out.allowed_actions);
  field(d, o, "tags", out.tags);
  field(d, o, "commercial_type", out.commercial_type);
  field(d, o, "creation_date", out.creation_date);
  field(d, o, "modification_date", out.modification_date);
  field(d, o, "dynamic_ip_required", out.dynamic_ip_required);
  field(d, o, "routed_ip_enabled", out.routed_ip_enabled);
  field(d, o, "enable_ipv6", out.enable_ipv6);
  field(d, o, "hostname", out.hostname);
  field(d, o, "image", out.image);
  field(d, o, "protected", out.is_protected);
  field(d, o, "private_ip", out.private_ip);
  field(d, o, "public_ip", out.public_ip);
  field(d, o, "public_ips", out.public_ips);
  field(d, o, "mac_address", out.mac_address);
  std::string state;
  required(d, o, "state", state);
  out.state = parse_server_state(state);
  out.unknown_state = out.state == ServerState::unknown ? state : std::string();
  field(d, o, "state_detail", out.state_detail);
  field(d, o, "location", out.location);
  field(d, o, "ipv6", out.ipv6);
  field(d, o, "boot_type", out.boot_type);
  field(d, o, "volumes", out.volumes);
  field(d, o, "security_group", out.security_group);
  field(d, o, "maintenances", out.maintenances);
  field(d, o, "arch", out.arch);
  field(d, o, "placement_group", out.placement_group);
  field(d, o, "private_nics", out.private_nics);
  field(d, o, "zone", out.zone);
  field(d, o, "filesystems", out.filesystems);
  field(d, o, "end_of_service", out.end_of_service);
  field(d, o, "dns", out.dns);
  field(d, o, "admin_password_encryption_ssh_key_id", out.admin_password_encryption_ssh_key_id);
}

void decode(Decoder& d, const Json& o, ServerEnvelope& out) {
  required(d, o, "server", out.server);
}
void decode(Decoder& d, const Json& o, ServerList& out) {
  required(d, o, "servers", out.servers);
}
void decode(Decoder& d, const Json& o, ServerActionList& out) {
  required(d, o, "actions", out.actions);
}

// ---- encoding: the API's own shape, so the simulator answers exactly like the real thing ----

Json encode(const ServerIp& v) {
  return Json{{"id", v.id},
              {"address", v.address},
              {"dynamic", v.dynamic},
              {"gateway", v.gateway},
              {"netmask", v.netmask},
              {"family", v.family},
              {"provisioning_mode", v.provisioning_mode},
              {"tags", to_json(v.tags)},
              {"state", v.state},
              {"ipam_id", v.ipam_id}};
}

Json encode(const ServerIpv6& v) {
  return Json{{"address", v.address}, {"gateway", v.gateway}, {"netmask", v.netmask}};
}

Json encode(const ServerLocation& v) {
  return Json{{"zone_id", v.zone_id},
              {"platform_id", v.platform_id},
              {"cluster_id", v.cluster_id},
              {"hypervisor_id", v.hypervisor_id},
              {"node_id", v.node_id}};
}

Json encode(const ImageVolume& v) {
  return Json{{"id", v.id}, {"name", v.name}, {"size", v.size}, {"volume_type", v.volume_type}};
}

Json encode(const ServerImage& v) {
  return Json{{"id", v.id},
              {"name", v.name},
              {"organization", v.organization},
              {"project", v.project},
              {"root_volume", to_json(v.root_volume)},
              {"extra_volumes", to_json(v.extra_volumes)},
              {"public", v.is_public},
              {"arch", v.arch},
              {"creation_date", to_json(v.creation_date)},
              {"modification_date", to_json(v.modification_date)},
              {"default_bootscript", nullptr},
              {"from_server", v.from_server},
              {"state", v.state},
              {"tags", to_json(v.tags)},
              {"zone", v.zone}};
}

Json encode(const ServerSummary& v) {
  return Json{{"id", v.id}, {"name", v.name}};
}

Json encode(const ServerVolume& v) {
  Json out{{"id", v.id},
           {"volume_type", v.volume_type},
           {"state", v.state},
           {"zone", v.zone},
           {"boot", v.boot}};
  // Block (sbs) volumes are sent as a short reference; local volumes carry their details.
  if (!v.name.empty()) out["name"] = v.name;
  if (v.size) out["size"] = *v.size;
  if (!v.organization.empty()) out["organization"] = v.organization;
  if (!v.project.empty()) out["project"] = v.project;
  if (v.server) out["server"] = encode(*v.server);
  if (v.creation_date) out["creation_date"] = to_json(*v.creation_date);
  if (v.modification_date) out["modification_date"] = to_json(*v.modification_date);
  if (v.export_uri) out["export_uri"] = *v.export_uri;
  if (!v.tags.empty()) out["tags"] = to_json(v.tags);
  return out;
}

Json encode(const SecurityGroupRef& v) {
  return Json{{"id", v.id}, {"name", v.name}};
}

Json encode(const PlacementGroupRef& v) {
  return Json{{"id", v.id},
              {"name", v.name},
              {"organization", v.organization},
              {"project", v.project},
              {"policy_mode", v.policy_mode},
              {"policy_type", v.policy_type},
              {"policy_respected", v.policy_respected},
              {"tags", to_json(v.tags)},
              {"zone", v.zone}};
}

Json encode(const PrivateNic& v) {
  return Json{{"id", v.id},
              {"server_id", v.server_id},
              {"private_network_id", v.private_network_id},
              {"mac_address", v.mac_address},
              {"state", v.state},
              {"tags", to_json(v.tags)},
              {"creation_date", to_json(v.creation_date)},
              {"zone", v.zone}};
}

Json encode(const Maintenance& v) {
  return Json{{"reason", v.reason}, {"start_date", to_json(v.start_date)}};
}

Json encode(const Server& v) {
  Json out{
      {"id", v.id},
      {"name", v.name},
      {"arch", v.arch},
      {"commercial_type", v.commercial_type},
      {"boot_type", v.boot_type},
      {"organization", v.organization},
      {"project", v.project},
      {"hostname", v.hostname},
      {"image", to_json(v.image)},
      {"volumes", to_json(v.volumes)},
      {"tags", to_json(v.tags)},
      {"state", std::string(v.state_text())},
      {"protected", v.is_protected},
      {"state_detail", v.state_detail},
      {"public_ip", to_json(v.public_ip)},
      {"public_ips", to_json(v.public_ips)},
      {"mac_address", v.mac_address},
      {"routed_ip_enabled", v.routed_ip_enabled},
      {"ipv6", to_json(v.ipv6)},
      {"extra_networks", Json::array()},
      {"dynamic_ip_required", v.dynamic_ip_required},
      {"enable_ipv6", v.enable_ipv6},
      {"private_ip", to_json(v.private_ip)},
      {"creation_date", to_json(v.creation_date)},
      {"modification_date", to_json(v.modification_date)},
      {"bootscript", nullptr},
      {"security_group", to_json(v.security_group)},
      {"location", to_json(v.location)},
      {"maintenances", to_json(v.maintenances)},
      {"allowed_actions", to_json(v.allowed_actions)},
      {"placement_group", to_json(v.placement_group)},
      {"private_nics", to_json(v.private_nics)},
      {"zone", v.zone},
      {"filesystems", to_json(v.filesystems)},
      {"end_of_service", v.end_of_service},
      {"admin_password_encryption_ssh_key_id", to_json(v.admin_password_encryption_ssh_key_id)}};
  if (v.dns) out["dns"] = *v.dns;
  return out;
}

Json encode(const ServerEnvelope& v) {
  return Json{{"server", encode(v.server)}};
}
Json encode(const ServerList& v) {
  return Json{{"servers", to_json(v.servers)}};
}
Json encode(const ServerActionList& v) {
  return Json{{"actions", to_json(v.actions)}};
}

}  // namespace metal::model
