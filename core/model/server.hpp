#pragma once
// The Instance v1 server, with every field the real API returns (docs/api-notes.md), and the
// state machine vocabulary: states, actions, which actions each state allows.

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "fields.hpp"
#include "json_codec.hpp"
#include "timestamp.hpp"

namespace metal::model {

enum class ServerState { running, stopped, stopped_in_place, starting, stopping, locked, unknown };

/// "stopped in place" -> ServerState::stopped_in_place; anything new -> unknown (kept verbatim).
ServerState parse_server_state(std::string_view text);
std::string_view to_string(ServerState state);
/// starting and stopping move on by themselves: worth polling often.
bool is_transitional(ServerState state);

enum class ServerAction {
  poweron,
  poweroff,
  stop_in_place,
  reboot,
  backup,
  terminate,
  enable_routed_ip
};
std::optional<ServerAction> parse_server_action(std::string_view text);
std::string_view to_string(ServerAction action);

struct ServerIp {
  std::string id;
  std::string address;
  bool dynamic = false;
  std::string gateway;
  std::string netmask;
  std::string family;             // inet | inet6
  std::string provisioning_mode;  // manual | dhcp | slaac
  std::vector<std::string> tags;
  std::string state;  // unknown_state | detached | attached | pending | error
  std::string ipam_id;
  bool operator==(const ServerIp&) const = default;
};

struct ServerIpv6 {
  std::string address;
  std::string gateway;
  std::string netmask;
  bool operator==(const ServerIpv6&) const = default;
};

struct ServerLocation {
  std::string zone_id;
  std::string platform_id;
  std::string cluster_id;
  std::string hypervisor_id;
  std::string node_id;
  bool operator==(const ServerLocation&) const = default;
};

struct ImageVolume {
  std::string id;
  std::string name;
  std::uint64_t size = 0;
  std::string volume_type;
  bool operator==(const ImageVolume&) const = default;
};

struct ServerImage {
  std::string id;
  std::string name;
  std::string organization;
  std::string project;
  std::optional<ImageVolume> root_volume;
  std::map<std::string, ImageVolume> extra_volumes;
  bool is_public = false;  // "public"
  std::string arch;
  std::optional<Timestamp> creation_date;
  std::optional<Timestamp> modification_date;
  std::string from_server;
  std::string state;
  std::vector<std::string> tags;
  std::string zone;
  bool operator==(const ServerImage&) const = default;
};

struct ServerSummary {  // {id, name} references
  std::string id;
  std::string name;
  bool operator==(const ServerSummary&) const = default;
};

/// A volume as embedded in a server (l_ssd volumes carry more than sbs ones).
struct ServerVolume {
  std::string id;
  std::string name;
  std::string volume_type;  // l_ssd | b_ssd | sbs_volume | scratch
  std::optional<std::uint64_t> size;
  std::string state;
  std::string zone;
  bool boot = false;
  std::string organization;
  std::string project;
  std::optional<ServerSummary> server;
  std::optional<Timestamp> creation_date;
  std::optional<Timestamp> modification_date;
  std::optional<std::string> export_uri;
  std::vector<std::string> tags;
  bool operator==(const ServerVolume&) const = default;
};

struct SecurityGroupRef {
  std::string id;
  std::string name;
  bool operator==(const SecurityGroupRef&) const = default;
};

struct PlacementGroupRef {
  std::string id;
  std::string name;
  std::string organization;
  std::string project;
  std::string policy_mode;  // optional | enforced
  std::string policy_type;  // max_availability | low_latency
  bool policy_respected = false;
  std::vector<std::string> tags;
  std::string zone;
  bool operator==(const PlacementGroupRef&) const = default;
};

struct PrivateNic {
  std::string id;
  std::string server_id;
  std::string private_network_id;
  std::string mac_address;
  std::string state;
  std::vector<std::string> tags;
  std::optional<Timestamp> creation_date;
  std::optional<Timestamp> modification_date;
  std::string zone;
  std::vector<std::string> ipam_ip_ids;
  bool operator==(const PrivateNic&) const = default;
};

struct Maintenance {
  std::string reason;
  std::optional<Timestamp> start_date;
  bool operator==(const Maintenance&) const = default;
};

struct Server {
  std::string id;
  std::string name;
  std::string organization;
  std::string project;
  std::vector<std::string> allowed_actions;
  std::vector<std::string> tags;
  std::string commercial_type;
  Timestamp creation_date;
  Timestamp modification_date;
  bool dynamic_ip_required = false;
  bool routed_ip_enabled = false;
  bool enable_ipv6 = false;
  std::string hostname;
  std::optional<ServerImage> image;
  bool is_protected = false;  // "protected"
  std::optional<std::string> private_ip;
  std::optional<ServerIp> public_ip;  // deprecated by the API, still sent
  std::vector<ServerIp> public_ips;
  std::string mac_address;
  ServerState state = ServerState::stopped;
  std::string unknown_state;  // the verbatim text when state == unknown
  std::string state_detail;
  std::optional<ServerLocation> location;
  std::optional<ServerIpv6> ipv6;
  std::string boot_type;  // local | bootscript | rescue
  std::map<std::string, ServerVolume> volumes;
  std::optional<SecurityGroupRef> security_group;
  std::vector<Maintenance> maintenances;
  std::string arch;  // x86_64 | arm | arm64
  std::optional<PlacementGroupRef> placement_group;
  std::vector<PrivateNic> private_nics;
  std::string zone;
  std::vector<Json> filesystems;
  bool end_of_service = false;
  std::optional<std::string> dns;
  std::optional<std::string> admin_password_encryption_ssh_key_id;

  std::string_view state_text() const {
    return state == ServerState::unknown ? std::string_view(unknown_state) : to_string(state);
  }
  bool allows(ServerAction action) const;
  /// The address a person means by "the server's IP": first public one, else the private one.
  std::string primary_ip() const;
  bool operator==(const Server&) const = default;
};

/// GET /servers/{id} and POST /servers answer {"server": {...}}.
struct ServerEnvelope {
  Server server;
  bool operator==(const ServerEnvelope&) const = default;
};
/// GET /servers answers {"servers": [...]}; the total count travels in X-Total-Count.
struct ServerList {
  std::vector<Server> servers;
  bool operator==(const ServerList&) const = default;
};
/// Lets generic list code (paging, zone fan-out) see the collection; decoding and encoding stay
/// hand-written.
template <class V, class S>
requires Of<S, ServerList>
void fields(V& v, S& x) {
  v("servers", x.servers);
}
/// What a table of servers shows of each, read from the same GET /servers answer: the rest of a
/// server (its image's details, volumes, location, security group...) is skipped, not decoded;
/// a big fleet's listing then decodes in about half the time and memory.
struct ServerListItem {
  struct Address {
    std::string address;
    bool operator==(const Address&) const = default;
  };
  std::string id;
  std::string name;
  std::string project;
  std::string zone;
  std::string commercial_type;
  std::optional<ServerSummary> image;  // its id and name
  std::optional<std::string> private_ip;
  std::optional<Address> public_ip;
  std::vector<Address> public_ips;
  ServerState state = ServerState::stopped;
  std::string unknown_state;
  std::string state_detail;
  std::vector<std::string> tags;
  std::vector<std::string> allowed_actions;
  Timestamp creation_date;
  Timestamp modification_date;
  bool is_protected = false;
  bool operator==(const ServerListItem&) const = default;
};
/// A server seen as a table sees it (the same members, copied).
ServerListItem list_item_of(const Server& server);
/// GET /servers read for a table.
struct ServerItemList {
  std::vector<ServerListItem> servers;
  bool operator==(const ServerItemList&) const = default;
};
/// GET /servers/{id}/action answers {"actions": [...]}.
struct ServerActionList {
  std::vector<std::string> actions;
  bool operator==(const ServerActionList&) const = default;
};

std::span<const std::string_view> required_fields(const Server*);
std::span<const std::string_view> required_fields(const ServerEnvelope*);
std::span<const std::string_view> required_fields(const ServerList*);
std::span<const std::string_view> required_fields(const ServerListItem*);
std::span<const std::string_view> required_fields(const ServerItemList*);
std::span<const std::string_view> required_fields(const ServerActionList*);

bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerIp& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerIpv6& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerLocation& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ImageVolume& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerImage& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerSummary& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerVolume& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, SecurityGroupRef& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, PlacementGroupRef& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, PrivateNic& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, Maintenance& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, Server& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerEnvelope& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerList& out);
/// "state": a known state, or unknown with the text kept verbatim.
void read_server_state(Decoder& d, JsonValue v, ServerState& state, std::string& unknown_state);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerListItem::Address& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerListItem& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerItemList& out);
bool decode_field(Decoder& d, std::string_view key, JsonValue v, ServerActionList& out);

Json encode(const ServerIp& v);
Json encode(const ServerIpv6& v);
Json encode(const ServerLocation& v);
Json encode(const ImageVolume& v);
Json encode(const ServerImage& v);
Json encode(const ServerSummary& v);
Json encode(const ServerVolume& v);
Json encode(const SecurityGroupRef& v);
Json encode(const PlacementGroupRef& v);
Json encode(const PrivateNic& v);
Json encode(const Maintenance& v);
Json encode(const Server& v);
Json encode(const ServerEnvelope& v);
Json encode(const ServerList& v);
Json encode(const ServerActionList& v);

}  // namespace metal::model
