// The hardware under the simulated cloud, as an operator reaches it with an admin key: racks and
// nodes through the sandbox's admin API, the same nodes through Redfish, failing nodes as a fault.

#include <doctest/doctest.h>

#include <set>

#include "../support/handler_fixture.hpp"
#include "model/task.hpp"
#include "sim/faults.hpp"

using namespace metal;
using namespace metal::model;
using metal::testing::error_of;
using metal::testing::Fixture;
using metal::testing::json_of;
using metal::testing::kStart;

namespace {

/// The node a running server of the first organization holds in fr-par-1, from its location.
std::pair<Server, int> running_with_node(Fixture& f) {
  const std::string id = f.first_in_state("fr-par-1", ServerState::running);
  REQUIRE_FALSE(id.empty());
  const Server s = *f.world.get_server("fr-par-1", id);
  REQUIRE(s.location);
  return {s, std::stoi(s.location->hypervisor_id)};
}

}  // namespace

TEST_CASE("racks and nodes: a server's location is the node that shows it, powered and warm") {
  Fixture f;
  const std::string admin = f.admin_key();
  auto racks = f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/racks", {}, admin);
  REQUIRE(racks.status == 200);
  const Json r = json_of(racks)["racks"];
  REQUIRE(r.size() >= 2);
  CHECK(r[0]["nodes"] == 900);
  CHECK(r[0]["name"] == "fr-par-1-r01");
  CHECK(r[0]["nodes_with_server"].get<int>() > 0);

  const auto [server, index] = running_with_node(f);
  auto one = f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes/" + std::to_string(index),
                    {}, admin);
  REQUIRE(one.status == 200);
  const Json node = json_of(one)["node"];
  CHECK(node["power_state"] == "On");
  CHECK(node["health"] == "OK");
  CHECK(node["server"]["id"] == server.id);
  CHECK(node["server"]["organization_id"] == server.organization);
  CHECK(node["rack"] == std::stoi(server.location->cluster_id));
  CHECK(node["sensors"]["cpu_temperature_celsius"].get<double>() >
        node["sensors"]["inlet_temperature_celsius"].get<double>() + 8);
  CHECK(node["sensors"]["power_watts"].get<double>() > 6);

  // A free node: off, the BMC's trickle of power, no tenant.
  const int free_index = f.world.node_capacity("fr-par-1") - 1;
  const Json idle = json_of(f.call(api::Method::get,
                                   "/sandbox/v1/zones/fr-par-1/nodes/" + std::to_string(free_index),
                                   {}, admin))["node"];
  CHECK(idle["power_state"] == "Off");
  CHECK(idle["server"].is_null());
  CHECK(idle["sensors"]["power_watts"].get<double>() < 1);

  // Listing a rack: 900 nodes, paged up to 1000 at a time, every server on its own node.
  auto page =
      f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes?rack=1&per_page=1000", {}, admin);
  REQUIRE(page.status == 200);
  CHECK(page.header("X-Total-Count") == "900");
  std::set<std::string> tenants;
  int held = 0;
  const Json listed = json_of(page);
  for (const Json& n : listed["nodes"])
    if (!n["server"].is_null()) {
      ++held;
      tenants.insert(n["server"]["id"].get<std::string>());
    }
  CHECK(held == static_cast<int>(tenants.size()));
  CHECK(f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes?per_page=5000", {}, admin)
            .status == 400);
  CHECK(f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes/999999", {}, admin).status ==
        404);
}

TEST_CASE("hardware is the operators': tenants' keys are refused") {
  Fixture f;
  for (const std::string& key :
       {f.world.tenancy().api_keys()[0].secret_key, f.read_only_key(), f.other_org_key()}) {
    auto r = f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes", {}, key);
    CHECK(r.status == 403);
    CHECK(error_of(r).type == "permissions_denied");
    api::Request redfish;
    redfish.target = "/redfish/v1/Systems";
    redfish.headers.emplace_back("X-Auth-Token", key);
    CHECK(f.handler.handle(redfish).status == 403);
  }
}

TEST_CASE("GPIOs: the reset line reboots the server on the node, the LED and boot mode stay set") {
  Fixture f;
  const std::string admin = f.admin_key();
  const auto [server, index] = running_with_node(f);
  const std::string node = "/sandbox/v1/zones/fr-par-1/nodes/" + std::to_string(index);
  auto led =
      f.call(api::Method::post, node + "/gpio", R"({"pin": "led", "value": "blink"})", admin);
  REQUIRE(led.status == 200);
  CHECK(json_of(led)["node"]["gpio"]["led"] == "blink");
  auto boot = f.call(api::Method::post, node + "/gpio",
                     R"({"pin": "boot_mode", "value": "floppy"})", admin);
  CHECK(error_of(boot).details.at(0).help_message == "disk, network or recovery");

  auto reset = f.call(api::Method::post, node + "/gpio", R"({"pin": "reset"})", admin);
  REQUIRE(reset.status == 200);
  CHECK(json_of(reset)["node"]["gpio"]["resets"] == 1);
  const auto after = f.world.get_server("fr-par-1", server.id);
  CHECK(after->state == ServerState::stopping);
  CHECK(after->state_detail == "rebooting");

  // The power button on a bare node turns it on; pressed again, off.
  const std::string bare =
      "/sandbox/v1/zones/fr-par-1/nodes/" + std::to_string(f.world.node_capacity("fr-par-1") - 1);
  auto on = f.call(api::Method::post, bare + "/gpio", R"({"pin": "power_button"})", admin);
  CHECK(json_of(on)["node"]["power_state"] == "On");
  auto off = f.call(api::Method::post, bare + "/gpio",
                    R"({"pin": "power_button", "value": "press"})", admin);
  CHECK(json_of(off)["node"]["power_state"] == "Off");
  CHECK(f.call(api::Method::post, bare + "/gpio", R"({"pin": "fan"})", admin).status == 400);
}

TEST_CASE("Redfish: the service root, sessions, systems with their reset action, chassis sensors") {
  Fixture f;
  api::Request root;
  root.target = "/redfish/v1";
  auto r = f.handler.handle(root);  // the service root answers without a session
  REQUIRE(r.status == 200);
  CHECK(json_of(r)["Systems"]["@odata.id"] == "/redfish/v1/Systems");
  CHECK(json_of(r)["RedfishVersion"] == "1.15.0");

  // A session from the admin key's access key and secret.
  const sim::ApiKey& admin = f.world.tenancy().api_keys()[3];
  api::Request login;
  login.method = api::Method::post;
  login.target = "/redfish/v1/SessionService/Sessions";
  login.body =
      R"({"UserName": ")" + admin.access_key + R"(", "Password": ")" + admin.secret_key + R"("})";
  auto session = f.handler.handle(login);
  REQUIRE(session.status == 201);
  CHECK(session.header("X-Auth-Token") == admin.secret_key);
  login.body = R"({"UserName": ")" + admin.access_key + R"(", "Password": "guess"})";
  auto refused = f.handler.handle(login);
  CHECK(refused.status == 401);
  CHECK(json_of(refused)["error"]["code"] == "Base.1.5.NoValidSession");

  const std::string token = admin.secret_key;
  auto systems = f.call(api::Method::get, "/redfish/v1/Systems?$top=10", {}, token);
  REQUIRE(systems.status == 200);
  const Json collection = json_of(systems);
  CHECK(collection["Members"].size() == 10);
  CHECK(collection["Members@odata.count"].get<int>() >= 1800);
  CHECK(collection["Members@odata.nextLink"] == "/redfish/v1/Systems?$skip=10&$top=10");

  const auto [server, index] = running_with_node(f);
  const Json node =
      json_of(f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes/" + std::to_string(index),
                     {}, token))["node"];
  const std::string system = "/redfish/v1/Systems/" + node["name"].get<std::string>();
  const Json s = json_of(f.call(api::Method::get, system, {}, token));
  // The shape of the DMTF mockup's system: what a Redfish client reads.
  CHECK(s["PowerState"] == "On");
  CHECK(s["Status"]["Health"] == "OK");
  CHECK(s["Actions"]["#ComputerSystem.Reset"]["target"] ==
        system + "/Actions/ComputerSystem.Reset");
  CHECK(s["Actions"]["#ComputerSystem.Reset"]["ResetType@Redfish.AllowableValues"].size() == 8);
  CHECK(s["Oem"]["Metal"]["Server"]["Id"] == server.id);

  auto bad = f.call(api::Method::post, system + "/Actions/ComputerSystem.Reset",
                    R"({"ResetType": "Explode"})", token);
  CHECK(bad.status == 400);
  CHECK(json_of(bad)["error"]["code"] == "Base.1.5.PropertyValueNotInList");
  auto missing = f.call(api::Method::post, system + "/Actions/ComputerSystem.Reset", "{}", token);
  CHECK(json_of(missing)["error"]["code"] == "Base.1.5.ActionParameterMissing");
  auto off = f.call(api::Method::post, system + "/Actions/ComputerSystem.Reset",
                    R"({"ResetType": "GracefulShutdown"})", token);
  CHECK(off.status == 204);
  CHECK(f.world.get_server("fr-par-1", server.id)->state == ServerState::stopping);

  auto led = f.call(api::Method::patch, system, R"({"IndicatorLED": "Lit"})", token);
  CHECK(json_of(led)["IndicatorLED"] == "Lit");

  const std::string chassis = "/redfish/v1/Chassis/" + node["name"].get<std::string>();
  const Json sensors = json_of(f.call(api::Method::get, chassis + "/Sensors", {}, token));
  CHECK(sensors["Members@odata.count"] == 3);
  const Json cpu = json_of(f.call(api::Method::get, chassis + "/Sensors/CPUTemp", {}, token));
  CHECK(cpu["ReadingUnits"] == "Cel");
  CHECK(cpu["Thresholds"]["UpperCritical"]["Reading"] == 95);
  const Json env = json_of(f.call(api::Method::get, chassis + "/EnvironmentMetrics", {}, token));
  CHECK(env["PowerWatts"]["Reading"].get<double>() > 0);
  auto nowhere = f.call(api::Method::get, "/redfish/v1/Systems/not-a-node", {}, token);
  CHECK(nowhere.status == 404);
  CHECK(json_of(nowhere)["error"]["code"] == "Base.1.5.ResourceMissingAtURI");
}

TEST_CASE("failing nodes: their servers stop, the nodes are out of service until repaired") {
  Fixture f;
  const std::string admin = f.admin_key();
  const auto before = f.world.fleet().nodes_in_use();
  auto set =
      f.call(api::Method::put, "/sandbox/v1/faults", R"({"faults": "failed_nodes=2"})", admin);
  REQUIRE(set.status == 200);
  CHECK(f.world.hardware().failed_node_count() == 2 * f.world.fleet().zones().size());
  CHECK(f.world.fleet().nodes_in_use() == before - 2 * f.world.fleet().zones().size());
  CHECK(f.world.check_invariants().empty());
  // Failed nodes show Critical, off, with nobody on them; Redfish refuses to power them.
  int critical = 0;
  for (int rack = 1; rack <= f.world.node_capacity("fr-par-1") / 900; ++rack) {
    const Json nodes = json_of(f.call(
        api::Method::get,
        "/sandbox/v1/zones/fr-par-1/nodes?per_page=1000&rack=" + std::to_string(rack), {}, admin));
    for (const Json& n : nodes["nodes"])
      if (n["health"] == "Critical") {
        ++critical;
        CHECK(n["power_state"] == "Off");
        CHECK(n["server"].is_null());
      }
  }
  CHECK(critical == 2);
  // Servers started now never land on a failed node.
  for (int i = 0; i < 6; ++i) {
    const std::string id = f.first_in_state("fr-par-1", ServerState::stopped);
    if (id.empty()) break;
    f.call(api::Method::post, "/instance/v1/zones/fr-par-1/servers/" + id + "/action",
           R"({"action": "poweron"})");
    f.world.advance_to(Timestamp{f.world.now().micros + 120'000'000});
  }
  CHECK(f.world.check_invariants().empty());
  auto repaired = f.call(api::Method::put, "/sandbox/v1/faults", R"({"faults": "none"})", admin);
  REQUIRE(repaired.status == 200);
  CHECK(f.world.hardware().failed_node_count() == 0);
  CHECK(f.world.check_invariants().empty());
}

TEST_CASE("servers run on nodes of their type; a type with no free node is out_of_stock") {
  Fixture f;
  const std::string admin = f.admin_key();
  const std::string org = f.world.tenancy().organizations()[0].id;
  f.call(api::Method::put, "/sandbox/v1/quotas",
         R"({"organization_id": ")" + org + R"(", "quotas": {"servers": 100000}})", admin);
  // Each rack is built of one type's nodes; every running server sits in a rack of its type.
  const Json racks =
      json_of(f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/racks", {}, admin));
  int dev1_s = 0;
  for (const Json& rack : racks["racks"])
    if (rack["kind"] == "DEV1-S") dev1_s += rack["nodes"].get<int>();
  REQUIRE(dev1_s == 900);  // a small world: one rack of each type a zone
  const auto [server, index] = running_with_node(f);
  const Json node =
      json_of(f.call(api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes/" + std::to_string(index),
                     {}, admin))["node"];
  CHECK(node["kind"] == server.commercial_type);

  // Fill the DEV1-S nodes of fr-par-1 through the API until a poweron is refused.
  std::string refused;
  for (int i = 0; i < dev1_s + 10 && refused.empty(); ++i) {
    auto made = f.call(api::Method::post, "/instance/v1/zones/fr-par-1/servers",
                       R"({"commercial_type": "DEV1-S", "image": "ubuntu_jammy"})");
    REQUIRE(made.status == 201);
    const std::string id = json_of(made)["server"]["id"].get<std::string>();
    auto on = f.call(api::Method::post, "/instance/v1/zones/fr-par-1/servers/" + id + "/action",
                     R"({"action": "poweron"})");
    if (on.status != 202) {
      CHECK(on.status == 503);
      CHECK(error_of(on).resource_id == "DEV1-S");
      refused = error_of(on).type;
    }
  }
  CHECK(refused == "out_of_stock");
  // The type's availability says so; another type of the same zone still has room.
  const Json availability = json_of(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/products/servers/availability"));
  CHECK(availability["servers"]["DEV1-S"]["availability"] == "shortage");
  CHECK(availability["servers"]["DEV1-M"]["availability"] == "available");
  auto other = f.call(api::Method::post, "/instance/v1/zones/fr-par-1/servers",
                      R"({"commercial_type": "DEV1-M", "image": "ubuntu_jammy"})");
  const std::string other_id = json_of(other)["server"]["id"].get<std::string>();
  CHECK(f.call(api::Method::post, "/instance/v1/zones/fr-par-1/servers/" + other_id + "/action",
               R"({"action": "poweron"})")
            .status == 202);
  f.world.advance_to(Timestamp{f.world.now().micros + 600'000'000});
  CHECK(f.world.check_invariants().empty());
}
