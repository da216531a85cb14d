// Billing beyond servers (volumes and flexible IPs metered while they exist; invoices for past
// months) and API keys created and deleted, as the simulated cloud answers them.

#include <doctest/doctest.h>

#include "../support/handler_fixture.hpp"
#include "model/billing.hpp"
#include "model/iam.hpp"

using namespace metal;
using namespace metal::model;
using metal::testing::error_of;
using metal::testing::Fixture;

namespace {

// An empty world at the start of October 2026.
const Timestamp kOctober = *parse_timestamp("2026-10-01T00:00:00Z");

struct EmptyWorld : Fixture {
  EmptyWorld() : Fixture(sim::WorldConfig{2, 0, kOctober}) {}
  void at_hours(double hours) {
    world.advance_to(Timestamp{kOctober.micros + static_cast<std::int64_t>(hours * 3.6e9)});
  }
  std::string org() const { return world.tenancy().api_keys().front().organization_id; }
  ConsumptionList month(const char* period) {
    return *decode_text<ConsumptionList>(
        call(api::Method::get,
             "/billing/v2beta1/consumptions?organization_id=" + org() + "&billing_period=" + period)
            .body);
  }
};

const Consumption* line_of(const ConsumptionList& list, std::string_view product) {
  for (const Consumption& c : list.consumptions)
    if (c.product_name == product) return &c;
  return nullptr;
}

}  // namespace

TEST_CASE("volumes and flexible IPs are billed from creation to deletion, attached or not") {
  EmptyWorld w;
  auto volume = w.call(api::Method::post, "/instance/v1/zones/fr-par-1/volumes",
                       R"({"volume_type": "b_ssd", "size": 50000000000})");
  REQUIRE(volume.status == 201);
  auto ip = w.call(api::Method::post, "/instance/v1/zones/fr-par-1/ips", "{}");
  REQUIRE(ip.status == 201);
  const std::string ip_id = Json::parse(ip.body)["ip"]["id"].get<std::string>();
  w.at_hours(10.25);  // 11 hours started
  REQUIRE(w.call(api::Method::del, "/instance/v1/zones/fr-par-1/ips/" + ip_id).status == 204);
  w.at_hours(20);

  const ConsumptionList october = w.month("2026-10");
  const Consumption* storage = line_of(october, "Block SSD");
  REQUIRE(storage);
  CHECK(storage->category_name == "Storage");
  CHECK(storage->unit == "GB-hour");
  CHECK(storage->billed_quantity == "1000");                 // 20 h x 50 GB
  CHECK(storage->value.total_nanos() == 20 * 50 * 110'000);  // 0.00011 EUR a GB-hour
  const Consumption* address = line_of(october, "Flexible IPv4");
  REQUIRE(address);
  CHECK(address->category_name == "Network");
  CHECK(address->billed_quantity == "11");
  CHECK(address->value.format() == "0.04 EUR");  // 11 x 0.004 = 0.044
  // November's 720 hours stay under the cap; a whole 31-day month costs the monthly price, not
  // 744 hours of it.
  w.at_hours(24 * 92);
  const Consumption* november = line_of(w.month("2026-11"), "Block SSD");
  REQUIRE(november);
  CHECK(november->value.total_nanos() == 720 * 50 * 110'000ll);
  const Consumption* december = line_of(w.month("2026-12"), "Block SSD");
  REQUIRE(december);
  CHECK(december->value.total_nanos() == 50 * 80'000'000ll);       // 0.08 EUR a GB-month
  CHECK(line_of(w.month("2026-11"), "Flexible IPv4") == nullptr);  // released in October
  // October, now whole: the volume at its cap, the IP's 11 hours.
  CHECK(total_of(w.month("2026-10").consumptions)->format() == "4.04 EUR");
  CHECK(total_of(w.month("2026-10").consumptions)->total_nanos() == 4'044'000'000);
}

TEST_CASE("invoices: one per month ended, the month's consumptions plus 20% VAT") {
  EmptyWorld w;
  auto made = w.call(api::Method::post, "/instance/v1/zones/fr-par-1/servers",
                     R"({"commercial_type": "DEV1-S", "image": "ubuntu_jammy"})");
  const std::string id = Json::parse(made.body)["server"]["id"].get<std::string>();
  REQUIRE(w.call(api::Method::post, "/instance/v1/zones/fr-par-1/servers/" + id + "/action",
                 R"({"action": "poweron"})")
              .status == 202);
  w.at_hours(24 * 70);  // into December
  auto answer = w.call(api::Method::get, "/billing/v2beta1/invoices");
  REQUIRE(answer.status == 200);
  const auto list = decode_text<InvoiceList>(answer.body);
  REQUIRE(list);
  REQUIRE(list->total_count == 2);                 // October and November; December is not over
  const Invoice& november = list->invoices.at(0);  // newest first by default
  CHECK(format_timestamp(*november.billing_period).substr(0, 7) == "2026-11");
  const auto lines = w.month("2026-11");
  CHECK(november.total_untaxed == *total_of(lines.consumptions));
  CHECK(november.total_taxed.total_nanos() ==
        november.total_untaxed.total_nanos() + november.total_tax.total_nanos());
  CHECK(november.total_tax.format() == "1.27 EUR");  // 20% of 6.336
  CHECK(november.state == "outstanding");            // due mid-December
  CHECK(list->invoices.at(1).state == "paid");
  auto one = w.call(api::Method::get, "/billing/v2beta1/invoices/" + november.id);
  CHECK(decode_text<Invoice>(one.body)->id == november.id);
  auto ascending = decode_text<InvoiceList>(
      w.call(api::Method::get, "/billing/v2beta1/invoices?order_by=billing_period_asc&page_size=1")
          .body);
  CHECK(ascending->total_count == 2);
  REQUIRE(ascending->invoices.size() == 1);
  CHECK(format_timestamp(*ascending->invoices[0].billing_period).substr(0, 7) == "2026-10");
  CHECK(w.call(api::Method::get, "/billing/v2beta1/invoices?order_by=price").status == 400);
  CHECK(w.call(api::Method::get, "/billing/v2beta1/invoices?organization_id=" +
                                     w.world.tenancy().organizations()[1].id)
            .status == 403);
}

TEST_CASE("API keys: created with their secret shown once, usable at once, deleted for good") {
  Fixture f;
  auto created =
      f.call(api::Method::post, "/iam/v1alpha1/api-keys", R"({"description": "ci runner"})");
  REQUIRE(created.status == 200);
  const auto key = decode_text<model::ApiKey>(created.body);
  REQUIRE(key);
  REQUIRE(key->secret_key);
  CHECK(key->access_key.starts_with("SCW"));
  CHECK(key->description == "ci runner");
  // It works, and is listed without its secret.
  CHECK(f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers", {}, *key->secret_key)
            .status == 200);
  auto listed = f.call(api::Method::get, "/iam/v1alpha1/api-keys");
  CHECK(listed.body.find(key->access_key) != std::string::npos);
  CHECK(listed.body.find(*key->secret_key) == std::string::npos);
  // Read-only keys make none; another organization cannot delete ours.
  CHECK(f.call(api::Method::post, "/iam/v1alpha1/api-keys", "{}", f.read_only_key()).status == 403);
  CHECK(f.call(api::Method::del, "/iam/v1alpha1/api-keys/" + key->access_key, {}, f.other_org_key())
            .status == 404);
  auto foreign =
      f.call(api::Method::post, "/iam/v1alpha1/api-keys",
             R"({"default_project_id": ")" + f.world.tenancy().projects().back().id + R"("})");
  CHECK(error_of(foreign).details.at(0).argument_name == "default_project_id");
  CHECK(f.call(api::Method::del, "/iam/v1alpha1/api-keys/" + key->access_key).status == 204);
  CHECK(f.call(api::Method::get, "/instance/v1/zones/fr-par-1/servers", {}, *key->secret_key)
            .status == 401);
  CHECK(f.call(api::Method::del, "/iam/v1alpha1/api-keys/" + key->access_key).status == 404);
}

TEST_CASE("a saved world keeps its inventory, hardware and quotas, and goes on the same") {
  Fixture f;
  const std::string admin = f.admin_key();
  const std::string zone = "/instance/v1/zones/fr-par-1";
  REQUIRE(f.call(api::Method::post, zone + "/volumes", R"({"size": 10000000000})").status == 201);
  REQUIRE(f.call(api::Method::post, zone + "/ips", "{}").status == 201);
  REQUIRE(f.call(api::Method::post, zone + "/security_groups", R"({"name": "kept"})").status ==
          201);
  const std::string server = f.first_in_state("fr-par-1", ServerState::stopped);
  REQUIRE(
      f.call(api::Method::patch, zone + "/servers/" + server + "/user_data/motd", "hello").status ==
      204);
  // Bytes that are not text (gzip'd cloud-init starts with 1f 8b) are kept as they came.
  const std::string gzip("\x1f\x8b\x08\x00\xff\xfe", 6);
  REQUIRE(f.call(api::Method::patch, zone + "/servers/" + server + "/user_data/cloud-init", gzip)
              .status == 204);
  REQUIRE(f.call(api::Method::put, "/sandbox/v1/faults", R"({"faults": "failed_nodes=1"})", admin)
              .status == 200);
  REQUIRE(f.call(api::Method::post, "/sandbox/v1/zones/fr-par-1/nodes/1700/gpio",
                 R"({"pin": "led", "value": "on"})", admin)
              .status == 200);
  const std::string saved = f.world.save();
  auto restored = sim::World::restore(saved);
  REQUIRE(restored);
  CHECK(restored->save() == saved);
  CHECK(restored->hardware().failed_node_count() == f.world.hardware().failed_node_count());
  CHECK(restored->node("fr-par-1", 1700)->led == "on");
  CHECK(restored->inventory().user_data.at(server).at("motd") == "hello");
  CHECK(restored->inventory().user_data.at(server).at("cloud-init") == gzip);
  // Both go on alike: the same request makes the same resource.
  sim::ApiHandler twin(*restored);
  api::Request request;
  request.method = api::Method::post;
  request.target = zone + "/volumes";
  request.body = R"({"size": 20000000000})";
  request.headers.emplace_back("X-Auth-Token", f.world.tenancy().api_keys().front().secret_key);
  CHECK(twin.handle(request).body == f.handler.handle(request).body);
}
