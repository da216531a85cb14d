// One scenario, run twice: against the in-process transport (what the offline demo uses) and
// over real HTTP through libcurl against metal-sandbox. Both must answer exactly the same: status,
// body and the headers a client reads.

#include <doctest/doctest.h>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/http.hpp"
#include "curl_transport.hpp"
#include "model/api_error.hpp"
#include "model/server.hpp"
#include "sandbox_process.hpp"
#include "sim/api_handler.hpp"
#include "sim/sim_transport.hpp"
#include "sim/world.hpp"

using namespace metal;
using metal::test::SandboxProcess;

namespace {

constexpr std::uint64_t kSeed = 5;
constexpr int kServers = 130;
constexpr const char* kStart = "2026-11-01T09:00:00Z";

/// What a client sees of one answer.
struct Seen {
  std::string request;
  int status = 0;
  std::string body;
  std::string total;     // X-Total-Count
  std::string link;      // Link
  std::string location;  // Location
  bool operator==(const Seen&) const = default;
};

/// Sends one request and waits for its answer, whatever carries it.
using Exchange = std::function<api::Response(api::Request)>;

std::vector<Seen> run_scenario(const Exchange& exchange, const std::vector<sim::ApiKey>& keys) {
  std::vector<Seen> seen;
  const std::string rw = keys.at(0).secret_key;     // read-write, first organization
  const std::string ro = keys.at(1).secret_key;     // read-only
  const std::string other = keys.at(2).secret_key;  // second organization
  const std::string admin = keys.at(3).secret_key;
  auto send = [&](api::Method method, std::string target, std::string body = {},
                  std::string key = {}) {
    api::Request request;
    request.method = method;
    request.target = target;
    request.body = std::move(body);
    if (key != "none") request.headers.emplace_back("X-Auth-Token", key.empty() ? rw : key);
    if (!request.body.empty()) request.headers.emplace_back("Content-Type", "application/json");
    api::Response response = exchange(request);
    Seen s{std::string(api::to_string(method)) + " " + target,
           response.status,
           response.body,
           std::string(response.header("X-Total-Count").value_or("")),
           std::string(response.header("Link").value_or("")),
           std::string(response.header("Location").value_or(""))};
    seen.push_back(s);
    return response;
  };
  const std::string zone = "/instance/v1/zones/fr-par-1";
  auto advance = [&](int seconds) {
    send(api::Method::post, "/sandbox/v1/clock",
         "{\"advance_seconds\": " + std::to_string(seconds) + "}", admin);
  };

  // Paging, filters, order.
  send(api::Method::get, zone + "/servers?per_page=20");
  send(api::Method::get, zone + "/servers?per_page=20&page=3");
  send(api::Method::get, zone + "/servers?state=running&order=creation_date_asc&per_page=100");
  send(api::Method::get, "/instance/v1/zones/nl-ams-1/servers?name=web&per_page=5");
  send(api::Method::get, zone + "/servers?order=modification_date_desc&per_page=10");
  // A stopped server through its whole life: poweron, running, reboot, terminate, gone.
  auto listing = model::decode_text<model::ServerList>(
      send(api::Method::get, zone + "/servers?state=stopped&per_page=100").body);
  REQUIRE(listing);
  std::string id;
  for (const auto& s : listing->servers)
    if (!s.is_protected) id = s.id;
  REQUIRE_FALSE(id.empty());
  const std::string server = zone + "/servers/" + id;
  send(api::Method::get, server);
  send(api::Method::get, server + "/action");
  send(api::Method::post, server + "/action", R"({"action":"poweron"})");
  send(api::Method::get, server);
  send(api::Method::post, server + "/action", R"({"action":"poweron"})");  // refused: moving
  advance(5);
  send(api::Method::get, server);
  advance(120);
  send(api::Method::get, server);
  send(api::Method::post, server + "/action", R"({"action":"reboot"})");
  advance(200);
  send(api::Method::get, server);
  send(api::Method::post, server + "/action", R"({"action":"terminate"})");
  advance(300);
  send(api::Method::get, server);
  // Errors in the API's words.
  send(api::Method::get, zone + "/servers", {}, "none");
  send(api::Method::get, zone + "/servers", {}, "00000000-0000-0000-0000-000000000000");
  send(api::Method::get, "/instance/v1/zones/all/servers");
  send(api::Method::get, zone + "/servers?per_page=500");
  send(api::Method::get, zone + "/servers?page=zero");
  send(api::Method::put, zone + "/servers");
  send(api::Method::get, zone + "/volcanoes");
  send(api::Method::get, zone + "/servers/00000000-0000-0000-0000-000000000000");
  send(api::Method::post,
       listing->servers.front().id.empty()
           ? server
           : zone + "/servers/" + listing->servers.front().id + "/action",
       R"({"action": )");
  send(api::Method::post, zone + "/servers/" + listing->servers.front().id + "/action",
       R"({"action":"explode"})");
  // Tenants and roles.
  send(api::Method::get, zone + "/servers?per_page=100", {}, other);
  send(api::Method::get, zone + "/servers/" + listing->servers.front().id, {}, other);
  send(api::Method::post, zone + "/servers/" + listing->servers.front().id + "/action",
       R"({"action":"poweron"})", ro);
  send(api::Method::post, "/sandbox/v1/clock", R"({"advance_seconds": 1})", rw);
  // The rest of the world: products, dashboard, create/rename/delete, IAM, billing, metrics.
  send(api::Method::get, "/instance/v1/zones/fr-par-1/products/servers?per_page=100");
  send(api::Method::get, "/instance/v1/zones/fr-par-1/products/servers/availability");
  send(api::Method::get, "/instance/v1/zones/fr-par-1/dashboard");
  const auto created =
      send(api::Method::post, zone + "/servers",
           R"({"name":"conformance","commercial_type":"DEV1-S","image":"ubuntu_jammy"})");
  const auto made = model::decode_text<model::ServerEnvelope>(created.body);
  REQUIRE(made);
  send(api::Method::patch, zone + "/servers/" + made->server.id, R"({"tags":["a","b"]})");
  send(api::Method::del, zone + "/servers/" + made->server.id);
  send(api::Method::post, zone + "/servers", R"({"name":"incomplete"})");
  send(api::Method::get, "/account/v3/projects");
  send(api::Method::get, "/iam/v1alpha1/ssh-keys");
  send(api::Method::get, "/iam/v1alpha1/api-keys");
  send(api::Method::get, "/billing/v2beta1/consumptions?organization_id=" +
                             keys.at(0).organization_id + "&billing_period=2026-11");
  send(api::Method::get,
       "/api/v1/query_range?query=" +
           api::url_encode("sum by (zone) (rate(instance_server_cpu_seconds_total[5m]))") +
           "&start=1793523600&end=1793527200&step=300");
  send(api::Method::get, "/api/v1/query?query=" + api::url_encode("rate(x[5m]"));

  // The Instance collections beside servers, tied to a stopped server of ours.
  auto id_of = [](const api::Response& r, const char* member) {
    auto body = model::Json::parse(r.body, nullptr, false);
    return body.is_object() && body.contains(member) ? body[member]["id"].get<std::string>()
                                                     : std::string("missing");
  };
  std::string spare;  // another stopped server
  for (const auto& s : listing->servers)
    if (!s.is_protected && s.id != id) spare = s.id;
  REQUIRE_FALSE(spare.empty());
  const std::string target = zone + "/servers/" + spare;
  const std::string volume =
      id_of(send(api::Method::post, zone + "/volumes", R"({"name":"data","size":20000000000})"),
            "volume");
  send(api::Method::get, zone + "/volumes?per_page=5");
  const std::string snapshot =
      id_of(send(api::Method::post, zone + "/snapshots", R"({"volume_id":")" + volume + R"("})"),
            "snapshot");
  send(api::Method::post, zone + "/images",
       R"({"name":"img","arch":"x86_64","root_volume":")" + snapshot + R"("})");
  send(api::Method::get, zone + "/images?public=false");
  const std::string ip = id_of(send(api::Method::post, zone + "/ips", "{}"), "ip");
  send(api::Method::patch, zone + "/ips/" + ip, R"({"server":")" + spare + R"("})");
  const std::string group = id_of(
      send(api::Method::post, zone + "/security_groups", R"({"name":"web"})"), "security_group");
  send(api::Method::post, zone + "/security_groups/" + group + "/rules",
       R"({"protocol":"TCP","dest_port_from":443})");
  send(api::Method::put, zone + "/security_groups/" + group + "/rules",
       R"({"rules":[{"protocol":"UDP","dest_port_from":53}]})");
  send(api::Method::get, zone + "/security_groups?per_page=3");
  send(api::Method::post, target + "/attach-volume", R"({"volume_id":")" + volume + R"("})");
  send(api::Method::del, zone + "/volumes/" + volume);  // precondition_failed: attached
  send(api::Method::patch, target + "/user_data/motd", "hello");
  send(api::Method::get, target + "/user_data/motd");
  send(api::Method::post, target + "/private_nics",
       R"({"private_network_id":"9a0a0b1c-1111-4222-8333-444455556666"})");
  send(api::Method::get, target);
  // Every error type the simulator speaks: transient_state, locked, quotas_exceeded.
  send(api::Method::post, target + "/action", R"({"action":"poweron"})");
  send(api::Method::post, target + "/detach-volume", R"({"volume_id":")" + volume + R"("})");
  std::string locked;
  for (const char* z : {"fr-par-1", "nl-ams-1", "pl-waw-1"}) {
    auto found = model::decode_text<model::ServerList>(
        send(api::Method::get,
             std::string("/instance/v1/zones/") + z + "/servers?state=locked&per_page=1")
            .body);
    if (locked.empty() && found && !found->servers.empty())
      locked = std::string("/instance/v1/zones/") + z + "/servers/" + found->servers[0].id;
  }
  REQUIRE_FALSE(locked.empty());
  send(api::Method::post, locked + "/action", R"({"action":"reboot"})");
  send(api::Method::put, "/sandbox/v1/quotas",
       R"({"organization_id":")" + keys.at(0).organization_id +
           R"(","quotas":{"placement_groups":0}})",
       admin);
  send(api::Method::post, zone + "/placement_groups", R"({"name":"spread"})");
  // Hardware: the admin API, Redfish, failing nodes.
  send(api::Method::get, "/sandbox/v1/zones/fr-par-1/racks", {}, admin);
  send(api::Method::get, "/sandbox/v1/zones/fr-par-1/nodes?per_page=3", {}, admin);
  send(api::Method::post, "/sandbox/v1/zones/fr-par-1/nodes/5/gpio",
       R"({"pin":"led","value":"blink"})", admin);
  send(api::Method::get, "/redfish/v1", {}, "none");
  send(api::Method::get, "/redfish/v1/Systems?$top=2", {}, admin);
  send(api::Method::get, "/redfish/v1/Systems/fr-par-1-r01-c01-n01", {}, admin);
  send(api::Method::post, "/redfish/v1/Systems/fr-par-1-r01-c01-n01/Actions/ComputerSystem.Reset",
       R"({"ResetType":"Explode"})", admin);
  send(api::Method::put, "/sandbox/v1/faults", R"({"faults":"failed_nodes=1"})", admin);
  send(api::Method::get, "/sandbox/v1/invariants", {}, admin);
  // Billing and IAM beyond listings.
  send(api::Method::get, "/billing/v2beta1/invoices");
  send(api::Method::post, "/iam/v1alpha1/api-keys", R"({"description":"conformance"})");
  return seen;
}

}  // namespace

TEST_CASE("the sandbox over HTTP answers exactly what the in-process transport answers") {
  // In process: the same world (seed, size, start) and the same handler the demo uses.
  sim::World world(sim::WorldConfig{kSeed, kServers, *model::parse_timestamp(kStart)});
  sim::ApiHandler handler(world);
  sim::SimTransport in_process(handler);
  const std::vector<sim::ApiKey> seeded =
      world.tenancy().api_keys();  // the scenario makes one more
  const std::vector<Seen> local = run_scenario(
      [&](api::Request request) {
        std::optional<api::Response> answer;
        in_process.send(std::move(request), [&](api::Response r) { answer = std::move(r); });
        in_process.pump([] { return false; });
        REQUIRE(answer);
        return *answer;
      },
      seeded);

  SandboxProcess sandbox({"--listen", "127.0.0.1:0", "--seed", std::to_string(kSeed), "--servers",
                          std::to_string(kServers), "--start", kStart, "--frozen-clock"});
  REQUIRE(sandbox.keys().size() == seeded.size());
  for (std::size_t i = 0; i < seeded.size(); ++i)
    CHECK(sandbox.keys()[i].secret_key == seeded[i].secret_key);  // same seed, same keys
  native::CurlTransport curl(native::CurlOptions{.api_url = sandbox.url()});
  const std::vector<Seen> remote = run_scenario(
      [&](api::Request request) {
        std::optional<api::Response> answer;
        curl.send(std::move(request), [&](api::Response r) { answer = std::move(r); });
        const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (!answer && std::chrono::steady_clock::now() < deadline)
          curl.poll(std::chrono::milliseconds(50));
        REQUIRE(answer);
        return *answer;
      },
      sandbox.keys());

  REQUIRE(local.size() == remote.size());
  for (std::size_t i = 0; i < local.size(); ++i) {
    CAPTURE(local[i].request);
    CHECK(remote[i].status == local[i].status);
    CHECK(remote[i].body == local[i].body);
    CHECK(remote[i].total == local[i].total);
    CHECK(remote[i].link == local[i].link);
    CHECK(remote[i].location == local[i].location);
  }
  // And the scenario itself went where it should (so "equal" is not "equally broken").
  std::vector<int> statuses;
  std::string trace;
  for (const Seen& s : local) {
    statuses.push_back(s.status);
    trace += std::to_string(s.status) + " " + s.request + "\n";
  }
  CAPTURE(trace);
  CHECK(statuses == std::vector<int>{200, 200, 200, 200, 200, 200, 200, 200, 202, 200, 400, 200,
                                     200, 200, 200, 202, 200, 200, 202, 200, 404, 401, 401, 400,
                                     400, 400, 405, 404, 404, 400, 400, 200, 404, 403, 403, 200,
                                     200, 200, 201, 200, 204, 400, 200, 200, 200, 200, 200, 400,
                                     // inventory
                                     201, 200, 201, 201, 200, 201, 200, 201, 201, 200, 200, 200,
                                     400, 204, 200, 201, 200,
                                     // error types
                                     202, 409, 200, 200, 200, 400, 200, 403,
                                     // hardware
                                     200, 200, 200, 200, 200, 200, 400, 200, 200,
                                     // billing, IAM
                                     200, 200});
  // Every error type the simulator answers with, each met at least once.
  std::set<std::string> types;
  for (const Seen& s : local)
    if (auto error = model::parse_error_body(s.body);
        s.status >= 400 && error && !error->type.empty())
      types.insert(error->type);
  CHECK(types == std::set<std::string>{"bad_data", "denied_authentication", "invalid_arguments",
                                       "invalid_request_error", "locked", "not_found",
                                       "permissions_denied", "precondition_failed",
                                       "quotas_exceeded", "transient_state"});
  auto state_at = [&](std::size_t i) {
    auto server = model::decode_text<model::ServerEnvelope>(local.at(i).body);
    return server ? std::string(server->server.state_text()) : "(" + local.at(i).body + ")";
  };
  CHECK(state_at(6) == "stopped");
  CHECK(state_at(9) == "starting");
  CHECK(state_at(14) == "running");
  CHECK(state_at(17) == "running");  // the reboot went through stopping and starting, and back
}
