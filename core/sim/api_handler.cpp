#include "sim/api_handler.hpp"

#include <algorithm>
#include <charconv>
#include <map>

#include "model/cockpit.hpp"
#include "model/dashboard.hpp"
#include "model/json_decode.hpp"
#include "model/server_json_writer.hpp"
#include "model/server_type.hpp"
#include "sim/api_responses.hpp"
#include "sim/catalog.hpp"
#include "sim/metrics.hpp"
#include "sim/refusals.hpp"

namespace metal::sim {

using api::Method;
using api::Request;
using api::Response;
using model::ApiErrorBody;
using model::Json;

Response ApiHandler::handle(const Request& request) {
  const auto token = api::find_header(request.headers, "X-Auth-Token");
  const ApiKey* key = token ? world_.tenancy().find_key_by_secret(*token) : nullptr;
  // Redfish answers in its own shapes, its service root and sessions without a key.
  if (const std::string_view path = request.path();
      path.starts_with("/redfish/v1") && (path.size() == 11 || path[11] == '/'))
    return redfish_route(request, key);
  if (!key) {
    ApiErrorBody body;
    body.type = "denied_authentication";
    body.message = "authentication is denied";
    body.method = "api_key";
    body.reason = token ? "not_found" : "invalid_argument";
    return error_response(401, body);
  }

  // JSON bodies nest no deeper than any resource does (user data is text, and may hold anything).
  if (constexpr int kMaxBodyDepth = 32;
      request.path().find("/user_data/") == std::string_view::npos &&
      nested_deeper_than(request.body, kMaxBodyDepth))
    return error_response(
        400, "invalid_request_error",
        "request body nested deeper than " + std::to_string(kMaxBodyDepth) + " levels");
  if (is_sandbox_control(request.path())) return sandbox_control_route(request, *key);
  // Faults on demand: the control routes above stay reachable whatever is injected.
  if (faults_.error_rate > 0 && fault_random_.chance(faults_.error_rate)) {
    Response r;
    r.status = 503;
    r.headers.emplace_back("Content-Type", "text/html");
    r.body = "<html><body><h1>503 Service Unavailable</h1></body></html>";
    return r;
  }
  if (faults_.rate_limit_rate > 0 && fault_random_.chance(faults_.rate_limit_rate)) {
    Response r;
    r.status = 429;
    return r;
  }
  if (request.path().starts_with("/sandbox/v1/zones/"))
    return hardware_route(request, *key,
                          request.path().substr(std::string_view("/sandbox/v1/zones").size()));

  if (const std::string_view path = request.path(); path.starts_with("/account/v3/projects")) {
    std::string_view rest = path.substr(std::string_view("/account/v3/projects").size());
    if (rest.empty() || rest.front() == '/') return account_route(request, *key, rest);
  } else if (path.starts_with("/cockpit/v1/regions/") && path.ends_with("/data-sources")) {
    return data_sources(request, *key);
  } else if (path.starts_with("/api/v1/")) {
    // The Prometheus-compatible API Cockpit's metrics data source points at.
    return prometheus_answer(world_, key->role == KeyRole::admin ? "" : key->organization_id,
                             request);
  } else if (path.starts_with("/billing/v2beta1/")) {
    return billing_route(request, *key, path.substr(std::string_view("/billing/v2beta1").size()));
  } else if (path.starts_with("/iam/v1alpha1/")) {
    std::string_view rest = path.substr(std::string_view("/iam/v1alpha1").size());
    std::string_view collection;
    if (take_segment(rest, collection) && (collection == "ssh-keys" || collection == "api-keys"))
      return iam_route(request, *key, collection, rest);
  }

  std::string_view path = request.path();
  std::string_view api, version, zones, zone;
  if (take_segment(path, api) && api == "instance" && take_segment(path, version) &&
      version == "v1" && take_segment(path, zones) && zones == "zones" &&
      take_segment(path, zone)) {
    if (!find_zone(zone))
      return error_response(400, "invalid_request_error", "Unknown zone in path");
    return instance_route(request, *key, zone, path);
  }
  return error_response(404, "not_found", "no route for " + std::string(request.path()));
}

Response ApiHandler::instance_route(const Request& request, const ApiKey& key,
                                    std::string_view zone, std::string_view rest) {
  std::string_view collection, id, sub;
  if (!take_segment(rest, collection))
    return error_response(404, "not_found", "no route for " + std::string(request.path()));
  if (collection == "products" || collection == "dashboard") {
    if (request.method != Method::get) return method_not_allowed();
    if (collection == "dashboard" && rest.empty()) return dashboard(key, zone);
    if (rest == "/servers") return products_servers(request, zone, false);
    if (rest == "/servers/availability") return products_servers(request, zone, true);
    if (rest == "/volumes") return products_volumes();
    return error_response(404, "not_found", "no route for " + std::string(request.path()));
  }
  if (is_inventory_collection(collection))
    return inventory_route(request, key, zone, collection, rest);
  if (collection != "servers")
    return error_response(404, "not_found", "no route for " + std::string(request.path()));

  if (!take_segment(rest, id)) {
    if (!rest.empty())
      return error_response(404, "not_found", "no route for " + std::string(request.path()));
    if (request.method == Method::get) return list_servers(request, key, zone);
    if (request.method != Method::post) return method_not_allowed();
    if (key.role == KeyRole::read_only) return write_denied();
    return create_server(request, key, zone);
  }
  // Another organization's server does not exist, as far as this key can tell.
  // (An admin key sees every tenant.)
  const auto owner = world_.server_organization(zone, id);
  const bool visible = owner && (*owner == key.organization_id || key.role == KeyRole::admin);

  if (!take_segment(rest, sub)) {
    if (request.method == Method::patch || request.method == Method::put ||
        request.method == Method::del) {
      if (!visible) return not_found("instance_server", id);
      if (key.role == KeyRole::read_only) return write_denied();
      if (request.method != Method::del) return update_server(request, zone, id);
      if (auto refused = world_.remove_server(zone, id)) return answer(*refused);
      Response gone;
      gone.status = 204;
      return gone;
    }
    if (request.method != Method::get) return method_not_allowed();
    if (!visible) return not_found("instance_server", id);
    Response r;
    r.status = 200;
    r.headers.emplace_back("Content-Type", "application/json");
    r.body = "{\"server\":";
    r.body += server_json(*world_.fleet().find_ref(zone, id), true);
    r.body += '}';
    return r;
  }
  if (sub == "action" && rest.empty()) {
    if (request.method == Method::get) {
      if (!visible) return not_found("instance_server", id);
      return json_response(
          200,
          model::encode(model::ServerActionList{world_.get_server(zone, id)->allowed_actions}));
    }
    if (request.method != Method::post) return method_not_allowed();
    if (!visible) return not_found("instance_server", id);
    if (key.role == KeyRole::read_only) return write_denied();
    return server_action(request, key, zone, id);
  }
  if (!visible) return not_found("instance_server", id);
  return server_subroute(request, key, zone, id, sub, rest);
}

Response ApiHandler::list_servers(const Request& request, const ApiKey& key,
                                  std::string_view zone) {
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

}  // namespace

Response ApiHandler::server_action(const Request& request, const ApiKey& /*key*/,
                                   std::string_view zone, std::string_view id) {
  auto body = model::decode_text<ActionRequest>(request.body);
  if (!body) return bad_body(body.error());
  if (!body->action) return invalid_argument("action", "required", "required key not provided");
  const auto action = model::parse_server_action(*body->action);
  if (!action)
    return invalid_argument("action", "constraint",
                            "must be one of poweron, poweroff, stop_in_place, reboot, backup, "
                            "terminate, enable_routed_ip");
  auto task = world_.act(zone, id, *action);
  if (!task) return answer(task.error());
  Response r = json_response(202, model::encode(model::TaskEnvelope{*task}));
  r.headers.emplace_back("Location",
                         "/instance/v1/zones/" + std::string(zone) + "/tasks/" + task->id);
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

Response ApiHandler::create_server(const Request& request, const ApiKey& key,
                                   std::string_view zone) {
  auto body = model::decode_text<CreateRequest>(request.body);
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
  auto created = world_.create_server(zone, key, spec);
  if (!created) return answer(created.error());
  Response r = server_response(201, *created);
  r.headers.emplace_back("Location",
                         "/instance/v1/zones/" + std::string(zone) + "/servers/" + created->id);
  return r;
}

Response ApiHandler::update_server(const Request& request, std::string_view zone,
                                   std::string_view id) {
  auto body = model::decode_text<UpdateRequest>(request.body);
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
  auto updated = world_.update_server(zone, id, changes);
  if (!updated) return answer(updated.error());
  return server_response(200, *updated);
}

Response ApiHandler::products_servers(const Request& request, std::string_view zone,
                                      bool availability) {
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
  std::sort(types.begin(), types.end(),
            [](auto* a, auto* b) { return a->commercial_type < b->commercial_type; });
  const auto total = static_cast<std::int64_t>(types.size());
  Json servers = Json::object();
  for (std::int64_t i = static_cast<std::int64_t>(page - 1) * per_page;
       i < std::min<std::int64_t>(total, static_cast<std::int64_t>(page) * per_page); ++i) {
    const ServerTypeSpec& spec = *types[static_cast<std::size_t>(i)];
    const std::string name(spec.commercial_type);
    if (availability) {
      // What the zone's racks have free: the same count that makes a poweron out_of_stock.
      const double free = world_.free_node_share(zone, spec.commercial_type);
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

Response ApiHandler::products_volumes() {
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

Response ApiHandler::dashboard(const ApiKey& key, std::string_view zone) {
  ServerFilter filter;
  if (key.role != KeyRole::admin) filter.organization = key.organization_id;
  model::Dashboard d;
  const auto all = world_.list_servers(zone, filter, ServerOrder::creation_date_desc, 1, 1 << 30);
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
  const Inventory& inv = world_.inventory();
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

void ApiHandler::set_faults(const Faults& faults) {
  faults_ = faults;
  world_.set_stuck_rate(faults.stuck_rate);
  world_.set_failed_nodes(faults.failed_nodes);
}

// Cockpit's data sources: the project's metrics live in this same API (/api/v1/...), so the URL
// is this server's own origin (from the Host header; empty, i.e. same origin, in-process).
Response ApiHandler::data_sources(const Request& request, const ApiKey& key) {
  if (request.method != Method::get) return method_not_allowed();
  std::string_view rest = request.path().substr(std::string_view("/cockpit/v1/regions/").size());
  const std::string region(rest.substr(0, rest.find('/')));
  std::string project = key.project_id;
  std::string types;
  for (const auto& [name, value] : api::parse_query(request.query())) {
    if (name == "project_id") project = value;
    if (name == "types") types = value;
  }
  model::DataSourceList list;
  if (types.empty() || types.find("metrics") != std::string::npos) {
    model::DataSource source;
    source.id = project.substr(0, 8) + "-0000-4000-8000-00000000m371";
    source.project_id = project;
    source.name = "Scaleway Metrics";
    const auto host = api::find_header(request.headers, "Host");
    source.url = host ? "http://" + std::string(*host) : "";
    source.type = "metrics";
    source.origin = "scaleway";
    source.region = region;
    source.retention_days = 31;
    list.data_sources.push_back(std::move(source));
  }
  list.total_count = static_cast<std::int64_t>(list.data_sources.size());
  return json_response(200, model::to_json(list));
}

}  // namespace metal::sim
