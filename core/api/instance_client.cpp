#include "api/instance_client.hpp"

#include <algorithm>

#include "api/paging.hpp"

namespace metal::api {
namespace {

using model::Json;

// Hands the resource inside an answer's envelope ({"server": {...}} -> Server) to `done`.
template <class Envelope, class T>
Done<Envelope> unwrap(Done<T> done, T Envelope::*member) {
  return [done = std::move(done), member](ApiResult<Envelope> result) {
    if (!result) return done(Unexpected{result.error()});
    done(std::move((*result).*member));
  };
}

Json tags_json(const std::vector<std::string>& tags) {
  Json out = Json::array();
  for (const std::string& tag : tags)
    out.push_back(tag);
  return out;
}

template <class T>
void put_if(Json& body, const char* key, const std::optional<T>& value) {
  if (value) body[key] = *value;
}
void put_if(Json& body, const char* key, const std::optional<std::vector<std::string>>& value) {
  if (value) body[key] = tags_json(*value);
}
void put_if_set(Json& body, const char* key, const std::string& value) {
  if (!value.empty()) body[key] = value;
}

Json relabel_json(const Relabel& changes) {
  Json body = Json::object();
  put_if(body, "name", changes.name);
  put_if(body, "tags", changes.tags);
  return body;
}

Json rule_json(const RuleSpec& rule) {
  Json body{{"protocol", rule.protocol},
            {"direction", rule.direction},
            {"action", rule.action},
            {"ip_range", rule.ip_range}};
  put_if(body, "dest_port_from", rule.dest_port_from);
  put_if(body, "dest_port_to", rule.dest_port_to);
  put_if(body, "position", rule.position);
  return body;
}

Json server_create_json(const ServerCreate& spec) {
  Json body{{"name", spec.name}, {"commercial_type", spec.commercial_type}};
  put_if_set(body, "image", spec.image);
  put_if_set(body, "project", spec.project);
  if (!spec.volumes.empty()) {
    Json volumes = Json::object();
    for (const auto& [slot, volume] : spec.volumes) {
      Json v = Json::object();
      put_if_set(v, "id", volume.id);
      put_if_set(v, "name", volume.name);
      put_if_set(v, "volume_type", volume.volume_type);
      if (volume.size) v["size"] = volume.size;
      volumes[slot] = std::move(v);
    }
    body["volumes"] = std::move(volumes);
  }
  if (!spec.tags.empty()) body["tags"] = tags_json(spec.tags);
  if (!spec.public_ips.empty()) body["public_ips"] = tags_json(spec.public_ips);
  put_if(body, "dynamic_ip_required", spec.dynamic_ip_required);
  put_if(body, "routed_ip_enabled", spec.routed_ip_enabled);
  put_if(body, "enable_ipv6", spec.enable_ipv6);
  put_if_set(body, "boot_type", spec.boot_type);
  put_if_set(body, "security_group", spec.security_group);
  put_if_set(body, "placement_group", spec.placement_group);
  return body;
}

Json server_update_json(const ServerUpdate& changes) {
  Json body = Json::object();
  put_if(body, "name", changes.name);
  put_if(body, "tags", changes.tags);
  put_if(body, "protected", changes.protected_);
  put_if(body, "dynamic_ip_required", changes.dynamic_ip_required);
  put_if(body, "enable_ipv6", changes.enable_ipv6);
  put_if(body, "boot_type", changes.boot_type);
  put_if(body, "commercial_type", changes.commercial_type);
  // References are objects on the wire; an empty id means "none".
  if (changes.security_group) body["security_group"] = Json{{"id", *changes.security_group}};
  if (changes.placement_group)
    body["placement_group"] =
        changes.placement_group->empty() ? Json(nullptr) : Json(*changes.placement_group);
  return body;
}

}  // namespace

std::string InstanceClient::zone_base(std::string_view zone) {
  return "/instance/v1/zones/" + url_encode(zone);
}

std::string InstanceClient::resource(std::string_view zone, std::string_view collection,
                                     std::string_view id) const {
  std::string path = zone_base(zone) + "/" + std::string(collection);
  if (!id.empty()) path += "/" + url_encode(id);
  return path;
}

// ---- servers ----------------------------------------------------------------------------------

std::string InstanceClient::list_servers_target(std::string_view zone,
                                                const ServerListQuery& query) {
  return zone_base(zone) + "/servers" +
         build_query(
             {{"organization", query.organization},
              {"project", query.project},
              {"name", query.name},
              {"state", query.state},
              {"commercial_type", query.commercial_type},
              {"tags", join_comma(query.tags)},
              {"servers", join_comma(query.servers)},
              {"private_ip", query.private_ip},
              {"without_ip", query.without_ip ? (*query.without_ip ? "true" : "false") : ""},
              {"order", query.order},
              {"page", std::to_string(query.page)},
              {"per_page", std::to_string(query.per_page)}});
}

namespace {

// One page of GET /servers, decoded as `List` (whole servers or table items).
template <class List, class Page>
void list_servers_as(InstanceClient& client, const std::string& target, int page, Done<Page> done) {
  client.send(client.make_request(Method::get, target),
              [page, described = "GET " + target.substr(0, target.find('?')),
               done = std::move(done)](ApiResult<Response> result) {
                if (!result) return done(Unexpected{result.error()});
                auto list = model::decode_body<List>(result->body);
                if (!list)
                  return done(Unexpected{error_from_decode(described, list.error().to_string())});
                Page out;
                out.total_count =
                    total_from_headers(*result, static_cast<std::int64_t>(list->servers.size()));
                out.servers = std::move(list->servers);
                out.page = page;
                done(std::move(out));
              });
}

// Every page of a listing through `list_page` (one of the two above), handed to `on_page`.
template <class Page, class ListPage>
void list_all_servers_as(ListPage list_page, ServerListQuery query, Callback<void(Page)> on_page,
                         Done<std::int64_t> done) {
  auto shared_on_page = std::make_shared<Callback<void(Page)>>(std::move(on_page));
  const int per_page = query.per_page;
  run_pages(
      per_page,
      [list_page = std::move(list_page), query = std::move(query), shared_on_page](
          int page, Callback<void(ApiResult<PageLanded>)> landed) {
        ServerListQuery page_query = query;
        page_query.page = page;
        list_page(page_query, [shared_on_page, landed = std::move(landed)](ApiResult<Page> result) {
          if (!result) return landed(Unexpected{result.error()});
          const PageLanded what{result->total_count,
                                static_cast<std::int64_t>(result->servers.size())};
          (*shared_on_page)(std::move(result).value());
          landed(what);
        });
      },
      std::move(done));
}

}  // namespace

void InstanceClient::list_servers(std::string zone, const ServerListQuery& query,
                                  Done<ServerPage> done) {
  list_servers_as<model::ServerList>(*this, list_servers_target(zone, query), query.page,
                                     std::move(done));
}

void InstanceClient::list_server_items(std::string zone, const ServerListQuery& query,
                                       Done<ServerItemPage> done) {
  list_servers_as<model::ServerItemList>(*this, list_servers_target(zone, query), query.page,
                                         std::move(done));
}

void InstanceClient::list_all_servers(std::string zone, ServerListQuery query,
                                      Callback<void(ServerPage)> on_page, Done<std::int64_t> done) {
  list_all_servers_as<ServerPage>(
      [this, zone = std::move(zone)](const ServerListQuery& q, Done<ServerPage> landed) {
        list_servers(zone, q, std::move(landed));
      },
      std::move(query), std::move(on_page), std::move(done));
}

void InstanceClient::list_all_server_items(std::string zone, ServerListQuery query,
                                           Callback<void(ServerItemPage)> on_page,
                                           Done<std::int64_t> done) {
  list_all_servers_as<ServerItemPage>(
      [this, zone = std::move(zone)](const ServerListQuery& q, Done<ServerItemPage> landed) {
        list_server_items(zone, q, std::move(landed));
      },
      std::move(query), std::move(on_page), std::move(done));
}

void InstanceClient::get_server(std::string zone, std::string id, Done<model::Server> done) {
  get<model::ServerEnvelope>(resource(zone, "servers", id),
                             unwrap(std::move(done), &model::ServerEnvelope::server));
}

void InstanceClient::create_server(std::string zone, const ServerCreate& spec,
                                   Done<model::Server> done) {
  write<model::ServerEnvelope>(Method::post, resource(zone, "servers"), server_create_json(spec),
                               unwrap(std::move(done), &model::ServerEnvelope::server));
}

void InstanceClient::update_server(std::string zone, std::string id, const ServerUpdate& changes,
                                   Done<model::Server> done) {
  write<model::ServerEnvelope>(Method::patch, resource(zone, "servers", id),
                               server_update_json(changes),
                               unwrap(std::move(done), &model::ServerEnvelope::server));
}

void InstanceClient::replace_server(std::string zone, const model::Server& server,
                                    Done<model::Server> done) {
  write<model::ServerEnvelope>(Method::put, resource(zone, "servers", server.id),
                               model::to_json(server),
                               unwrap(std::move(done), &model::ServerEnvelope::server));
}

void InstanceClient::delete_server(std::string zone, std::string id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "servers", id)), std::move(done));
}

void InstanceClient::list_server_actions(std::string zone, std::string id,
                                         Done<model::ServerActionList> done) {
  get<model::ServerActionList>(resource(zone, "servers", id) + "/action", std::move(done));
}

void InstanceClient::server_action(std::string zone, std::string id, model::ServerAction action,
                                   Done<model::Task> done, std::string backup_name) {
  Json body{{"action", std::string(model::to_string(action))}};
  if (action == model::ServerAction::backup && !backup_name.empty()) body["name"] = backup_name;
  write<model::TaskEnvelope>(Method::post, resource(zone, "servers", id) + "/action", body,
                             unwrap(std::move(done), &model::TaskEnvelope::task));
}

void InstanceClient::attach_volume(std::string zone, std::string server_id, std::string volume_id,
                                   Done<model::Server> done) {
  write<model::ServerEnvelope>(
      Method::post, resource(zone, "servers", server_id) + "/attach-volume",
      Json{{"volume_id", volume_id}}, unwrap(std::move(done), &model::ServerEnvelope::server));
}

void InstanceClient::detach_volume(std::string zone, std::string server_id, std::string volume_id,
                                   Done<model::Server> done) {
  write<model::ServerEnvelope>(
      Method::post, resource(zone, "servers", server_id) + "/detach-volume",
      Json{{"volume_id", volume_id}}, unwrap(std::move(done), &model::ServerEnvelope::server));
}

// ---- user data --------------------------------------------------------------------------------

void InstanceClient::list_user_data(std::string zone, std::string server_id,
                                    Done<model::UserDataKeys> done) {
  get<model::UserDataKeys>(resource(zone, "servers", server_id) + "/user_data", std::move(done));
}

void InstanceClient::get_user_data(std::string zone, std::string server_id, std::string key,
                                   Done<std::string> done) {
  call_text(make_request(Method::get,
                         resource(zone, "servers", server_id) + "/user_data/" + url_encode(key)),
            std::move(done));
}

void InstanceClient::set_user_data(std::string zone, std::string server_id, std::string key,
                                   std::string value, Done<NoContent> done) {
  call_no_content(
      make_request(Method::patch,
                   resource(zone, "servers", server_id) + "/user_data/" + url_encode(key),
                   std::move(value), "text/plain"),
      std::move(done));
}

void InstanceClient::delete_user_data(std::string zone, std::string server_id, std::string key,
                                      Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "servers", server_id) + "/user_data/" +
                                                url_encode(key)),
                  std::move(done));
}

// ---- private NICs -----------------------------------------------------------------------------

void InstanceClient::list_private_nics(std::string zone, std::string server_id, ListQuery query,
                                       Done<model::PrivateNicList> done) {
  list_all<model::PrivateNicList>(*this, resource(zone, "servers", server_id) + "/private_nics",
                                  std::move(query), std::move(done));
}

void InstanceClient::create_private_nic(std::string zone, std::string server_id,
                                        std::string private_network_id,
                                        std::vector<std::string> tags,
                                        Done<model::PrivateNic> done) {
  Json body{{"private_network_id", private_network_id}};
  if (!tags.empty()) body["tags"] = tags_json(tags);
  write<model::PrivateNicEnvelope>(
      Method::post, resource(zone, "servers", server_id) + "/private_nics", body,
      unwrap(std::move(done), &model::PrivateNicEnvelope::private_nic));
}

void InstanceClient::get_private_nic(std::string zone, std::string server_id, std::string nic_id,
                                     Done<model::PrivateNic> done) {
  get<model::PrivateNicEnvelope>(
      resource(zone, "servers", server_id) + "/private_nics/" + url_encode(nic_id),
      unwrap(std::move(done), &model::PrivateNicEnvelope::private_nic));
}

void InstanceClient::update_private_nic(std::string zone, std::string server_id, std::string nic_id,
                                        std::vector<std::string> tags,
                                        Done<model::PrivateNic> done) {
  write<model::PrivateNicEnvelope>(
      Method::patch, resource(zone, "servers", server_id) + "/private_nics/" + url_encode(nic_id),
      Json{{"tags", tags_json(tags)}},
      unwrap(std::move(done), &model::PrivateNicEnvelope::private_nic));
}

void InstanceClient::delete_private_nic(std::string zone, std::string server_id, std::string nic_id,
                                        Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "servers", server_id) +
                                                "/private_nics/" + url_encode(nic_id)),
                  std::move(done));
}

// ---- images -----------------------------------------------------------------------------------

void InstanceClient::list_images(std::string zone, ListQuery query, Done<model::ImageList> done) {
  list_all<model::ImageList>(*this, resource(zone, "images"), std::move(query), std::move(done));
}

void InstanceClient::get_image(std::string zone, std::string id, Done<model::Image> done) {
  get<model::ImageEnvelope>(resource(zone, "images", id),
                            unwrap(std::move(done), &model::ImageEnvelope::image));
}

void InstanceClient::create_image(std::string zone, const ImageCreate& spec,
                                  Done<model::Image> done) {
  Json body{{"name", spec.name}, {"root_volume", spec.root_volume}, {"arch", spec.arch}};
  if (!spec.extra_volumes.empty()) {
    Json extra = Json::object();
    for (const auto& [slot, snapshot] : spec.extra_volumes)
      extra[slot] = Json{{"id", snapshot}};
    body["extra_volumes"] = std::move(extra);
  }
  put_if_set(body, "project", spec.project);
  if (!spec.tags.empty()) body["tags"] = tags_json(spec.tags);
  if (spec.public_) body["public"] = true;
  write<model::ImageEnvelope>(Method::post, resource(zone, "images"), body,
                              unwrap(std::move(done), &model::ImageEnvelope::image));
}

void InstanceClient::update_image(std::string zone, std::string id, const Relabel& changes,
                                  Done<model::Image> done) {
  write<model::ImageEnvelope>(Method::patch, resource(zone, "images", id), relabel_json(changes),
                              unwrap(std::move(done), &model::ImageEnvelope::image));
}

void InstanceClient::delete_image(std::string zone, std::string id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "images", id)), std::move(done));
}

// ---- snapshots --------------------------------------------------------------------------------

void InstanceClient::list_snapshots(std::string zone, ListQuery query,
                                    Done<model::SnapshotList> done) {
  list_all<model::SnapshotList>(*this, resource(zone, "snapshots"), std::move(query),
                                std::move(done));
}

void InstanceClient::get_snapshot(std::string zone, std::string id, Done<model::Snapshot> done) {
  get<model::SnapshotEnvelope>(resource(zone, "snapshots", id),
                               unwrap(std::move(done), &model::SnapshotEnvelope::snapshot));
}

void InstanceClient::create_snapshot(std::string zone, const SnapshotCreate& spec,
                                     Done<model::Snapshot> done) {
  Json body{{"name", spec.name}, {"volume_id", spec.volume_id}};
  put_if_set(body, "volume_type", spec.volume_type);
  put_if_set(body, "project", spec.project);
  if (!spec.tags.empty()) body["tags"] = tags_json(spec.tags);
  write<model::SnapshotEnvelope>(Method::post, resource(zone, "snapshots"), body,
                                 unwrap(std::move(done), &model::SnapshotEnvelope::snapshot));
}

void InstanceClient::update_snapshot(std::string zone, std::string id, const Relabel& changes,
                                     Done<model::Snapshot> done) {
  write<model::SnapshotEnvelope>(Method::patch, resource(zone, "snapshots", id),
                                 relabel_json(changes),
                                 unwrap(std::move(done), &model::SnapshotEnvelope::snapshot));
}

void InstanceClient::delete_snapshot(std::string zone, std::string id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "snapshots", id)), std::move(done));
}

// ---- volumes ----------------------------------------------------------------------------------

void InstanceClient::list_volumes(std::string zone, ListQuery query, Done<model::VolumeList> done) {
  list_all<model::VolumeList>(*this, resource(zone, "volumes"), std::move(query), std::move(done));
}

void InstanceClient::get_volume(std::string zone, std::string id, Done<model::Volume> done) {
  get<model::VolumeEnvelope>(resource(zone, "volumes", id),
                             unwrap(std::move(done), &model::VolumeEnvelope::volume));
}

void InstanceClient::create_volume(std::string zone, const VolumeCreate& spec,
                                   Done<model::Volume> done) {
  Json body{{"name", spec.name}, {"volume_type", spec.volume_type}};
  if (spec.size) body["size"] = spec.size;
  put_if_set(body, "base_snapshot", spec.base_snapshot);
  put_if_set(body, "project", spec.project);
  if (!spec.tags.empty()) body["tags"] = tags_json(spec.tags);
  write<model::VolumeEnvelope>(Method::post, resource(zone, "volumes"), body,
                               unwrap(std::move(done), &model::VolumeEnvelope::volume));
}

void InstanceClient::update_volume(std::string zone, std::string id, const Relabel& changes,
                                   std::optional<std::uint64_t> size, Done<model::Volume> done) {
  Json body = relabel_json(changes);
  put_if(body, "size", size);
  write<model::VolumeEnvelope>(Method::patch, resource(zone, "volumes", id), body,
                               unwrap(std::move(done), &model::VolumeEnvelope::volume));
}

void InstanceClient::delete_volume(std::string zone, std::string id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "volumes", id)), std::move(done));
}

// ---- flexible IPs -----------------------------------------------------------------------------

void InstanceClient::list_ips(std::string zone, ListQuery query, Done<model::FlexibleIpList> done) {
  list_all<model::FlexibleIpList>(*this, resource(zone, "ips"), std::move(query), std::move(done));
}

void InstanceClient::get_ip(std::string zone, std::string id, Done<model::FlexibleIp> done) {
  get<model::FlexibleIpEnvelope>(resource(zone, "ips", id),
                                 unwrap(std::move(done), &model::FlexibleIpEnvelope::ip));
}

void InstanceClient::create_ip(std::string zone, const IpCreate& spec,
                               Done<model::FlexibleIp> done) {
  Json body{{"type", spec.type}};
  put_if_set(body, "project", spec.project);
  put_if_set(body, "server", spec.server);
  if (!spec.tags.empty()) body["tags"] = tags_json(spec.tags);
  write<model::FlexibleIpEnvelope>(Method::post, resource(zone, "ips"), body,
                                   unwrap(std::move(done), &model::FlexibleIpEnvelope::ip));
}

void InstanceClient::update_ip(std::string zone, std::string id, const IpUpdate& changes,
                               Done<model::FlexibleIp> done) {
  Json body = Json::object();
  // The API takes null to clear a reverse or detach a server.
  if (changes.reverse)
    body["reverse"] = changes.reverse->empty() ? Json(nullptr) : Json(*changes.reverse);
  if (changes.server)
    body["server"] = changes.server->empty() ? Json(nullptr) : Json(*changes.server);
  put_if(body, "tags", changes.tags);
  write<model::FlexibleIpEnvelope>(Method::patch, resource(zone, "ips", id), body,
                                   unwrap(std::move(done), &model::FlexibleIpEnvelope::ip));
}

void InstanceClient::delete_ip(std::string zone, std::string id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "ips", id)), std::move(done));
}

// ---- security groups --------------------------------------------------------------------------

void InstanceClient::list_security_groups(std::string zone, ListQuery query,
                                          Done<model::SecurityGroupList> done) {
  list_all<model::SecurityGroupList>(*this, resource(zone, "security_groups"), std::move(query),
                                     std::move(done));
}

void InstanceClient::get_security_group(std::string zone, std::string id,
                                        Done<model::SecurityGroup> done) {
  get<model::SecurityGroupEnvelope>(
      resource(zone, "security_groups", id),
      unwrap(std::move(done), &model::SecurityGroupEnvelope::security_group));
}

void InstanceClient::create_security_group(std::string zone, const SecurityGroupCreate& spec,
                                           Done<model::SecurityGroup> done) {
  Json body{{"name", spec.name},
            {"inbound_default_policy", spec.inbound_default_policy},
            {"outbound_default_policy", spec.outbound_default_policy},
            {"stateful", spec.stateful}};
  put_if_set(body, "description", spec.description);
  put_if_set(body, "project", spec.project);
  if (spec.project_default) body["project_default"] = true;
  if (!spec.tags.empty()) body["tags"] = tags_json(spec.tags);
  write<model::SecurityGroupEnvelope>(
      Method::post, resource(zone, "security_groups"), body,
      unwrap(std::move(done), &model::SecurityGroupEnvelope::security_group));
}

void InstanceClient::update_security_group(std::string zone, std::string id,
                                           const SecurityGroupUpdate& changes,
                                           Done<model::SecurityGroup> done) {
  Json body = Json::object();
  put_if(body, "name", changes.name);
  put_if(body, "description", changes.description);
  put_if(body, "inbound_default_policy", changes.inbound_default_policy);
  put_if(body, "outbound_default_policy", changes.outbound_default_policy);
  put_if(body, "stateful", changes.stateful);
  put_if(body, "project_default", changes.project_default);
  put_if(body, "tags", changes.tags);
  write<model::SecurityGroupEnvelope>(
      Method::patch, resource(zone, "security_groups", id), body,
      unwrap(std::move(done), &model::SecurityGroupEnvelope::security_group));
}

void InstanceClient::replace_security_group(std::string zone, const model::SecurityGroup& group,
                                            Done<model::SecurityGroup> done) {
  write<model::SecurityGroupEnvelope>(
      Method::put, resource(zone, "security_groups", group.id), model::to_json(group),
      unwrap(std::move(done), &model::SecurityGroupEnvelope::security_group));
}

void InstanceClient::delete_security_group(std::string zone, std::string id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "security_groups", id)),
                  std::move(done));
}

void InstanceClient::list_security_group_rules(std::string zone, std::string group_id,
                                               ListQuery query,
                                               Done<model::SecurityGroupRuleList> done) {
  list_all<model::SecurityGroupRuleList>(*this,
                                         resource(zone, "security_groups", group_id) + "/rules",
                                         std::move(query), std::move(done));
}

void InstanceClient::get_security_group_rule(std::string zone, std::string group_id,
                                             std::string rule_id,
                                             Done<model::SecurityGroupRule> done) {
  get<model::SecurityGroupRuleEnvelope>(
      resource(zone, "security_groups", group_id) + "/rules/" + url_encode(rule_id),
      unwrap(std::move(done), &model::SecurityGroupRuleEnvelope::rule));
}

void InstanceClient::create_security_group_rule(std::string zone, std::string group_id,
                                                const RuleSpec& rule,
                                                Done<model::SecurityGroupRule> done) {
  write<model::SecurityGroupRuleEnvelope>(
      Method::post, resource(zone, "security_groups", group_id) + "/rules", rule_json(rule),
      unwrap(std::move(done), &model::SecurityGroupRuleEnvelope::rule));
}

void InstanceClient::set_security_group_rules(std::string zone, std::string group_id,
                                              const std::vector<RuleSpec>& rules,
                                              Done<model::SecurityGroupRuleList> done) {
  Json list = Json::array();
  for (const RuleSpec& rule : rules)
    list.push_back(rule_json(rule));
  write<model::SecurityGroupRuleList>(Method::put,
                                      resource(zone, "security_groups", group_id) + "/rules",
                                      Json{{"rules", std::move(list)}}, std::move(done));
}

void InstanceClient::update_security_group_rule(std::string zone, std::string group_id,
                                                std::string rule_id, const RuleSpec& rule,
                                                Done<model::SecurityGroupRule> done) {
  write<model::SecurityGroupRuleEnvelope>(
      Method::patch, resource(zone, "security_groups", group_id) + "/rules/" + url_encode(rule_id),
      rule_json(rule), unwrap(std::move(done), &model::SecurityGroupRuleEnvelope::rule));
}

void InstanceClient::delete_security_group_rule(std::string zone, std::string group_id,
                                                std::string rule_id, Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "security_groups", group_id) +
                                                "/rules/" + url_encode(rule_id)),
                  std::move(done));
}

// ---- placement groups -------------------------------------------------------------------------

void InstanceClient::list_placement_groups(std::string zone, ListQuery query,
                                           Done<model::PlacementGroupList> done) {
  list_all<model::PlacementGroupList>(*this, resource(zone, "placement_groups"), std::move(query),
                                      std::move(done));
}

void InstanceClient::get_placement_group(std::string zone, std::string id,
                                         Done<model::PlacementGroup> done) {
  get<model::PlacementGroupEnvelope>(
      resource(zone, "placement_groups", id),
      unwrap(std::move(done), &model::PlacementGroupEnvelope::placement_group));
}

void InstanceClient::create_placement_group(std::string zone, const PlacementGroupCreate& spec,
                                            Done<model::PlacementGroup> done) {
  Json body{
      {"name", spec.name}, {"policy_mode", spec.policy_mode}, {"policy_type", spec.policy_type}};
  put_if_set(body, "project", spec.project);
  if (!spec.tags.empty()) body["tags"] = tags_json(spec.tags);
  write<model::PlacementGroupEnvelope>(
      Method::post, resource(zone, "placement_groups"), body,
      unwrap(std::move(done), &model::PlacementGroupEnvelope::placement_group));
}

void InstanceClient::update_placement_group(std::string zone, std::string id,
                                            const Relabel& changes,
                                            std::optional<std::string> policy_mode,
                                            Done<model::PlacementGroup> done) {
  Json body = relabel_json(changes);
  put_if(body, "policy_mode", policy_mode);
  write<model::PlacementGroupEnvelope>(
      Method::patch, resource(zone, "placement_groups", id), body,
      unwrap(std::move(done), &model::PlacementGroupEnvelope::placement_group));
}

void InstanceClient::delete_placement_group(std::string zone, std::string id,
                                            Done<NoContent> done) {
  call_no_content(make_request(Method::del, resource(zone, "placement_groups", id)),
                  std::move(done));
}

// ---- products and dashboard -------------------------------------------------------------------

void InstanceClient::list_server_types(std::string zone, Done<model::ServerTypeList> done) {
  // The API pages this keyed answer by 50 at most.
  ListQuery query;
  query.per_page = 50;
  list_all<model::ServerTypeList>(*this, resource(zone, "products/servers"), std::move(query),
                                  std::move(done));
}

void InstanceClient::server_type_availability(std::string zone,
                                              Done<model::ServerTypeAvailability> done) {
  ListQuery query;
  query.per_page = 50;
  list_all<model::ServerTypeAvailability>(*this, resource(zone, "products/servers/availability"),
                                          std::move(query), std::move(done));
}

void InstanceClient::list_volume_types(std::string zone, Done<model::VolumeTypeList> done) {
  get<model::VolumeTypeList>(resource(zone, "products/volumes"), std::move(done));
}

void InstanceClient::get_dashboard(std::string zone, Done<model::Dashboard> done) {
  get<model::DashboardEnvelope>(resource(zone, "dashboard"),
                                unwrap(std::move(done), &model::DashboardEnvelope::dashboard));
}

}  // namespace metal::api
