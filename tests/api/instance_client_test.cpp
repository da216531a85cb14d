#include <doctest/doctest.h>

#include <deque>
#include <functional>
#include <set>

#include "../support/scripted_transport.hpp"
#include "api/instance_client.hpp"
#include "model/server.hpp"

using namespace metal;

namespace {

using test::ScriptedTransport;

std::string servers_body(int first, int count) {
  model::ServerList list;
  for (int i = 0; i < count; ++i) {
    model::Server s;
    s.id = "id-" + std::to_string(first + i);
    s.name = "server-" + std::to_string(first + i);
    s.state = model::ServerState::running;
    list.servers.push_back(s);
  }
  return model::encode(list).dump();
}

int page_of(const api::Request& request) {
  for (const auto& [key, value] : api::parse_query(request.query()))
    if (key == "page") return std::stoi(value);
  return 1;
}

}  // namespace

TEST_CASE("a 250-server listing is fetched as 3 pages of 100, every server exactly once") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request& request) {
    const int page = page_of(request);
    api::Response r;
    r.status = 200;
    r.headers = {{"x-total-count", "250"}};  // header names are case-insensitive
    r.body = servers_body((page - 1) * 100, page < 3 ? 100 : 50);
    return r;
  };
  api::InstanceClient client(transport, api::Credentials{"secret-token"});
  std::vector<std::string> ids;
  std::optional<api::ApiResult<std::int64_t>> done;
  client.list_all_servers(
      "fr-par-1", {},
      [&](api::ServerPage page) {
        for (const auto& s : page.servers)
          ids.push_back(s.id);
      },
      [&](api::ApiResult<std::int64_t> result) { done = std::move(result); });
  CHECK(transport.sent.size() == 1);  // the total is unknown before page 1
  transport.deliver();
  REQUIRE(done);
  REQUIRE(*done);
  CHECK(done->value() == 250);
  CHECK(transport.sent.size() == 3);
  CHECK(ids.size() == 250);
  CHECK(std::set<std::string>(ids.begin(), ids.end()).size() == 250);
  for (const api::Request& r : transport.sent) {
    CHECK(r.path() == "/instance/v1/zones/fr-par-1/servers");
    CHECK(r.query().find("per_page=100") != std::string_view::npos);
    CHECK(api::find_header(r.headers, "X-Auth-Token") == "secret-token");
  }
}

TEST_CASE("a failing page ends the listing with that error; pages already delivered stay") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request& request) {
    api::Response r;
    if (page_of(request) == 2) {
      r.status = 503;
      r.body = "<html>upstream unavailable</html>";
      return r;
    }
    r.status = 200;
    r.headers = {{"X-Total-Count", "300"}};
    r.body = servers_body((page_of(request) - 1) * 100, 100);
    return r;
  };
  api::InstanceClient client(transport, api::Credentials{"secret-token"});
  int delivered = 0;
  std::optional<api::ApiResult<std::int64_t>> done;
  client.list_all_servers(
      "nl-ams-1", {},
      [&](api::ServerPage page) { delivered += static_cast<int>(page.servers.size()); },
      [&](api::ApiResult<std::int64_t> result) { done = std::move(result); });
  transport.deliver();
  REQUIRE(done);
  REQUIRE_FALSE(*done);
  CHECK(done->error().status == 503);
  CHECK(done->error().message == "Service Unavailable");  // not JSON: the status text
  CHECK(done->error().request == "GET /instance/v1/zones/nl-ams-1/servers");
  CHECK(delivered >= 100);
}

TEST_CASE("errors name the request and the API's message, never the key") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request&) {
    api::Response r;
    r.status = 400;
    r.body = R"({"type": "invalid_request_error", "message": "server should be stopped"})";
    return r;
  };
  api::InstanceClient client(transport, api::Credentials{"super-secret-key"});
  std::optional<api::ApiResult<model::Task>> result;
  client.server_action("fr-par-1", "abc", model::ServerAction::poweron,
                       [&](api::ApiResult<model::Task> r) { result = std::move(r); });
  REQUIRE(transport.sent.size() == 1);
  CHECK(transport.sent[0].method == api::Method::post);
  CHECK(transport.sent[0].body == R"({"action":"poweron"})");
  transport.deliver();
  REQUIRE(result);
  REQUIRE_FALSE(*result);
  const std::string text = result->error().to_string();
  CHECK(text ==
        "server should be stopped (400 invalid_request_error, POST "
        "/instance/v1/zones/fr-par-1/servers/abc/action)");
  CHECK(text.find("super-secret-key") == std::string::npos);
}

TEST_CASE("a success with an unreadable body is an error that says what was wrong") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request&) {
    api::Response r;
    r.status = 200;
    r.body = R"({"server": {"id": "abc", "state": 3}})";
    return r;
  };
  api::InstanceClient client(transport, api::Credentials{"k"});
  std::optional<api::ApiResult<model::Server>> result;
  client.get_server("fr-par-1", "abc",
                    [&](api::ApiResult<model::Server> r) { result = std::move(r); });
  transport.deliver();
  REQUIRE(result);
  REQUIRE_FALSE(*result);
  CHECK(result->error().type == "bad_response");
  CHECK(result->error().message ==
        "unexpected response body: server.state: expected a string, got an integer");

  transport.answer = [](const api::Request&) {
    api::Response r;
    r.network_error = "connection refused";
    return r;
  };
  client.get_server("fr-par-1", "abc",
                    [&](api::ApiResult<model::Server> r) { result = std::move(r); });
  transport.deliver();
  REQUIRE_FALSE(*result);
  CHECK(result->error().type == "network");
  CHECK(result->error().message == "connection refused");
}
