// The Instance routes beside servers, as the simulated cloud answers them: volumes, snapshots,
// images, flexible IPs, security groups and rules, placement groups, and the server sub-routes
// (attach/detach volume, user data, private NICs). Lists page and filter alike; another
// organization's row does not exist as far as a key can tell.

#include <algorithm>
#include <map>

#include "model/json_decode.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"
#include "sim/catalog.hpp"
#include "sim/route_table.hpp"

namespace metal::sim {

using api::Method;
using api::Request;
using api::Response;
using model::Json;

namespace {

// ---- request bodies ------------------------------------------------------------------------

struct VolumeBody {
  std::optional<std::string> name, volume_type, base_snapshot, project, volume_id;
  std::optional<std::uint64_t> size;
  std::optional<std::vector<std::string>> tags;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, VolumeBody& out) {
  return model::take(d, key, "name", v, out.name) ||
         model::take(d, key, "volume_type", v, out.volume_type) ||
         model::take(d, key, "base_snapshot", v, out.base_snapshot) ||
         model::take(d, key, "project", v, out.project) ||
         model::take(d, key, "volume_id", v, out.volume_id) ||
         model::take(d, key, "size", v, out.size) || model::take(d, key, "tags", v, out.tags);
}

struct IdBody {  // {"id": ...}: a reference as bodies write them
  std::optional<std::string> id;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, IdBody& out) {
  return model::take(d, key, "id", v, out.id);
}

struct ImageBody {
  std::optional<std::string> name, root_volume, arch, project;
  std::optional<std::map<std::string, IdBody>> extra_volumes;  // slot -> snapshot
  std::optional<std::vector<std::string>> tags;
  std::optional<bool> is_public;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, ImageBody& out) {
  return model::take(d, key, "name", v, out.name) ||
         model::take(d, key, "root_volume", v, out.root_volume) ||
         model::take(d, key, "arch", v, out.arch) ||
         model::take(d, key, "project", v, out.project) ||
         model::take(d, key, "extra_volumes", v, out.extra_volumes) ||
         model::take(d, key, "tags", v, out.tags) ||
         model::take(d, key, "public", v, out.is_public);
}

struct IpBody {
  std::optional<std::string> type, project;
  model::Nullable<std::string> server, reverse;  // null detaches, clears
  std::optional<std::vector<std::string>> tags;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, IpBody& out) {
  return model::take(d, key, "type", v, out.type) ||
         model::take(d, key, "project", v, out.project) ||
         model::take(d, key, "server", v, out.server) ||
         model::take(d, key, "reverse", v, out.reverse) || model::take(d, key, "tags", v, out.tags);
}

struct GroupBody {
  std::optional<std::string> name, description, project, inbound_default_policy,
      outbound_default_policy, policy_mode, policy_type;
  std::optional<bool> stateful, project_default;
  std::optional<std::vector<std::string>> tags;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, GroupBody& out) {
  return model::take(d, key, "name", v, out.name) ||
         model::take(d, key, "description", v, out.description) ||
         model::take(d, key, "project", v, out.project) ||
         model::take(d, key, "inbound_default_policy", v, out.inbound_default_policy) ||
         model::take(d, key, "outbound_default_policy", v, out.outbound_default_policy) ||
         model::take(d, key, "policy_mode", v, out.policy_mode) ||
         model::take(d, key, "policy_type", v, out.policy_type) ||
         model::take(d, key, "stateful", v, out.stateful) ||
         model::take(d, key, "project_default", v, out.project_default) ||
         model::take(d, key, "tags", v, out.tags);
}

struct RuleBody {
  std::optional<std::string> protocol, direction, action, ip_range;
  model::Nullable<std::string> dest_ip_range;
  model::Nullable<std::int64_t> dest_port_from, dest_port_to;
  std::optional<std::int64_t> position;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, RuleBody& out) {
  return model::take(d, key, "protocol", v, out.protocol) ||
         model::take(d, key, "direction", v, out.direction) ||
         model::take(d, key, "action", v, out.action) ||
         model::take(d, key, "ip_range", v, out.ip_range) ||
         model::take(d, key, "dest_ip_range", v, out.dest_ip_range) ||
         model::take(d, key, "dest_port_from", v, out.dest_port_from) ||
         model::take(d, key, "dest_port_to", v, out.dest_port_to) ||
         model::take(d, key, "position", v, out.position);
}
struct RulesBody {
  std::optional<std::vector<RuleBody>> rules;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, RulesBody& out) {
  return model::take(d, key, "rules", v, out.rules);
}

struct NicBody {
  std::optional<std::string> private_network_id;
  std::optional<std::vector<std::string>> tags;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, NicBody& out) {
  return model::take(d, key, "private_network_id", v, out.private_network_id) ||
         model::take(d, key, "tags", v, out.tags);
}

/// What a nullable field says, as the world takes it: absent, or set (to a value or to nothing).
template <class T>
std::optional<std::optional<T>> change_of(const model::Nullable<T>& field) {
  if (!field.present) return std::nullopt;
  return field.value;
}

RuleChanges to_changes(const RuleBody& body) {
  RuleChanges out;
  out.protocol = body.protocol;
  out.direction = body.direction;
  out.action = body.action;
  out.ip_range = body.ip_range;
  out.position = body.position;
  out.dest_ip_range = change_of(body.dest_ip_range);
  out.dest_port_from = change_of(body.dest_port_from);
  out.dest_port_to = change_of(body.dest_port_to);
  return out;
}

// ---- lists ---------------------------------------------------------------------------------

struct ListQuery {
  int page = 1;
  int per_page = kDefaultPerPage;
  std::string name, project, organization;
  std::vector<std::string> tags;
  std::vector<std::pair<std::string, std::string>> others;
  std::string_view other(std::string_view key) const {
    for (const auto& [k, v] : others)
      if (k == key) return v;
    return {};
  }
};

std::optional<Response> read_list_query(const Request& request, ListQuery& q) {
  std::optional<Response> refused;
  for (const auto& [name, value] : api::parse_query(request.query())) {
    if (read_paging_param(name, value, "per_page", q.page, q.per_page, refused)) {
      if (refused) return refused;
    } else if (name == "name") {
      q.name = value;
    } else if (name == "project") {
      q.project = value;
    } else if (name == "organization") {
      q.organization = value;
    } else if (name == "tags") {
      q.tags = split_list(value);
    } else {
      q.others.emplace_back(name, value);
    }
  }
  return std::nullopt;
}

template <class Row>
bool matches(const Row& row, const ListQuery& q) {
  if constexpr (requires { row.name; }) {
    if (!q.name.empty() && row.name.find(q.name) == std::string::npos) return false;
  } else {
    if (!q.name.empty() && row.address.find(q.name) == std::string::npos) return false;
  }
  if (!q.project.empty() && row.project != q.project) return false;
  if (!q.organization.empty() && row.organization != q.organization) return false;
  for (const std::string& tag : q.tags)
    if (std::find(row.tags.begin(), row.tags.end(), tag) == row.tags.end()) return false;
  return true;
}

/// One page of rows already filtered, newest first, as {member: [...]} with the paging headers.
template <class Row>
Response page_of(const std::vector<Row>& rows, const char* member, std::string_view resource,
                 const ListQuery& q) {
  const auto total = static_cast<std::int64_t>(rows.size());
  Json items = Json::array();
  const std::int64_t first = static_cast<std::int64_t>(q.page - 1) * q.per_page;
  for (std::int64_t i = first; i < std::min(total, first + q.per_page); ++i)
    items.push_back(model::encode(rows[static_cast<std::size_t>(i)]));
  Response r = json_response(200, Json{{member, std::move(items)}});
  r.headers.emplace_back("X-Total-Count", std::to_string(total));
  r.headers.emplace_back("Link", link_header(resource, q.page, q.per_page, total));
  return r;
}

Response created(const char* member, Json row, std::string_view zone, std::string_view collection,
                 const std::string& id) {
  Response r = json_response(201, Json{{member, std::move(row)}});
  r.headers.emplace_back("Location", "/instance/v1/zones/" + std::string(zone) + "/" +
                                         std::string(collection) + "/" + id);
  return r;
}

Response no_content() {
  Response r;
  r.status = 204;
  return r;
}

std::vector<std::string> tags_or_empty(const std::optional<std::vector<std::string>>& tags) {
  return tags.value_or(std::vector<std::string>{});
}

/// Which collection a path names, with the API's resource name for its errors.
struct CollectionInfo {
  std::string_view path;
  Collection collection;
  const char* resource;
  const char* member;  // the list's key
  const char* one;     // a single row's key
};
constexpr CollectionInfo kCollections[] = {
    {"volumes", Collection::volumes, "instance_volume", "volumes", "volume"},
    {"snapshots", Collection::snapshots, "instance_snapshot", "snapshots", "snapshot"},
    {"images", Collection::images, "instance_image", "images", "image"},
    {"ips", Collection::ips, "instance_ip", "ips", "ip"},
    {"security_groups", Collection::security_groups, "instance_security_group", "security_groups",
     "security_group"},
    {"placement_groups", Collection::placement_groups, "instance_placement_group",
     "placement_groups", "placement_group"},
};

/// GET of a collection: the caller's rows of the zone, filtered, newest first, a page of them.
Response list_in(const RouteCall& call, const CollectionInfo& info) {
  const Request& request = call.request;
  const ApiKey& key = *call.key;
  const std::string_view zone = call.param("zone");
  const bool admin = key.role == KeyRole::admin;
  const auto visible = [&](const auto& row) {
    return admin || row.organization == key.organization_id;
  };
  const Inventory& inv = call.world.inventory();
  const std::string resource_path = "/" + std::string(info.path);
  ListQuery q;
  if (auto refused = read_list_query(request, q)) return *refused;
  auto collect = [&](const auto& table, auto&& extra) {
    using Row = std::decay_t<decltype(*table.find(""))>;
    std::vector<Row> rows;
    table.for_each_newest([&](const Row& row) {
      if (row.zone == zone && visible(row) && matches(row, q) && extra(row)) rows.push_back(row);
    });
    return rows;
  };
  const auto any = [](const auto&) { return true; };
  switch (info.collection) {
    case Collection::volumes: {
      std::vector<model::Volume> rows;
      const std::string_view type = q.other("volume_type");
      for (model::Volume& v : call.world.zone_volumes(zone, admin ? "" : key.organization_id))
        if (matches(v, q) && (type.empty() || v.volume_type == type)) rows.push_back(std::move(v));
      return page_of(rows, info.member, resource_path, q);
    }
    case Collection::snapshots: {
      const std::string_view base = q.other("base_volume_id");
      return page_of(collect(inv.snapshots,
                             [&](const model::Snapshot& s) {
                               return base.empty() || (s.base_volume && s.base_volume->id == base);
                             }),
                     info.member, resource_path, q);
    }
    case Collection::images: {
      const std::string_view is_public = q.other("public");
      const std::string_view arch = q.other("arch");
      if (!is_public.empty() && is_public != "true" && is_public != "false")
        return invalid_argument("public", "constraint", "true or false");
      std::vector<model::Image> rows;
      if (is_public != "true")
        rows = collect(inv.images,
                       [&](const model::Image& i) { return arch.empty() || i.arch == arch; });
      if (is_public != "false")
        for (model::Image& i : Inventory::public_zone_images(zone))
          if ((arch.empty() || i.arch == arch) &&
              (q.name.empty() || i.name.find(q.name) != std::string::npos) && q.tags.empty())
            rows.push_back(std::move(i));
      return page_of(rows, info.member, resource_path, q);
    }
    case Collection::ips: {
      const std::string_view type = q.other("type");
      return page_of(
          collect(inv.ips,
                  [&](const model::FlexibleIp& ip) { return type.empty() || ip.type == type; }),
          info.member, resource_path, q);
    }
    case Collection::security_groups: {
      std::vector<model::SecurityGroup> rows;
      for (const model::SecurityGroup& g : collect(inv.security_groups, any))
        rows.push_back(call.world.with_servers(g));
      return page_of(rows, info.member, resource_path, q);
    }
    case Collection::placement_groups:
      return page_of(collect(inv.placement_groups, any), info.member, resource_path, q);
  }
  return no_route(call.request);
}

/// Whether the caller's key sees row {id} of the collection in {zone}: another organization's row
/// does not exist, as far as a key can tell.
bool sees_row(const RouteCall& call, Collection collection) {
  const std::string_view zone = call.param("zone");
  const std::string_view id = call.param("id");
  const bool admin = call.key->role == KeyRole::admin;
  const auto visible = [&](const auto& row) {
    return admin || row.organization == call.key->organization_id;
  };
  const Inventory& inv = call.world.inventory();
  bool found = false;
  switch (collection) {
    case Collection::volumes: {
      const auto v = call.world.get_volume(zone, id);
      found = v && visible(*v);
      break;
    }
    case Collection::snapshots: {
      const auto* row = inv.snapshots.find(id);
      found = row && row->zone == zone && visible(*row);
      break;
    }
    case Collection::images: {
      const auto* row = inv.images.find(id);
      found = (row && row->zone == zone && visible(*row)) || find_image(id);
      break;
    }
    case Collection::ips: {
      const auto* row = inv.ips.find(id);
      found = row && row->zone == zone && visible(*row);
      break;
    }
    case Collection::security_groups: {
      const auto* row = inv.security_groups.find(id);
      found = row && row->zone == zone && visible(*row);
      break;
    }
    case Collection::placement_groups: {
      const auto* row = inv.placement_groups.find(id);
      found = row && row->zone == zone && visible(*row);
      break;
    }
  }
  return found;
}

Json one_row(const World& world, Collection collection, std::string_view zone,
             std::string_view id) {
  const Inventory& inv = world.inventory();
  switch (collection) {
    case Collection::volumes:
      return model::encode(*world.get_volume(zone, id));
    case Collection::snapshots:
      return model::encode(*inv.snapshots.find(id));
    case Collection::images:
      if (const auto* row = inv.images.find(id)) return model::encode(*row);
      for (const model::Image& image : Inventory::public_zone_images(zone))
        if (image.id == id) return model::encode(image);
      return Json();
    case Collection::ips:
      return model::encode(*inv.ips.find(id));
    case Collection::security_groups:
      return model::encode(world.with_servers(*inv.security_groups.find(id)));
    case Collection::placement_groups:
      return model::encode(*inv.placement_groups.find(id));
  }
  return Json();
}

Response create_in(const RouteCall& call, Collection collection) {
  const Request& request = call.request;
  const ApiKey& key = *call.key;
  const std::string_view zone = call.param("zone");
  switch (collection) {
    case Collection::volumes: {
      auto body = model::decode_text<VolumeBody>(request.body);
      if (!body) return bad_body(body.error());
      NewVolume spec;
      spec.name = body->name.value_or("");
      spec.volume_type = body->volume_type.value_or("");
      spec.base_snapshot = body->base_snapshot.value_or("");
      spec.project = body->project.value_or("");
      spec.size = body->size;
      spec.tags = tags_or_empty(body->tags);
      auto made = call.world.create_volume(zone, key, spec);
      if (!made) return answer(made.error());
      return created("volume", model::encode(*made), zone, "volumes", made->id);
    }
    case Collection::snapshots: {
      auto body = model::decode_text<VolumeBody>(request.body);
      if (!body) return bad_body(body.error());
      NewSnapshot spec;
      spec.name = body->name.value_or("");
      spec.volume_id = body->volume_id.value_or("");
      spec.volume_type = body->volume_type.value_or("");
      spec.project = body->project.value_or("");
      spec.tags = tags_or_empty(body->tags);
      auto made = call.world.create_snapshot(zone, key, spec);
      if (!made) return answer(made.error());
      return created("snapshot", model::encode(*made), zone, "snapshots", made->id);
    }
    case Collection::images: {
      auto body = model::decode_text<ImageBody>(request.body);
      if (!body) return bad_body(body.error());
      if (body->is_public.value_or(false)) return permissions_denied("instance_image", "publish");
      NewImage spec;
      spec.name = body->name.value_or("");
      spec.root_volume = body->root_volume.value_or("");
      spec.arch = body->arch.value_or("");
      spec.project = body->project.value_or("");
      spec.tags = tags_or_empty(body->tags);
      for (const auto& [slot, snapshot] :
           body->extra_volumes.value_or(std::map<std::string, IdBody>{})) {
        if (!snapshot.id)
          return invalid_argument("extra_volumes." + slot + ".id", "required", "a snapshot id");
        spec.extra_volumes[slot] = *snapshot.id;
      }
      auto made = call.world.create_image(zone, key, spec);
      if (!made) return answer(made.error());
      return created("image", model::encode(*made), zone, "images", made->id);
    }
    case Collection::ips: {
      auto body = model::decode_text<IpBody>(request.body);
      if (!body) return bad_body(body.error());
      NewIp spec;
      spec.type = body->type.value_or("");
      spec.project = body->project.value_or("");
      spec.server = body->server.value.value_or("");
      spec.tags = tags_or_empty(body->tags);
      auto made = call.world.create_ip(zone, key, spec);
      if (!made) return answer(made.error());
      return created("ip", model::encode(*made), zone, "ips", made->id);
    }
    case Collection::security_groups: {
      auto body = model::decode_text<GroupBody>(request.body);
      if (!body) return bad_body(body.error());
      NewSecurityGroup spec;
      spec.name = body->name.value_or("");
      spec.description = body->description.value_or("");
      spec.project = body->project.value_or("");
      spec.inbound_default_policy = body->inbound_default_policy.value_or("");
      spec.outbound_default_policy = body->outbound_default_policy.value_or("");
      spec.stateful = body->stateful.value_or(true);
      spec.project_default = body->project_default.value_or(false);
      spec.tags = tags_or_empty(body->tags);
      auto made = call.world.create_security_group(zone, key, spec);
      if (!made) return answer(made.error());
      return created("security_group", model::encode(*made), zone, "security_groups", made->id);
    }
    case Collection::placement_groups: {
      auto body = model::decode_text<GroupBody>(request.body);
      if (!body) return bad_body(body.error());
      NewPlacementGroup spec;
      spec.name = body->name.value_or("");
      spec.project = body->project.value_or("");
      spec.policy_mode = body->policy_mode.value_or("");
      spec.policy_type = body->policy_type.value_or("");
      spec.tags = tags_or_empty(body->tags);
      auto made = call.world.create_placement_group(zone, key, spec);
      if (!made) return answer(made.error());
      return created("placement_group", model::encode(*made), zone, "placement_groups", made->id);
    }
  }
  return method_not_allowed();
}

Response update_in(const RouteCall& call, Collection collection) {
  const Request& request = call.request;
  const std::string_view zone = call.param("zone");
  const std::string_view id = call.param("id");
  const auto updated_row = [&](const char* member, Json row) {
    return json_response(200, Json{{member, std::move(row)}});
  };
  switch (collection) {
    case Collection::volumes: {
      auto body = model::decode_text<VolumeBody>(request.body);
      if (!body) return bad_body(body.error());
      auto updated =
          call.world.update_volume(zone, id, Relabel{body->name, body->tags}, body->size);
      if (!updated) return answer(updated.error());
      return updated_row("volume", model::encode(*updated));
    }
    case Collection::snapshots:
    case Collection::images: {
      auto body = model::decode_text<VolumeBody>(request.body);
      if (!body) return bad_body(body.error());
      if (auto no = call.world.relabel(collection, zone, id, Relabel{body->name, body->tags}))
        return answer(*no);
      const Inventory& inv = call.world.inventory();
      if (collection == Collection::snapshots)
        return updated_row("snapshot", model::encode(*inv.snapshots.find(id)));
      return updated_row("image", model::encode(*inv.images.find(id)));
    }
    case Collection::ips: {
      auto body = model::decode_text<IpBody>(request.body);
      if (!body) return bad_body(body.error());
      IpChanges changes;
      changes.server = change_of(body->server);
      changes.reverse = change_of(body->reverse);
      if (changes.server && *changes.server && (*changes.server)->empty())
        changes.server = std::optional<std::string>{};  // "" detaches, as null does
      changes.tags = body->tags;
      auto updated = call.world.update_ip(zone, id, changes);
      if (!updated) return answer(updated.error());
      return updated_row("ip", model::encode(*updated));
    }
    case Collection::security_groups: {
      auto body = model::decode_text<GroupBody>(request.body);
      if (!body) return bad_body(body.error());
      SecurityGroupChanges changes;
      changes.name = body->name;
      changes.description = body->description;
      changes.inbound_default_policy = body->inbound_default_policy;
      changes.outbound_default_policy = body->outbound_default_policy;
      changes.stateful = body->stateful;
      changes.project_default = body->project_default;
      changes.tags = body->tags;
      auto updated = call.world.update_security_group(zone, id, changes);
      if (!updated) return answer(updated.error());
      return updated_row("security_group", model::encode(*updated));
    }
    case Collection::placement_groups: {
      auto body = model::decode_text<GroupBody>(request.body);
      if (!body) return bad_body(body.error());
      auto updated = call.world.update_placement_group(zone, id, Relabel{body->name, body->tags},
                                                       body->policy_mode, body->policy_type);
      if (!updated) return answer(updated.error());
      return updated_row("placement_group", model::encode(*updated));
    }
  }
  return method_not_allowed();
}

const CollectionInfo& info_of(Collection collection) {
  for (const CollectionInfo& c : kCollections)
    if (c.collection == collection) return c;
  return kCollections[0];
}

template <Collection C>
Response list_rows(const RouteCall& call) {
  return list_in(call, info_of(C));
}

template <Collection C>
Response create_row(const RouteCall& call) {
  if (call.key->role == KeyRole::read_only) return permissions_denied(info_of(C).resource, "write");
  return create_in(call, C);
}

template <Collection C>
Response get_row(const RouteCall& call) {
  const CollectionInfo& info = info_of(C);
  if (!sees_row(call, C)) return not_found(info.resource, call.param("id"));
  return json_response(
      200, Json{{info.one, one_row(call.world, C, call.param("zone"), call.param("id"))}});
}

template <Collection C>
Response update_row(const RouteCall& call) {
  const CollectionInfo& info = info_of(C);
  if (!sees_row(call, C)) return not_found(info.resource, call.param("id"));
  if (call.key->role == KeyRole::read_only) return permissions_denied(info.resource, "write");
  return update_in(call, C);
}

template <Collection C>
Response delete_row(const RouteCall& call) {
  const CollectionInfo& info = info_of(C);
  if (!sees_row(call, C)) return not_found(info.resource, call.param("id"));
  if (call.key->role == KeyRole::read_only) return permissions_denied(info.resource, "delete");
  if (auto refused = call.world.remove(C, call.param("zone"), call.param("id")))
    return answer(*refused);
  return no_content();
}

// ---- /security_groups/{id}/rules[/{rule}] ----------------------------------------------------

/// The group must be the caller's to see; writing its rules takes a key that writes.
std::optional<Response> refuse_rules(const RouteCall& call) {
  if (!sees_row(call, Collection::security_groups))
    return not_found("instance_security_group", call.param("id"));
  if (call.request.method != Method::get && call.key->role == KeyRole::read_only)
    return permissions_denied("instance_security_group", "write");
  return std::nullopt;
}

std::vector<model::SecurityGroupRule> rules_of(const World& world, std::string_view group) {
  const auto& all = world.inventory().rules;
  auto it = all.find(group);
  return it == all.end() ? std::vector<model::SecurityGroupRule>{} : it->second;
}

Response list_rules(const RouteCall& call) {
  if (auto refused = refuse_rules(call)) return *refused;
  const std::string_view group = call.param("id");
  ListQuery q;
  if (auto bad = read_list_query(call.request, q)) return *bad;
  return page_of(rules_of(call.world, group), "rules",
                 "/security_groups/" + std::string(group) + "/rules", q);
}

Response add_rule(const RouteCall& call) {
  if (auto refused = refuse_rules(call)) return *refused;
  const std::string_view group = call.param("id");
  auto body = model::decode_text<RuleBody>(call.request.body);
  if (!body) return bad_body(body.error());
  auto made = call.world.add_rule(group, to_changes(*body));
  if (!made) return answer(made.error());
  return created("rule", model::encode(*made), call.param("zone"),
                 "security_groups/" + std::string(group) + "/rules", made->id);
}

Response set_rules(const RouteCall& call) {
  if (auto refused = refuse_rules(call)) return *refused;
  auto body = model::decode_text<RulesBody>(call.request.body);
  if (!body) return bad_body(body.error());
  if (!body->rules) return invalid_argument("rules", "required", "a list of rules");
  std::vector<RuleChanges> specs;
  for (const RuleBody& rule : *body->rules)
    specs.push_back(to_changes(rule));
  auto set = call.world.set_rules(call.param("id"), specs);
  if (!set) return answer(set.error());
  Json rules = Json::array();
  for (const auto& rule : *set)
    rules.push_back(model::encode(rule));
  return json_response(200, Json{{"rules", std::move(rules)}});
}

Response get_rule(const RouteCall& call) {
  if (auto refused = refuse_rules(call)) return *refused;
  const std::string_view rule_id = call.param("rule");
  for (const auto& rule : rules_of(call.world, call.param("id")))
    if (rule.id == rule_id) return json_response(200, Json{{"rule", model::encode(rule)}});
  return not_found("instance_security_group_rule", rule_id);
}

Response update_rule(const RouteCall& call) {
  if (auto refused = refuse_rules(call)) return *refused;
  auto body = model::decode_text<RuleBody>(call.request.body);
  if (!body) return bad_body(body.error());
  auto updated = call.world.update_rule(call.param("id"), call.param("rule"), to_changes(*body));
  if (!updated) return answer(updated.error());
  return json_response(200, Json{{"rule", model::encode(*updated)}});
}

Response delete_rule(const RouteCall& call) {
  if (auto refused = refuse_rules(call)) return *refused;
  if (auto no = call.world.delete_rule(call.param("id"), call.param("rule"))) return answer(*no);
  return no_content();
}

// ---- /servers/{id}/attach-volume | detach-volume | user_data[/{key}] | private_nics[/{nic}] --

template <bool Attach>
Response attach_or_detach(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  const std::string_view zone = call.param("zone");
  const std::string_view server = call.param("id");
  auto body = model::decode_text<VolumeBody>(call.request.body);
  if (!body) return bad_body(body.error());
  if (!body->volume_id)
    return invalid_argument("volume_id", "required", "required key not provided");
  if (!Attach) {
    const auto v = call.world.get_volume(zone, *body->volume_id);
    if (!v || !v->server || v->server->id != server)
      return not_found("instance_volume", *body->volume_id);
  }
  auto done = Attach ? call.world.attach_volume(zone, server, *body->volume_id)
                     : call.world.detach_volume(zone, *body->volume_id);
  if (!done) return answer(done.error());
  return server_response(200, *done);
}

const std::map<std::string, std::string>* user_data_of(const RouteCall& call) {
  const auto& all = call.world.inventory().user_data;
  auto entries = all.find(call.param("id"));
  return entries == all.end() ? nullptr : &entries->second;
}

Response user_data_keys(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  model::UserDataKeys keys;
  if (const auto* entries = user_data_of(call))
    for (const auto& [k, value] : *entries)
      keys.user_data.push_back(k);
  return json_response(200, model::encode(keys));
}

Response get_user_data(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  const std::string_view name = call.param("key");
  const auto* entries = user_data_of(call);
  if (!entries || !entries->contains(std::string(name)))
    return not_found("instance_user_data", name);
  Response r;
  r.status = 200;
  r.headers.emplace_back("Content-Type", "text/plain");
  r.body = entries->at(std::string(name));
  return r;
}

Response set_user_data(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  if (auto no = call.world.set_user_data(call.param("zone"), call.param("id"),
                                         std::string(call.param("key")), call.request.body))
    return answer(*no);
  return no_content();
}

Response delete_user_data(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  if (auto no =
          call.world.delete_user_data(call.param("zone"), call.param("id"), call.param("key")))
    return answer(*no);
  return no_content();
}

Response list_private_nics(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  const std::string_view server = call.param("id");
  ListQuery q;
  if (auto bad = read_list_query(call.request, q)) return *bad;
  std::vector<model::PrivateNic> rows;
  call.world.inventory().private_nics.for_each([&](const model::PrivateNic& nic) {
    if (nic.server_id == server) rows.push_back(nic);
  });
  return page_of(rows, "private_nics", "/servers/" + std::string(server) + "/private_nics", q);
}

Response create_private_nic(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  const std::string_view server = call.param("id");
  auto body = model::decode_text<NicBody>(call.request.body);
  if (!body) return bad_body(body.error());
  if (!body->private_network_id)
    return invalid_argument("private_network_id", "required", "required key not provided");
  auto made = call.world.create_private_nic(call.param("zone"), server, *body->private_network_id,
                                            tags_or_empty(body->tags));
  if (!made) return answer(made.error());
  return created("private_nic", model::encode(*made), call.param("zone"),
                 "servers/" + std::string(server) + "/private_nics", made->id);
}

/// The NIC {nic} of server {id}; null when the server has no such NIC.
const model::PrivateNic* nic_of(const RouteCall& call) {
  const model::PrivateNic* nic = call.world.inventory().private_nics.find(call.param("nic"));
  return nic && nic->server_id == call.param("id") ? nic : nullptr;
}

Response get_private_nic(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  const model::PrivateNic* nic = nic_of(call);
  if (!nic) return not_found("instance_private_nic", call.param("nic"));
  return json_response(200, model::encode(model::PrivateNicEnvelope{*nic}));
}

Response update_private_nic(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  const model::PrivateNic* nic = nic_of(call);
  if (!nic) return not_found("instance_private_nic", call.param("nic"));
  auto body = model::decode_text<NicBody>(call.request.body);
  if (!body) return bad_body(body.error());
  auto updated = call.world.update_private_nic(call.param("zone"), call.param("id"),
                                               call.param("nic"), body->tags.value_or(nic->tags));
  if (!updated) return answer(updated.error());
  return json_response(200, model::encode(model::PrivateNicEnvelope{*updated}));
}

Response delete_private_nic(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  if (!nic_of(call)) return not_found("instance_private_nic", call.param("nic"));
  if (auto no =
          call.world.delete_private_nic(call.param("zone"), call.param("id"), call.param("nic")))
    return answer(*no);
  return no_content();
}

template <Collection C>
void add_collection(RouteTable& table) {
  const std::string rows = "/instance/v1/zones/{zone}/" + std::string(info_of(C).path);
  table.add(Method::get, rows, list_rows<C>);
  table.add(Method::post, rows, create_row<C>);
  table.add(Method::get, rows + "/{id}", get_row<C>);
  table.add(Method::patch, rows + "/{id}", update_row<C>);
  // A security group is also replaced whole (PUT), as the real API allows.
  if (C == Collection::security_groups) table.add(Method::put, rows + "/{id}", update_row<C>);
  table.add(Method::del, rows + "/{id}", delete_row<C>);
}

}  // namespace

void add_instance_routes(RouteTable& table) {
  add_collection<Collection::volumes>(table);
  add_collection<Collection::snapshots>(table);
  add_collection<Collection::images>(table);
  add_collection<Collection::ips>(table);
  add_collection<Collection::security_groups>(table);
  add_collection<Collection::placement_groups>(table);
  constexpr std::string_view rules = "/instance/v1/zones/{zone}/security_groups/{id}/rules";
  table.add(Method::get, rules, list_rules);
  table.add(Method::post, rules, add_rule);
  table.add(Method::put, rules, set_rules);
  table.add(Method::get, std::string(rules) + "/{rule}", get_rule);
  table.add(Method::patch, std::string(rules) + "/{rule}", update_rule);
  table.add(Method::del, std::string(rules) + "/{rule}", delete_rule);
  constexpr std::string_view server = "/instance/v1/zones/{zone}/servers/{id}";
  const auto at = [&](std::string_view rest) { return std::string(server) + std::string(rest); };
  table.add(Method::post, at("/attach-volume"), attach_or_detach<true>);
  table.add(Method::post, at("/detach-volume"), attach_or_detach<false>);
  table.add(Method::get, at("/user_data"), user_data_keys);
  table.add(Method::get, at("/user_data/{key}"), get_user_data);
  table.add(Method::patch, at("/user_data/{key}"), set_user_data);
  table.add(Method::put, at("/user_data/{key}"), set_user_data);
  table.add(Method::del, at("/user_data/{key}"), delete_user_data);
  table.add(Method::get, at("/private_nics"), list_private_nics);
  table.add(Method::post, at("/private_nics"), create_private_nic);
  table.add(Method::get, at("/private_nics/{nic}"), get_private_nic);
  table.add(Method::patch, at("/private_nics/{nic}"), update_private_nic);
  table.add(Method::del, at("/private_nics/{nic}"), delete_private_nic);
}

}  // namespace metal::sim
