#include "server.hpp"

#include "json_decode.hpp"

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

namespace {
constexpr std::string_view kServerRequired[] = {"id", "state"};
constexpr std::string_view kServerEnvelopeRequired[] = {"server"};
constexpr std::string_view kListRequired[] = {"servers"};
constexpr std::string_view kActionsRequired[] = {"actions"};
}  // namespace

std::span<const std::string_view> required_fields(const Server*) {
  return kServerRequired;
}
std::span<const std::string_view> required_fields(const ServerEnvelope*) {
  return kServerEnvelopeRequired;
}
std::span<const std::string_view> required_fields(const ServerList*) {
  return kListRequired;
}
// A table's reading of a server requires what the server itself does.
std::span<const std::string_view> required_fields(const ServerListItem*) {
  return kServerRequired;
}
std::span<const std::string_view> required_fields(const ServerItemList*) {
  return kListRequired;
}
std::span<const std::string_view> required_fields(const ServerActionList*) {
  return kActionsRequired;
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerIp& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "address", v, out.address) ||
         take(d, key, "dynamic", v, out.dynamic) || take(d, key, "gateway", v, out.gateway) ||
         take(d, key, "netmask", v, out.netmask) || take(d, key, "family", v, out.family) ||
         take(d, key, "provisioning_mode", v, out.provisioning_mode) ||
         take(d, key, "tags", v, out.tags) || take(d, key, "state", v, out.state) ||
         take(d, key, "ipam_id", v, out.ipam_id);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerIpv6& out) {
  return take(d, key, "address", v, out.address) || take(d, key, "gateway", v, out.gateway) ||
         take(d, key, "netmask", v, out.netmask);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerLocation& out) {
  return take(d, key, "zone_id", v, out.zone_id) ||
         take(d, key, "platform_id", v, out.platform_id) ||
         take(d, key, "cluster_id", v, out.cluster_id) ||
         take(d, key, "hypervisor_id", v, out.hypervisor_id) ||
         take(d, key, "node_id", v, out.node_id);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ImageVolume& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "name", v, out.name) ||
         take(d, key, "size", v, out.size) || take(d, key, "volume_type", v, out.volume_type);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerImage& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "name", v, out.name) ||
         take(d, key, "organization", v, out.organization) ||
         take(d, key, "project", v, out.project) ||
         take(d, key, "root_volume", v, out.root_volume) ||
         take(d, key, "extra_volumes", v, out.extra_volumes) ||
         take(d, key, "public", v, out.is_public) || take(d, key, "arch", v, out.arch) ||
         take(d, key, "creation_date", v, out.creation_date) ||
         take(d, key, "modification_date", v, out.modification_date) ||
         take(d, key, "from_server", v, out.from_server) || take(d, key, "state", v, out.state) ||
         take(d, key, "tags", v, out.tags) || take(d, key, "zone", v, out.zone);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerSummary& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "name", v, out.name);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerVolume& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "name", v, out.name) ||
         take(d, key, "volume_type", v, out.volume_type) || take(d, key, "size", v, out.size) ||
         take(d, key, "state", v, out.state) || take(d, key, "zone", v, out.zone) ||
         take(d, key, "boot", v, out.boot) || take(d, key, "organization", v, out.organization) ||
         take(d, key, "project", v, out.project) || take(d, key, "server", v, out.server) ||
         take(d, key, "creation_date", v, out.creation_date) ||
         take(d, key, "modification_date", v, out.modification_date) ||
         take(d, key, "export_uri", v, out.export_uri) || take(d, key, "tags", v, out.tags);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, SecurityGroupRef& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "name", v, out.name);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, PlacementGroupRef& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "name", v, out.name) ||
         take(d, key, "organization", v, out.organization) ||
         take(d, key, "project", v, out.project) ||
         take(d, key, "policy_mode", v, out.policy_mode) ||
         take(d, key, "policy_type", v, out.policy_type) ||
         take(d, key, "policy_respected", v, out.policy_respected) ||
         take(d, key, "tags", v, out.tags) || take(d, key, "zone", v, out.zone);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, PrivateNic& out) {
  return take(d, key, "id", v, out.id) || take(d, key, "server_id", v, out.server_id) ||
         take(d, key, "private_network_id", v, out.private_network_id) ||
         take(d, key, "mac_address", v, out.mac_address) || take(d, key, "state", v, out.state) ||
         take(d, key, "tags", v, out.tags) || take(d, key, "creation_date", v, out.creation_date) ||
         take(d, key, "modification_date", v, out.modification_date) ||
         take(d, key, "zone", v, out.zone) || take(d, key, "ipam_ip_ids", v, out.ipam_ip_ids);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, Maintenance& out) {
  return take(d, key, "reason", v, out.reason) || take(d, key, "start_date", v, out.start_date);
}

void read_server_state(Decoder& d, JsonValue v, ServerState& state, std::string& unknown_state) {
  std::string text;
  read(d, v, text);
  state = parse_server_state(text);
  unknown_state = state == ServerState::unknown ? text : std::string();
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, Server& out) {
  if (key == "state") {
    read_server_state(d, v, out.state, out.unknown_state);
    return true;
  }
  return take(d, key, "id", v, out.id) || take(d, key, "name", v, out.name) ||
         take(d, key, "organization", v, out.organization) ||
         take(d, key, "project", v, out.project) ||
         take(d, key, "allowed_actions", v, out.allowed_actions) ||
         take(d, key, "tags", v, out.tags) ||
         take(d, key, "commercial_type", v, out.commercial_type) ||
         take(d, key, "creation_date", v, out.creation_date) ||
         take(d, key, "modification_date", v, out.modification_date) ||
         take(d, key, "dynamic_ip_required", v, out.dynamic_ip_required) ||
         take(d, key, "routed_ip_enabled", v, out.routed_ip_enabled) ||
         take(d, key, "enable_ipv6", v, out.enable_ipv6) ||
         take(d, key, "hostname", v, out.hostname) || take(d, key, "image", v, out.image) ||
         take(d, key, "protected", v, out.is_protected) ||
         take(d, key, "private_ip", v, out.private_ip) ||
         take(d, key, "public_ip", v, out.public_ip) ||
         take(d, key, "public_ips", v, out.public_ips) ||
         take(d, key, "mac_address", v, out.mac_address) ||
         take(d, key, "state_detail", v, out.state_detail) ||
         take(d, key, "location", v, out.location) || take(d, key, "ipv6", v, out.ipv6) ||
         take(d, key, "boot_type", v, out.boot_type) || take(d, key, "volumes", v, out.volumes) ||
         take(d, key, "security_group", v, out.security_group) ||
         take(d, key, "maintenances", v, out.maintenances) || take(d, key, "arch", v, out.arch) ||
         take(d, key, "placement_group", v, out.placement_group) ||
         take(d, key, "private_nics", v, out.private_nics) || take(d, key, "zone", v, out.zone) ||
         take(d, key, "filesystems", v, out.filesystems) ||
         take(d, key, "end_of_service", v, out.end_of_service) || take(d, key, "dns", v, out.dns) ||
         take(d, key, "admin_password_encryption_ssh_key_id", v,
              out.admin_password_encryption_ssh_key_id);
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerEnvelope& out) {
  return take(d, key, "server", v, out.server);
}
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerList& out) {
  return take(d, key, "servers", v, out.servers);
}
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerActionList& out) {
  return take(d, key, "actions", v, out.actions);
}

// The decoders of these types, compiled here (see json_decode.hpp).
template Expected<Server, DecodeError> decode_text<Server>(std::string_view, std::size_t);
template Expected<ServerEnvelope, DecodeError> decode_text<ServerEnvelope>(std::string_view,
                                                                           std::size_t);
template Expected<ServerList, DecodeError> decode_text<ServerList>(std::string_view, std::size_t);
template Expected<ServerActionList, DecodeError> decode_text<ServerActionList>(std::string_view,
                                                                               std::size_t);

}  // namespace metal::model
