// Instance servers as the simulated cloud answers them: the list (paged, filtered, cached by
// page), one server, its actions, creation and changes; the products and the dashboard.

#include <algorithm>
#include <map>

#include "model/dashboard.hpp"
#include "model/json_decode.hpp"
#include "model/server_json_writer.hpp"
#include "model/server_type.hpp"
#include "model/stable_order.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"
#include "sim/catalog.hpp"
#include "sim/refusals.hpp"

namespace metal::sim {

using api::Method;
using api::Request;
using api::Response;
using model::Json;

namespace {
// POST /servers/{id}/action {"action": "poweron"}
struct ActionRequest {
  std::optional<std::string> action;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, ActionRequest& out) {
  return model::take(d, key, "action", v, out.action);
}

// A volume of POST /servers: an existing one by id, or a new one.
struct VolumeSlotRequest {
  std::optional<std::string> id, name, volume_type;
  std::optional<std::uint64_t> size;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v,
                  VolumeSlotRequest& out) {
  return model::take(d, key, "id", v, out.id) || model::take(d, key, "name", v, out.name) ||
         model::take(d, key, "volume_type", v, out.volume_type) ||
         model::take(d, key, "size", v, out.size);
}

// POST /servers
struct CreateRequest {
  std::optional<std::string> name, commercial_type, image, project, security_group, placement_group;
  std::vector<std::string> tags, public_ips;
  std::optional<bool> dynamic_ip_required;
  std::optional<std::map<std::string, VolumeSlotRequest>> volumes;  // slot -> volume
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, CreateRequest& out) {
  return model::take(d, key, "name", v, out.name) ||
         model::take(d, key, "commercial_type", v, out.commercial_type) ||
         model::take(d, key, "image", v, out.image) ||
         model::take(d, key, "project", v, out.project) ||
         model::take(d, key, "tags", v, out.tags) ||
         model::take(d, key, "dynamic_ip_required", v, out.dynamic_ip_required) ||
         model::take(d, key, "volumes", v, out.volumes) ||
         model::take(d, key, "public_ips", v, out.public_ips) ||
         model::take(d, key, "security_group", v, out.security_group) ||
         model::take(d, key, "placement_group", v, out.placement_group);
}
// PATCH /servers/{id}
// PATCH /servers/{id}, and PUT with the whole server (its other fields are not changed by it).
struct UpdateRequest {
  std::optional<std::string> name, commercial_type;
  std::optional<std::vector<std::string>> tags;
  std::optional<bool> is_protected, dynamic_ip_required;
  std::optional<model::Json> security_group;     // {"id"} | "id"
  model::Nullable<model::Json> placement_group;  // {"id"} | "id" | null: leaves the group
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, UpdateRequest& out) {
  return model::take(d, key, "name", v, out.name) || model::take(d, key, "tags", v, out.tags) ||
         model::take(d, key, "protected", v, out.is_protected) ||
         model::take(d, key, "dynamic_ip_required", v, out.dynamic_ip_required) ||
         model::take(d, key, "commercial_type", v, out.commercial_type) ||
         model::take(d, key, "security_group", v, out.security_group) ||
         model::take(d, key, "placement_group", v, out.placement_group);
}
/// A reference as the API writes it: an object with an id, a bare id, or null for none ("").
std::optional<std::string> reference_id(const model::Json& ref) {
  if (ref.is_null()) return std::string();
  if (ref.is_string()) return ref.get<std::string>();
  if (ref.is_object() && ref.contains("id") && ref["id"].is_string())
    return ref["id"].get<std::string>();
  return std::nullopt;
}

Response delete_server(const RouteCall& call) {
  const std::string_view id = call.param("id");
  if (auto refused = refuse_server(call)) return *refused;
  if (auto refused = call.world.remove_server(call.param("zone"), id)) return answer(*refused);
  Response gone;
  gone.status = 204;
  return gone;
}

Response server_actions(const RouteCall& call) {
  if (auto refused = refuse_server(call)) return *refused;
  return json_response(
      200, model::encode(model::ServerActionList{
               call.world.get_server(call.param("zone"), call.param("id"))->allowed_actions}));
}

Response server_action(const RouteCall& call) {
  const std::string_view zone = call.param("zone");
  const std::string_view id = call.param("id");
  if (auto refused = refuse_server(call)) return *refused;
  auto body = model::decode_text<ActionRequest>(call.request.body);
  if (!body) return bad_body(body.error());
  if (!body->action) return invalid_argument("action", "required", "required key not provided");
  const auto action = model::parse_server_action(*body->action);
  if (!action)
    return invalid_argument("action", "constraint",
                            "must be one of poweron, poweroff, stop_in_place, reboot, backup, "
                            "terminate, enable_routed_ip");
  auto task = call.world.act(zone, id, *action);
  if (!task) return answer(task.error());
  Response r = json_response(202, model::encode(model::TaskEnvelope{*task}));
  r.headers.emplace_back("Location",
                         "/instance/v1/zones/" + std::string(zone) + "/tasks/" + task->id);
  return r;
}

Response create_server(const RouteCall& call) {
  const ApiKey& key = *call.key;
  const std::string_view zone = call.param("zone");
  if (key.role == KeyRole::read_only) return write_denied();
  auto body = model::decode_text<CreateRequest>(call.request.body);
  if (!body) return bad_body(body.error());
  // As the real API: every missing requirement named at once.
  ApiRefusal missing = invalid_arguments_refusal();
  auto require = [&](bool present, const char* name) {
    if (!present) add_argument(missing, name, "required", "required key not provided");
  };
  require(body->commercial_type.has_value(), "commercial_type");
  require(body->image.has_value() || body->volumes.has_value(), "image");
  if (!missing.body.details.empty()) return answer(missing);
  NewServer spec;
  spec.name = body->name.value_or("");
  spec.commercial_type = *body->commercial_type;
  spec.image = body->image.value_or("");
  spec.project = body->project.value_or("");
  spec.tags = body->tags;
  spec.dynamic_ip_required = body->dynamic_ip_required.value_or(true);
  spec.public_ips = body->public_ips;
  spec.security_group = body->security_group.value_or("");
  spec.placement_group = body->placement_group.value_or("");
  for (const auto& [slot, volume] :
       body->volumes.value_or(std::map<std::string, VolumeSlotRequest>{}))
    spec.volumes.emplace(
        slot, NewServer::Volume{volume.id.value_or(""), volume.name.value_or(""),
                                volume.volume_type.value_or(""), volume.size.value_or(0)});
  auto created = call.world.create_server(zone, key, spec);
  if (!created) return answer(created.error());
  Response r = server_response(201, *created);
  r.headers.emplace_back("Location",
                         "/instance/v1/zones/" + std::string(zone) + "/servers/" + created->id);
  return r;
}

Response update_server(const RouteCall& call) {
  const std::string_view zone = call.param("zone");
  const std::string_view id = call.param("id");
  if (auto refused = refuse_server(call)) return *refused;
  auto body = model::decode_text<UpdateRequest>(call.request.body);
  if (!body) return bad_body(body.error());
  ServerChanges changes;
  changes.name = body->name;
  changes.tags = body->tags;
  changes.is_protected = body->is_protected;
  changes.dynamic_ip_required = body->dynamic_ip_required;
  changes.commercial_type = body->commercial_type;
  if (body->security_group) {
    changes.security_group = reference_id(*body->security_group);
    if (!changes.security_group || changes.security_group->empty())
      return invalid_argument("security_group.id", "constraint", "a security group id");
  }
  if (body->placement_group.present) {
    changes.placement_group =
        reference_id(body->placement_group.value.value_or(model::Json(nullptr)));
    if (!changes.placement_group)
      return invalid_argument("placement_group", "constraint", "a placement group id or null");
  }
  auto updated = call.world.update_server(zone, id, changes);
  if (!updated) return answer(updated.error());
  return server_response(200, *updated);
}

// GET /products/servers, and /products/servers/availability: what the zone's racks have free.
Response products_servers(const RouteCall& call) {
  const Request& request = call.request;
  const std::string_view zone = call.param("zone");
  const bool availability = call.pattern.ends_with("/availability");
  int page = 1;
  int per_page = kDefaultPerPage;
  std::optional<Response> refused;
  for (const auto& [name, value] : api::parse_query(request.query()))
    if (read_paging_param(name, value, "per_page", page, per_page, refused) && refused)
      return *refused;
  // Keyed by commercial type, in name order, paged like a list.
  std::vector<const ServerTypeSpec*> types;
  for (const ServerTypeSpec& type : server_types())
    types.push_back(&type);
  model::stable_sort(types,
                     [](auto* a, auto* b) { return a->commercial_type < b->commercial_type; });
  const auto total = static_cast<std::int64_t>(types.size());
  Json servers = Json::object();
  for (std::int64_t i = static_cast<std::int64_t>(page - 1) * per_page;
       i < std::min<std::int64_t>(total, static_cast<std::int64_t>(page) * per_page); ++i) {
    const ServerTypeSpec& spec = *types[static_cast<std::size_t>(i)];
    const std::string name(spec.commercial_type);
    if (availability) {
      // What the zone's racks have free: the same count that makes a poweron out_of_stock.
      const double free = call.world.free_node_share(zone, spec.commercial_type);
      servers[name] = Json{{"availability", free > 0.10   ? "available"
                                            : free > 0.02 ? "scarce"
                                                          : "shortage"}};
      continue;
    }
    model::ServerType type;
    type.arch = std::string(spec.arch);
    type.ncpus = spec.ncpus;
    type.ram = static_cast<std::uint64_t>(spec.ram_gib) << 30;
    type.hourly_price.money = model::Money::from_decimal(spec.hourly_price_eur);
    type.monthly_price.money = model::Money::from_decimal(spec.monthly_price_eur);
    type.volumes_constraint.min_size = spec.local_volume_gb ? 1'000'000'000ull : 0;
    type.volumes_constraint.max_size =
        static_cast<std::uint64_t>(spec.local_volume_gb) * 1'000'000'000ull;
    if (spec.local_volume_gb)
      type.per_volume_constraint["l_ssd"] = {1'000'000'000ull, type.volumes_constraint.max_size};
    servers[name] = model::to_json(type);
  }
  Response r = json_response(200, Json{{"servers", std::move(servers)}});
  r.headers.emplace_back("X-Total-Count", std::to_string(total));
  r.headers.emplace_back(
      "Link", link_header(availability ? "/products/servers/availability" : "/products/servers",
                          page, per_page, total));
  return r;
}

Response products_volumes(const RouteCall& /*call*/) {
  Json volumes = Json::object();
  volumes["l_ssd"] =
      Json{{"capabilities", Json{{"snapshot", false}}},
           {"constraints", Json{{"min", 1'000'000'000ull}, {"max", 800'000'000'000ull}}},
           {"display_name", "Local SSD"}};
  volumes["sbs_volume"] =
      Json{{"capabilities", Json{{"snapshot", true}}},
           {"constraints", Json{{"min", 5'000'000'000ull}, {"max", 10'000'000'000'000ull}}},
           {"display_name", "Block SSD"}};
  Response r = json_response(200, Json{{"volumes", std::move(volumes)}});
  r.headers.emplace_back("X-Total-Count", "2");
  r.headers.emplace_back("Link", link_header("/products/volumes", 1, kDefaultPerPage, 2));
  return r;
}

Response dashboard(const RouteCall& call) {
  const ApiKey& key = *call.key;
  const std::string_view zone = call.param("zone");
  ServerFilter filter;
  if (key.role != KeyRole::admin) filter.organization = key.organization_id;
  model::Dashboard d;
  const auto all =
      call.world.list_servers(zone, filter, ServerOrder::creation_date_desc, 1, 1 << 30);
  for (const model::Server& s : all.servers) {
    ++d.servers_count;
    if (s.state == model::ServerState::running) ++d.running_servers_count;
    ++d.servers_by_types[s.commercial_type];
    for (const auto& [slot, volume] : s.volumes) {
      ++d.volumes_count;
      if (volume.volume_type == "l_ssd") {
        ++d.volumes_l_ssd_count;
        d.volumes_l_ssd_total_size += volume.size.value_or(0);
      } else if (volume.volume_type == "b_ssd") {
        ++d.volumes_b_ssd_count;
        d.volumes_b_ssd_total_size += volume.size.value_or(0);
      }
    }
  }
  const Inventory& inv = call.world.inventory();
  const auto mine = [&](const auto& row) {
    return row.zone == zone &&
           (key.role == KeyRole::admin || row.organization == key.organization_id);
  };
  inv.volumes.for_each([&](const model::Volume& v) {
    if (!mine(v)) return;
    if (v.server) return;  // attached ones were counted with their servers
    ++d.volumes_count;
    if (v.volume_type == "l_ssd") {
      ++d.volumes_l_ssd_count;
      d.volumes_l_ssd_total_size += v.size;
    } else if (v.volume_type == "b_ssd") {
      ++d.volumes_b_ssd_count;
      d.volumes_b_ssd_total_size += v.size;
    }
  });
  d.ips_count = 0;
  inv.ips.for_each([&](const model::FlexibleIp& ip) {
    if (!mine(ip)) return;
    ++d.ips_count;
    if (!ip.server) ++d.ips_unused;
  });
  inv.images.for_each([&](const model::Image& image) { d.images_count += mine(image); });
  inv.snapshots.for_each([&](const model::Snapshot& snap) { d.snapshots_count += mine(snap); });
  inv.security_groups.for_each(
      [&](const model::SecurityGroup& g) { d.security_groups_count += mine(g); });
  inv.placement_groups.for_each(
      [&](const model::PlacementGroup& g) { d.placement_groups_count += mine(g); });
  for (const model::Server& s : all.servers)
    d.private_nics_count += static_cast<std::int64_t>(s.private_nics.size());
  return json_response(200, model::encode(model::DashboardEnvelope{d}));
}

}  // namespace

// Another organization's server does not exist, as far as a key can tell (an admin key sees every
// tenant).
std::optional<Response> refuse_server(const RouteCall& call) {
  const auto owner = call.world.server_organization(call.param("zone"), call.param("id"));
  if (!owner || (*owner != call.key->organization_id && call.key->role != KeyRole::admin))
    return not_found("instance_server", call.param("id"));
  if (call.request.method != Method::get && call.key->role == KeyRole::read_only)
    return write_denied();
  return std::nullopt;
}

Response ApiHandler::get_server(const RouteCall& call) {
  const std::string_view zone = call.param("zone");
  const std::string_view id = call.param("id");
  if (auto refused = refuse_server(call)) return *refused;
  Response r;
  r.status = 200;
  r.headers.emplace_back("Content-Type", "application/json");
  r.body = "{\"server\":";
  r.body += server_json(*world_.fleet().find_ref(zone, id), true);
  r.body += '}';
  return r;
}

Response ApiHandler::list_servers(const RouteCall& call) {
  const Request& request = call.request;
  const ApiKey& key = *call.key;
  const std::string_view zone = call.param("zone");
  ServerFilter filter;
  if (key.role != KeyRole::admin) filter.organization = key.organization_id;
  int page = 1;
  int per_page = kDefaultPerPage;
  auto order = ServerOrder::creation_date_desc;
  const auto params = api::parse_query(request.query());
  std::optional<Response> refused;
  for (const auto& [name, value] : params) {
    if (read_paging_param(name, value, "per_page", page, per_page, refused)) {
      if (refused) return *refused;
    } else if (name == "order") {
      if (value == "creation_date_desc")
        order = ServerOrder::creation_date_desc;
      else if (value == "creation_date_asc")
        order = ServerOrder::creation_date_asc;
      else if (value == "modification_date_desc")
        order = ServerOrder::modification_date_desc;
      else if (value == "modification_date_asc")
        order = ServerOrder::modification_date_asc;
      else
        return invalid_argument("order", "constraint", "not a valid value");
    } else if (name == "organization") {
      if (value != key.organization_id) filter.servers = {"-"};  // another tenant: nothing to see
    } else if (name == "project") {
      filter.project = value;
    } else if (name == "name") {
      filter.name = value;
    } else if (name == "state") {
      if (model::parse_server_state(value) == model::ServerState::unknown)
        return invalid_argument("state", "constraint", "not a valid value");
      filter.state = value;
    } else if (name == "commercial_type") {
      filter.commercial_type = value;
    } else if (name == "tags") {
      filter.tags = split_list(value);
    } else if (name == "servers") {
      if (filter.servers.empty()) filter.servers = split_list(value);
    }
  }
  const std::string page_key =
      (key.role == KeyRole::admin ? std::string("*") : key.organization_id) + '\n' + request.target;
  const std::uint64_t version = world_.fleet().zone_version(zone);
  if (auto cached = pages_.find(page_key);
      cached != pages_.end() && cached->second.zone_version == version)
    return cached->second.response;
  const ServerRefSlice slice = world_.list_server_refs(zone, filter, order, page, per_page);
  // Byte for byte what encoding the whole ServerList would give ({"servers":[...]}, compact).
  const bool keep = caching_.every_page || page == 1;
  Response r;
  r.status = 200;
  r.headers.emplace_back("Content-Type", "application/json");
  constexpr std::size_t kTypicalServerBytes = 2'600;  // 2,280 on average in generated worlds
  r.body.reserve(16 + slice.servers.size() * kTypicalServerBytes);
  r.body += "{\"servers\":[";
  for (std::size_t i = 0; i < slice.servers.size(); ++i) {
    if (i) r.body += ',';
    r.body += server_json(slice.servers[i], keep);
  }
  r.body += "]}";
  r.headers.emplace_back("X-Total-Count", std::to_string(slice.total));
  r.headers.emplace_back("Link", link_header("/servers", page, per_page, slice.total));
  if (keep) {
    if (pages_.size() >= caching_.pages) pages_.clear();
    pages_[page_key] = CachedPage{version, r};
  }
  return r;
}

std::string_view ApiHandler::server_json(ServerRef ref, bool keep) {
  auto it = server_json_.find(ref.slot);
  if (it != server_json_.end() && it->second.revision == ref.revision) return it->second.json;
  world_.read_server(ref.slot, server_scratch_);
  const std::string_view json = server_writer_.write(server_scratch_);
  if (!keep) return json;
  if (it == server_json_.end() && server_json_.size() >= caching_.servers) server_json_.clear();
  CachedServer& entry = server_json_[ref.slot];
  entry.revision = ref.revision;
  entry.json.assign(json);
  return entry.json;
}

void add_server_routes(RouteTable& table) {
  constexpr std::string_view zone = "/instance/v1/zones/{zone}";
  const auto at = [&](std::string_view rest) { return std::string(zone) + std::string(rest); };
  table.add(Method::get, at("/servers"), ApiHandler::to<&ApiHandler::list_servers>);
  table.add(Method::post, at("/servers"), create_server);
  table.add(Method::get, at("/servers/{id}"), ApiHandler::to<&ApiHandler::get_server>);
  table.add(Method::patch, at("/servers/{id}"), update_server);
  table.add(Method::put, at("/servers/{id}"), update_server);
  table.add(Method::del, at("/servers/{id}"), delete_server);
  table.add(Method::get, at("/servers/{id}/action"), server_actions);
  table.add(Method::post, at("/servers/{id}/action"), server_action);
  table.add(Method::get, at("/products/servers"), products_servers);
  table.add(Method::get, at("/products/servers/availability"), products_servers);
  table.add(Method::get, at("/products/volumes"), products_volumes);
  table.add(Method::get, at("/dashboard"), dashboard);
}

}  // namespace metal::sim
