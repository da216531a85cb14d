#pragma once
// Typed calls for the Instance v1 API, one per route of api-notes.md (per zone). Each builds the
// real route, sends it through the Transport and hands back decoded models or one ApiError.
// Lists fetch every page (100 a page, the rest concurrently) unless they say otherwise.

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/api_client.hpp"
#include "model/dashboard.hpp"
#include "model/flexible_ip.hpp"
#include "model/image.hpp"
#include "model/placement_group.hpp"
#include "model/security_group.hpp"
#include "model/server.hpp"
#include "model/server_type.hpp"
#include "model/snapshot.hpp"
#include "model/task.hpp"
#include "model/volume.hpp"

namespace metal::api {

/// The filters of GET /servers (api-notes.md, "Lists").
struct ServerListQuery {
  std::string organization;
  std::string project;
  std::string name;  // substring
  std::string state;
  std::string commercial_type;
  std::vector<std::string> tags;
  std::vector<std::string> servers;  // ids
  std::string private_ip;
  std::optional<bool> without_ip;
  std::string order;  // creation_date_desc (API default) | ..._asc | modification_date_*
  int page = 1;
  int per_page = 100;  // the API's maximum
};

/// A page of GET /servers: whole servers, or what a table shows of them (model::ServerListItem).
template <class Item>
struct ServerPageOf {
  std::vector<Item> servers;
  std::int64_t total_count = 0;  // from X-Total-Count
  int page = 1;
};
using ServerPage = ServerPageOf<model::Server>;
using ServerItemPage = ServerPageOf<model::ServerListItem>;

/// A volume of a new server: a new one of a type and size, or an existing one by id.
struct NewServerVolume {
  std::string id;           // an existing volume; or:
  std::string volume_type;  // l_ssd | b_ssd | sbs_volume | scratch
  std::uint64_t size = 0;   // bytes
  std::string name;
};
/// POST /servers.
struct ServerCreate {
  std::string name;
  std::string commercial_type;
  std::string image;  // an image id or a marketplace label ("ubuntu_jammy")
  std::string project;
  std::map<std::string, NewServerVolume> volumes;  // slot ("0", "1", ...) -> volume
  std::vector<std::string> tags;
  std::vector<std::string> public_ips;  // flexible IP ids
  std::optional<bool> dynamic_ip_required;
  std::optional<bool> routed_ip_enabled;
  std::optional<bool> enable_ipv6;
  std::string boot_type;  // local | rescue
  std::string security_group;
  std::string placement_group;
};
/// PATCH /servers/{id}: only what is set changes.
struct ServerUpdate {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> tags;
  std::optional<bool> protected_;  // "protected"
  std::optional<bool> dynamic_ip_required;
  std::optional<bool> enable_ipv6;
  std::optional<std::string> boot_type;
  std::optional<std::string> commercial_type;  // a stopped server can change type
  std::optional<std::string> security_group;   // id
  std::optional<std::string> placement_group;  // id; "" leaves the group
};

/// Name and tags: what PATCH of images, snapshots, volumes, placement groups and NICs takes.
struct Relabel {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> tags;
};

struct VolumeCreate {
  std::string name;
  std::string volume_type = "b_ssd";
  std::uint64_t size = 0;  // bytes; or from a snapshot / base volume
  std::string base_snapshot;
  std::string project;
  std::vector<std::string> tags;
};
struct SnapshotCreate {
  std::string name;
  std::string volume_id;
  std::string volume_type;  // optional: the type of the snapshot
  std::string project;
  std::vector<std::string> tags;
};
struct ImageCreate {
  std::string name;
  std::string root_volume;  // a snapshot id
  std::string arch = "x86_64";
  std::map<std::string, std::string> extra_volumes;  // slot -> snapshot id
  std::string project;
  std::vector<std::string> tags;
  bool public_ = false;
};
struct IpCreate {
  std::string type = "routed_ipv4";  // routed_ipv4 | routed_ipv6
  std::string project;
  std::string server;  // attach at once
  std::vector<std::string> tags;
};
/// PATCH /ips/{id}.
struct IpUpdate {
  std::optional<std::string> reverse;  // "" clears it
  std::optional<std::string> server;   // "" detaches
  std::optional<std::vector<std::string>> tags;
};
struct SecurityGroupCreate {
  std::string name;
  std::string description;
  std::string project;
  std::string inbound_default_policy = "accept";
  std::string outbound_default_policy = "accept";
  bool stateful = true;
  bool project_default = false;
  std::vector<std::string> tags;
};
struct SecurityGroupUpdate {
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> inbound_default_policy;
  std::optional<std::string> outbound_default_policy;
  std::optional<bool> stateful;
  std::optional<bool> project_default;
  std::optional<std::vector<std::string>> tags;
};
/// A rule as written by POST/PUT/PATCH (ids and editability come from the API).
struct RuleSpec {
  std::string protocol = "TCP";  // TCP | UDP | ICMP | ANY
  std::string direction = "inbound";
  std::string action = "accept";
  std::string ip_range = "0.0.0.0/0";
  std::optional<std::int64_t> dest_port_from;
  std::optional<std::int64_t> dest_port_to;
  std::optional<std::int64_t> position;
};
struct PlacementGroupCreate {
  std::string name;
  std::string project;
  std::string policy_mode = "optional";          // optional | enforced
  std::string policy_type = "max_availability";  // max_availability | low_latency
  std::vector<std::string> tags;
};

class InstanceClient : public ApiClient {
 public:
  using ApiClient::ApiClient;

  static std::string zone_base(std::string_view zone);
  static std::string list_servers_target(std::string_view zone, const ServerListQuery& query);

  // ---- servers ----
  /// One page of GET /servers.
  void list_servers(std::string zone, const ServerListQuery& query, Done<ServerPage> done);
  /// Every page of a listing: page 1 first, then the rest, a few at a time, each handed to
  /// `on_page` as it lands so a big fleet appears progressively. `done` runs once at the end
  /// with the total, or with the first error (pages already delivered stay delivered).
  void list_all_servers(std::string zone, ServerListQuery query, Callback<void(ServerPage)> on_page,
                        Done<std::int64_t> done);
  /// The same two, read only for what a table of servers shows (the console's list).
  void list_server_items(std::string zone, const ServerListQuery& query, Done<ServerItemPage> done);
  void list_all_server_items(std::string zone, ServerListQuery query,
                             Callback<void(ServerItemPage)> on_page, Done<std::int64_t> done);
  void get_server(std::string zone, std::string id, Done<model::Server> done);
  void create_server(std::string zone, const ServerCreate& spec, Done<model::Server> done);
  void update_server(std::string zone, std::string id, const ServerUpdate& changes,
                     Done<model::Server> done);
  /// PUT /servers/{id}: writes the whole server back (what PATCH cannot, e.g. volume slots).
  void replace_server(std::string zone, const model::Server& server, Done<model::Server> done);
  void delete_server(std::string zone, std::string id, Done<NoContent> done);
  /// GET /servers/{id}/action: the actions the API would accept now.
  void list_server_actions(std::string zone, std::string id, Done<model::ServerActionList> done);
  /// POST /servers/{id}/action. Never retried on its own: an action is not idempotent.
  /// `backup_name` names the image a backup makes (the API picks one when empty).
  void server_action(std::string zone, std::string id, model::ServerAction action,
                     Done<model::Task> done, std::string backup_name = {});
  void attach_volume(std::string zone, std::string server_id, std::string volume_id,
                     Done<model::Server> done);
  void detach_volume(std::string zone, std::string server_id, std::string volume_id,
                     Done<model::Server> done);

  // ---- user data (text/plain values under keys) ----
  void list_user_data(std::string zone, std::string server_id, Done<model::UserDataKeys> done);
  void get_user_data(std::string zone, std::string server_id, std::string key,
                     Done<std::string> done);
  void set_user_data(std::string zone, std::string server_id, std::string key, std::string value,
                     Done<NoContent> done);
  void delete_user_data(std::string zone, std::string server_id, std::string key,
                        Done<NoContent> done);

  // ---- private NICs ----
  void list_private_nics(std::string zone, std::string server_id, ListQuery query,
                         Done<model::PrivateNicList> done);
  void create_private_nic(std::string zone, std::string server_id, std::string private_network_id,
                          std::vector<std::string> tags, Done<model::PrivateNic> done);
  void get_private_nic(std::string zone, std::string server_id, std::string nic_id,
                       Done<model::PrivateNic> done);
  void update_private_nic(std::string zone, std::string server_id, std::string nic_id,
                          std::vector<std::string> tags, Done<model::PrivateNic> done);
  void delete_private_nic(std::string zone, std::string server_id, std::string nic_id,
                          Done<NoContent> done);

  // ---- images ----
  void list_images(std::string zone, ListQuery query, Done<model::ImageList> done);
  void get_image(std::string zone, std::string id, Done<model::Image> done);
  void create_image(std::string zone, const ImageCreate& spec, Done<model::Image> done);
  void update_image(std::string zone, std::string id, const Relabel& changes,
                    Done<model::Image> done);
  void delete_image(std::string zone, std::string id, Done<NoContent> done);

  // ---- snapshots ----
  void list_snapshots(std::string zone, ListQuery query, Done<model::SnapshotList> done);
  void get_snapshot(std::string zone, std::string id, Done<model::Snapshot> done);
  void create_snapshot(std::string zone, const SnapshotCreate& spec, Done<model::Snapshot> done);
  void update_snapshot(std::string zone, std::string id, const Relabel& changes,
                       Done<model::Snapshot> done);
  void delete_snapshot(std::string zone, std::string id, Done<NoContent> done);

  // ---- volumes ----
  void list_volumes(std::string zone, ListQuery query, Done<model::VolumeList> done);
  void get_volume(std::string zone, std::string id, Done<model::Volume> done);
  void create_volume(std::string zone, const VolumeCreate& spec, Done<model::Volume> done);
  /// Rename, retag, or grow (`size`, bytes; volumes only grow).
  void update_volume(std::string zone, std::string id, const Relabel& changes,
                     std::optional<std::uint64_t> size, Done<model::Volume> done);
  void delete_volume(std::string zone, std::string id, Done<NoContent> done);

  // ---- flexible IPs ----
  void list_ips(std::string zone, ListQuery query, Done<model::FlexibleIpList> done);
  void get_ip(std::string zone, std::string id, Done<model::FlexibleIp> done);
  void create_ip(std::string zone, const IpCreate& spec, Done<model::FlexibleIp> done);
  void update_ip(std::string zone, std::string id, const IpUpdate& changes,
                 Done<model::FlexibleIp> done);
  void delete_ip(std::string zone, std::string id, Done<NoContent> done);

  // ---- security groups and rules ----
  void list_security_groups(std::string zone, ListQuery query, Done<model::SecurityGroupList> done);
  void get_security_group(std::string zone, std::string id, Done<model::SecurityGroup> done);
  void create_security_group(std::string zone, const SecurityGroupCreate& spec,
                             Done<model::SecurityGroup> done);
  void update_security_group(std::string zone, std::string id, const SecurityGroupUpdate& changes,
                             Done<model::SecurityGroup> done);
  /// PUT /security_groups/{id}: the whole group as given.
  void replace_security_group(std::string zone, const model::SecurityGroup& group,
                              Done<model::SecurityGroup> done);
  void delete_security_group(std::string zone, std::string id, Done<NoContent> done);
  void list_security_group_rules(std::string zone, std::string group_id, ListQuery query,
                                 Done<model::SecurityGroupRuleList> done);
  void get_security_group_rule(std::string zone, std::string group_id, std::string rule_id,
                               Done<model::SecurityGroupRule> done);
  void create_security_group_rule(std::string zone, std::string group_id, const RuleSpec& rule,
                                  Done<model::SecurityGroupRule> done);
  /// PUT .../rules: replaces every editable rule of the group at once.
  void set_security_group_rules(std::string zone, std::string group_id,
                                const std::vector<RuleSpec>& rules,
                                Done<model::SecurityGroupRuleList> done);
  void update_security_group_rule(std::string zone, std::string group_id, std::string rule_id,
                                  const RuleSpec& rule, Done<model::SecurityGroupRule> done);
  void delete_security_group_rule(std::string zone, std::string group_id, std::string rule_id,
                                  Done<NoContent> done);

  // ---- placement groups ----
  void list_placement_groups(std::string zone, ListQuery query,
                             Done<model::PlacementGroupList> done);
  void get_placement_group(std::string zone, std::string id, Done<model::PlacementGroup> done);
  void create_placement_group(std::string zone, const PlacementGroupCreate& spec,
                              Done<model::PlacementGroup> done);
  void update_placement_group(std::string zone, std::string id, const Relabel& changes,
                              std::optional<std::string> policy_mode,
                              Done<model::PlacementGroup> done);
  void delete_placement_group(std::string zone, std::string id, Done<NoContent> done);

  // ---- products and the zone's dashboard ----
  /// GET /products/servers, every page merged (the answer is keyed by commercial type).
  void list_server_types(std::string zone, Done<model::ServerTypeList> done);
  void server_type_availability(std::string zone, Done<model::ServerTypeAvailability> done);
  void list_volume_types(std::string zone, Done<model::VolumeTypeList> done);
  void get_dashboard(std::string zone, Done<model::Dashboard> done);

 private:
  std::string resource(std::string_view zone, std::string_view collection,
                       std::string_view id = {}) const;
};

}  // namespace metal::api
