// The hardware as operators reach it, with an admin key: the sandbox's admin API
// (/sandbox/v1/zones/{zone}/racks | nodes[/{index}[/gpio]]) and Redfish (/redfish/v1), the DMTF
// standard real BMCs speak, so one desktop client drives the simulator and real machines alike.
// Each node is a Redfish System with a Chassis of its own (the node sled) holding its sensors.

#include <algorithm>
#include <cstdio>

#include "model/json_decode.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"
#include "sim/catalog.hpp"

namespace metal::sim {

using api::Method;
using api::Request;
using api::Response;
using model::Json;

namespace {

constexpr int kMaxNodesPerPage = 1000;

Json node_json(const NodeView& n) {
  Json server = nullptr;
  if (n.server)
    server = Json{{"id", n.server->id},
                  {"name", n.server->name},
                  {"organization_id", n.server->organization_id},
                  {"project_id", n.server->project_id},
                  {"state", n.server->state}};
  return Json{{"zone", n.zone},
              {"index", n.index},
              {"name", n.name},
              {"kind", n.kind},
              {"rack", n.rack + 1},
              {"chassis", n.chassis + 1},
              {"slot", n.slot + 1},
              {"power_state", n.power_state},
              {"health", n.health},
              {"gpio", Json{{"led", n.led}, {"boot_mode", n.boot_mode}, {"resets", n.resets}}},
              {"sensors", Json{{"inlet_temperature_celsius", n.inlet_celsius},
                               {"cpu_temperature_celsius", n.cpu_celsius},
                               {"power_watts", n.power_watts}}},
              {"server", std::move(server)}};
}

// POST .../gpio {"pin": "led", "value": "blink"}
struct GpioRequest {
  std::optional<std::string> pin, value;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, GpioRequest& out) {
  return model::take(d, key, "pin", v, out.pin) || model::take(d, key, "value", v, out.value);
}

// ---- Redfish ---------------------------------------------------------------------------------

constexpr std::string_view kRedfish = "/redfish/v1";
constexpr const char* kResetTypes[] = {
    "On",           "ForceOff", "GracefulShutdown", "GracefulRestart",
    "ForceRestart", "Nmi",      "ForceOn",          "PushPowerButton"};

/// Redfish's error shape, with a message of the Base registry the mockup ships (Base.1.5.0).
Response redfish_error(int status, std::string_view message_id, std::string message) {
  const std::string id = "Base.1.5." + std::string(message_id);
  Json body{
      {"error", Json{{"code", id},
                     {"message", message},
                     {"@Message.ExtendedInfo",
                      Json::array({Json{{"@odata.type", "#Message.v1_1_1.Message"},
                                        {"MessageId", id},
                                        {"Message", message},
                                        {"Severity", status >= 500 ? "Critical" : "Warning"}}})}}}};
  return json_response(status, body);
}

// The Base registry's messages this service answers with.
Response malformed_json() {
  return redfish_error(400, "MalformedJSON",
                       "The request body submitted was malformed JSON and could not be parsed by "
                       "the receiving service.");
}
Response action_not_supported() {
  return redfish_error(405, "ActionNotSupported", "The action is not supported by the resource.");
}
Response value_not_in_list(const std::string& value, const char* property) {
  return redfish_error(400, "PropertyValueNotInList",
                       "The value " + value + " for the property " + property +
                           " is not in the list of acceptable values.");
}
Response no_valid_session() {
  return redfish_error(401, "NoValidSession",
                       "There is no valid session established with the implementation.");
}
Response insufficient_privilege() {
  return redfish_error(403, "InsufficientPrivilege",
                       "There are insufficient privileges for the account or credentials "
                       "associated with the current session to perform the requested operation.");
}

Json link(std::string path) {
  return Json{{"@odata.id", std::move(path)}};
}

std::string redfish_led(std::string_view led) {
  return led == "on" ? "Lit" : led == "blink" ? "Blinking" : "Off";
}
std::optional<std::string> led_from_redfish(std::string_view led) {
  if (led == "Lit") return "on";
  if (led == "Blinking") return "blink";
  if (led == "Off") return "off";
  return std::nullopt;
}
std::string redfish_boot(std::string_view mode) {
  return mode == "network" ? "Pxe" : mode == "recovery" ? "Utilities" : "Hdd";
}
std::optional<std::string> boot_from_redfish(std::string_view target) {
  if (target == "Pxe") return "network";
  if (target == "Utilities") return "recovery";
  if (target == "Hdd" || target == "None") return "disk";
  return std::nullopt;
}

Json system_json(const NodeView& n, int ncpus) {
  const std::string self = std::string(kRedfish) + "/Systems/" + n.name;
  Json reset_types = Json::array();
  for (const char* t : kResetTypes)
    reset_types.push_back(t);
  Json oem = Json::object();
  if (n.server)
    oem["Server"] = Json{{"Id", n.server->id},
                         {"Name", n.server->name},
                         {"OrganizationId", n.server->organization_id},
                         {"ProjectId", n.server->project_id},
                         {"State", n.server->state}};
  oem["Location"] = Json{{"Zone", n.zone},
                         {"Rack", n.rack + 1},
                         {"Chassis", n.chassis + 1},
                         {"Slot", n.slot + 1},
                         {"Index", n.index}};
  return Json{
      {"@odata.type", "#ComputerSystem.v1_20_0.ComputerSystem"},
      {"@odata.id", self},
      {"Id", n.name},
      {"Name", n.name},
      {"SystemType", "Physical"},
      {"Manufacturer", "Metal Sandbox"},
      {"Model", n.kind + " node"},
      {"PowerState", n.power_state},
      {"IndicatorLED", redfish_led(n.led)},
      {"Status", Json{{"State", n.health == "Critical" ? "UnavailableOffline" : "Enabled"},
                      {"Health", n.health}}},
      {"Boot",
       Json{{"BootSourceOverrideEnabled", n.boot_mode == "disk" ? "Disabled" : "Continuous"},
            {"BootSourceOverrideTarget", redfish_boot(n.boot_mode)},
            {"BootSourceOverrideTarget@Redfish.AllowableValues",
             Json::array({"Hdd", "Pxe", "Utilities"})}}},
      {"ProcessorSummary", Json{{"Count", 1}, {"CoreCount", ncpus}}},
      {"Links",
       Json{{"Chassis", Json::array({link(std::string(kRedfish) + "/Chassis/" + n.name)})}}},
      {"Actions", Json{{"#ComputerSystem.Reset",
                        Json{{"target", self + "/Actions/ComputerSystem.Reset"},
                             {"ResetType@Redfish.AllowableValues", std::move(reset_types)}}}}},
      {"Oem", Json{{"Metal", std::move(oem)}}}};
}

struct Sensor {
  const char* id;
  const char* name;
  const char* type;
  const char* units;
  double reading;
  double caution, critical;
};
std::vector<Sensor> sensors_of(const NodeView& n) {
  return {{"InletTemp", "Inlet temperature", "Temperature", "Cel", n.inlet_celsius, 35, 40},
          {"CPUTemp", "CPU temperature", "Temperature", "Cel", n.cpu_celsius, 85, 95},
          {"NodePower", "Node power draw", "Power", "W", n.power_watts, 60, 75}};
}
Json sensor_json(const NodeView& n, const Sensor& s) {
  return Json{{"@odata.type", "#Sensor.v1_7_0.Sensor"},
              {"@odata.id", std::string(kRedfish) + "/Chassis/" + n.name + "/Sensors/" + s.id},
              {"Id", s.id},
              {"Name", s.name},
              {"ReadingType", s.type},
              {"ReadingUnits", s.units},
              {"Reading", s.reading},
              {"Status", Json{{"State", "Enabled"},
                              {"Health", s.reading >= s.critical  ? "Critical"
                                         : s.reading >= s.caution ? "Warning"
                                                                  : "OK"}}},
              {"Thresholds", Json{{"UpperCaution", Json{{"Reading", s.caution}}},
                                  {"UpperCritical", Json{{"Reading", s.critical}}}}}};
}

Json collection(std::string type, std::string name, std::string self, Json members,
                std::int64_t total, std::optional<std::string> next) {
  Json out{{"@odata.type", std::move(type)},
           {"@odata.id", std::move(self)},
           {"Name", std::move(name)},
           {"Members@odata.count", total},
           {"Members", std::move(members)}};
  if (next) out["Members@odata.nextLink"] = *next;
  return out;
}

}  // namespace

// /sandbox/v1/zones/{zone}/racks | nodes | nodes/{index} | nodes/{index}/gpio
Response ApiHandler::hardware_route(const Request& request, const ApiKey& key,
                                    std::string_view rest) {
  if (key.role != KeyRole::admin) return permissions_denied("hardware", "read");
  const auto no_route = [&] {
    return error_response(404, "not_found", "no route for " + std::string(request.path()));
  };
  std::string_view zone, collection, index_text, sub;
  if (!take_segment(rest, zone) || !take_segment(rest, collection)) return no_route();
  if (!find_zone(zone)) return error_response(400, "invalid_request_error", "Unknown zone in path");
  const int capacity = world_.node_capacity(zone);
  if (collection == "racks" && rest.empty()) {
    if (request.method != Method::get) return method_not_allowed();
    Json racks = Json::array();
    for (int rack = 0; rack * Hardware::kNodesPerRack < capacity; ++rack) {
      int on = 0, failed = 0, with_server = 0;
      double watts = 0, hottest = 0;
      std::string kind;
      for (const NodeView& n :
           world_.nodes(zone, rack * Hardware::kNodesPerRack, Hardware::kNodesPerRack)) {
        kind = n.kind;
        on += n.power_state == "On";
        failed += n.health == "Critical";
        with_server += n.server.has_value();
        watts += n.power_watts;
        hottest = std::max(hottest, n.cpu_celsius);
      }
      char name[64];
      std::snprintf(name, sizeof name, "%.*s-r%02d", static_cast<int>(zone.size()), zone.data(),
                    rack + 1);
      racks.push_back(Json{{"rack", rack + 1},
                           {"name", name},
                           {"kind", kind},
                           {"nodes", Hardware::kNodesPerRack},
                           {"nodes_on", on},
                           {"nodes_failed", failed},
                           {"nodes_with_server", with_server},
                           {"power_watts", std::round(watts)},
                           {"max_cpu_temperature_celsius", hottest}});
    }
    const auto total = racks.size();
    Response r = json_response(200, Json{{"racks", std::move(racks)}});
    r.headers.emplace_back("X-Total-Count", std::to_string(total));
    return r;
  }
  if (collection != "nodes") return no_route();
  if (!take_segment(rest, index_text)) {
    if (!rest.empty()) return no_route();
    if (request.method != Method::get) return method_not_allowed();
    int page = 1, per_page = 100;
    std::optional<int> rack;
    for (const auto& [name, value] : api::parse_query(request.query())) {
      if (name == "page" || name == "per_page") {
        const auto n = parse_int(value);
        const int limit = name == "page" ? 1 << 30 : kMaxNodesPerPage;
        if (!n || *n < 1 || *n > limit)
          return invalid_argument(
              name, "constraint",
              name == "page" ? "a page number from 1" : "from 1 to " + std::to_string(limit));
        (name == "page" ? page : per_page) = *n;
      } else if (name == "rack") {
        rack = parse_int(value);
        if (!rack || *rack < 1 || (*rack - 1) * Hardware::kNodesPerRack >= capacity)
          return invalid_argument("rack", "constraint", "a rack of this zone, from 1");
      }
    }
    const int first = rack ? (*rack - 1) * Hardware::kNodesPerRack : 0;
    const int total = rack ? Hardware::kNodesPerRack : capacity;
    const std::int64_t offset = static_cast<std::int64_t>(page - 1) * per_page;
    Json nodes = Json::array();
    if (offset < total)
      for (const NodeView& n :
           world_.nodes(zone, first + static_cast<int>(offset),
                        std::min<int>(per_page, total - static_cast<int>(offset))))
        nodes.push_back(node_json(n));
    Response r = json_response(200, Json{{"nodes", std::move(nodes)}});
    r.headers.emplace_back("X-Total-Count", std::to_string(total));
    r.headers.emplace_back("Link", link_header("/nodes", page, per_page, total));
    return r;
  }
  const auto index = parse_int(index_text);
  const auto node = index ? world_.node(zone, *index) : std::nullopt;
  if (!node) return not_found("node", index_text);
  if (!take_segment(rest, sub)) {
    if (!rest.empty()) return no_route();
    if (request.method != Method::get) return method_not_allowed();
    return json_response(200, Json{{"node", node_json(*node)}});
  }
  if (sub != "gpio" || !rest.empty()) return no_route();
  if (request.method != Method::post) return method_not_allowed();
  auto body = model::decode_text<GpioRequest>(request.body);
  if (!body) return bad_body(body.error());
  if (!body->pin) return invalid_argument("pin", "required", "required key not provided");
  auto changed = world_.set_gpio(zone, *index, *body->pin, body->value.value_or(""));
  if (!changed) return answer(changed.error());
  return json_response(200, Json{{"node", node_json(*changed)}});
}

namespace {
// "fr-par-1-r02-c07-n11" -> (zone, index); nullopt for anything else.
std::optional<std::pair<std::string, int>> parse_node_name(std::string_view name) {
  const auto r = name.rfind("-r");
  if (r == std::string_view::npos || name.size() - r != 12) return std::nullopt;
  int rack = 0, chassis = 0, slot = 0;
  char tail[16] = {};
  const std::string rest(name.substr(r));
  if (std::sscanf(rest.c_str(), "-r%2d-c%2d-n%2d%15s", &rack, &chassis, &slot, tail) != 3 ||
      rack < 1 || chassis < 1 || chassis > Hardware::kNodesPerRack / Hardware::kNodesPerChassis ||
      slot < 1 || slot > Hardware::kNodesPerChassis)
    return std::nullopt;
  return std::pair{std::string(name.substr(0, r)), (rack - 1) * Hardware::kNodesPerRack +
                                                       (chassis - 1) * Hardware::kNodesPerChassis +
                                                       (slot - 1)};
}

// PATCH Systems/{id} {"IndicatorLED": "Lit", "Boot": {"BootSourceOverrideTarget": "Pxe"}}
struct SystemPatch {
  std::optional<std::string> indicator_led;
  std::optional<Json> boot;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, SystemPatch& out) {
  return model::take(d, key, "IndicatorLED", v, out.indicator_led) ||
         model::take(d, key, "Boot", v, out.boot);
}
struct ResetRequest {
  std::optional<std::string> reset_type;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, ResetRequest& out) {
  return model::take(d, key, "ResetType", v, out.reset_type);
}
struct SessionRequest {
  std::optional<std::string> user_name, password;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v,
                  SessionRequest& out) {
  return model::take(d, key, "UserName", v, out.user_name) ||
         model::take(d, key, "Password", v, out.password);
}
}  // namespace

Response ApiHandler::redfish_route(const Request& request, const ApiKey* key) {
  std::string_view path = request.path().substr(kRedfish.size());
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);
  const auto missing = [&] {
    return redfish_error(
        404, "ResourceMissingAtURI",
        "The resource at the URI " + std::string(request.path()) + " was not found.");
  };
  // Sessions: the access key as user name, the secret as password; the token is the secret, as
  // for the rest of this API. The service root answers without a session (Redfish says so).
  if (path == "/SessionService/Sessions" && request.method == Method::post) {
    auto body = model::decode_text<SessionRequest>(request.body);
    if (!body) return malformed_json();
    const ApiKey* found =
        body->password ? world_.tenancy().find_key_by_secret(*body->password) : nullptr;
    if (!found || !body->user_name || found->access_key != *body->user_name)
      return no_valid_session();
    if (found->role != KeyRole::admin) return insufficient_privilege();
    const std::string self =
        std::string(kRedfish) + "/SessionService/Sessions/" + found->access_key;
    Response r = json_response(201, Json{{"@odata.type", "#Session.v1_6_0.Session"},
                                         {"@odata.id", self},
                                         {"Id", found->access_key},
                                         {"Name", "User Session"},
                                         {"UserName", found->access_key}});
    r.headers.emplace_back("X-Auth-Token", found->secret_key);
    r.headers.emplace_back("Location", self);
    return r;
  }
  if (path.empty()) {
    if (request.method != Method::get) return action_not_supported();
    return json_response(
        200, Json{{"@odata.type", "#ServiceRoot.v1_15_0.ServiceRoot"},
                  {"@odata.id", std::string(kRedfish)},
                  {"Id", "RootService"},
                  {"Name", "Metal Sandbox Redfish Service"},
                  {"RedfishVersion", "1.15.0"},
                  {"Systems", link(std::string(kRedfish) + "/Systems")},
                  {"Chassis", link(std::string(kRedfish) + "/Chassis")},
                  {"SessionService", link(std::string(kRedfish) + "/SessionService")},
                  {"Links",
                   Json{{"Sessions", link(std::string(kRedfish) + "/SessionService/Sessions")}}}});
  }
  if (!key) return no_valid_session();
  if (key->role != KeyRole::admin) return insufficient_privilege();
  if (path == "/SessionService")
    return json_response(
        200, Json{{"@odata.type", "#SessionService.v1_1_8.SessionService"},
                  {"@odata.id", std::string(kRedfish) + "/SessionService"},
                  {"Id", "SessionService"},
                  {"Name", "Session Service"},
                  {"ServiceEnabled", true},
                  {"Sessions", link(std::string(kRedfish) + "/SessionService/Sessions")}});

  std::string_view kind;
  take_segment(path, kind);
  if (kind != "Systems" && kind != "Chassis") return missing();
  std::string_view id;
  if (!take_segment(path, id)) {
    if (!path.empty()) return missing();
    // Every node of every zone, $top (at most 1000) at a time from $skip.
    std::int64_t skip = 0, top = kMaxNodesPerPage;
    for (const auto& [name, value] : api::parse_query(request.query())) {
      if (name != "$skip" && name != "$top") continue;
      const auto n = parse_int(value);
      if (!n || *n < 0 || (name == "$top" && (*n < 1 || *n > kMaxNodesPerPage)))
        return redfish_error(400, "QueryParameterValueTypeError",
                             "The value " + value + " for the query parameter " + name +
                                 " is of a different type than the parameter can accept.");
      (name == "$skip" ? skip : top) = *n;
    }
    std::int64_t total = 0;
    for (const std::string& zone : world_.fleet().zones())
      total += world_.node_capacity(zone);
    Json members = Json::array();
    std::int64_t at = 0;
    for (const std::string& zone : world_.fleet().zones()) {
      const int capacity = world_.node_capacity(zone);
      const std::int64_t from = std::max<std::int64_t>(skip - at, 0);
      const std::int64_t wanted = top - static_cast<std::int64_t>(members.size());
      if (from < capacity && wanted > 0)
        for (const NodeView& n :
             world_.nodes(zone, static_cast<int>(from),
                          static_cast<int>(std::min<std::int64_t>(wanted, capacity - from))))
          members.push_back(link(std::string(kRedfish) + "/" + std::string(kind) + "/" + n.name));
      at += capacity;
    }
    std::optional<std::string> next;
    if (skip + top < total)
      next = std::string(kRedfish) + "/" + std::string(kind) +
             "?$skip=" + std::to_string(skip + top) + "&$top=" + std::to_string(top);
    const bool systems = kind == "Systems";
    return json_response(
        200, collection(systems ? "#ComputerSystemCollection.ComputerSystemCollection"
                                : "#ChassisCollection.ChassisCollection",
                        systems ? "Computer System Collection" : "Chassis Collection",
                        std::string(kRedfish) + "/" + std::string(kind), std::move(members), total,
                        next));
  }
  const auto where = parse_node_name(id);
  const auto node = where ? world_.node(where->first, where->second) : std::nullopt;
  if (!node) return missing();
  // A server runs on a node of its own type: the rack's kind says its CPUs, no lookup needed.
  const auto ncpus = [&] {
    const ServerTypeSpec* type = node->server ? find_server_type(node->kind) : nullptr;
    return type ? type->ncpus : 4;
  };

  if (kind == "Systems") {
    if (path.empty()) {
      if (request.method == Method::get) return json_response(200, system_json(*node, ncpus()));
      if (request.method != Method::patch) return action_not_supported();
      auto body = model::decode_text<SystemPatch>(request.body);
      if (!body) return malformed_json();
      std::optional<std::string> led, boot;
      if (body->indicator_led) {
        led = led_from_redfish(*body->indicator_led);
        if (!led) return value_not_in_list(*body->indicator_led, "IndicatorLED");
      }
      if (body->boot) {
        const Json& target =
            body->boot->is_object() && body->boot->contains("BootSourceOverrideTarget")
                ? (*body->boot)["BootSourceOverrideTarget"]
                : Json();
        boot = target.is_string() ? boot_from_redfish(target.get<std::string>()) : std::nullopt;
        if (!boot) return value_not_in_list(target.dump(), "BootSourceOverrideTarget");
      }
      if (led) (void)world_.set_gpio(where->first, where->second, "led", *led);
      if (boot) (void)world_.set_gpio(where->first, where->second, "boot_mode", *boot);
      return json_response(200, system_json(*world_.node(where->first, where->second), ncpus()));
    }
    if (path != "/Actions/ComputerSystem.Reset") return missing();
    if (request.method != Method::post) return action_not_supported();
    auto body = model::decode_text<ResetRequest>(request.body);
    if (!body) return malformed_json();
    if (!body->reset_type)
      return redfish_error(400, "ActionParameterMissing",
                           "The action ComputerSystem.Reset requires the parameter ResetType to "
                           "be present in the request body.");
    if (std::none_of(std::begin(kResetTypes), std::end(kResetTypes),
                     [&](const char* t) { return *body->reset_type == t; }))
      return value_not_in_list(*body->reset_type, "ResetType");
    auto done = world_.reset_node(where->first, where->second, *body->reset_type);
    if (!done) return redfish_error(409, "GeneralError", done.error().body.message);
    Response r;
    r.status = 204;
    return r;
  }

  // Chassis: the node's sled, with its sensors and environment.
  if (request.method != Method::get) return action_not_supported();
  const std::string self = std::string(kRedfish) + "/Chassis/" + node->name;
  if (path.empty())
    return json_response(
        200,
        Json{{"@odata.type", "#Chassis.v1_23_0.Chassis"},
             {"@odata.id", self},
             {"Id", node->name},
             {"Name", node->name},
             {"ChassisType", "Sled"},
             {"PowerState", node->power_state},
             {"IndicatorLED", redfish_led(node->led)},
             {"Status",
              Json{{"State", node->health == "Critical" ? "UnavailableOffline" : "Enabled"},
                   {"Health", node->health}}},
             {"Location", Json{{"PartLocation", Json{{"ServiceLabel", node->name},
                                                     {"LocationType", "Slot"},
                                                     {"LocationOrdinalValue", node->slot + 1}}}}},
             {"EnvironmentMetrics", link(self + "/EnvironmentMetrics")},
             {"Sensors", link(self + "/Sensors")},
             {"Links", Json{{"ComputerSystems", Json::array({link(std::string(kRedfish) +
                                                                  "/Systems/" + node->name)})}}}});
  if (path == "/EnvironmentMetrics")
    return json_response(
        200, Json{{"@odata.type", "#EnvironmentMetrics.v1_3_0.EnvironmentMetrics"},
                  {"@odata.id", self + "/EnvironmentMetrics"},
                  {"Id", "EnvironmentMetrics"},
                  {"Name", "Node environment"},
                  {"TemperatureCelsius", Json{{"DataSourceUri", self + "/Sensors/CPUTemp"},
                                              {"Reading", node->cpu_celsius}}},
                  {"PowerWatts", Json{{"DataSourceUri", self + "/Sensors/NodePower"},
                                      {"Reading", node->power_watts}}}});
  const auto sensors = sensors_of(*node);
  if (path == "/Sensors") {
    Json members = Json::array();
    for (const Sensor& s : sensors)
      members.push_back(link(self + "/Sensors/" + s.id));
    return json_response(200, collection("#SensorCollection.SensorCollection", "Sensors",
                                         self + "/Sensors", std::move(members),
                                         static_cast<std::int64_t>(sensors.size()), std::nullopt));
  }
  for (const Sensor& s : sensors)
    if (path == "/Sensors/" + std::string(s.id)) return json_response(200, sensor_json(*node, s));
  return missing();
}

}  // namespace metal::sim
