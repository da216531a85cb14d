#include <doctest/doctest.h>

#include <map>
#include <regex>
#include <set>

#include "../support/handler_fixture.hpp"
#include "api/http.hpp"
#include "model/api_error.hpp"
#include "model/billing.hpp"
#include "model/cockpit.hpp"
#include "model/dashboard.hpp"
#include "model/iam.hpp"
#include "model/project.hpp"
#include "model/prometheus.hpp"
#include "model/server.hpp"
#include "model/server_type.hpp"
#include "model/task.hpp"
#include "sim/api_handler.hpp"
#include "sim/demo_cloud.hpp"
#include "sim/demo_options.hpp"
#include "sim/faults.hpp"

using namespace metal;
using namespace metal::model;

using metal::testing::error_of;
using metal::testing::Fixture;
using metal::testing::kStart;

TEST_CASE("without a valid key the API denies authentication") {
  Fixture f;
  auto wrong = f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers", {}, "not-a-key");
  CHECK(wrong.status == 401);
  CHECK(error_of(wrong).type == "denied_authentication");
  CHECK(error_of(wrong).method == "api_key");

  api::Request bare;
  bare.target = "/instance/v1/zones/fr-par-1/servers";
  CHECK(f.handler.handle(bare).status == 401);
}

TEST_CASE("GET /servers pages with X-Total-Count and Link, like the real API") {
  Fixture f;
  auto first = f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?per_page=10");
  REQUIRE(first.status == 200);
  CHECK(first.header("Content-Type") == "application/json");
  auto list = decode_text<ServerList>(first.body);
  REQUIRE(list);
  CHECK(list->servers.size() == 10);
  const auto total = std::stoll(std::string(*first.header("X-Total-Count")));
  CHECK(total > 10);
  const std::string link(*first.header("Link"));
  CHECK(link.find("rel=\"next\"") != std::string::npos);
  CHECK(link.find("rel=\"last\"") != std::string::npos);
  CHECK(link.find("page=2&per_page=10") != std::string::npos);

  for (const Server& s : list->servers)
    CHECK(s.zone == "fr-par-1");
  // Default order: newest first.
  for (std::size_t i = 1; i < list->servers.size(); ++i)
    CHECK(list->servers[i - 1].creation_date >= list->servers[i].creation_date);
}

TEST_CASE("list filters: state, name substring, modification order") {
  Fixture f;
  auto running = decode_text<ServerList>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?state=running&per_page=100")
          .body);
  REQUIRE(running);
  REQUIRE_FALSE(running->servers.empty());
  for (const Server& s : running->servers)
    CHECK(s.state == ServerState::running);

  auto named = decode_text<ServerList>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?name=WEB").body);
  REQUIRE(named);
  for (const Server& s : named->servers)
    CHECK(s.name.find("web") != std::string::npos);

  auto by_change = decode_text<ServerList>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?order=modification_date_desc")
          .body);
  REQUIRE(by_change);
  for (std::size_t i = 1; i < by_change->servers.size(); ++i)
    CHECK(by_change->servers[i - 1].modification_date >= by_change->servers[i].modification_date);
}

TEST_CASE("bad list arguments and unknown zones are refused with the API's errors") {
  Fixture f;
  auto too_many = f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?per_page=101");
  CHECK(too_many.status == 400);
  CHECK(error_of(too_many).type == "invalid_arguments");
  REQUIRE(error_of(too_many).details.size() == 1);
  CHECK(error_of(too_many).details[0].argument_name == "per_page");

  CHECK(f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?order=sideways").status ==
        400);
  CHECK(f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?state=asleep").status == 400);

  auto all = f.call(api::Method::get, "/instance/v1/zones/all/servers");
  CHECK(all.status == 400);
  CHECK(error_of(all).message == "Unknown zone in path");

  // A real zone where the account has nothing: an empty list, not an error.
  auto empty = f.call(api::Method::get, "/instance/v1/zones/it-mil-1/servers");
  CHECK(empty.status == 200);
  CHECK(empty.header("X-Total-Count") == "0");

  CHECK(f.call(api::Method::get, "/instance/v1/zones/fr-par-1/nothing-here").status == 404);
  CHECK(f.call(api::Method::del, "/instance/v1/zones/fr-par-1/servers").status == 405);
}

TEST_CASE("every route of the table answers under its methods, and 405 under the others") {
  Fixture f;
  const std::string server = f.first_in_state("fr-par-1", ServerState::running);
  REQUIRE_FALSE(server.empty());
  const auto& routes = sim::ApiHandler::routes().routes();
  std::map<std::string, std::set<api::Method>> methods;  // by pattern
  for (const auto& route : routes)
    methods[route.pattern].insert(route.method);
  auto fill = [&](std::string_view pattern) {
    std::string target(pattern);
    const std::pair<const char*, std::string> values[] = {
        {"{zone}", "fr-par-1"},  {"{id}", server}, {"{index}", "0"}, {"{region}", "fr-par"},
        {"{sensor}", "CPUTemp"}, {"{key}", "k"},   {"{rule}", "x"},  {"{nic}", "x"}};
    for (const auto& [name, value] : values)
      for (auto at = target.find(name); at != std::string::npos; at = target.find(name))
        target.replace(at, std::string_view(name).size(), value);
    return target;
  };
  const std::string no_route_prefix = "no route for ";
  for (const auto& [pattern, registered] : methods) {
    const std::string target = fill(pattern);
    CAPTURE(target);
    for (api::Method method : {api::Method::get, api::Method::post, api::Method::put,
                               api::Method::patch, api::Method::del}) {
      CAPTURE(api::to_string(method));
      const auto answer = f.call(method, target, "{}", f.admin_key());
      if (registered.contains(method)) {
        CHECK(answer.status != 405);
        CHECK(error_of(answer).message != no_route_prefix + target);
      } else {
        CHECK(answer.status == 405);
        if (!pattern.starts_with("/redfish/") && !pattern.starts_with("/api/v1/"))
          CHECK(answer.body ==
                R"({"message":"method not allowed","type":"invalid_request_error"})");
      }
    }
  }
  // A path of no route is a 404 that names it, under any method.
  for (api::Method method : {api::Method::get, api::Method::post, api::Method::del}) {
    const auto answer = f.call(method, "/instance/v1/zones/fr-par-1/servers/" + server + "/nope");
    CHECK(answer.status == 404);
    CHECK(error_of(answer).message ==
          "no route for /instance/v1/zones/fr-par-1/servers/" + server + "/nope");
  }
}

TEST_CASE("GET one server; an unknown id is not_found") {
  Fixture f;
  const std::string id = f.first_in_state("fr-par-1", ServerState::running);
  REQUIRE_FALSE(id.empty());
  auto got = f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers/" + id);
  REQUIRE(got.status == 200);
  CHECK(decode_text<ServerEnvelope>(got.body)->server.id == id);
  // The same id looked up in another zone does not exist there.
  CHECK(f.call(api::Method::get, "/instance/v1/zones/nl-ams-1/servers/" + id).status == 404);
  auto missing = f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers/nope");
  CHECK(missing.status == 404);
  CHECK(error_of(missing).resource == "instance_server");
  CHECK(error_of(missing).resource_id == "nope");
}

TEST_CASE("POST an action: 202 with a task and a Location; refusals in the API's words") {
  Fixture f;
  const std::string id = f.first_in_state("fr-par-1", ServerState::stopped);
  REQUIRE_FALSE(id.empty());
  const std::string path = "/instance/v1/zones/fr-par-1/servers/" + id + "/action";

  auto listed = f.call(api::Method::get, path);
  CHECK(decode_text<ServerActionList>(listed.body)->actions ==
        std::vector<std::string>{"poweron", "backup"});

  auto accepted = f.call(api::Method::post, path, R"({"action": "poweron"})");
  REQUIRE(accepted.status == 202);
  auto task = decode_text<TaskEnvelope>(accepted.body);
  REQUIRE(task);
  CHECK(task->task.description == "server_batch_poweron");
  CHECK(accepted.header("Location") == "/instance/v1/zones/fr-par-1/tasks/" + task->task.id);

  auto again = f.call(api::Method::post, path, R"({"action": "poweron"})");
  CHECK(again.status == 400);
  CHECK(error_of(again).message == "server should be stopped");

  auto unknown = f.call(api::Method::post, path, R"({"action": "explode"})");
  CHECK(unknown.status == 400);
  CHECK(error_of(unknown).type == "invalid_arguments");
  CHECK(error_of(unknown).details.at(0).argument_name == "action");

  auto garbage = f.call(api::Method::post, path, R"({"action": )");
  CHECK(garbage.status == 400);
  CHECK(error_of(garbage).message.find("invalid JSON") != std::string::npos);

  CHECK(f.call(api::Method::post, path, "{}").status == 400);
  CHECK(f.call(api::Method::put, path, R"({"action": "poweron"})").status == 405);
}

TEST_CASE("a request path that is not valid UTF-8 gets a readable error, not a crash") {
  // Found by tests/fuzz/router_fuzz: the path is echoed in the message.
  Fixture f;
  auto r = f.call(api::Method::get, std::string("/instance/v1/zones/fr-par-1/nothing\xA6\xFF"));
  CHECK(r.status == 404);
  auto body = parse_error_body(r.body);
  REQUIRE(body);
  CHECK(body->message.find("no route for /instance/v1/zones/fr-par-1/nothing") == 0);
}

TEST_CASE("tenants: another organization sees nothing of ours; read-only keys cannot act") {
  Fixture f;
  auto key_of = [&](const std::string& org, sim::KeyRole role) {
    for (const sim::ApiKey& key : f.world.tenancy().api_keys())
      if (key.organization_id == org && key.role == role) return key.secret_key;
    return std::string();
  };
  const std::string acme = f.world.tenancy().organizations()[0].id;
  const std::string globex = f.world.tenancy().organizations()[1].id;
  const std::string list = "/instance/v1/zones/fr-par-1/servers?per_page=100";
  const auto ours = decode_text<ServerList>(f.call(api::Method::get, list).body);
  REQUIRE(ours);
  REQUIRE_FALSE(ours->servers.empty());
  const std::string id = ours->servers.front().id;
  const std::string server_path = "/instance/v1/zones/fr-par-1/servers/" + id;

  const std::string other = key_of(globex, sim::KeyRole::read_write);
  auto theirs = f.call(api::Method::get, list, {}, other);
  CHECK(decode_text<ServerList>(theirs.body)->servers.empty());
  CHECK(theirs.header("X-Total-Count") == "0");
  CHECK(f.call(api::Method::get, server_path, {}, other).status == 404);
  CHECK(
      f.call(api::Method::post, server_path + "/action", R"({"action":"reboot"})", other).status ==
      404);

  auto denied = f.call(api::Method::post, server_path + "/action", R"({"action":"reboot"})",
                       key_of(acme, sim::KeyRole::read_only));
  CHECK(denied.status == 403);
  CHECK(error_of(denied).type == "permissions_denied");

  auto admin = f.call(api::Method::get, server_path, {}, key_of(acme, sim::KeyRole::admin));
  CHECK(admin.status == 200);
}

TEST_CASE("a listing is byte for byte the encoding of its servers, also after they change") {
  Fixture f;
  const std::string list = "/instance/v1/zones/fr-par-1/servers?per_page=100";
  auto expected = [&] {
    sim::ServerFilter ours;
    ours.organization = f.world.tenancy().organizations()[0].id;
    auto slice =
        f.world.list_servers("fr-par-1", ours, sim::ServerOrder::creation_date_desc, 1, 100);
    return encode(ServerList{slice.servers}).dump();
  };
  CHECK(f.call(api::Method::get, list).body == expected());
  CHECK(f.call(api::Method::get, list).body == expected());  // from the cache now
  const std::string id = f.first_in_state("fr-par-1", ServerState::stopped);
  REQUIRE(f.call(api::Method::post, "/instance/v1/zones/fr-par-1/servers/" + id + "/action",
                 R"({"action":"poweron"})")
              .status == 202);
  const std::string after = f.call(api::Method::get, list).body;
  CHECK(after == expected());  // the changed server is encoded afresh
  CHECK(after.find("\"starting\"") != std::string::npos);
  auto one = f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers/" + id);
  CHECK(one.body == encode(ServerEnvelope{*f.world.get_server("fr-par-1", id)}).dump());
}

TEST_CASE("create, rename, protect and delete a server, as the real API does") {
  Fixture f;
  const std::string servers = "/instance/v1/zones/fr-par-2/servers";  // a zone with nothing yet
  auto missing = f.call(api::Method::post, servers, R"({"name": "web-1"})");
  CHECK(missing.status == 400);
  REQUIRE(error_of(missing).details.size() == 2);
  CHECK(error_of(missing).details[0].argument_name == "commercial_type");
  CHECK(error_of(missing).details[1].argument_name == "image");

  auto no_image =
      f.call(api::Method::post, servers,
             R"({"commercial_type": "DEV1-S", "image": "7a892c1a-bbdc-491f-9974-4008e3708664"})");
  CHECK(no_image.status == 404);
  CHECK(error_of(no_image).resource == "instance_image");

  auto created = f.call(api::Method::post, servers,
                        R"({"name": "web-1", "commercial_type": "DEV1-S", "image": "ubuntu_jammy",
                            "tags": ["web"], "dynamic_ip_required": false})");
  REQUIRE(created.status == 201);
  const Server server = decode_text<ServerEnvelope>(created.body)->server;
  CHECK(server.name == "web-1");
  CHECK(server.state == ServerState::stopped);
  CHECK(server.zone == "fr-par-2");
  CHECK(server.project == f.world.tenancy().api_keys().front().project_id);
  CHECK(created.header("Location") == servers + "/" + server.id);
  auto listed = decode_text<ServerList>(f.call(api::Method::get, servers).body);
  REQUIRE(listed->servers.size() == 1);

  const std::string path = servers + "/" + server.id;
  auto renamed = f.call(api::Method::patch, path, R"({"name": "web-01", "protected": true})");
  REQUIRE(renamed.status == 200);
  CHECK(decode_text<ServerEnvelope>(renamed.body)->server.name == "web-01");
  auto refused = f.call(api::Method::del, path);
  CHECK(refused.status == 400);
  CHECK(error_of(refused).type == "precondition_failed");
  REQUIRE(f.call(api::Method::patch, path, R"({"protected": false})").status == 200);
  CHECK(f.call(api::Method::patch, path, R"({"name": ""})").status == 400);
  CHECK(f.call(api::Method::del, path).status == 204);
  CHECK(f.call(api::Method::get, path).status == 404);

  const std::string read_only = f.world.tenancy().api_keys()[1].secret_key;
  CHECK(f.call(api::Method::post, servers,
               R"({"commercial_type": "DEV1-S", "image": "ubuntu_jammy"})", read_only)
            .status == 403);
}

TEST_CASE("server types with prices, their availability, volume types and the zone's dashboard") {
  Fixture f;
  auto page = f.call(api::Method::get, "/instance/v1/zones/fr-par-1/products/servers?per_page=5");
  REQUIRE(page.status == 200);
  auto types = decode_text<ServerTypeList>(page.body);
  REQUIRE(types);
  CHECK(types->servers.size() == 5);
  const int total = std::stoi(std::string(*page.header("X-Total-Count")));
  CHECK(total >= 12);
  auto all = decode_text<ServerTypeList>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/products/servers?per_page=100").body);
  REQUIRE(all->servers.contains("DEV1-S"));
  CHECK(all->servers.at("DEV1-S").hourly_price.money.format(4) == "0.0088 EUR");
  auto stock = decode_text<ServerTypeAvailability>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/products/servers/availability").body);
  CHECK(stock->servers.at("DEV1-S").availability == "available");
  CHECK(decode_text<VolumeTypeList>(
            f.call(api::Method::get, "/instance/v1/zones/fr-par-1/products/volumes").body)
            ->volumes.size() == 2);

  auto dashboard = decode_text<DashboardEnvelope>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/dashboard").body);
  REQUIRE(dashboard);
  auto listed = decode_text<ServerList>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?per_page=100").body);
  CHECK(dashboard->dashboard.servers_count == static_cast<std::int64_t>(listed->servers.size()));
  std::int64_t running = 0;
  for (const Server& s : listed->servers)
    running += s.state == ServerState::running;
  CHECK(dashboard->dashboard.running_servers_count == running);
}

TEST_CASE("faults on demand: 503 pages, bare 429s, transitions that never finish") {
  CHECK(sim::parse_faults("error_rate=0.5,latency_ms=80")->latency_ms == 80);
  CHECK(sim::parse_faults("").has_value());
  CHECK(sim::parse_faults("error_rate=2").error() ==
        "fault error_rate: a share from 0 to 1, not 2");
  CHECK(sim::parse_faults("explode=1").error() ==
        "unknown fault \"explode\" (error_rate, rate_limit, latency_ms, stuck, failed_nodes)");
  CHECK(sim::parse_faults("stuck").error() == "fault \"stuck\": expected key=value");

  Fixture f;
  const std::string admin = f.world.tenancy().api_keys()[3].secret_key;
  const std::string list = "/instance/v1/zones/fr-par-1/servers";
  CHECK(f.call(api::Method::put, "/sandbox/v1/faults", R"({"faults": "error_rate=1"})").status ==
        403);  // not an admin key
  REQUIRE(f.call(api::Method::put, "/sandbox/v1/faults", R"({"faults": "error_rate=1"})", admin)
              .status == 200);
  auto down = f.call(api::Method::get, list);
  CHECK(down.status == 503);
  CHECK_FALSE(parse_error_body(down.body));  // a gateway page, not the API's JSON
  CHECK(f.call(api::Method::get, "/sandbox/v1/faults", {}, admin).status == 200);

  f.handler.set_faults(*sim::parse_faults("rate_limit=1"));
  auto limited = f.call(api::Method::get, list);
  CHECK(limited.status == 429);
  CHECK(limited.body.empty());
  CHECK_FALSE(limited.header("Retry-After"));

  f.handler.set_faults(*sim::parse_faults("stuck=1"));
  const std::string id = f.first_in_state("fr-par-1", ServerState::stopped);
  REQUIRE(
      f.call(api::Method::post, list + "/" + id + "/action", R"({"action":"poweron"})").status ==
      202);
  f.world.advance_to(Timestamp{kStart.micros + 3600'000'000ll});
  CHECK(decode_text<ServerEnvelope>(f.call(api::Method::get, list + "/" + id).body)->server.state ==
        ServerState::starting);
}

TEST_CASE("the demo's faults: a latency holds each in-process answer for that long in real time") {
  sim::DemoOptions options;
  options.servers = 5;
  REQUIRE_FALSE(sim::apply_demo_option(options, "faults", "latency_ms=300"));
  CHECK(*sim::apply_demo_option(options, "faults", "latency=3") ==
        "faults: unknown fault \"latency\" (error_rate, rate_limit, latency_ms, stuck, "
        "failed_nodes)");
  const Timestamp t0 = kStart;
  sim::DemoCloud demo(options, t0);
  auto at = [&](std::int64_t ms) { return Timestamp{t0.micros + ms * 1000}; };
  demo.tick(at(0), [] { return false; });  // the transport learns the time
  std::optional<int> status;
  api::Request request;
  request.target = "/instance/v1/zones/fr-par-1/servers";
  request.headers.emplace_back("X-Auth-Token", demo.demo_key().secret_key);
  demo.transport().send(request, [&](api::Response r) { status = r.status; });
  demo.tick(at(1), [] { return false; });
  CHECK_FALSE(status);
  demo.tick(at(299), [] { return false; });
  CHECK_FALSE(status);
  demo.tick(at(300), [] { return false; });
  CHECK(status == 200);
}

TEST_CASE("projects, SSH keys and API keys: per organization, paged, secrets never listed") {
  Fixture f;
  const auto& keys = f.world.tenancy().api_keys();
  const std::string other = keys[2].secret_key;  // the second organization
  auto projects = decode_text<ProjectList>(f.call(api::Method::get, "/account/v3/projects").body);
  REQUIRE(projects);
  CHECK(projects->total_count == 2);
  CHECK(decode_text<ProjectList>(f.call(api::Method::get, "/account/v3/projects", {}, other).body)
            ->total_count == 1);
  CHECK(f.call(api::Method::get, "/account/v3/projects?organization_id=" + keys[2].organization_id)
            .status == 403);

  auto listed = decode_text<SshKeyList>(f.call(api::Method::get, "/iam/v1alpha1/ssh-keys").body);
  REQUIRE(listed);
  CHECK(listed->total_count == 1);
  const std::string public_key =
      "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFj3qG6cVtq1bC8xJ0Qm5y3X7h2T9c4m9o1w6QY0k2Zt me@desk";
  const std::uint64_t changes_before = f.world.changes();
  auto created = f.call(api::Method::post, "/iam/v1alpha1/ssh-keys",
                        R"({"name": "desk", "public_key": ")" + public_key + "\"}");
  REQUIRE(created.status == 200);
  // A change of the world: the sandbox writes its state file, the demo its copy, on changes.
  CHECK(f.world.changes() > changes_before);
  const SshKey key = *decode_text<SshKey>(created.body);
  CHECK(key.fingerprint.starts_with("256 SHA256:"));
  CHECK(key.fingerprint.ends_with(" me@desk (ssh-ed25519)"));
  CHECK(f.call(api::Method::post, "/iam/v1alpha1/ssh-keys",
               R"({"public_key": ")" + public_key + "\"}")
            .status == 409);  // the same key twice
  const std::uint64_t changes_at_refusal = f.world.changes();
  auto bad = f.call(api::Method::post, "/iam/v1alpha1/ssh-keys", R"({"public_key": "hello"})");
  CHECK(bad.status == 400);
  CHECK(f.world.changes() == changes_at_refusal);  // refused: nothing changed
  CHECK(error_of(bad).details.at(0).argument_name == "public_key");
  CHECK(f.call(api::Method::get, "/iam/v1alpha1/ssh-keys/" + key.id, {}, other).status == 404);
  CHECK(f.call(api::Method::patch, "/iam/v1alpha1/ssh-keys/" + key.id, R"({"disabled": true})")
            .status == 200);
  CHECK(decode_text<SshKeyList>(
            f.call(api::Method::get, "/iam/v1alpha1/ssh-keys?page_size=1&page=2").body)
            ->ssh_keys.at(0)
            .disabled);
  CHECK(f.call(api::Method::del, "/iam/v1alpha1/ssh-keys/" + key.id).status == 204);

  auto api_keys = f.call(api::Method::get, "/iam/v1alpha1/api-keys");
  auto decoded_keys = decode_text<ApiKeyList>(api_keys.body);
  REQUIRE(decoded_keys);
  CHECK(decoded_keys->total_count == 3);  // the first organization's three
  for (const model::ApiKey& k : decoded_keys->api_keys)
    CHECK_FALSE(k.secret_key);
  for (const sim::ApiKey& k : keys)
    CHECK(api_keys.body.find(k.secret_key) == std::string::npos);
}

TEST_CASE("billing: what a month cost is the metered hours at the type's price, capped monthly") {
  // An empty world at the start of October: one server, powered on, 5 h 30 min running then
  // standby (still billed), then powered off.
  const Timestamp october = *parse_timestamp("2026-10-01T00:00:00Z");
  Fixture f(sim::WorldConfig{2, 0, october});
  const std::string zone = "/instance/v1/zones/fr-par-1/servers";
  auto created =
      f.call(api::Method::post, zone,
             R"({"name": "billed", "commercial_type": "DEV1-S", "image": "ubuntu_jammy"})");
  REQUIRE(created.status == 201);
  const std::string id = decode_text<ServerEnvelope>(created.body)->server.id;
  auto act = [&](const char* action) {
    REQUIRE(f.call(api::Method::post, zone + "/" + id + "/action",
                   std::string(R"({"action":")") + action + "\"}")
                .status == 202);
  };
  auto at = [&](std::int64_t seconds) {
    f.world.advance_to(Timestamp{october.micros + seconds * 1'000'000});
  };
  act("poweron");
  at(3 * 3600);
  act("stop_in_place");
  at(5 * 3600 + 1800);
  act("poweroff");
  at(8 * 3600);
  const std::string org = f.world.tenancy().api_keys().front().organization_id;
  auto month = f.call(api::Method::get, "/billing/v2beta1/consumptions?organization_id=" + org +
                                            "&billing_period=2026-10");
  REQUIRE(month.status == 200);
  auto lines = decode_text<ConsumptionList>(month.body);
  REQUIRE(lines);
  REQUIRE(lines->consumptions.size() == 1);
  CHECK(lines->consumptions[0].billed_quantity == "6");  // 5 h 30 min and seconds: 6 started
  CHECK(lines->consumptions[0].value.total_nanos() == 6 * 8'800'000);  // 0.0088 EUR an hour
  CHECK(lines->consumptions[0].product_name == "DEV1-S");
  CHECK(decode_text<ConsumptionList>(
            f.call(api::Method::get, "/billing/v2beta1/consumptions?organization_id=" + org +
                                         "&billing_period=2026-09")
                .body)
            ->consumptions.empty());

  // Running all of November: 720 hours (6.336 EUR, under the cap); all of December: 744 hours
  // would be 6.5472 EUR, but a month never costs more than the monthly price.
  act("poweron");
  at(93 * 86400);
  auto month_of = [&](const char* period) {
    return decode_text<ConsumptionList>(
        f.call(api::Method::get,
               "/billing/v2beta1/consumptions?organization_id=" + org + "&billing_period=" + period)
            .body);
  };
  auto november = month_of("2026-11");
  REQUIRE(november->consumptions.size() == 1);
  CHECK(november->consumptions[0].billed_quantity == "720");
  CHECK(november->consumptions[0].value.total_nanos() == 720ll * 8'800'000);
  auto december = month_of("2026-12");
  REQUIRE(december->consumptions.size() == 1);
  CHECK(december->consumptions[0].billed_quantity == "744");
  CHECK(december->consumptions[0].value.format() == "6.42 EUR");
  CHECK(f.call(api::Method::get,
               "/billing/v2beta1/consumptions?organization_id=" + org + "&billing_period=2026-13")
            .status == 400);
  CHECK(f.call(api::Method::get, "/billing/v2beta1/consumptions?organization_id=" +
                                     f.world.tenancy().organizations()[1].id)
            .status == 403);
  CHECK(f.world.check_invariants().empty());
}

TEST_CASE("a seeded organization's month adds up to the sum of its lines") {
  Fixture f;
  const std::string org = f.world.tenancy().organizations()[0].id;
  auto month = decode_text<ConsumptionList>(
      f.call(api::Method::get, "/billing/v2beta1/consumptions?organization_id=" + org).body);
  REQUIRE(month);
  CHECK_FALSE(month->consumptions.empty());
  std::int64_t hours = 0;
  for (const auto& line : month->consumptions) {
    CHECK(line.value.total_nanos() > 0);
    hours += std::stoll(line.billed_quantity);
  }
  CHECK(hours > 0);
  CHECK(total_of(month->consumptions).has_value());
}

TEST_CASE("metrics: Prometheus's API and JSON over the servers' counters") {
  Fixture f;
  f.world.advance_to(Timestamp{kStart.micros + 3600'000'000ll});
  const double now = f.world.now().seconds();
  const auto listed = decode_text<ServerList>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?per_page=100").body);
  std::string running_id, stopped_id;
  for (const Server& s : listed->servers) {
    if (s.state == ServerState::running && running_id.empty()) running_id = s.id;
    if (s.state == ServerState::stopped && stopped_id.empty() &&
        s.modification_date.seconds() < now - 3600)
      stopped_id = s.id;
  }
  REQUIRE_FALSE(running_id.empty());
  REQUIRE_FALSE(stopped_id.empty());
  auto range = [&](const std::string& expr) {
    return f.call(api::Method::get,
                  "/api/v1/query_range?query=" + api::url_encode(expr) +
                      "&start=" + std::to_string(static_cast<long long>(now) - 3600) +
                      "&end=" + std::to_string(static_cast<long long>(now)) + "&step=60");
  };
  auto answer =
      range("rate(instance_server_cpu_seconds_total{resource_id=\"" + running_id + "\"}[5m])");
  REQUIRE(answer.status == 200);
  auto cpu = decode_text<PromResponse>(answer.body);  // the decoder of real Prometheus answers
  REQUIRE(cpu);
  CHECK(cpu->status == "success");
  CHECK(cpu->data->result_type == "matrix");
  REQUIRE(cpu->data->result.size() == 1);
  CHECK(cpu->data->result[0].metric.at("resource_id") == running_id);
  CHECK_FALSE(cpu->data->result[0].metric.contains("__name__"));  // rate() drops the name
  REQUIRE(cpu->data->result[0].values.size() == 61);
  for (const PromSample& sample : cpu->data->result[0].values)
    CHECK(sample.value > 0);
  CHECK(answer.body.find("[" + std::to_string(static_cast<long long>(now) - 3600) + ",\"") !=
        std::string::npos);  // timestamps as plain numbers, values as strings

  // Written as Prometheus writes them: times to the millisecond without trailing zeros, values
  // as plain decimals (Go's 'f' format, never an exponent, also for counters in the billions).
  const auto fractional = f.call(
      api::Method::get,
      "/api/v1/query_range?query=" +
          api::url_encode("instance_server_disk_bytes_total{resource_id=\"" + running_id + "\"}") +
          "&start=" + std::to_string(static_cast<long long>(now) - 600) +
          ".25&end=" + std::to_string(static_cast<long long>(now)) + "&step=60.5");
  REQUIRE(fractional.status == 200);
  const std::regex sample_pattern(R"re(\[(-?[0-9.e+]+),"([^"]*)"\])re");
  int samples = 0;
  bool saw_quarter = false;
  for (auto it =
           std::sregex_iterator(fractional.body.begin(), fractional.body.end(), sample_pattern);
       it != std::sregex_iterator(); ++it, ++samples) {
    const std::string time = (*it)[1], value = (*it)[2];
    CHECK_MESSAGE(std::regex_match(time, std::regex(R"([0-9]+(\.[0-9]{0,2}[1-9])?)")), time);
    CHECK_MESSAGE(std::regex_match(value, std::regex(R"(-?[0-9]+(\.[0-9]*[1-9])?)")), value);
    saw_quarter = saw_quarter || time.ends_with(".25");
  }
  CHECK(samples > 10);
  CHECK(saw_quarter);
  CHECK(fractional.body.find("e+") == std::string::npos);

  auto idle =
      decode_text<PromResponse>(range("rate(instance_server_network_bytes_total{resource_id=\"" +
                                      stopped_id + "\",direction=\"rx\"}[5m])")
                                    .body);
  REQUIRE(idle->data->result.size() == 1);
  for (const PromSample& sample : idle->data->result[0].values)
    CHECK(sample.value == 0);  // stopped: no traffic

  auto by_zone = decode_text<PromResponse>(
      range("sum by (zone) (rate(instance_server_cpu_seconds_total[5m]))").body);
  CHECK(by_zone->data->result.size() == 3);  // the three zones with servers

  auto instant =
      f.call(api::Method::get,
             "/api/v1/query?query=" +
                 api::url_encode("instance_server_disk_bytes_total{direction=~\"read|wr.*\","
                                 "resource_id=\"" +
                                 running_id + "\"}"));
  auto disk = decode_text<PromResponse>(instant.body);
  REQUIRE(disk);
  CHECK(disk->data->result_type == "vector");
  CHECK(disk->data->result.size() == 2);

  auto broken =
      f.call(api::Method::get, "/api/v1/query_range?query=" + api::url_encode("rate(x[5m]") +
                                   "&start=0&end=60&step=15");
  CHECK(broken.status == 400);
  auto error = decode_text<PromResponse>(broken.body);
  REQUIRE(error);
  CHECK(error->status == "error");
  CHECK(error->error_type == "bad_data");
  CHECK(f.call(api::Method::get, "/api/v1/query_range?query=up&start=0&end=100000&step=1").status ==
        400);  // more than 11,000 points
  CHECK(f.call(api::Method::get,
               "/api/v1/query?query=" +
                   api::url_encode("instance_server_cpu_seconds_total{zone=~\"(a)\"}"))
            .status == 400);  // regex beyond the simulator's subset: refused, not guessed

  const std::string other = f.world.tenancy().api_keys()[2].secret_key;
  auto theirs = decode_text<PromResponse>(
      f.call(api::Method::get, "/api/v1/query?query=instance_server_cpu_seconds_total", {}, other)
          .body);
  CHECK(theirs->data->result.empty());
}

TEST_CASE("metrics: topk and bottomk rank the fleet, keeping each series' labels") {
  Fixture f;
  f.world.advance_to(Timestamp{kStart.micros + 3600'000'000ll});
  auto instant = [&](const std::string& expr) {
    return f.call(api::Method::get, "/api/v1/query?query=" + api::url_encode(expr));
  };
  auto all = decode_text<PromResponse>(instant("rate(instance_server_cpu_seconds_total[1h])").body);
  REQUIRE(all);
  REQUIRE(all->data->result.size() > 5);
  std::vector<double> values;
  for (const PromSeries& s : all->data->result)
    values.push_back(s.value->value);
  std::sort(values.rbegin(), values.rend());

  auto top = decode_text<PromResponse>(
      instant("topk(5, rate(instance_server_cpu_seconds_total[1h]))").body);
  REQUIRE(top);
  REQUIRE(top->data->result.size() == 5);
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(top->data->result[i].value->value == values[i]);  // the largest, largest first
    CHECK(top->data->result[i].metric.contains("resource_name"));
  }
  auto bottom = decode_text<PromResponse>(
      instant("bottomk(3, rate(instance_server_cpu_seconds_total[1h]))").body);
  REQUIRE(bottom->data->result.size() == 3);
  CHECK(bottom->data->result[0].value->value == values.back());
  auto per_zone = decode_text<PromResponse>(
      instant("topk by (zone) (1, rate(instance_server_cpu_seconds_total[1h]))").body);
  CHECK(per_zone->data->result.size() == 3);  // the busiest of each zone
  auto broken = instant("topk(rate(instance_server_cpu_seconds_total[1h]))");
  CHECK(broken.status == 400);
  CHECK(broken.body.find("expected a number of series, then a comma, in topk()") !=
        std::string::npos);
}

TEST_CASE("Cockpit's metrics data source points at the same API") {
  Fixture f;
  auto answer = f.call(api::Method::get, "/cockpit/v1/regions/fr-par/data-sources?types=metrics");
  REQUIRE(answer.status == 200);
  auto list = decode_text<DataSourceList>(answer.body);
  REQUIRE(list);
  REQUIRE(list->data_sources.size() == 1);
  CHECK(list->data_sources[0].type == "metrics");
  CHECK(list->data_sources[0].url.empty());  // in-process: same origin
  CHECK(list->data_sources[0].project_id == f.world.tenancy().api_keys().front().project_id);
}

TEST_CASE("tenant isolation: every route, with another organization's key, shows nothing of ours") {
  Fixture f;
  const std::string acme = f.world.tenancy().organizations()[0].id;
  const std::string other = f.world.tenancy().api_keys()[2].secret_key;  // the second organization
  REQUIRE(f.world.tenancy().api_keys()[2].organization_id != acme);
  const auto ours = decode_text<ServerList>(
      f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers?per_page=100").body);
  REQUIRE_FALSE(ours->servers.empty());
  const std::string id = ours->servers.front().id;
  const std::string ssh_key = f.world.tenancy().ssh_keys().front().id;
  const std::string project = f.world.tenancy().projects().front().id;
  const std::string server = "/instance/v1/zones/fr-par-1/servers/" + id;
  // One of each Instance resource of ours, and a private NIC and user data on our server.
  const std::string zone = "/instance/v1/zones/fr-par-1";
  auto make = [&](const std::string& collection, const std::string& body, const char* member) {
    auto r = f.call(api::Method::post, zone + "/" + collection, body);
    REQUIRE(r.status == 201);
    return zone + "/" + collection + "/" + Json::parse(r.body)[member]["id"].get<std::string>();
  };
  const std::string volume = make("volumes", R"({"size": 10000000000})", "volume");
  const std::string snapshot =
      make("snapshots", R"({"volume_id": ")" + volume.substr(volume.rfind('/') + 1) + R"("})",
           "snapshot");
  const std::string image = make(
      "images",
      R"({"arch": "x86_64", "root_volume": ")" + snapshot.substr(snapshot.rfind('/') + 1) + R"("})",
      "image");
  const std::string ip = make("ips", "{}", "ip");
  const std::string group = make("security_groups", R"({"name": "ours"})", "security_group");
  const std::string placement = make("placement_groups", "{}", "placement_group");
  auto nic = f.call(api::Method::post, server + "/private_nics",
                    R"({"private_network_id": "9a0a0b1c-1111-4222-8333-444455556666"})");
  REQUIRE(nic.status == 201);
  const std::string nic_path =
      server + "/private_nics/" + Json::parse(nic.body)["private_nic"]["id"].get<std::string>();
  REQUIRE(f.call(api::Method::patch, server + "/user_data/secret", "ours").status == 204);

  struct Probe {
    api::Method method;
    std::string target;
    std::string body;
  };
  // Resources of ours, asked for by name: refused (403) or unknown (404), never shown.
  std::vector<Probe> single = {
      {api::Method::get, server, ""},
      {api::Method::patch, server, R"({"name": "mine now"})"},
      {api::Method::del, server, ""},
      {api::Method::get, server + "/action", ""},
      {api::Method::post, server + "/action", R"({"action": "reboot"})"},
      {api::Method::get, "/account/v3/projects/" + project, ""},
      {api::Method::get, "/account/v3/projects?organization_id=" + acme, ""},
      {api::Method::get, "/iam/v1alpha1/ssh-keys/" + ssh_key, ""},
      {api::Method::patch, "/iam/v1alpha1/ssh-keys/" + ssh_key, R"({"disabled": true})"},
      {api::Method::del, "/iam/v1alpha1/ssh-keys/" + ssh_key, ""},
      {api::Method::get, "/iam/v1alpha1/ssh-keys?organization_id=" + acme, ""},
      {api::Method::get, "/iam/v1alpha1/api-keys/" + f.world.tenancy().api_keys()[0].access_key,
       ""},
      {api::Method::get, "/billing/v2beta1/consumptions?organization_id=" + acme, ""},
      {api::Method::get, "/billing/v2beta1/consumptions?project_id=" + project, ""},
      {api::Method::get, "/sandbox/v1/clock", ""},
      {api::Method::get, "/sandbox/v1/invariants", ""},
      {api::Method::get, "/sandbox/v1/quotas?organization_id=" + acme, ""},
      {api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes", ""},
      {api::Method::get, "/redfish/v1/Systems", ""},
      {api::Method::get, "/billing/v2beta1/invoices?organization_id=" + acme, ""},
      {api::Method::del, "/iam/v1alpha1/api-keys/" + f.world.tenancy().api_keys()[0].access_key,
       ""},
      {api::Method::put, server, R"({"name": "mine now"})"},
      {api::Method::post, server + "/attach-volume", R"({"volume_id": "x"})"},
      {api::Method::get, server + "/user_data", ""},
      {api::Method::get, server + "/user_data/secret", ""},
      {api::Method::patch, server + "/user_data/secret", "theirs"},
      {api::Method::get, server + "/private_nics", ""},
      {api::Method::get, nic_path, ""},
      {api::Method::del, nic_path, ""},
  };
  for (const std::string& resource : {volume, snapshot, image, ip, group, placement}) {
    single.push_back({api::Method::get, resource, ""});
    single.push_back({api::Method::patch, resource, R"({"name": "mine now", "tags": []})"});
    single.push_back({api::Method::del, resource, ""});
  }
  single.push_back({api::Method::get, group + "/rules", ""});
  single.push_back({api::Method::put, group + "/rules", R"({"rules": []})"});
  for (const Probe& probe : single) {
    CAPTURE(probe.target);
    const auto answer = f.call(probe.method, probe.target, probe.body, other);
    CHECK((answer.status == 403 || answer.status == 404));
    CHECK(answer.body.find(acme) == std::string::npos);
  }
  // Lists: answered, with none of ours in them.
  const std::vector<std::string> lists = {
      "/instance/v1/zones/fr-par-1/servers?per_page=100",
      "/instance/v1/zones/fr-par-1/servers?name=" + ours->servers.front().name,
      "/instance/v1/zones/fr-par-1/dashboard",
      "/account/v3/projects",
      "/iam/v1alpha1/ssh-keys",
      "/iam/v1alpha1/api-keys",
      "/api/v1/query?query=instance_server_cpu_seconds_total",
      "/api/v1/query?query=" +
          api::url_encode("sum by (resource_id) (rate(instance_server_cpu_seconds_total[5m]))"),
      zone + "/volumes?per_page=100",
      zone + "/snapshots",
      zone + "/images?public=false",
      zone + "/ips",
      zone + "/security_groups",
      zone + "/placement_groups",
      "/billing/v2beta1/invoices",
  };
  for (const std::string& target : lists) {
    CAPTURE(target);
    const auto answer = f.call(api::Method::get, target, {}, other);
    CHECK(answer.status == 200);
    CHECK(answer.body.find(acme) == std::string::npos);
    CHECK(answer.body.find(id) == std::string::npos);
    CHECK(answer.body.find(ssh_key) == std::string::npos);
  }
  // And nothing was changed by the attempts.
  CHECK(f.world.get_server("fr-par-1", id)->name == ours->servers.front().name);
  for (const std::string& resource : {volume, snapshot, image, ip, group, placement})
    CHECK(f.call(api::Method::get, resource).status == 200);
  CHECK(f.call(api::Method::get, server + "/user_data/secret").body == "ours");
  CHECK(f.call(api::Method::get, nic_path).status == 200);
  CHECK(f.world.tenancy().api_keys()[0].organization_id == acme);
  CHECK_FALSE(f.world.tenancy().ssh_keys().front().disabled);
}

TEST_CASE("a Prometheus path or query with bytes that are not UTF-8 gets a readable error") {
  // Found by tests/fuzz/router_fuzz: the path is quoted in the message.
  Fixture f;
  auto r = f.call(api::Method::get, std::string("/api/v1/\"m\xf9$h:\"\x8c"));
  CHECK(r.status == 404);
  auto body = parse_error_body(r.body);
  REQUIRE(body);
  CHECK(body->type == "not_found");
  auto q = f.call(api::Method::get,
                  std::string("/api/v1/query?query=") + api::url_encode("up{a=\"\xff\xfe"));
  CHECK(q.status == 400);
  CHECK(parse_error_body(q.body).has_value());
}
