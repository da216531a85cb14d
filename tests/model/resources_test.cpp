#include <doctest/doctest.h>

#include <string>

#include "model/billing.hpp"
#include "model/dashboard.hpp"
#include "model/iam.hpp"
#include "model/placement_group.hpp"
#include "model/project.hpp"
#include "model/prometheus.hpp"
#include "model/volume.hpp"

using namespace metal;
using namespace metal::model;

// Bodies in the shapes the public SDKs declare for these routes (no recording of them exists in
// shared/fixtures): each decodes, keeps null apart from absent, and re-encodes to the same data.

namespace {
template <class T>
T decoded(const std::string& body) {
  auto first = decode_text<T>(body);
  REQUIRE_MESSAGE(first, (first ? "" : first.error().to_string()));
  auto second = decode_text<T>(to_json(*first).dump());
  REQUIRE(second);
  CHECK(*second == *first);
  return *first;
}
}  // namespace

TEST_CASE("a volume: attached or not, sizes in bytes, unknown fields ignored") {
  const auto list = decoded<VolumeList>(R"({"volumes": [
    {"id": "7a8d4e2b-1c3f-4a5e-9b6d-0e1f2a3b4c5d", "name": "data", "export_uri": null,
     "size": 50000000000, "volume_type": "b_ssd", "creation_date": "2026-10-01T08:00:00.123456+00:00",
     "modification_date": "2026-10-02T08:00:00+00:00", "organization": "o1", "project": "p1",
     "tags": ["db"], "server": {"id": "s1", "name": "db-1"}, "state": "available", "zone": "fr-par-1",
     "future_field": {"nested": [1, 2]}},
    {"id": "v2", "name": "scratch", "size": 20000000000, "volume_type": "l_ssd", "server": null,
     "state": "available", "zone": "fr-par-1", "tags": []}]})");
  REQUIRE(list.volumes.size() == 2);
  CHECK(list.volumes[0].size == 50'000'000'000ull);
  CHECK(list.volumes[0].server->name == "db-1");
  CHECK_FALSE(list.volumes[1].server);
  CHECK_FALSE(list.volumes[0].export_uri);
}

TEST_CASE("placement groups and the zone dashboard") {
  const auto group = decoded<PlacementGroupEnvelope>(R"({"placement_group": {"id": "pg1",
    "name": "db", "organization": "o1", "project": "p1", "tags": [], "policy_mode": "enforced",
    "policy_type": "low_latency", "policy_respected": false, "zone": "nl-ams-1"}})");
  CHECK(group.placement_group.policy_mode == "enforced");
  CHECK_FALSE(group.placement_group.policy_respected);

  const auto dashboard = decoded<DashboardEnvelope>(R"({"dashboard": {"volumes_count": 12,
    "running_servers_count": 3, "servers_by_types": {"DEV1-S": 2, "GP1-XS": 3}, "images_count": 1,
    "snapshots_count": 4, "servers_count": 5, "ips_count": 2, "security_groups_count": 1,
    "ips_unused": 1, "volumes_l_ssd_count": 5, "volumes_b_ssd_count": 7,
    "volumes_l_ssd_total_size": 100000000000, "volumes_b_ssd_total_size": 350000000000,
    "private_nics_count": 0, "placement_groups_count": 1}})");
  CHECK(dashboard.dashboard.servers_by_types.at("GP1-XS") == 3);
  CHECK(dashboard.dashboard.volumes_b_ssd_total_size == 350'000'000'000ull);
}

TEST_CASE("projects, SSH keys and API keys; an API key's secret is null once created") {
  const auto projects = decoded<ProjectList>(R"({"projects": [{"id": "p1", "name": "default",
    "organization_id": "o1", "created_at": "2026-01-05T10:00:00Z", "updated_at": "2026-01-05T10:00:00Z",
    "description": ""}], "total_count": 1})");
  CHECK(projects.projects[0].created_at->micros == 1767607200000000);

  const auto keys = decoded<SshKeyList>(R"json({"ssh_keys": [{"id": "k1", "name": "laptop",
    "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIM user@laptop",
    "fingerprint": "256 MD5:7e:2b:... user@laptop (ssh-ed25519)", "created_at": "2026-02-01T00:00:00Z",
    "updated_at": "2026-02-01T00:00:00Z", "organization_id": "o1", "project_id": "p1",
    "disabled": false}], "total_count": 1})json");
  CHECK(keys.ssh_keys[0].public_key.starts_with("ssh-ed25519 "));

  const auto api_keys = decoded<ApiKeyList>(R"({"api_keys": [{"access_key": "SCWXXXXXXXXXXXXXXXXX",
    "secret_key": null, "application_id": "a1", "description": "ci", "created_at": "2026-03-01T00:00:00Z",
    "updated_at": "2026-03-01T00:00:00Z", "expires_at": null, "default_project_id": "p1",
    "editable": true, "deletable": true, "managed": false, "creation_ip": "192.0.2.7"}],
    "total_count": 1})");
  CHECK_FALSE(api_keys.api_keys[0].secret_key);
  CHECK_FALSE(api_keys.api_keys[0].user_id);
  CHECK(*api_keys.api_keys[0].application_id == "a1");
  CHECK_FALSE(api_keys.api_keys[0].expires_at);
}

TEST_CASE("consumptions and invoices are exact money, units as numbers or strings") {
  const auto month = decoded<ConsumptionList>(R"({"consumptions": [
    {"value": {"currency_code": "EUR", "units": 6, "nanos": 420000000}, "product_name": "DEV1-S",
     "resource_name": "Instance", "sku": "/compute/dev1_s/run_par1", "project_id": "p1",
     "category_name": "Compute", "unit": "hour", "billed_quantity": "744", "consumer_id": "s1"},
    {"value": {"currency_code": "EUR", "units": "1", "nanos": 500000000}, "product_name": "b_ssd",
     "resource_name": "Block Storage", "sku": "/storage/b_ssd/par1", "project_id": "p1",
     "category_name": "Storage", "unit": "GB-month", "billed_quantity": "15", "consumer_id": "v1"}],
    "total_count": 2, "total_discount_untaxed_value": 0, "updated_at": "2026-11-01T00:00:00Z"})");
  CHECK(total_of(month.consumptions)->format() == "7.92 EUR");

  const auto invoices = decoded<InvoiceList>(R"({"invoices": [{"id": "i1", "organization_id": "o1",
    "organization_name": "Acme", "start_date": "2026-10-01T00:00:00Z", "stop_date": "2026-10-31T23:59:59Z",
    "billing_period": "2026-10-01T00:00:00Z", "issued_date": "2026-11-01T00:00:00Z",
    "due_date": "2026-11-15T00:00:00Z", "total_untaxed": {"currency_code": "EUR", "units": 100, "nanos": 0},
    "total_taxed": {"currency_code": "EUR", "units": 120, "nanos": 0},
    "total_tax": {"currency_code": "EUR", "units": 20, "nanos": 0},
    "total_discount": {"currency_code": "EUR", "units": 0, "nanos": 0},
    "total_undiscount": {"currency_code": "EUR", "units": 100, "nanos": 0},
    "type": "periodic", "state": "paid", "number": 1042, "seller_name": "Scaleway SAS"}],
    "total_count": 1})");
  CHECK(invoices.invoices[0].total_taxed.format() == "120.00 EUR");
}

TEST_CASE("bad bodies of the newer APIs are refused with the path") {
  auto bad = decode_text<ConsumptionList>(
      R"({"consumptions": [{"value": {"currency_code": "EUR", "units": "six"}}]})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().to_string() ==
        "consumptions[0].value.units: expected whole units, got \"six\"");
  auto wrong = decode_text<ApiKeyList>(R"({"api_keys": [{"access_key": 12}]})");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.error().to_string() == "api_keys[0].access_key: expected a string, got an integer");
}

TEST_CASE("escaped strings and keys decode to their text; plain ones are copied as they are") {
  const auto v = decoded<VolumeEnvelope>(
      R"({"volume": {"n\u0061me": "caf\u00e9 \"db\"\n", "id": "v1", "tags": ["a\\b", "plain", ""]}})");
  CHECK(v.volume.name == "caf\xc3\xa9 \"db\"\n");
  CHECK(v.volume.id == "v1");
  CHECK(v.volume.tags == std::vector<std::string>{"a\\b", "plain", ""});
  auto bad = decode_text<VolumeEnvelope>(R"({"volume": {"name": "bad \x escape"}})");
  REQUIRE_FALSE(bad);
  CHECK(bad.error().path == "volume.name");
}

TEST_CASE("fractional numbers: JSON's grammar, correctly rounded, out of range said in words") {
  auto sample_time = [](const std::string& time) {
    return decode_text<PromResponse>(
        R"({"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[)" +
        time + R"(,"1"]]}]}})");
  };
  auto good = sample_time("1700000000.125");
  REQUIRE(good);
  CHECK(good->data->result.at(0).values.at(0).time == 1700000000.125);
  CHECK(sample_time("-2.5e-3")->data->result.at(0).values.at(0).time == -0.0025);
  CHECK(sample_time("0.1")->data->result.at(0).values.at(0).time == 0.1);
  CHECK(sample_time("17e2 ")->data->result.at(0).values.at(0).time == 1700.0);
  CHECK(sample_time("1e400").error().to_string().find("number out of range") != std::string::npos);
  for (const char* broken : {"1.5.3", "01", "1.", "-", "12abc", "0x10", ".5"})
    CHECK_MESSAGE(!sample_time(broken), broken);
  CHECK(sample_time(R"("12")").error().to_string().find("expected a number, got a string") !=
        std::string::npos);
}
