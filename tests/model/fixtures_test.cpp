#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <string>

#include "../support/fixtures.hpp"
#include "../support/json.hpp"
#include "model/api_error.hpp"
#include "model/catalog.hpp"
#include "model/cockpit.hpp"
#include "model/flexible_ip.hpp"
#include "model/image.hpp"
#include "model/prometheus.hpp"
#include "model/security_group.hpp"
#include "model/server.hpp"
#include "model/server_type.hpp"
#include "model/snapshot.hpp"
#include "model/task.hpp"

using namespace metal;
using namespace metal::model;

namespace {

// Decodes, encodes and decodes again: empty when all went well and nothing changed, else why not.
template <class T>
std::string round_trip(const std::string& body) {
  auto first = decode_text<T>(body);
  if (!first) return "decode: " + first.error().to_string();
  auto second = decode_text<T>(to_json(*first).dump());
  if (!second) return "decode of the re-encoded body: " + second.error().to_string();
  if (!(*second == *first)) return "re-encoding changed the data";
  return {};
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.ends_with(suffix);
}

// The type that answers a recorded request, from its method, path and status: what the client
// knows of each route.
std::function<std::string(const std::string&)> decoder_for(const std::string& method,
                                                           std::string path, int status) {
  if (status >= 400) return round_trip<ApiErrorBody>;
  if (path.find("/instance/v1/zones/") == 0) {
    path =
        path.substr(path.find('/', std::string("/instance/v1/zones/").size()));  // after the zone
    if (path == "/servers")
      return method == "POST" ? round_trip<ServerEnvelope> : round_trip<ServerList>;
    if (path.starts_with("/servers/") && ends_with(path, "/action"))
      return round_trip<TaskEnvelope>;
    if (path.starts_with("/servers/") && ends_with(path, "/private_nics"))
      return round_trip<PrivateNicList>;
    if (path.starts_with("/servers/")) return round_trip<ServerEnvelope>;
    if (path == "/images") return round_trip<ImageList>;
    if (path.starts_with("/images/")) return round_trip<ImageEnvelope>;
    if (path == "/products/servers") return round_trip<ServerTypeList>;
    if (path == "/products/servers/availability") return round_trip<ServerTypeAvailability>;
    if (path == "/products/volumes") return round_trip<VolumeTypeList>;
    if (path == "/ips") return round_trip<FlexibleIpList>;
    if (path.starts_with("/security_groups/") && ends_with(path, "/rules"))
      return round_trip<SecurityGroupRuleList>;
    if (path.starts_with("/security_groups/")) return round_trip<SecurityGroupEnvelope>;
    if (path == "/snapshots") return round_trip<SnapshotList>;
  }
  if (path == "/marketplace/v2/images") return round_trip<MarketplaceImageList>;
  if (path == "/marketplace/v2/local-images") return round_trip<LocalImageList>;
  if (path.starts_with("/product-catalog/") && ends_with(path, "/products"))
    return round_trip<CatalogProductList>;
  if (path.starts_with("/cockpit/v1/regions/") && ends_with(path, "/data-sources"))
    return round_trip<DataSourceList>;
  return nullptr;
}

}  // namespace

TEST_CASE(
    "every recorded API body decodes into the type its route answers, and re-encodes to the same "
    "data") {
  const Json manifest = test::parse(test::read_fixture("scaleway/manifest.json"));
  REQUIRE(manifest.is_array());
  REQUIRE(manifest.size() >= 27);
  for (const Json& entry : manifest) {
    const std::string file = entry.at("file").get<std::string>();
    std::string url = entry.at("url").get<std::string>();
    const std::string method = entry.at("method").get<std::string>();
    const int status = entry.at("status").get<int>();
    CAPTURE(file);
    std::string path = url.substr(url.find('/', url.find("://") + 3));
    path = path.substr(0, path.find('?'));
    auto decoder = decoder_for(method, path, status);
    REQUIRE_MESSAGE(decoder, "no model type answers " << method << " " << path);
    const std::string body = test::read_fixture("scaleway/" + file);
    REQUIRE_FALSE(body.empty());
    CHECK(decoder(body) == "");
  }
}

TEST_CASE("server types carry exact prices and their constraints") {
  auto page = decode_text<ServerTypeList>(
      test::read_fixture("scaleway/instance_products_servers_page1.json"));
  REQUIRE(page);
  CHECK(page->servers.size() == 50);
  const ServerType& dev1s = page->servers.at("DEV1-S");
  CHECK(dev1s.hourly_price.money.total_nanos() == 8'800'000);  // 0.0088 EUR, exactly
  CHECK(dev1s.monthly_price.money.format() == "6.42 EUR");
  CHECK(dev1s.ncpus == 2);
  CHECK(dev1s.ram == 2147483648ull);
  CHECK(dev1s.volumes_constraint.max_size == 20'000'000'000ull);
  CHECK(dev1s.per_volume_constraint.at("l_ssd").min_size == 1'000'000'000ull);
  CHECK(page->servers.at("L4-1-24G").gpu == 1);
  auto availability = decode_text<ServerTypeAvailability>(
      test::read_fixture("scaleway/instance_products_servers_availability.json"));
  REQUIRE(availability);
  CHECK(availability->servers.at("BASIC2-A16C-32G").availability == "available");
}

TEST_CASE("money is exact and formats the way invoices do") {
  CHECK(Money::from_decimal(0.0088).total_nanos() == 8'800'000);
  CHECK(Money::from_decimal(6.424).format() == "6.42 EUR");
  CHECK(Money::from_decimal(0.005).format() == "0.01 EUR");  // half away from zero
  CHECK(Money::from_decimal(-1.005).format() == "-1.01 EUR");
  CHECK(Money::from_decimal(0.039449).format(4) == "0.0394 EUR");
  Money sum;
  for (int hour = 0; hour < 730; ++hour)
    sum = sum + Money::from_decimal(0.0088);
  CHECK(sum.total_nanos() == 730LL * 8'800'000);  // no drift, whatever the number of hours
  CHECK(sum.format() == "6.42 EUR");

  auto catalog = decode_text<CatalogProductList>(
      test::read_fixture("scaleway/product_catalog_instance_fr_par_1.json"));
  REQUIRE(catalog);
  REQUIRE_FALSE(catalog->products.empty());
  REQUIRE(catalog->products[0].price.retail_price);
  CHECK(catalog->products[0].price.retail_price->nanos == 39'449'000);
  CHECK(catalog->products[0].price.retail_price->format(4) == "0.0394 EUR");
}

TEST_CASE("Prometheus answers: matrix, vector and error, exactly as recorded") {
  auto matrix =
      decode_text<PromResponse>(test::read_fixture("prometheus/query_range_cpu_rate_by_mode.json"));
  REQUIRE(matrix);
  CHECK(matrix->status == "success");
  REQUIRE(matrix->data);
  CHECK(matrix->data->result_type == "matrix");
  REQUIRE_FALSE(matrix->data->result.empty());
  CHECK(matrix->data->result[0].metric.at("mode") == "idle");
  REQUIRE(matrix->data->result[0].values.size() > 10);
  CHECK(matrix->data->result[0].values[0].time == 1795313430);
  CHECK(matrix->data->result[0].values[0].value == doctest::Approx(0.1025));

  auto vector =
      decode_text<PromResponse>(test::read_fixture("prometheus/query_instant_cpu_busy_pct.json"));
  REQUIRE(vector);
  CHECK(vector->data->result_type == "vector");
  REQUIRE(vector->data->result.at(0).value);
  CHECK(vector->data->result[0].value->value == doctest::Approx(95.875));

  auto error = decode_text<PromResponse>(test::read_fixture("prometheus/query_range_error.json"));
  REQUIRE(error);
  CHECK(error->status == "error");
  CHECK(error->error_type == "bad_data");
  CHECK(error->error == "1:20: parse error: unclosed left parenthesis");

  for (const char* file :
       {"prometheus/query_range_net_rx_counter_eth0.json",
        "prometheus/query_range_net_rx_rate.json", "prometheus/query_range_cpu_rate_by_mode.json",
        "prometheus/query_instant_cpu_busy_pct.json", "prometheus/query_range_error.json"}) {
    CAPTURE(file);
    CHECK(round_trip<PromResponse>(test::read_fixture(file)) == "");
  }

  auto special = decode_text<PromResponse>(
      R"({"status":"success","data":{"resultType":"vector","result":[{"metric":{},"value":[1,"NaN"]}]}})");
  REQUIRE(special);
  CHECK(std::isnan(special->data->result[0].value->value));
  auto bad = decode_text<PromResponse>(
      R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"lots"]]}]}})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() ==
        "data.result[0].values[0][1]: expected a number as text, got \"lots\"");
}
