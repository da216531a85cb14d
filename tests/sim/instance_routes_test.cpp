// The Instance collections beside servers, as a client of the simulated cloud sees them: what
// each route answers, what it refuses and in which words, and how the resources tie to servers.

#include <doctest/doctest.h>

#include "../support/handler_fixture.hpp"
#include "model/flexible_ip.hpp"
#include "model/image.hpp"
#include "model/placement_group.hpp"
#include "model/security_group.hpp"
#include "model/snapshot.hpp"
#include "model/task.hpp"
#include "model/volume.hpp"
#include "sim/catalog.hpp"

using namespace metal;
using namespace metal::model;
using metal::testing::error_of;
using metal::testing::Fixture;
using metal::testing::json_of;
using metal::testing::kStart;

namespace {

constexpr const char* kZone = "/instance/v1/zones/fr-par-1";

std::string path(const std::string& rest) {
  return std::string(kZone) + rest;
}

/// A stopped, unprotected server of the first organization in fr-par-1.
Server stopped_server(Fixture& f) {
  const std::string id = f.first_in_state("fr-par-1", ServerState::stopped);
  REQUIRE_FALSE(id.empty());
  return *f.world.get_server("fr-par-1", id);
}

std::string create(Fixture& f, const std::string& collection, const std::string& body,
                   const char* member) {
  auto r = f.call(api::Method::post, path("/" + collection), body);
  REQUIRE(r.status == 201);
  const std::string id = json_of(r)[member]["id"].get<std::string>();
  CHECK(r.header("Location") == path("/" + collection + "/" + id));
  return id;
}

}  // namespace

TEST_CASE("volumes: created, listed with the servers' local volumes, resized, attached, deleted") {
  Fixture f;
  const std::string id = create(
      f, "volumes", R"({"name": "data", "volume_type": "b_ssd", "size": 20000000000})", "volume");
  auto one = decode_text<VolumeEnvelope>(f.call(api::Method::get, path("/volumes/" + id)).body);
  REQUIRE(one);
  CHECK(one->volume.name == "data");
  CHECK(one->volume.size == 20'000'000'000ull);
  CHECK(one->volume.state == "available");
  CHECK_FALSE(one->volume.server);
  CHECK(one->volume.organization == f.world.tenancy().organizations()[0].id);

  // The listing: newest first, paged, the servers' l_ssd root volumes included.
  auto listed = f.call(api::Method::get, path("/volumes?per_page=5"));
  REQUIRE(listed.status == 200);
  const auto list = decode_text<VolumeList>(listed.body);
  REQUIRE(list);
  CHECK(list->volumes.front().id == id);
  CHECK(std::stoi(std::string(*listed.header("X-Total-Count"))) > 5);
  auto local = decode_text<VolumeList>(
      f.call(api::Method::get, path("/volumes?volume_type=l_ssd&per_page=100")).body);
  REQUIRE_FALSE(local->volumes.empty());
  for (const Volume& v : local->volumes) {
    CHECK(v.volume_type == "l_ssd");
    CHECK(v.server);  // a local root volume lives on its server
  }

  // Grows; never shrinks; stays within the type's range.
  auto grown = f.call(api::Method::patch, path("/volumes/" + id), R"({"size": 30000000000})");
  CHECK(grown.status == 200);
  CHECK(json_of(grown)["volume"]["size"] == 30'000'000'000ull);
  auto shrink = f.call(api::Method::patch, path("/volumes/" + id), R"({"size": 10000000000})");
  CHECK(shrink.status == 400);
  CHECK(error_of(shrink).details.at(0).argument_name == "size");

  // Attached to a stopped server: it shows as the server's volume "1"; an attached volume is not
  // deleted; detached, it is.
  const Server server = stopped_server(f);
  auto attached = f.call(api::Method::post, path("/servers/" + server.id + "/attach-volume"),
                         R"({"volume_id": ")" + id + R"("})");
  REQUIRE(attached.status == 200);
  const auto after = decode_text<ServerEnvelope>(attached.body);
  REQUIRE(after->server.volumes.count("1"));
  CHECK(after->server.volumes.at("1").id == id);
  CHECK(json_of(f.call(api::Method::get, path("/volumes/" + id)))["volume"]["server"]["id"] ==
        server.id);
  auto busy = f.call(api::Method::del, path("/volumes/" + id));
  CHECK(busy.status == 400);
  CHECK(error_of(busy).type == "precondition_failed");
  auto twice = f.call(api::Method::post, path("/servers/" + server.id + "/attach-volume"),
                      R"({"volume_id": ")" + id + R"("})");
  CHECK(error_of(twice).type == "precondition_failed");
  auto detached = f.call(api::Method::post, path("/servers/" + server.id + "/detach-volume"),
                         R"({"volume_id": ")" + id + R"("})");
  REQUIRE(detached.status == 200);
  CHECK_FALSE(decode_text<ServerEnvelope>(detached.body)->server.volumes.count("1"));
  CHECK(f.call(api::Method::del, path("/volumes/" + id)).status == 204);
  auto gone = f.call(api::Method::get, path("/volumes/" + id));
  CHECK(gone.status == 404);
  CHECK(error_of(gone).resource == "instance_volume");
  CHECK(f.world.check_invariants().empty());
}

TEST_CASE("volume requests that cannot be met are refused, naming what is wrong") {
  Fixture f;
  auto no_size = f.call(api::Method::post, path("/volumes"), R"({"volume_type": "b_ssd"})");
  CHECK(no_size.status == 400);
  CHECK(error_of(no_size).details.at(0).argument_name == "size");
  CHECK(error_of(no_size).details.at(0).reason == "required");
  auto too_big = f.call(api::Method::post, path("/volumes"),
                        R"({"volume_type": "l_ssd", "size": 900000000000})");
  CHECK(error_of(too_big).details.at(0).help_message == "l_ssd volumes are 1 GB to 800 GB");
  auto bad_type =
      f.call(api::Method::post, path("/volumes"), R"({"volume_type": "floppy", "size": 1})");
  CHECK(error_of(bad_type).details.at(0).argument_name == "volume_type");
  auto wrong_kind = f.call(api::Method::post, path("/volumes"), R"({"size": "big"})");
  CHECK(wrong_kind.status == 400);
  CHECK(error_of(wrong_kind).details.at(0).argument_name == "size");
  // Another organization's project is not ours to fill.
  const std::string theirs = f.world.tenancy().projects().back().id;
  auto foreign = f.call(api::Method::post, path("/volumes"),
                        R"({"size": 10000000000, "project": ")" + theirs + R"("})");
  CHECK(foreign.status == 403);
  CHECK(error_of(foreign).type == "permissions_denied");
  auto read_only =
      f.call(api::Method::post, path("/volumes"), R"({"size": 10000000000})", f.read_only_key());
  CHECK(read_only.status == 403);
}

TEST_CASE("a body nested beyond reason is refused, whatever field it hides in") {
  Fixture f;
  const std::string deep = std::string(5000, '[') + std::string(5000, ']');
  for (const std::string& body : {R"({"size": 10000000000, "unknown": )" + deep + "}",
                                  R"({"extra_volumes": )" + deep + "}"}) {
    auto r = f.call(api::Method::post, path("/volumes"), body);
    CHECK(r.status == 400);
    CHECK_FALSE(error_of(r).message.empty());
    auto images = f.call(api::Method::post, path("/images"), body);
    CHECK(images.status == 400);
  }
  CHECK(f.world.inventory().volumes.size() == 0);
}

TEST_CASE("snapshots and images: a volume's snapshot makes an image, a server boots from it") {
  Fixture f;
  const std::string volume =
      create(f, "volumes", R"({"name": "golden", "size": 10000000000})", "volume");
  const std::string snapshot = create(
      f, "snapshots", R"({"name": "golden-snap", "volume_id": ")" + volume + R"("})", "snapshot");
  const auto snap =
      decode_text<SnapshotEnvelope>(f.call(api::Method::get, path("/snapshots/" + snapshot)).body);
  REQUIRE(snap);
  CHECK(snap->snapshot.size == 10'000'000'000ull);
  CHECK(snap->snapshot.base_volume->id == volume);
  CHECK(snap->snapshot.state == "available");

  const std::string image =
      create(f, "images",
             R"({"name": "golden-image", "root_volume": ")" + snapshot + R"(", "arch": "x86_64"})",
             "image");
  // Private images first, then the public catalogue; filters by public and arch.
  auto mine = decode_text<ImageList>(f.call(api::Method::get, path("/images?public=false")).body);
  REQUIRE(mine->images.size() == 1);
  CHECK(mine->images.front().id == image);
  CHECK_FALSE(mine->images.front().is_public);
  auto catalogue =
      decode_text<ImageList>(f.call(api::Method::get, path("/images?public=true&arch=arm64")).body);
  REQUIRE_FALSE(catalogue->images.empty());
  for (const Image& i : catalogue->images) {
    CHECK(i.is_public);
    CHECK(i.arch == "arm64");
  }

  // A server made from it shows it as its image; while it exists the image stays.
  auto made = f.call(
      api::Method::post, path("/servers"),
      R"({"name": "from-golden", "commercial_type": "DEV1-S", "image": ")" + image + R"("})");
  REQUIRE(made.status == 201);
  const auto server = decode_text<ServerEnvelope>(made.body);
  CHECK(server->server.image->id == image);
  CHECK(server->server.image->name == "golden-image");
  auto in_use = f.call(api::Method::del, path("/images/" + image));
  CHECK(error_of(in_use).type == "precondition_failed");
  // The snapshot under an image is not deleted while the image is.
  CHECK(error_of(f.call(api::Method::del, path("/snapshots/" + snapshot))).type ==
        "precondition_failed");
  CHECK(f.call(api::Method::del, path("/servers/" + server->server.id)).status == 204);
  CHECK(f.call(api::Method::del, path("/images/" + image)).status == 204);
  CHECK(f.call(api::Method::del, path("/snapshots/" + snapshot)).status == 204);

  // Renamed; a public image is not ours to delete; a bad arch is named.
  auto bad = f.call(api::Method::post, path("/images"), R"({"name": "x", "arch": "mips"})");
  CHECK(error_of(bad).details.size() == 2);  // root_volume missing, arch unknown: both named
  const std::string public_id = catalogue->images.front().id;
  CHECK(f.call(api::Method::del, path("/images/" + public_id)).status == 403);
}

TEST_CASE("flexible IPs: booked, attached to a server and shown on it, moved, released") {
  Fixture f;
  const Server server = stopped_server(f);
  const std::string ip = create(f, "ips", R"({"type": "routed_ipv4", "tags": ["front"]})", "ip");
  auto booked = decode_text<FlexibleIpEnvelope>(f.call(api::Method::get, path("/ips/" + ip)).body);
  CHECK(booked->ip.state == "detached");
  CHECK(booked->ip.address.rfind(std::string(sim::find_zone("fr-par-1")->ip_prefix) + ".", 0) ==
        0);  // the zone's public range

  auto attached = f.call(api::Method::patch, path("/ips/" + ip),
                         R"({"server": ")" + server.id + R"(", "reverse": "www.example.com"})");
  REQUIRE(attached.status == 200);
  CHECK(json_of(attached)["ip"]["state"] == "attached");
  CHECK(json_of(attached)["ip"]["reverse"] == "www.example.com");
  const auto on_server = f.world.get_server("fr-par-1", server.id);
  REQUIRE(on_server->public_ip);
  CHECK(on_server->public_ip->id == ip);
  CHECK_FALSE(on_server->public_ip->dynamic);

  // A second flexible IP for the same server is refused (one here); null detaches.
  const std::string second = create(f, "ips", "{}", "ip");
  auto refused =
      f.call(api::Method::patch, path("/ips/" + second), R"({"server": ")" + server.id + R"("})");
  CHECK(error_of(refused).type == "precondition_failed");
  auto detached = f.call(api::Method::patch, path("/ips/" + ip), R"({"server": null})");
  CHECK(json_of(detached)["ip"]["server"].is_null());
  CHECK_FALSE(f.world.get_server("fr-par-1", server.id)->public_ip);
  auto wrong = f.call(api::Method::patch, path("/ips/" + ip), R"({"server": 7})");
  CHECK(error_of(wrong).details.at(0).argument_name == "server");

  // Booked straight onto a server, then released with it attached: the server lets it go.
  const std::string third = create(f, "ips", R"({"server": ")" + server.id + R"("})", "ip");
  CHECK(f.world.get_server("fr-par-1", server.id)->public_ip->id == third);
  CHECK(f.call(api::Method::del, path("/ips/" + third)).status == 204);
  CHECK_FALSE(f.world.get_server("fr-par-1", server.id)->public_ip);
  auto list = decode_text<FlexibleIpList>(f.call(api::Method::get, path("/ips?tags=front")).body);
  REQUIRE(list->ips.size() == 1);
  CHECK(list->ips.front().id == ip);
  CHECK(f.world.check_invariants().empty());
}

TEST_CASE("security groups: every project has a default one; rules edited one by one or whole") {
  Fixture f;
  const Server server = stopped_server(f);
  auto groups =
      decode_text<SecurityGroupList>(f.call(api::Method::get, path("/security_groups")).body);
  REQUIRE(groups);
  const SecurityGroup* fallback = nullptr;
  for (const SecurityGroup& g : groups->security_groups)
    if (g.project_default && g.project == server.project) fallback = &g;
  REQUIRE(fallback);
  CHECK(fallback->id == server.security_group->id);
  CHECK_FALSE(fallback->servers.empty());  // the servers using it are listed with it
  // Its fixed rules: outgoing SMTP closed, not editable.
  auto fixed = decode_text<SecurityGroupRuleList>(
      f.call(api::Method::get, path("/security_groups/" + fallback->id + "/rules")).body);
  REQUIRE(fixed->rules.size() == 6);
  CHECK_FALSE(fixed->rules.front().editable);
  auto locked = f.call(api::Method::del, path("/security_groups/" + fallback->id + "/rules/" +
                                              fixed->rules.front().id));
  CHECK(error_of(locked).type == "precondition_failed");

  const std::string group =
      create(f, "security_groups", R"({"name": "web", "inbound_default_policy": "drop"})",
             "security_group");
  auto rule = f.call(api::Method::post, path("/security_groups/" + group + "/rules"),
                     R"({"protocol": "TCP", "direction": "inbound", "action": "accept",
                         "ip_range": "0.0.0.0/0", "dest_port_from": 443})");
  REQUIRE(rule.status == 201);
  CHECK(json_of(rule)["rule"]["position"] == 7);  // after the six fixed ones
  // Every problem of a rule at once.
  auto bad = f.call(api::Method::post, path("/security_groups/" + group + "/rules"),
                    R"({"protocol": "SCTP", "ip_range": "300.1.2.3/8", "dest_port_from": 70000})");
  CHECK(bad.status == 400);
  CHECK(error_of(bad).details.size() == 3);
  // The whole set replaced: the fixed rules stay, the editable ones are what was sent.
  auto replaced =
      f.call(api::Method::put, path("/security_groups/" + group + "/rules"),
             R"({"rules": [{"protocol": "TCP", "dest_port_from": 22, "ip_range": "10.0.0.0/8"},
                                       {"protocol": "ICMP", "action": "accept"}]})");
  REQUIRE(replaced.status == 200);
  CHECK(json_of(replaced)["rules"].size() == 8);
  const std::string ssh = json_of(replaced)["rules"][6]["id"].get<std::string>();
  auto patched = f.call(api::Method::patch, path("/security_groups/" + group + "/rules/" + ssh),
                        R"({"dest_port_from": 2222, "dest_port_to": null})");
  CHECK(json_of(patched)["rule"]["dest_port_from"] == 2222);

  // The server moves to the group: it shows its name; renaming the group shows at once.
  auto moved = f.call(api::Method::patch, path("/servers/" + server.id),
                      R"({"security_group": {"id": ")" + group + R"("}})");
  REQUIRE(moved.status == 200);
  CHECK(decode_text<ServerEnvelope>(moved.body)->server.security_group->name == "web");
  f.call(api::Method::patch, path("/security_groups/" + group), R"({"name": "web-public"})");
  CHECK(decode_text<ServerEnvelope>(f.call(api::Method::get, path("/servers/" + server.id)).body)
            ->server.security_group->name == "web-public");
  auto listed = f.call(api::Method::get, path("/servers?per_page=100"));
  CHECK(listed.body.find("web-public") != std::string::npos);  // not a stale cached page
  // A group in use is not deleted; the project's default never is.
  CHECK(error_of(f.call(api::Method::del, path("/security_groups/" + group))).type ==
        "precondition_failed");
  CHECK(error_of(f.call(api::Method::del, path("/security_groups/" + fallback->id))).type ==
        "precondition_failed");
  f.call(api::Method::patch, path("/servers/" + server.id),
         R"({"security_group": {"id": ")" + fallback->id + R"("}})");
  CHECK(f.call(api::Method::del, path("/security_groups/" + group)).status == 204);
}

TEST_CASE("placement groups: servers join while stopped, the group goes when empty") {
  Fixture f;
  const Server server = stopped_server(f);
  const std::string group = create(
      f, "placement_groups", R"({"name": "spread", "policy_mode": "enforced"})", "placement_group");
  auto joined = f.call(api::Method::patch, path("/servers/" + server.id),
                       R"({"placement_group": ")" + group + R"("})");
  REQUIRE(joined.status == 200);
  const auto s = decode_text<ServerEnvelope>(joined.body);
  REQUIRE(s->server.placement_group);
  CHECK(s->server.placement_group->policy_type == "max_availability");
  CHECK(error_of(f.call(api::Method::del, path("/placement_groups/" + group))).type ==
        "precondition_failed");
  auto bad = f.call(api::Method::post, path("/placement_groups"), R"({"policy_type": "nearby"})");
  CHECK(error_of(bad).details.at(0).argument_name == "policy_type");
  // A running server cannot change group.
  const std::string running = f.first_in_state("fr-par-1", ServerState::running);
  auto refused = f.call(api::Method::patch, path("/servers/" + running),
                        R"({"placement_group": ")" + group + R"("})");
  CHECK(error_of(refused).type == "invalid_request_error");
  f.call(api::Method::patch, path("/servers/" + server.id), R"({"placement_group": null})");
  CHECK(f.call(api::Method::del, path("/placement_groups/" + group)).status == 204);
}

TEST_CASE("private NICs and user data of a server") {
  Fixture f;
  const Server server = stopped_server(f);
  const std::string base = "/servers/" + server.id;
  auto nic = f.call(api::Method::post, path(base + "/private_nics"),
                    R"({"private_network_id": "9a0a0b1c-1111-4222-8333-444455556666"})");
  REQUIRE(nic.status == 201);
  const std::string nic_id = json_of(nic)["private_nic"]["id"].get<std::string>();
  CHECK(f.world.get_server("fr-par-1", server.id)->private_nics.at(0).id == nic_id);
  auto twice = f.call(api::Method::post, path(base + "/private_nics"),
                      R"({"private_network_id": "9a0a0b1c-1111-4222-8333-444455556666"})");
  CHECK(twice.status == 409);
  auto listed = f.call(api::Method::get, path(base + "/private_nics"));
  CHECK(listed.header("X-Total-Count") == "1");
  CHECK(f.call(api::Method::del, path(base + "/private_nics/" + nic_id)).status == 204);
  CHECK(f.call(api::Method::get, path(base + "/private_nics/" + nic_id)).status == 404);

  // User data: text in, text out, listed by key.
  CHECK(f.call(api::Method::patch, path(base + "/user_data/cloud-init"),
               "#cloud-config\nruncmd: []\n")
            .status == 204);
  auto keys = f.call(api::Method::get, path(base + "/user_data"));
  CHECK(json_of(keys)["user_data"] == Json::array({"cloud-init"}));
  auto value = f.call(api::Method::get, path(base + "/user_data/cloud-init"));
  CHECK(value.header("Content-Type") == "text/plain");
  CHECK(value.body == "#cloud-config\nruncmd: []\n");
  CHECK(f.call(api::Method::patch, path(base + "/user_data/bad%20key"), "x").status == 400);
  CHECK(f.call(api::Method::del, path(base + "/user_data/cloud-init")).status == 204);
  CHECK(f.call(api::Method::get, path(base + "/user_data/cloud-init")).status == 404);
}

TEST_CASE(
    "a server created with volumes, a flexible IP and a group; terminate takes what is local") {
  Fixture f;
  const std::string ip = create(f, "ips", "{}", "ip");
  const std::string kept = create(f, "volumes", R"({"size": 15000000000})", "volume");
  auto made = f.call(api::Method::post, path("/servers"),
                     R"({"name": "full", "commercial_type": "DEV1-S", "image": "ubuntu_jammy",
                         "public_ips": [")" +
                         ip + R"("],
                         "volumes": {"1": {"id": ")" +
                         kept + R"("},
                                     "2": {"name": "scratch", "volume_type": "l_ssd", "size": 5000000000}}})");
  INFO(made.body);
  REQUIRE(made.status == 201);
  const Server server = decode_text<ServerEnvelope>(made.body)->server;
  CHECK(server.volumes.size() == 3);
  CHECK(server.public_ip->id == ip);
  const std::string local = server.volumes.at("2").id;
  CHECK(server.volumes.at("2").volume_type == "l_ssd");

  // Power on, then terminate: the block volume and the IP stay, detached; the local one is gone.
  auto on = f.call(api::Method::post, path("/servers/" + server.id + "/action"),
                   R"({"action": "poweron"})");
  REQUIRE(on.status == 202);
  f.world.advance_to(Timestamp{kStart.micros + 600'000'000});
  REQUIRE(f.world.get_server("fr-par-1", server.id)->state == ServerState::running);
  auto off = f.call(api::Method::post, path("/servers/" + server.id + "/action"),
                    R"({"action": "terminate"})");
  REQUIRE(off.status == 202);
  f.world.advance_to(Timestamp{kStart.micros + 1200'000'000});
  CHECK(f.call(api::Method::get, path("/servers/" + server.id)).status == 404);
  CHECK(json_of(f.call(api::Method::get, path("/volumes/" + kept)))["volume"]["server"].is_null());
  CHECK(f.call(api::Method::get, path("/volumes/" + local)).status == 404);
  auto freed = json_of(f.call(api::Method::get, path("/ips/" + ip)));
  CHECK(freed["ip"]["state"] == "detached");
  CHECK(f.world.check_invariants().empty());

  // Volumes that are not volumes are refused, named by their path.
  for (const char* volumes : {R"({"1": {"size": -5}})", R"({"1": {"size": "big"}})", R"({"1": 7})",
                              R"([1, 2])", R"({"1": {"id": 3}})"}) {
    CAPTURE(volumes);
    auto bad = f.call(api::Method::post, path("/servers"),
                      std::string(R"({"commercial_type": "DEV1-S", "volumes": )") + volumes + "}");
    CHECK(bad.status == 400);
    CHECK(error_of(bad).type == "invalid_arguments");
    CHECK(error_of(bad).details.at(0).argument_name.rfind("volumes", 0) == 0);
  }
  auto no_id = f.call(api::Method::post, path("/images"),
                      R"({"arch": "x86_64", "root_volume": "x", "extra_volumes": {"1": {}}})");
  CHECK(error_of(no_id).details.at(0).argument_name == "extra_volumes.1.id");

  // A reference that does not exist stops the creation before anything is made.
  const auto before = f.world.inventory().volumes.size();
  auto missing = f.call(api::Method::post, path("/servers"),
                        R"({"commercial_type": "DEV1-S", "image": "ubuntu_jammy",
                            "volumes": {"1": {"size": 5000000000}}, "security_group": "nope"})");
  CHECK(missing.status == 404);
  CHECK(error_of(missing).resource == "instance_security_group");
  CHECK(f.world.inventory().volumes.size() == before);
}

TEST_CASE("PUT /servers/{id} replaces what a client may change, from the whole server") {
  Fixture f;
  Server server = stopped_server(f);
  server.name = "renamed-by-put";
  server.tags = {"put"};
  auto r = f.call(api::Method::put, path("/servers/" + server.id), to_json(server).dump());
  REQUIRE(r.status == 200);
  const auto after = decode_text<ServerEnvelope>(r.body);
  CHECK(after->server.name == "renamed-by-put");
  CHECK(after->server.tags == std::vector<std::string>{"put"});
  CHECK(after->server.security_group->id == server.security_group->id);
}

TEST_CASE("quotas: an organization at its limit is refused with quotas_exceeded") {
  Fixture f;
  const std::string org = f.world.tenancy().organizations()[0].id;
  const std::string admin = f.admin_key();
  // Only an admin key sets them.
  CHECK(f.call(api::Method::put, "/sandbox/v1/quotas", R"({"organization_id": ")" + org + R"("})")
            .status == 403);
  std::int64_t ips = 0;  // the seeded servers' flexible IPs count
  f.world.inventory().ips.for_each([&](const FlexibleIp& ip) { ips += ip.organization == org; });
  auto set = f.call(api::Method::put, "/sandbox/v1/quotas",
                    R"({"organization_id": ")" + org + R"(", "quotas": {"ips": )" +
                        std::to_string(ips + 1) + R"(, "servers": 0}})",
                    admin);
  REQUIRE(set.status == 200);
  CHECK(json_of(set)["quotas"]["ips"] == ips + 1);
  auto unknown = f.call(api::Method::put, "/sandbox/v1/quotas",
                        R"({"organization_id": ")" + org + R"(", "quotas": {"gpus": 1}})", admin);
  CHECK(error_of(unknown).details.at(0).argument_name == "quotas.gpus");

  create(f, "ips", "{}", "ip");
  auto over = f.call(api::Method::post, path("/ips"), "{}");
  CHECK(over.status == 403);
  const ApiErrorBody body = error_of(over);
  CHECK(body.type == "quotas_exceeded");
  REQUIRE(body.details.size() == 1);
  CHECK(body.details[0].resource == "compute_ips");
  CHECK(body.details[0].quota == ips + 1);
  CHECK(body.details[0].current == ips + 1);
  auto server = f.call(api::Method::post, path("/servers"),
                       R"({"commercial_type": "DEV1-S", "image": "ubuntu_jammy"})");
  CHECK(error_of(server).type == "quotas_exceeded");
  // The other organization has its own limits.
  CHECK(f.call(api::Method::post, path("/ips"), "{}", f.other_org_key()).status == 201);
}

TEST_CASE("the dashboard counts the zone's resources of the key's organization") {
  Fixture f;
  create(f, "ips", "{}", "ip");
  create(f, "placement_groups", "{}", "placement_group");
  create(f, "volumes", R"({"size": 10000000000})", "volume");
  const auto d = json_of(f.call(api::Method::get, path("/dashboard")))["dashboard"];
  int static_ips = 0;
  f.world.inventory().ips.for_each([&](const FlexibleIp& ip) {
    static_ips +=
        ip.zone == "fr-par-1" && ip.organization == f.world.tenancy().organizations()[0].id;
  });
  CHECK(d["ips_count"] == static_ips);
  CHECK(d["ips_unused"] == 1);
  CHECK(d["placement_groups_count"] == 1);
  CHECK(d["volumes_b_ssd_count"] == 1);
  CHECK(d["security_groups_count"] == 2);  // the two projects' default groups
  const auto theirs = json_of(f.call(api::Method::get, path("/dashboard"), {}, f.other_org_key()));
  CHECK(theirs["dashboard"]["ips_count"] == 0);
  CHECK(theirs["dashboard"]["placement_groups_count"] == 0);
}
