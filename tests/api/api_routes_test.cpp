#include <doctest/doctest.h>

#include <functional>
#include <optional>
#include <string>

#include "../support/fixtures.hpp"
#include "../support/scripted_transport.hpp"
#include "api/account_client.hpp"
#include "api/billing_client.hpp"
#include "api/instance_client.hpp"
#include "api/metrics_client.hpp"

using namespace metal;
using test::respond;
using test::ScriptedTransport;

namespace {

// What a call reported: nullopt while pending, "" on success, the error text otherwise.
using Outcome = std::optional<std::string>;

template <class T>
api::Done<T> record(Outcome& outcome) {
  return [&outcome](api::ApiResult<T> result) {
    outcome = result ? std::string() : result.error().to_string();
  };
}

struct Route {
  const char* request;  // "METHOD /path?query" as sent
  const char* body;     // a fragment the request body must contain ("" for none)
  std::string answer;   // what the API answers
  std::function<void(api::InstanceClient&, api::AccountClient&, api::BillingClient&,
                     api::MetricsClient&, Outcome&)>
      call;
};

std::string request_line(const api::Request& request) {
  return std::string(api::to_string(request.method)) + " " + request.target;
}

}  // namespace

TEST_CASE("every route of the API has a typed call that sends the real method, path and body") {
  const std::string server = test::read_fixture("scaleway/instance_get_server_running.json");
  const std::string task = test::read_fixture("scaleway/instance_server_action_poweron_202.json");
  REQUIRE_FALSE(server.empty());
  REQUIRE_FALSE(task.empty());
  const std::string z = "/instance/v1/zones/fr-par-2";
  using I = api::InstanceClient;
  using A = api::AccountClient;
  using B = api::BillingClient;
  using M = api::MetricsClient;
  const api::Relabel rename{std::string("new-name"), std::nullopt};
  const model::Server whole_server = model::decode_text<model::ServerEnvelope>(server)->server;

  std::vector<Route> routes = {
      {"GET /instance/v1/zones/fr-par-2/servers/s1", "", server,
       [](I& i, A&, B&, M&, Outcome& o) { i.get_server("fr-par-2", "s1", record<model::Server>(o)); }},
      {"POST /instance/v1/zones/fr-par-2/servers", R"("commercial_type":"DEV1-S")", server,
       [](I& i, A&, B&, M&, Outcome& o) {
         api::ServerCreate spec;
         spec.name = "web-1";
         spec.commercial_type = "DEV1-S";
         spec.image = "ubuntu_jammy";
         spec.volumes["0"] = {"", "l_ssd", 20'000'000'000, ""};
         i.create_server("fr-par-2", spec, record<model::Server>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/servers/s1", R"("protected":true)", server,
       [](I& i, A&, B&, M&, Outcome& o) {
         api::ServerUpdate changes;
         changes.protected_ = true;
         i.update_server("fr-par-2", "s1", changes, record<model::Server>(o));
       }},
      {"PUT /instance/v1/zones/fr-par-2/servers/ce52a219-3109-4a58-8936-ad015631725b",
       R"("commercial_type")", server,
       [whole_server](I& i, A&, B&, M&, Outcome& o) {
         i.replace_server("fr-par-2", whole_server, record<model::Server>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/servers/s1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) { i.delete_server("fr-par-2", "s1", record<api::NoContent>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/servers/s1/action", "", R"({"actions":["poweron","backup"]})",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.list_server_actions("fr-par-2", "s1", record<model::ServerActionList>(o));
       }},
      {"POST /instance/v1/zones/fr-par-2/servers/s1/action", R"("name":"nightly")", task,
       [](I& i, A&, B&, M&, Outcome& o) {
         i.server_action("fr-par-2", "s1", model::ServerAction::backup, record<model::Task>(o),
                         "nightly");
       }},
      {"POST /instance/v1/zones/fr-par-2/servers/s1/attach-volume", R"("volume_id":"v1")", server,
       [](I& i, A&, B&, M&, Outcome& o) { i.attach_volume("fr-par-2", "s1", "v1", record<model::Server>(o)); }},
      {"POST /instance/v1/zones/fr-par-2/servers/s1/detach-volume", R"("volume_id":"v1")", server,
       [](I& i, A&, B&, M&, Outcome& o) { i.detach_volume("fr-par-2", "s1", "v1", record<model::Server>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/servers/s1/user_data", "", R"({"user_data":["cloud-init"]})",
       [](I& i, A&, B&, M&, Outcome& o) { i.list_user_data("fr-par-2", "s1", record<model::UserDataKeys>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/servers/s1/user_data/cloud-init", "", "#cloud-config\n",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.get_user_data("fr-par-2", "s1", "cloud-init", record<std::string>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/servers/s1/user_data/cloud-init", "#cloud-config", "",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.set_user_data("fr-par-2", "s1", "cloud-init", "#cloud-config\n", record<api::NoContent>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/servers/s1/user_data/cloud-init", "", "",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.delete_user_data("fr-par-2", "s1", "cloud-init", record<api::NoContent>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/servers/s1/private_nics?page=1&per_page=100", "",
       test::read_fixture("scaleway/instance_list_private_nics.json"),
       [](I& i, A&, B&, M&, Outcome& o) {
         i.list_private_nics("fr-par-2", "s1", {}, record<model::PrivateNicList>(o));
       }},
      {"POST /instance/v1/zones/fr-par-2/servers/s1/private_nics", R"("private_network_id":"pn1")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.create_private_nic("fr-par-2", "s1", "pn1", {}, record<model::PrivateNic>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/servers/s1/private_nics/n1", "", "{}",
       [](I& i, A&, B&, M&, Outcome& o) { i.get_private_nic("fr-par-2", "s1", "n1", record<model::PrivateNic>(o)); }},
      {"PATCH /instance/v1/zones/fr-par-2/servers/s1/private_nics/n1", R"("tags":["db"])", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.update_private_nic("fr-par-2", "s1", "n1", {"db"}, record<model::PrivateNic>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/servers/s1/private_nics/n1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) { i.delete_private_nic("fr-par-2", "s1", "n1", record<api::NoContent>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/images?public=false&page=1&per_page=100", "",
       test::read_fixture("scaleway/instance_list_images_private.json"),
       [](I& i, A&, B&, M&, Outcome& o) {
         i.list_images("fr-par-2", api::ListQuery{}.with("public", "false"), record<model::ImageList>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/images/im1", "", test::read_fixture("scaleway/instance_get_image_public.json"),
       [](I& i, A&, B&, M&, Outcome& o) { i.get_image("fr-par-2", "im1", record<model::Image>(o)); }},
      {"POST /instance/v1/zones/fr-par-2/images", R"("root_volume":"snap1")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         api::ImageCreate spec;
         spec.name = "golden";
         spec.root_volume = "snap1";
         i.create_image("fr-par-2", spec, record<model::Image>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/images/im1", R"("name":"new-name")", "{}",
       [rename](I& i, A&, B&, M&, Outcome& o) { i.update_image("fr-par-2", "im1", rename, record<model::Image>(o)); }},
      {"DELETE /instance/v1/zones/fr-par-2/images/im1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) { i.delete_image("fr-par-2", "im1", record<api::NoContent>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/snapshots?page=1&per_page=100", "",
       test::read_fixture("scaleway/instance_list_snapshots.json"),
       [](I& i, A&, B&, M&, Outcome& o) { i.list_snapshots("fr-par-2", {}, record<model::SnapshotList>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/snapshots/sn1", "", "{}",
       [](I& i, A&, B&, M&, Outcome& o) { i.get_snapshot("fr-par-2", "sn1", record<model::Snapshot>(o)); }},
      {"POST /instance/v1/zones/fr-par-2/snapshots", R"("volume_id":"v1")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.create_snapshot("fr-par-2", {"before-upgrade", "v1", "", "", {}}, record<model::Snapshot>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/snapshots/sn1", R"("name":"new-name")", "{}",
       [rename](I& i, A&, B&, M&, Outcome& o) {
         i.update_snapshot("fr-par-2", "sn1", rename, record<model::Snapshot>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/snapshots/sn1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) { i.delete_snapshot("fr-par-2", "sn1", record<api::NoContent>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/volumes?page=1&per_page=100", "", R"({"volumes":[]})",
       [](I& i, A&, B&, M&, Outcome& o) { i.list_volumes("fr-par-2", {}, record<model::VolumeList>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/volumes/v1", "", "{}",
       [](I& i, A&, B&, M&, Outcome& o) { i.get_volume("fr-par-2", "v1", record<model::Volume>(o)); }},
      {"POST /instance/v1/zones/fr-par-2/volumes", R"("size":50000000000)", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         api::VolumeCreate spec;
         spec.name = "data";
         spec.size = 50'000'000'000;
         i.create_volume("fr-par-2", spec, record<model::Volume>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/volumes/v1", R"("size":100000000000)", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.update_volume("fr-par-2", "v1", {}, 100'000'000'000ull, record<model::Volume>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/volumes/v1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) { i.delete_volume("fr-par-2", "v1", record<api::NoContent>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/ips?page=1&per_page=100", "",
       test::read_fixture("scaleway/instance_list_ips.json"),
       [](I& i, A&, B&, M&, Outcome& o) { i.list_ips("fr-par-2", {}, record<model::FlexibleIpList>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/ips/ip1", "", "{}",
       [](I& i, A&, B&, M&, Outcome& o) { i.get_ip("fr-par-2", "ip1", record<model::FlexibleIp>(o)); }},
      {"POST /instance/v1/zones/fr-par-2/ips", R"("type":"routed_ipv6")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.create_ip("fr-par-2", {"routed_ipv6", "", "", {}}, record<model::FlexibleIp>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/ips/ip1", R"("server":null)", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         api::IpUpdate detach;
         detach.server = "";
         i.update_ip("fr-par-2", "ip1", detach, record<model::FlexibleIp>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/ips/ip1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) { i.delete_ip("fr-par-2", "ip1", record<api::NoContent>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/security_groups?page=1&per_page=100", "", R"({"security_groups":[]})",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.list_security_groups("fr-par-2", {}, record<model::SecurityGroupList>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/security_groups/sg1", "",
       test::read_fixture("scaleway/instance_get_security_group.json"),
       [](I& i, A&, B&, M&, Outcome& o) {
         i.get_security_group("fr-par-2", "sg1", record<model::SecurityGroup>(o));
       }},
      {"POST /instance/v1/zones/fr-par-2/security_groups", R"("inbound_default_policy":"drop")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         api::SecurityGroupCreate spec;
         spec.name = "web";
         spec.inbound_default_policy = "drop";
         i.create_security_group("fr-par-2", spec, record<model::SecurityGroup>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/security_groups/sg1", R"("stateful":false)", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         api::SecurityGroupUpdate changes;
         changes.stateful = false;
         i.update_security_group("fr-par-2", "sg1", changes, record<model::SecurityGroup>(o));
       }},
      {"PUT /instance/v1/zones/fr-par-2/security_groups/sg1", R"("name":"web")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         model::SecurityGroup group;
         group.id = "sg1";
         group.name = "web";
         i.replace_security_group("fr-par-2", group, record<model::SecurityGroup>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/security_groups/sg1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.delete_security_group("fr-par-2", "sg1", record<api::NoContent>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/security_groups/sg1/rules?page=1&per_page=100", "",
       test::read_fixture("scaleway/instance_list_security_group_rules.json"),
       [](I& i, A&, B&, M&, Outcome& o) {
         i.list_security_group_rules("fr-par-2", "sg1", {}, record<model::SecurityGroupRuleList>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/security_groups/sg1/rules/r1", "", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.get_security_group_rule("fr-par-2", "sg1", "r1", record<model::SecurityGroupRule>(o));
       }},
      {"POST /instance/v1/zones/fr-par-2/security_groups/sg1/rules", R"("dest_port_from":22)", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         api::RuleSpec ssh;
         ssh.dest_port_from = 22;
         i.create_security_group_rule("fr-par-2", "sg1", ssh, record<model::SecurityGroupRule>(o));
       }},
      {"PUT /instance/v1/zones/fr-par-2/security_groups/sg1/rules", R"("rules":[{)", R"({"rules":[]})",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.set_security_group_rules("fr-par-2", "sg1", {api::RuleSpec{}},
                                    record<model::SecurityGroupRuleList>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/security_groups/sg1/rules/r1", R"("action":"drop")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         api::RuleSpec drop;
         drop.action = "drop";
         i.update_security_group_rule("fr-par-2", "sg1", "r1", drop,
                                      record<model::SecurityGroupRule>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/security_groups/sg1/rules/r1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.delete_security_group_rule("fr-par-2", "sg1", "r1", record<api::NoContent>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/placement_groups?page=1&per_page=100", "", R"({"placement_groups":[]})",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.list_placement_groups("fr-par-2", {}, record<model::PlacementGroupList>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/placement_groups/pg1", "", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.get_placement_group("fr-par-2", "pg1", record<model::PlacementGroup>(o));
       }},
      {"POST /instance/v1/zones/fr-par-2/placement_groups", R"("policy_type":"low_latency")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         api::PlacementGroupCreate spec;
         spec.name = "db";
         spec.policy_type = "low_latency";
         i.create_placement_group("fr-par-2", spec, record<model::PlacementGroup>(o));
       }},
      {"PATCH /instance/v1/zones/fr-par-2/placement_groups/pg1", R"("policy_mode":"enforced")", "{}",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.update_placement_group("fr-par-2", "pg1", {}, std::string("enforced"),
                                  record<model::PlacementGroup>(o));
       }},
      {"DELETE /instance/v1/zones/fr-par-2/placement_groups/pg1", "", "",
       [](I& i, A&, B&, M&, Outcome& o) {
         i.delete_placement_group("fr-par-2", "pg1", record<api::NoContent>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/products/servers?page=1&per_page=50", "",
       R"({"servers":{}})",
       [](I& i, A&, B&, M&, Outcome& o) { i.list_server_types("fr-par-2", record<model::ServerTypeList>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/products/servers/availability?page=1&per_page=50", "",
       test::read_fixture("scaleway/instance_products_servers_availability.json"),
       [](I& i, A&, B&, M&, Outcome& o) {
         i.server_type_availability("fr-par-2", record<model::ServerTypeAvailability>(o));
       }},
      {"GET /instance/v1/zones/fr-par-2/products/volumes", "",
       test::read_fixture("scaleway/instance_products_volumes.json"),
       [](I& i, A&, B&, M&, Outcome& o) { i.list_volume_types("fr-par-2", record<model::VolumeTypeList>(o)); }},
      {"GET /instance/v1/zones/fr-par-2/dashboard", "", R"({"dashboard":{"servers_count":3}})",
       [](I& i, A&, B&, M&, Outcome& o) { i.get_dashboard("fr-par-2", record<model::Dashboard>(o)); }},
      // Account v3 and IAM: organization-wide, "page_size".
      {"GET /account/v3/projects?organization_id=o1&page=1&page_size=100", "", R"({"projects":[],"total_count":0})",
       [](I&, A& a, B&, M&, Outcome& o) {
         a.list_projects(api::ListQuery{}.with("organization_id", "o1"), record<model::ProjectList>(o));
       }},
      {"GET /account/v3/projects/p1", "", R"({"id":"p1","name":"default"})",
       [](I&, A& a, B&, M&, Outcome& o) { a.get_project("p1", record<model::Project>(o)); }},
      {"POST /account/v3/projects", R"("organization_id":"o1")", "{}",
       [](I&, A& a, B&, M&, Outcome& o) { a.create_project("o1", "staging", "", record<model::Project>(o)); }},
      {"PATCH /account/v3/projects/p1", R"("description":"prod")", "{}",
       [](I&, A& a, B&, M&, Outcome& o) {
         a.update_project("p1", std::nullopt, std::string("prod"), record<model::Project>(o));
       }},
      {"DELETE /account/v3/projects/p1", "", "",
       [](I&, A& a, B&, M&, Outcome& o) { a.delete_project("p1", record<api::NoContent>(o)); }},
      {"GET /iam/v1alpha1/ssh-keys?page=1&page_size=100", "", R"({"ssh_keys":[],"total_count":0})",
       [](I&, A& a, B&, M&, Outcome& o) { a.list_ssh_keys({}, record<model::SshKeyList>(o)); }},
      {"GET /iam/v1alpha1/ssh-keys/k1", "", "{}",
       [](I&, A& a, B&, M&, Outcome& o) { a.get_ssh_key("k1", record<model::SshKey>(o)); }},
      {"POST /iam/v1alpha1/ssh-keys", R"("public_key":"ssh-ed25519 AAAA")", "{}",
       [](I&, A& a, B&, M&, Outcome& o) {
         a.create_ssh_key({"laptop", "ssh-ed25519 AAAA", ""}, record<model::SshKey>(o));
       }},
      {"PATCH /iam/v1alpha1/ssh-keys/k1", R"("disabled":true)", "{}",
       [](I&, A& a, B&, M&, Outcome& o) { a.update_ssh_key("k1", std::nullopt, true, record<model::SshKey>(o)); }},
      {"DELETE /iam/v1alpha1/ssh-keys/k1", "", "",
       [](I&, A& a, B&, M&, Outcome& o) { a.delete_ssh_key("k1", record<api::NoContent>(o)); }},
      {"GET /iam/v1alpha1/api-keys?page=1&page_size=100", "", R"({"api_keys":[],"total_count":0})",
       [](I&, A& a, B&, M&, Outcome& o) { a.list_api_keys({}, record<model::ApiKeyList>(o)); }},
      {"GET /iam/v1alpha1/api-keys/SCWXXXXXXXXXXXXXXXXX", "", "{}",
       [](I&, A& a, B&, M&, Outcome& o) { a.get_api_key("SCWXXXXXXXXXXXXXXXXX", record<model::ApiKey>(o)); }},
      {"POST /iam/v1alpha1/api-keys", R"("description":"ci")", "{}",
       [](I&, A& a, B&, M&, Outcome& o) {
         api::ApiKeyCreate spec;
         spec.description = "ci";
         a.create_api_key(spec, record<model::ApiKey>(o));
       }},
      {"PATCH /iam/v1alpha1/api-keys/SCWXXXXXXXXXXXXXXXXX", R"("default_project_id":"p2")", "{}",
       [](I&, A& a, B&, M&, Outcome& o) {
         a.update_api_key("SCWXXXXXXXXXXXXXXXXX", std::nullopt, std::string("p2"), record<model::ApiKey>(o));
       }},
      {"DELETE /iam/v1alpha1/api-keys/SCWXXXXXXXXXXXXXXXXX", "", "",
       [](I&, A& a, B&, M&, Outcome& o) { a.delete_api_key("SCWXXXXXXXXXXXXXXXXX", record<api::NoContent>(o)); }},
      {"GET /billing/v2beta1/consumptions?project_id=p1&billing_period=2026-10&page=1&page_size=100", "",
       R"({"consumptions":[],"total_count":0})",
       [](I&, A&, B& b, M&, Outcome& o) {
         api::ConsumptionQuery query;
         query.project_id = "p1";
         query.billing_period = "2026-10";
         b.list_consumptions(query, record<model::ConsumptionList>(o));
       }},
      {"GET /billing/v2beta1/invoices?page=1&page_size=100", "", R"({"invoices":[],"total_count":0})",
       [](I&, A&, B& b, M&, Outcome& o) { b.list_invoices({}, record<model::InvoiceList>(o)); }},
      {"GET /metrics/api/v1/query?query=up&time=1732262400", "",
       test::read_fixture("prometheus/query_instant_cpu_busy_pct.json"),
       [](I&, A&, B&, M& m, Outcome& o) { m.query("up", 1732262400, record<model::PromResponse>(o)); }},
      {"GET /metrics/api/v1/query_range?query=rate%28instance_server_cpu_seconds_total%5B5m%5D%29&start=1732262400&end=1732266000&step=60",
       "", test::read_fixture("prometheus/query_range_cpu_rate_by_mode.json"),
       [](I&, A&, B&, M& m, Outcome& o) {
         m.query_range({"rate(instance_server_cpu_seconds_total[5m])", 1732262400, 1732266000, 60},
                       record<model::PromResponse>(o));
       }},
      {"GET /cockpit/v1/regions/fr-par/data-sources?types=metrics&page=1&page_size=100", "",
       test::read_fixture("scaleway/cockpit_list_data_sources_logs.json"),
       [](I&, A&, B&, M& m, Outcome& o) {
         m.list_data_sources("fr-par", api::ListQuery{}.with("types", "metrics"),
                             record<model::DataSourceList>(o));
       }},
  };

  for (const Route& route : routes) {
    const std::string expected_line = route.request;
    CAPTURE(expected_line);
    ScriptedTransport transport;
    transport.answer = [&route](const api::Request&) {
      return respond(route.answer.empty() ? 204 : 200, route.answer);
    };
    api::InstanceClient instance(transport, api::Credentials{"secret"});
    api::AccountClient account(transport, api::Credentials{"secret"});
    api::BillingClient billing(transport, api::Credentials{"secret"});
    api::MetricsClient metrics(transport, api::Credentials{"secret"}, {"/metrics", ""});
    Outcome outcome;
    route.call(instance, account, billing, metrics, outcome);
    REQUIRE(transport.sent.size() == 1);
    const api::Request& sent = transport.sent.front();
    CHECK(request_line(sent) == expected_line);
    CHECK(sent.body.find(route.body) != std::string::npos);
    CHECK(api::find_header(sent.headers, "x-auth-token") ==
          std::optional<std::string_view>("secret"));
    if (sent.method != api::Method::get && sent.method != api::Method::del)
      CHECK(api::find_header(sent.headers, "content-type").has_value());
    CHECK_FALSE(outcome.has_value());  // nothing before the answer arrives
    transport.deliver();
    REQUIRE(outcome.has_value());
    CHECK(*outcome == "");
  }
}
