// The simulator's direct JSON writer for servers against nlohmann's encode(): the same bytes, for
// every server of generated worlds and for servers with every optional part and awkward text.

#include <doctest/doctest.h>

#include <limits>

#include "model/server_json_writer.hpp"
#include "sim/world.hpp"

using namespace metal;

namespace {

std::string by_tree(const model::Server& s) {
  return model::encode(s).dump(-1, ' ', false, model::Json::error_handler_t::replace);
}
std::string direct(const model::Server& s) {
  std::string out;
  model::append_json(out, s);
  return out;
}

}  // namespace

TEST_CASE("every server of generated worlds is written as nlohmann writes it") {
  for (std::uint64_t seed : {3ull, 11ull}) {
    sim::World world(sim::WorldConfig{seed, 1500, *model::parse_timestamp("2026-11-01T09:00:00Z")});
    int compared = 0;
    for (const std::string& zone : world.fleet().zones())
      for (const auto& server :
           world.list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 2000).servers) {
        REQUIRE_MESSAGE(direct(server) == by_tree(server), server.id);
        ++compared;
      }
    CHECK(compared == 1500);
  }
}

TEST_CASE("every optional part, and text that needs escaping or is not UTF-8, as nlohmann does") {
  sim::World world(sim::WorldConfig{5, 20, *model::parse_timestamp("2026-11-01T09:00:00Z")});
  const std::string zone = world.fleet().zones().front();
  model::Server s =
      world.list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 1).servers.at(0);
  s.name = "quote \" backslash \\ tab \t newline \n bell \x07 del \x7f caf\xc3\xa9 \xe2\x82\xac";
  s.tags = {"", "\x01\x1f", "\xff broken", "trunc \xe2\x82", "surrogate \xed\xa0\x80", "ok"};
  s.dns = "a.b.example";
  s.admin_password_encryption_ssh_key_id = "key-1";
  s.private_ip = "10.1.2.3";
  s.maintenances = {{"firmware \"update\"", model::Timestamp{1}}, {"none", std::nullopt}};
  s.private_nics.push_back({"nic",
                            s.id,
                            "pn",
                            "02:00:00:00:00:01",
                            "available",
                            {"t"},
                            model::Timestamp{2},
                            std::nullopt,
                            zone,
                            {"ipam-1", "ipam-2"}});
  s.placement_group = model::PlacementGroupRef{"pg",          "group", "org", "proj", "enforced",
                                               "low_latency", true,    {"x"}, zone};
  s.filesystems = {model::Json{{"b", 1}, {"a", "x"}}};
  s.ipv6 = model::ServerIpv6{"2001:db8::1", "2001:db8::", "64"};
  s.security_group.reset();
  s.image.emplace();
  s.image->extra_volumes["1"] = {"v1", "extra", 20'000'000'000, "l_ssd"};
  s.image->extra_volumes["weird \"slot\""] = {"v2", "", 0, ""};
  model::ServerVolume volume;
  volume.id = "vol";
  volume.volume_type = "sbs_volume";
  volume.export_uri = "nbd://1";
  volume.server = model::ServerSummary{s.id, "owner \xc3\xa9"};
  volume.size = 0;
  s.volumes["2"] = volume;
  s.state = model::ServerState::unknown;
  s.unknown_state = "weird_state";
  CHECK(direct(s) == by_tree(s));
  s.dns.reset();
  s.image.reset();
  s.location.reset();
  s.public_ip.reset();
  s.volumes.clear();
  CHECK(direct(s) == by_tree(s));
}

TEST_CASE("one writer, reused across servers of any size, writes each as nlohmann does") {
  sim::World world(sim::WorldConfig{9, 40, *model::parse_timestamp("2026-11-01T09:00:00Z")});
  const std::string zone = world.fleet().zones().front();
  const auto listed =
      world.list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 40).servers;
  REQUIRE(listed.size() >= 3);
  // A server far larger than the writer's first buffer, its growth falling inside a string, a
  // date and a key; then small ones again, whose bytes must not carry any of it.
  model::Server big = listed[0];
  for (int i = 0; i < 400; ++i)
    big.tags.push_back("tag-" + std::to_string(i) +
                       std::string(static_cast<std::size_t>(i % 37), 'x'));
  big.maintenances.assign(50, {"window", model::Timestamp{1'700'000'000'000'000}});
  model::ServerJsonWriter writer;
  for (const model::Server* s :
       std::vector<const model::Server*>{&listed[1], &big, &listed[2], &big, &listed[0]}) {
    const std::string once(writer.write(*s));
    CHECK(once == by_tree(*s));
  }
  CHECK(by_tree(big).size() > 16'000);
}

TEST_CASE("dates outside four-digit years are written as printf writes them") {
  sim::World world(sim::WorldConfig{5, 20, *model::parse_timestamp("2026-11-01T09:00:00Z")});
  model::Server s = world
                        .list_servers(world.fleet().zones().front(), {},
                                      sim::ServerOrder::creation_date_desc, 1, 1)
                        .servers.at(0);
  for (std::int64_t micros :
       {std::numeric_limits<std::int64_t>::min() + 1, std::numeric_limits<std::int64_t>::max(),
        std::int64_t{-62'200'000'000'000'000}, std::int64_t{253'500'000'000'000'000}}) {
    s.creation_date = model::Timestamp{micros};
    CHECK(direct(s) == by_tree(s));
  }
}
