#include "server.hpp"

// Encoding lives apart from decoding: the web build compiles the decoders for speed (they run on
// every list page) and everything else, this included, for size.

namespace metal::model {

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
              {"modification_date", to_json(v.modification_date)},
              {"zone", v.zone},
              {"ipam_ip_ids", to_json(v.ipam_ip_ids)}};
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
