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
#include "sim/route_table.hpp"

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

// ---- the admin API: /sandbox/v1/zones/{zone}/racks | nodes[/{index}[/gpio]] --------------------

std::optional<Response> refuse_unless_admin(const RouteCall& call) {
  if (call.key->role != KeyRole::admin) return permissions_denied("hardware", "read");
  return std::nullopt;
}

Response racks(const RouteCall& call) {
  if (auto refused = refuse_unless_admin(call)) return *refused;
  const World& world = call.world;
  const std::string_view zone = call.param("zone");
  const int capacity = world.node_capacity(zone);
  Json racks = Json::array();
  for (int rack = 0; rack * Hardware::kNodesPerRack < capacity; ++rack) {
    int on = 0, failed = 0, with_server = 0;
    double watts = 0, hottest = 0;
    std::string kind;
    for (const NodeView& n :
         world.nodes(zone, rack * Hardware::kNodesPerRack, Hardware::kNodesPerRack)) {
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

Response list_nodes(const RouteCall& call) {
  if (auto refused = refuse_unless_admin(call)) return *refused;
  const World& world = call.world;
  const std::string_view zone = call.param("zone");
  const int capacity = world.node_capacity(zone);
  int page = 1, per_page = 100;
  std::optional<int> rack;
  for (const auto& [name, value] : api::parse_query(call.request.query())) {
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
    for (const NodeView& n : world.nodes(zone, first + static_cast<int>(offset),
                                         std::min<int>(per_page, total - static_cast<int>(offset))))
      nodes.push_back(node_json(n));
  Response r = json_response(200, Json{{"nodes", std::move(nodes)}});
  r.headers.emplace_back("X-Total-Count", std::to_string(total));
  r.headers.emplace_back("Link", link_header("/nodes", page, per_page, total));
  return r;
}

/// Node {index} of {zone}, if there is one.
std::optional<NodeView> node_of(const RouteCall& call) {
  const auto index = parse_int(call.param("index"));
  return index ? call.world.node(call.param("zone"), *index) : std::nullopt;
}

Response get_node(const RouteCall& call) {
  if (auto refused = refuse_unless_admin(call)) return *refused;
  const auto node = node_of(call);
  if (!node) return not_found("node", call.param("index"));
  return json_response(200, Json{{"node", node_json(*node)}});
}

Response press_gpio(const RouteCall& call) {
  if (auto refused = refuse_unless_admin(call)) return *refused;
  const auto node = node_of(call);
  if (!node) return not_found("node", call.param("index"));
  auto body = model::decode_text<GpioRequest>(call.request.body);
  if (!body) return bad_body(body.error());
  if (!body->pin) return invalid_argument("pin", "required", "required key not provided");
  auto changed =
      call.world.set_gpio(call.param("zone"), node->index, *body->pin, body->value.value_or(""));
  if (!changed) return answer(changed.error());
  return json_response(200, Json{{"node", node_json(*changed)}});
}

// ---- Redfish: /redfish/v1 ------------------------------------------------------------------

/// Sessions: the access key as user name, the secret as password; the token is the secret, as for
/// the rest of this API. Everything but the service root and the creation of a session takes an
/// admin's.
std::optional<Response> refuse_redfish(const RouteCall& call) {
  if (!call.key) return no_valid_session();
  if (call.key->role != KeyRole::admin) return insufficient_privilege();
  return std::nullopt;
}

Response missing(const RouteCall& call) {
  return redfish_error(
      404, "ResourceMissingAtURI",
      "The resource at the URI " + std::string(call.request.path()) + " was not found.");
}

Response redfish_not_found(const RouteCall& call) {
  if (auto refused = refuse_redfish(call)) return *refused;
  return missing(call);
}

// The service root answers without a session, a wrong method too.
Response redfish_wrong_method(const RouteCall& call) {
  if (call.pattern != kRedfish)
    if (auto refused = refuse_redfish(call)) return *refused;
  return action_not_supported();
}

Response service_root(const RouteCall& /*call*/) {
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

Response create_session(const RouteCall& call) {
  auto body = model::decode_text<SessionRequest>(call.request.body);
  if (!body) return malformed_json();
  const ApiKey* found =
      body->password ? call.world.tenancy().find_key_by_secret(*body->password) : nullptr;
  if (!found || !body->user_name || found->access_key != *body->user_name)
    return no_valid_session();
  if (found->role != KeyRole::admin) return insufficient_privilege();
  const std::string self = std::string(kRedfish) + "/SessionService/Sessions/" + found->access_key;
  Response r = json_response(201, Json{{"@odata.type", "#Session.v1_6_0.Session"},
                                       {"@odata.id", self},
                                       {"Id", found->access_key},
                                       {"Name", "User Session"},
                                       {"UserName", found->access_key}});
  r.headers.emplace_back("X-Auth-Token", found->secret_key);
  r.headers.emplace_back("Location", self);
  return r;
}

Response session_service(const RouteCall& call) {
  if (auto refused = refuse_redfish(call)) return *refused;
  return json_response(
      200, Json{{"@odata.type", "#SessionService.v1_1_8.SessionService"},
                {"@odata.id", std::string(kRedfish) + "/SessionService"},
                {"Id", "SessionService"},
                {"Name", "Session Service"},
                {"ServiceEnabled", true},
                {"Sessions", link(std::string(kRedfish) + "/SessionService/Sessions")}});
}

// Every node of every zone, $top (at most 1000) at a time from $skip.
template <bool Systems>
Response members(const RouteCall& call) {
  if (auto refused = refuse_redfish(call)) return *refused;
  const World& world = call.world;
  const std::string_view kind = Systems ? "Systems" : "Chassis";
  std::int64_t skip = 0, top = kMaxNodesPerPage;
  for (const auto& [name, value] : api::parse_query(call.request.query())) {
    if (name != "$skip" && name != "$top") continue;
    const auto n = parse_int(value);
    if (!n || *n < 0 || (name == "$top" && (*n < 1 || *n > kMaxNodesPerPage)))
      return redfish_error(400, "QueryParameterValueTypeError",
                           "The value " + value + " for the query parameter " + name +
                               " is of a different type than the parameter can accept.");
    (name == "$skip" ? skip : top) = *n;
  }
  std::int64_t total = 0;
  for (const std::string& zone : world.fleet().zones())
    total += world.node_capacity(zone);
  Json members = Json::array();
  std::int64_t at = 0;
  for (const std::string& zone : world.fleet().zones()) {
    const int capacity = world.node_capacity(zone);
    const std::int64_t from = std::max<std::int64_t>(skip - at, 0);
    const std::int64_t wanted = top - static_cast<std::int64_t>(members.size());
    if (from < capacity && wanted > 0)
      for (const NodeView& n :
           world.nodes(zone, static_cast<int>(from),
                       static_cast<int>(std::min<std::int64_t>(wanted, capacity - from))))
        members.push_back(link(std::string(kRedfish) + "/" + std::string(kind) + "/" + n.name));
    at += capacity;
  }
  std::optional<std::string> next;
  if (skip + top < total)
    next = std::string(kRedfish) + "/" + std::string(kind) +
           "?$skip=" + std::to_string(skip + top) + "&$top=" + std::to_string(top);
  return json_response(
      200,
      collection(Systems ? "#ComputerSystemCollection.ComputerSystemCollection"
                         : "#ChassisCollection.ChassisCollection",
                 Systems ? "Computer System Collection" : "Chassis Collection",
                 std::string(kRedfish) + "/" + std::string(kind), std::move(members), total, next));
}

/// The node a Redfish path names ({id}: "fr-par-1-r02-c07-n11").
struct NamedNode {
  std::string zone;
  int index = 0;
  NodeView view;
};
/// The node {id} names, for a key that may see it; or the answer that refuses.
Expected<NamedNode, Response> named_node(const RouteCall& call) {
  if (auto refused = refuse_redfish(call)) return Unexpected{*refused};
  const auto where = parse_node_name(call.param("id"));
  auto node = where ? call.world.node(where->first, where->second) : std::nullopt;
  if (!node) return Unexpected{missing(call)};
  return NamedNode{where->first, where->second, std::move(*node)};
}

// A server runs on a node of its own type: the rack's kind says its CPUs, no lookup needed.
int ncpus_of(const NodeView& node) {
  const ServerTypeSpec* type = node.server ? find_server_type(node.kind) : nullptr;
  return type ? type->ncpus : 4;
}

Response get_system(const RouteCall& call) {
  const auto node = named_node(call);
  if (!node) return node.error();
  return json_response(200, system_json(node->view, ncpus_of(node->view)));
}

Response patch_system(const RouteCall& call) {
  const auto node = named_node(call);
  if (!node) return node.error();
  auto body = model::decode_text<SystemPatch>(call.request.body);
  if (!body) return malformed_json();
  std::optional<std::string> led, boot;
  if (body->indicator_led) {
    led = led_from_redfish(*body->indicator_led);
    if (!led) return value_not_in_list(*body->indicator_led, "IndicatorLED");
  }
  if (body->boot) {
    const Json& target = body->boot->is_object() && body->boot->contains("BootSourceOverrideTarget")
                             ? (*body->boot)["BootSourceOverrideTarget"]
                             : Json();
    boot = target.is_string() ? boot_from_redfish(target.get<std::string>()) : std::nullopt;
    if (!boot) return value_not_in_list(target.dump(), "BootSourceOverrideTarget");
  }
  if (led) (void)call.world.set_gpio(node->zone, node->index, "led", *led);
  if (boot) (void)call.world.set_gpio(node->zone, node->index, "boot_mode", *boot);
  return json_response(
      200, system_json(*call.world.node(node->zone, node->index), ncpus_of(node->view)));
}

Response reset_system(const RouteCall& call) {
  const auto node = named_node(call);
  if (!node) return node.error();
  auto body = model::decode_text<ResetRequest>(call.request.body);
  if (!body) return malformed_json();
  if (!body->reset_type)
    return redfish_error(400, "ActionParameterMissing",
                         "The action ComputerSystem.Reset requires the parameter ResetType to "
                         "be present in the request body.");
  if (std::none_of(std::begin(kResetTypes), std::end(kResetTypes),
                   [&](const char* t) { return *body->reset_type == t; }))
    return value_not_in_list(*body->reset_type, "ResetType");
  auto done = call.world.reset_node(node->zone, node->index, *body->reset_type);
  if (!done) return redfish_error(409, "GeneralError", done.error().body.message);
  Response r;
  r.status = 204;
  return r;
}

// Chassis: the node's sled, with its sensors and environment.
std::string chassis_path(const NodeView& node) {
  return std::string(kRedfish) + "/Chassis/" + node.name;
}

Response get_chassis(const RouteCall& call) {
  const auto found = named_node(call);
  if (!found) return found.error();
  const NodeView& node = found->view;
  const std::string self = chassis_path(node);
  return json_response(
      200,
      Json{{"@odata.type", "#Chassis.v1_23_0.Chassis"},
           {"@odata.id", self},
           {"Id", node.name},
           {"Name", node.name},
           {"ChassisType", "Sled"},
           {"PowerState", node.power_state},
           {"IndicatorLED", redfish_led(node.led)},
           {"Status", Json{{"State", node.health == "Critical" ? "UnavailableOffline" : "Enabled"},
                           {"Health", node.health}}},
           {"Location", Json{{"PartLocation", Json{{"ServiceLabel", node.name},
                                                   {"LocationType", "Slot"},
                                                   {"LocationOrdinalValue", node.slot + 1}}}}},
           {"EnvironmentMetrics", link(self + "/EnvironmentMetrics")},
           {"Sensors", link(self + "/Sensors")},
           {"Links", Json{{"ComputerSystems", Json::array({link(std::string(kRedfish) +
                                                                "/Systems/" + node.name)})}}}});
}

Response environment_metrics(const RouteCall& call) {
  const auto found = named_node(call);
  if (!found) return found.error();
  const std::string self = chassis_path(found->view);
  return json_response(
      200, Json{{"@odata.type", "#EnvironmentMetrics.v1_3_0.EnvironmentMetrics"},
                {"@odata.id", self + "/EnvironmentMetrics"},
                {"Id", "EnvironmentMetrics"},
                {"Name", "Node environment"},
                {"TemperatureCelsius", Json{{"DataSourceUri", self + "/Sensors/CPUTemp"},
                                            {"Reading", found->view.cpu_celsius}}},
                {"PowerWatts", Json{{"DataSourceUri", self + "/Sensors/NodePower"},
                                    {"Reading", found->view.power_watts}}}});
}

Response sensors(const RouteCall& call) {
  const auto found = named_node(call);
  if (!found) return found.error();
  const std::string self = chassis_path(found->view);
  const auto all = sensors_of(found->view);
  Json members = Json::array();
  for (const Sensor& s : all)
    members.push_back(link(self + "/Sensors/" + s.id));
  return json_response(
      200, collection("#SensorCollection.SensorCollection", "Sensors", self + "/Sensors",
                      std::move(members), static_cast<std::int64_t>(all.size()), std::nullopt));
}

Response sensor(const RouteCall& call) {
  const auto found = named_node(call);
  if (!found) return found.error();
  for (const Sensor& s : sensors_of(found->view))
    if (call.param("sensor") == s.id) return json_response(200, sensor_json(found->view, s));
  return missing(call);
}

}  // namespace

void add_hardware_routes(RouteTable& table) {
  table.add(Method::get, "/sandbox/v1/zones/{zone}/racks", racks);
  table.add(Method::get, "/sandbox/v1/zones/{zone}/nodes", list_nodes);
  table.add(Method::get, "/sandbox/v1/zones/{zone}/nodes/{index}", get_node);
  table.add(Method::post, "/sandbox/v1/zones/{zone}/nodes/{index}/gpio", press_gpio);

  table.add_family(kRedfish, redfish_not_found, redfish_wrong_method, true);
  const auto at = [](std::string_view rest) { return std::string(kRedfish) + std::string(rest); };
  table.add(Method::get, kRedfish, service_root);
  table.add(Method::get, at("/SessionService"), session_service);
  table.add(Method::post, at("/SessionService/Sessions"), create_session);
  table.add(Method::get, at("/Systems"), members<true>);
  table.add(Method::get, at("/Systems/{id}"), get_system);
  table.add(Method::patch, at("/Systems/{id}"), patch_system);
  table.add(Method::post, at("/Systems/{id}/Actions/ComputerSystem.Reset"), reset_system);
  table.add(Method::get, at("/Chassis"), members<false>);
  table.add(Method::get, at("/Chassis/{id}"), get_chassis);
  table.add(Method::get, at("/Chassis/{id}/EnvironmentMetrics"), environment_metrics);
  table.add(Method::get, at("/Chassis/{id}/Sensors"), sensors);
  table.add(Method::get, at("/Chassis/{id}/Sensors/{sensor}"), sensor);
}

}  // namespace metal::sim
