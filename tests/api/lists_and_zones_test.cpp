#include <doctest/doctest.h>

#include <optional>
#include <string>

#include "../support/fixtures.hpp"
#include "../support/scripted_transport.hpp"
#include "api/account_client.hpp"
#include "api/billing_client.hpp"
#include "api/instance_client.hpp"
#include "api/metrics_client.hpp"
#include "api/zones.hpp"

using namespace metal;
using test::respond;
using test::ScriptedTransport;

namespace {

int query_int(const api::Request& request, std::string_view name, int fallback) {
  for (const auto& [key, value] : api::parse_query(request.query()))
    if (key == name) return std::stoi(value);
  return fallback;
}

std::string volumes_body(int first, int count, const std::string& zone = "fr-par-1") {
  model::VolumeList list;
  for (int i = first; i < first + count; ++i) {
    model::Volume v;
    v.id = "vol-" + std::to_string(i);
    v.name = "data-" + std::to_string(i);
    v.zone = zone;
    v.size = 20'000'000'000;
    list.volumes.push_back(v);
  }
  return model::to_json(list).dump();
}

std::string zone_of(const api::Request& request) {
  const std::string path(request.path());
  const std::string prefix = "/instance/v1/zones/";
  return path.substr(prefix.size(), path.find('/', prefix.size()) - prefix.size());
}

}  // namespace

TEST_CASE("a list of 250 volumes is fetched as 3 concurrent pages and merged in the API's order") {
  ScriptedTransport transport;
  transport.reverse_order = true;  // the last page lands first
  transport.answer = [](const api::Request& request) {
    const int page = query_int(request, "page", 1);
    return respond(200, volumes_body((page - 1) * 100, page < 3 ? 100 : 50),
                   {{"X-Total-Count", "250"}});
  };
  api::InstanceClient client(transport, api::Credentials{"k"});
  std::optional<api::ApiResult<model::VolumeList>> result;
  client.list_volumes("fr-par-1", {}, [&](auto r) { result = std::move(r); });
  transport.deliver();
  REQUIRE(result);
  REQUIRE(*result);
  const auto& volumes = (*result)->volumes;
  REQUIRE(volumes.size() == 250);
  for (int i = 0; i < 250; ++i)
    CHECK(volumes[static_cast<std::size_t>(i)].id == "vol-" + std::to_string(i));
  CHECK(transport.sent.size() == 3);
  for (const api::Request& sent : transport.sent)
    CHECK(query_int(sent, "per_page", 0) == 100);
}

TEST_CASE("IAM lists page by page_size and read their total from the body") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request& request) {
    CHECK(query_int(request, "page_size", 0) == 2);
    const int page = query_int(request, "page", 1);
    model::SshKeyList list;
    list.total_count = 5;
    for (int i = (page - 1) * 2; i < std::min(5, page * 2); ++i)
      list.ssh_keys.emplace_back().id = "key-" + std::to_string(i);
    return respond(200, model::to_json(list).dump());  // no X-Total-Count header
  };
  api::AccountClient client(transport, api::Credentials{"k"});
  api::ListQuery query;
  query.per_page = 2;
  std::optional<api::ApiResult<model::SshKeyList>> result;
  client.list_ssh_keys(query, [&](auto r) { result = std::move(r); });
  transport.deliver();
  REQUIRE(*result);
  CHECK(transport.sent.size() == 3);
  REQUIRE((*result)->ssh_keys.size() == 5);
  CHECK((*result)->ssh_keys.back().id == "key-4");
}

TEST_CASE("an empty page ends a listing whatever total was announced") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request& request) {
    const int page = query_int(request, "page", 1);
    return respond(200, volumes_body(0, page == 1 ? 100 : 0), {{"X-Total-Count", "99999999999"}});
  };
  api::InstanceClient client(transport, api::Credentials{"k"});
  std::optional<api::ApiResult<model::VolumeList>> result;
  client.list_volumes("fr-par-1", {}, [&](auto r) { result = std::move(r); });
  transport.deliver();
  REQUIRE(*result);
  CHECK((*result)->volumes.size() == 100);
  CHECK(transport.sent.size() <= 5);  // page 1, then at most one round of concurrent pages
}

TEST_CASE("server types come on two recorded pages and merge into one catalogue of 76") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request& request) {
    const int page = query_int(request, "page", 1);
    return respond(200,
                   test::read_fixture("scaleway/instance_products_servers_page" +
                                      std::to_string(page) + ".json"),
                   {{"X-Total-Count", "76"}});
  };
  api::InstanceClient client(transport, api::Credentials{"k"});
  std::optional<api::ApiResult<model::ServerTypeList>> result;
  client.list_server_types("fr-par-1", [&](auto r) { result = std::move(r); });
  transport.deliver();
  REQUIRE(*result);
  CHECK(transport.sent.size() == 2);
  CHECK((*result)->servers.size() == 76);
  CHECK((*result)->servers.at("DEV1-S").hourly_price.money.total_nanos() == 8'800'000);
}

TEST_CASE("zones are asked at once; one failing zone is named and the others still arrive") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request& request) {
    const std::string zone = zone_of(request);
    if (zone == "nl-ams-1") return respond(503, "<html>bad gateway</html>");
    return respond(200, volumes_body(zone == "fr-par-1" ? 0 : 10, 2, zone),
                   {{"X-Total-Count", "2"}});
  };
  api::InstanceClient client(transport, api::Credentials{"secret-key"});
  std::optional<api::AcrossZones<model::VolumeList>> result;
  api::across_zones<model::VolumeList>(
      {"fr-par-1", "nl-ams-1", "pl-waw-1"},
      [&](const std::string& zone, api::Done<model::VolumeList> done) {
        client.list_volumes(zone, {}, std::move(done));
      },
      [&](api::AcrossZones<model::VolumeList> r) { result = std::move(r); });
  CHECK(transport.sent.size() == 3);  // all zones before any answer
  CHECK_FALSE(result);
  transport.deliver();
  REQUIRE(result);
  CHECK(result->answered == std::vector<std::string>{"fr-par-1", "pl-waw-1"});
  REQUIRE(result->merged.volumes.size() == 4);
  CHECK(result->merged.volumes[0].zone == "fr-par-1");
  CHECK(result->merged.volumes[3].zone == "pl-waw-1");
  REQUIRE(result->failures.size() == 1);
  CHECK(result->failures[0].zone == "nl-ams-1");
  CHECK(result->failures[0].error.to_string() ==
        "Service Unavailable (503, GET /instance/v1/zones/nl-ams-1/volumes)");
}

TEST_CASE("a truncated page is an error naming the request and where the body broke") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request&) {
    return respond(200, R"({"volumes": [{"id": "v1", "size": "big"}]})");
  };
  api::InstanceClient client(transport, api::Credentials{"k"});
  std::optional<api::ApiResult<model::VolumeList>> result;
  client.list_volumes("fr-par-1", {}, [&](auto r) { result = std::move(r); });
  transport.deliver();
  REQUIRE_FALSE(*result);
  CHECK(result->error().to_string() ==
        "unexpected response body: volumes[0].size: expected a number, got a string "
        "(bad_response, GET /instance/v1/zones/fr-par-1/volumes)");

  transport.answer = [](const api::Request&) { return respond(200, R"({"volumes": [{"id": "v)"); };
  client.list_volumes("fr-par-1", {}, [&](auto r) { result = std::move(r); });
  transport.deliver();
  REQUIRE_FALSE(*result);
  CHECK(result->error().type == "bad_response");
  CHECK(result->error().message ==
        "unexpected response body: invalid JSON: A string is opened, but never closed.");

  transport.answer = [](const api::Request&) {
    return respond(200, R"({"volumes": [{"id": "v1", )");
  };
  client.list_volumes("fr-par-1", {}, [&](auto r) { result = std::move(r); });
  transport.deliver();
  REQUIRE_FALSE(*result);
  CHECK(result->error().message.starts_with("unexpected response body: volumes[0]: invalid JSON"));
}

TEST_CASE(
    "a Prometheus error reads as its own message; a foreign metrics host never sees the key") {
  ScriptedTransport transport;
  transport.answer = [](const api::Request&) {
    return respond(400, test::read_fixture("prometheus/query_range_error.json"));
  };
  api::MetricsClient same_origin(transport, api::Credentials{"secret-key"}, {"", ""});
  std::optional<api::ApiResult<model::PromResponse>> result;
  same_origin.query_range({"rate(x[5m]", 0, 60, 15}, [&](auto r) { result = std::move(r); });
  transport.deliver();
  REQUIRE_FALSE(*result);
  CHECK(result->error().type == "bad_data");
  CHECK(result->error().message == "1:20: parse error: unclosed left parenthesis");
  CHECK(transport.sent.back().target.starts_with("/api/v1/query_range?"));
  CHECK(api::find_header(transport.sent.back().headers, "X-Auth-Token").has_value());

  api::MetricsClient cockpit(transport, api::Credentials{"secret-key"},
                             {"https://abc.metrics.cockpit.fr-par.scw.cloud", "cockpit-token"});
  cockpit.query("up", 0, [&](auto r) { result = std::move(r); });
  const api::Request& sent = transport.sent.back();
  CHECK(sent.target == "https://abc.metrics.cockpit.fr-par.scw.cloud/api/v1/query?query=up");
  CHECK_FALSE(api::find_header(sent.headers, "X-Auth-Token").has_value());
  CHECK(api::find_header(sent.headers, "Authorization") ==
        std::optional<std::string_view>("Bearer cockpit-token"));
}

TEST_CASE("billing periods are months; a month's lines add up exactly") {
  CHECK(*api::parse_billing_period("2026-10") == "2026-10");
  CHECK_FALSE(api::parse_billing_period("2026-13"));
  CHECK_FALSE(api::parse_billing_period("Oct 2026"));
  CHECK(api::parse_billing_period("26-10").error().message ==
        "billing period \"26-10\" is not a month like 2026-11");

  std::vector<model::Consumption> lines(3);
  lines[0].value = model::Money::from_decimal(6.42);
  lines[1].value = model::Money::from_decimal(0.0088 * 744);
  lines[2].value = model::Money::from_nanos(1);
  CHECK(model::total_of(lines)->total_nanos() == 6'420'000'000 + 6'547'200'000 + 1);
  lines[2].value.currency_code = "USD";
  CHECK_FALSE(model::total_of(lines));
}
