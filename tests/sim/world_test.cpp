#include <doctest/doctest.h>

#include <set>

#include "../support/handler_fixture.hpp"
#include "model/timestamp.hpp"
#include "sim/server_lifecycle.hpp"
#include "sim/world.hpp"

using namespace metal;
using namespace metal::model;
using namespace metal::sim;
using metal::testing::kStart;

namespace {

Timestamp after(double seconds) {
  return Timestamp{kStart.micros + static_cast<std::int64_t>(seconds * 1e6)};
}

// First server of the world in `state` (and not protected), with its zone.
std::optional<Server> find_in_state(const World& world, ServerState state) {
  for (const std::string& zone : world.fleet().zones())
    for (const Server& s :
         world.list_servers(zone, {}, ServerOrder::creation_date_asc, 1, 100000).servers)
      if (s.state == state && !s.is_protected) return s;
  return std::nullopt;
}

std::vector<Server> all_servers(const World& world) {
  std::vector<Server> out;
  for (const std::string& zone : world.fleet().zones())
    for (Server& s :
         world.list_servers(zone, {}, ServerOrder::creation_date_asc, 1, 100000).servers)
      out.push_back(std::move(s));
  return out;
}

}  // namespace

TEST_CASE("the seeded world: two tenants, keys of every role, three zones, a mixed fleet") {
  World world(WorldConfig{7, 40, kStart});
  REQUIRE(world.tenancy().organizations().size() == 2);
  CHECK(world.tenancy().projects().size() ==
        3);  // two in the first organization, one in the second
  std::set<std::pair<std::string, KeyRole>> keys;
  for (const ApiKey& key : world.tenancy().api_keys())
    keys.insert({key.organization_id, key.role});
  const std::string& acme = world.tenancy().organizations()[0].id;
  const std::string& globex = world.tenancy().organizations()[1].id;
  CHECK(keys == std::set<std::pair<std::string, KeyRole>>{{acme, KeyRole::read_write},
                                                          {acme, KeyRole::read_only},
                                                          {acme, KeyRole::admin},
                                                          {globex, KeyRole::read_write}});
  CHECK(world.fleet().zones() == std::vector<std::string>{"fr-par-1", "nl-ams-1", "pl-waw-1"});
  const auto servers = all_servers(world);
  CHECK(servers.size() == 40);
  std::set<ServerState> states;
  std::set<std::string> types, zones, projects;
  for (const Server& s : servers) {
    states.insert(s.state);
    types.insert(s.commercial_type);
    zones.insert(s.zone);
    projects.insert(s.project);
    CHECK(s.organization == world.tenancy().organizations().front().id);
    CHECK(s.allowed_actions == allowed_action_names(s.state));
    CHECK(s.creation_date <= kStart);
  }
  CHECK(states.count(ServerState::running) == 1);
  CHECK(states.count(ServerState::stopped) == 1);
  CHECK(states.size() >= 4);
  CHECK(types.size() >= 4);
  CHECK(zones.size() == 3);
  CHECK(projects.size() == 2);
}

TEST_CASE("the same seed makes the same world, another seed another one") {
  World a(WorldConfig{42, 60, kStart});
  World b(WorldConfig{42, 60, kStart});
  World c(WorldConfig{43, 60, kStart});
  CHECK(encode(ServerList{all_servers(a)}) == encode(ServerList{all_servers(b)}));
  CHECK(encode(ServerList{all_servers(a)}) != encode(ServerList{all_servers(c)}));
  // ...and it evolves the same way.
  a.advance_to(after(120));
  b.advance_to(after(120));
  CHECK(encode(ServerList{all_servers(a)}) == encode(ServerList{all_servers(b)}));
}

TEST_CASE("allowed_actions per state are the ones recorded on real servers") {
  using V = std::vector<std::string>;
  CHECK(allowed_action_names(ServerState::stopped) == V{"poweron", "backup"});
  CHECK(allowed_action_names(ServerState::starting) == V{"stop_in_place", "backup"});
  CHECK(allowed_action_names(ServerState::running) ==
        V{"poweroff", "terminate", "reboot", "stop_in_place", "backup"});
  CHECK(allowed_action_names(ServerState::stopping) == V{"stop_in_place", "backup"});
  CHECK(allowed_action_names(ServerState::stopped_in_place) ==
        V{"poweron", "poweroff", "terminate", "reboot", "backup"});
  CHECK(allowed_action_names(ServerState::locked).empty());
}

TEST_CASE("power on walks stopped -> starting (allocating, provisioning) -> running, as recorded") {
  World world(WorldConfig{3, 40, kStart});
  const auto stopped = find_in_state(world, ServerState::stopped);
  REQUIRE(stopped);
  auto task = world.act(stopped->zone, stopped->id, ServerAction::poweron);
  REQUIRE(task);
  CHECK(task->description == "server_batch_poweron");
  CHECK(task->status == "pending");
  CHECK(task->href_result == "/servers/" + stopped->id);

  auto now = world.get_server(stopped->zone, stopped->id);
  CHECK(now->state == ServerState::starting);
  CHECK(now->state_detail == "allocating node");
  CHECK_FALSE(now->location.has_value());

  std::vector<std::string> details{now->state_detail};
  for (int second = 1; second <= 90; ++second) {
    world.advance_to(after(second));
    auto s = world.get_server(stopped->zone, stopped->id);
    if (s->state_detail != details.back()) details.push_back(s->state_detail);
  }
  CHECK(details == std::vector<std::string>{"allocating node", "provisioning node",
                                            "booting kernel", "booted"});
  auto running = world.get_server(stopped->zone, stopped->id);
  CHECK(running->state == ServerState::running);
  CHECK(running->location.has_value());
  CHECK(running->modification_date > stopped->modification_date);
}

TEST_CASE("invalid actions are refused in the API's words") {
  World world(WorldConfig{3, 40, kStart});
  const auto running = find_in_state(world, ServerState::running);
  REQUIRE(running);
  auto refused = world.act(running->zone, running->id, ServerAction::poweron);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().status == 400);
  CHECK(refused.error().body.type == "invalid_request_error");
  CHECK(refused.error().body.message == "server should be stopped");

  const auto stopped = find_in_state(world, ServerState::stopped);
  REQUIRE(stopped);
  auto not_running = world.act(stopped->zone, stopped->id, ServerAction::poweroff);
  REQUIRE_FALSE(not_running);
  CHECK(not_running.error().body.message == "server should be running");

  auto missing =
      world.act("fr-par-1", "00000000-0000-4000-8000-000000000000", ServerAction::poweron);
  REQUIRE_FALSE(missing);
  CHECK(missing.error().status == 404);
  CHECK(missing.error().body.type == "not_found");
  CHECK(missing.error().body.resource == "instance_server");
}

TEST_CASE("standby keeps the node; power on from standby skips allocation") {
  World world(WorldConfig{5, 40, kStart});
  const auto running = find_in_state(world, ServerState::running);
  REQUIRE(running);
  REQUIRE(world.act(running->zone, running->id, ServerAction::stop_in_place));
  CHECK(world.get_server(running->zone, running->id)->state_detail == "stopping in place");
  world.advance_to(after(30));
  auto standby = world.get_server(running->zone, running->id);
  CHECK(standby->state == ServerState::stopped_in_place);
  CHECK(standby->location.has_value());

  REQUIRE(world.act(running->zone, running->id, ServerAction::poweron));
  CHECK(world.get_server(running->zone, running->id)->state_detail == "starting");
  world.advance_to(after(90));
  CHECK(world.get_server(running->zone, running->id)->state == ServerState::running);
}

TEST_CASE("reboot goes through stopping and starting; power off frees the node") {
  World world(WorldConfig{9, 40, kStart});
  const auto running = find_in_state(world, ServerState::running);
  REQUIRE(running);
  REQUIRE(world.act(running->zone, running->id, ServerAction::reboot));
  std::vector<std::string> seen{"stopping/rebooting"};
  for (int second = 1; second <= 60; ++second) {
    world.advance_to(after(second));
    auto s = world.get_server(running->zone, running->id);
    const std::string step = std::string(s->state_text()) + "/" + s->state_detail;
    if (step != seen.back()) seen.push_back(step);
  }
  CHECK(seen == std::vector<std::string>{"stopping/rebooting", "starting/rebooting",
                                         "running/booting kernel", "running/booted"});

  REQUIRE(world.act(running->zone, running->id, ServerAction::poweroff));
  world.advance_to(after(120));
  auto off = world.get_server(running->zone, running->id);
  CHECK(off->state == ServerState::stopped);
  CHECK_FALSE(off->location.has_value());
  CHECK(off->allowed_actions == std::vector<std::string>{"poweron", "backup"});
}

TEST_CASE("terminate deletes the server once it has stopped") {
  World world(WorldConfig{11, 40, kStart});
  const auto running = find_in_state(world, ServerState::running);
  REQUIRE(running);
  const auto before = world.fleet().server_count();
  REQUIRE(world.act(running->zone, running->id, ServerAction::terminate));
  CHECK(world.get_server(running->zone, running->id)->state_detail == "terminating");
  world.advance_to(after(60));
  CHECK_FALSE(world.get_server(running->zone, running->id).has_value());
  CHECK(world.fleet().server_count() == before - 1);
}

TEST_CASE("a protected server cannot be terminated") {
  World world(WorldConfig{1, 400, kStart});
  std::optional<Server> target;
  for (const Server& s : all_servers(world))
    if (s.is_protected && s.state == ServerState::running) target = s;
  REQUIRE(target);
  auto refused = world.act(target->zone, target->id, ServerAction::terminate);
  REQUIRE_FALSE(refused);
  CHECK(refused.error().body.type == "precondition_failed");
  CHECK(world.get_server(target->zone, target->id)->state == ServerState::running);
}

TEST_CASE("servers caught mid-transition at start settle by themselves") {
  World world(WorldConfig{2, 200, kStart});
  CHECK(world.fleet().transitioning_count() > 0);
  world.advance_to(after(300));
  CHECK(world.fleet().transitioning_count() == 0);
}

TEST_CASE("a large world pages like the API: newest first, no overlap, nothing lost") {
  World world(WorldConfig{4, 20000, kStart});
  std::set<std::string> ids;
  std::int64_t total = 0;
  for (const std::string& zone : world.fleet().zones()) {
    Timestamp previous{std::numeric_limits<std::int64_t>::max()};
    for (int page = 1;; ++page) {
      auto slice = world.list_servers(zone, {}, ServerOrder::creation_date_desc, page, 100);
      if (page == 1) total += slice.total;
      if (slice.servers.empty()) break;
      for (const Server& s : slice.servers) {
        CHECK(s.creation_date <= previous);
        previous = s.creation_date;
        ids.insert(s.id);
      }
    }
  }
  CHECK(total == 20000);
  CHECK(ids.size() == 20000);
}

TEST_CASE("a zone's pages follow servers coming and going between reads") {
  World world(WorldConfig{4, 500, kStart});
  const ApiKey& key = world.tenancy().api_keys().front();
  const std::string zone = world.fleet().zones().front();
  ServerFilter mine;
  mine.organization = key.organization_id;
  auto first_page = [&] {
    return world.list_servers(zone, mine, ServerOrder::creation_date_desc, 1, 10);
  };
  const auto before = first_page();
  REQUIRE(before.total > 10);

  NewServer spec;
  spec.name = "fresh";
  spec.commercial_type = "DEV1-S";
  spec.image = "ubuntu_jammy";
  const auto created = world.create_server(zone, key, spec);
  REQUIRE(created);
  const auto with_it = first_page();
  CHECK(with_it.total == before.total + 1);
  REQUIRE_FALSE(with_it.servers.empty());
  CHECK(with_it.servers.front().id == created->id);
  // Oldest first, it is on the last page.
  const auto oldest_first = world.list_servers(zone, mine, ServerOrder::creation_date_asc, 1,
                                               static_cast<int>(with_it.total));
  CHECK(oldest_first.servers.back().id == created->id);

  CHECK_FALSE(world.remove_server(zone, created->id));
  const auto without_it = first_page();
  CHECK(without_it.total == before.total);
  CHECK(without_it.servers.front().id == before.servers.front().id);

  // Another organization's key sees none of these; a state filter counts the same servers.
  ServerFilter stopped = mine;
  stopped.state = "stopped";
  std::int64_t stopped_count = 0;
  for (const Server& s : world
                             .list_servers(zone, mine, ServerOrder::creation_date_asc, 1,
                                           static_cast<int>(without_it.total))
                             .servers)
    stopped_count += s.state == ServerState::stopped;
  CHECK(world.list_servers(zone, stopped, ServerOrder::creation_date_desc, 1, 10).total ==
        stopped_count);
  // Most recently changed first (what a poll asks): each page is the same part of the whole
  // listing, under the same total, whichever page is asked.
  const auto changed_first = world.list_servers(zone, mine, ServerOrder::modification_date_desc, 1,
                                                static_cast<int>(before.total));
  REQUIRE(changed_first.servers.size() == static_cast<std::size_t>(before.total));
  for (std::size_t i = 1; i < changed_first.servers.size(); ++i)
    CHECK(changed_first.servers[i].modification_date <=
          changed_first.servers[i - 1].modification_date);
  for (int page = 1; page <= 3; ++page) {
    const auto slice = world.list_servers(zone, mine, ServerOrder::modification_date_desc, page, 7);
    CHECK(slice.total == before.total);
    REQUIRE(slice.servers.size() == 7);
    for (std::size_t i = 0; i < 7; ++i)
      CHECK(slice.servers[i].id == changed_first.servers[(page - 1) * 7 + i].id);
  }
  ServerFilter nobody;
  nobody.organization = "00000000-0000-4000-8000-000000000000";
  CHECK(world.list_servers(zone, nobody, ServerOrder::creation_date_desc, 1, 10).total == 0);
}

TEST_CASE("a server read into a record holding another is the same as one read afresh") {
  World world(WorldConfig{9, 600, kStart});
  const ApiKey& key = world.tenancy().api_keys().front();
  const std::string zone = world.fleet().zones().front();
  // Shapes the seeded servers lack: a private image, a placement group, an extra volume.
  const auto running = find_in_state(world, ServerState::running);
  REQUIRE(running);
  REQUIRE(world.act(running->zone, running->id, ServerAction::backup));
  std::string image_id;
  world.inventory().images.for_each([&](const Image& i) { image_id = i.id; });
  NewServer spec;
  spec.name = "from-backup";
  spec.commercial_type = running->commercial_type;
  spec.image = image_id;
  const auto from_backup = world.create_server(running->zone, key, spec);
  REQUIRE(from_backup);
  const auto group = world.create_placement_group(zone, key, {"spread", "", "", "", {}});
  REQUIRE(group);
  const auto stopped = find_in_state(world, ServerState::stopped);
  REQUIRE(stopped);
  ServerChanges changes;
  changes.placement_group = group->id;
  REQUIRE(world.update_server(stopped->zone, stopped->id, changes));
  NewVolume data;
  data.name = "data";
  data.volume_type = "sbs_volume";
  data.size = 20'000'000'000ull;
  const auto volume = world.create_volume(stopped->zone, key, data);
  REQUIRE(volume);
  REQUIRE(world.attach_volume(stopped->zone, stopped->id, volume->id));

  std::vector<Server> fresh;
  for (const std::string& z : world.fleet().zones())
    for (Server& s : world.list_servers(z, {}, ServerOrder::creation_date_desc, 1, 1000).servers)
      fresh.push_back(std::move(s));
  REQUIRE(fresh.size() == 601);
  // Every server read into one record, in an order that mixes their shapes (running and stopped,
  // public IP or none, local or block volume, public or private image, in a group or not).
  Server reused;
  for (std::size_t k = 0; k < fresh.size(); ++k) {
    const Server& expected = fresh[(k * 7) % fresh.size()];
    const auto ref = world.fleet().find_ref(expected.zone, expected.id);
    REQUIRE(ref);
    world.read_server(ref->slot, reused);
    CAPTURE(expected.id);
    REQUIRE(reused == expected);
  }
}

TEST_CASE("backup makes an image of the server and leaves it running") {
  World world(WorldConfig{6, 40, kStart});
  const auto running = find_in_state(world, ServerState::running);
  REQUIRE(running);
  auto task = world.act(running->zone, running->id, ServerAction::backup);
  REQUIRE(task);
  CHECK(task->description == "server_backup");
  REQUIRE(world.inventory().images.size() == 1);
  const metal::model::Image* image = nullptr;
  world.inventory().images.for_each([&](const metal::model::Image& i) { image = &i; });
  CHECK(image->from_server == running->id);
  CHECK(image->name == running->name + "-backup");
  CHECK(image->zone == running->zone);
  CHECK(task->href_result == "/images/" + image->id);
  // Its root volume is a snapshot of the server's, kept as a snapshot of the organization.
  REQUIRE(image->root_volume);
  const auto* snapshot = world.inventory().snapshots.find(image->root_volume->id);
  REQUIRE(snapshot);
  CHECK(snapshot->base_volume->id == running->volumes.at("0").id);
  CHECK(snapshot->organization == running->organization);
  CHECK(world.get_server(running->zone, running->id)->state == ServerState::running);
}

TEST_CASE("a saved world restores to the same world, which goes on exactly as the original") {
  World original(WorldConfig{11, 80, kStart});
  // Some history: actions in progress, a backup, time passing.
  const auto stopped = [&](World& w) {
    for (const Server& s : all_servers(w))
      if (s.state == ServerState::stopped && !s.is_protected) return s;
    return Server{};
  };
  const Server target = stopped(original);
  REQUIRE_FALSE(target.id.empty());
  REQUIRE(original.act(target.zone, target.id, ServerAction::poweron));
  REQUIRE(original.act(target.zone, target.id, ServerAction::backup));
  original.advance_to(Timestamp{kStart.micros + 4'000'000});

  const std::string saved = original.save();
  auto restored = World::restore(saved);
  REQUIRE_MESSAGE(restored, (restored ? "" : restored.error()));
  CHECK(restored->save() == saved);
  CHECK(all_servers(*restored) == all_servers(original));
  CHECK(restored->tenancy().api_keys().size() == original.tenancy().api_keys().size());

  // The same future: transitions land at the same moments, new ids come from the same generator.
  for (World* w : {&original, &*restored}) {
    w->advance_to(Timestamp{kStart.micros + 90'000'000});
    const Server next = stopped(*w);
    REQUIRE(w->act(next.zone, next.id, ServerAction::poweron));
    w->advance_to(Timestamp{kStart.micros + 200'000'000});
  }
  CHECK(restored->save() == original.save());
  CHECK(all_servers(*restored) == all_servers(original));
}

TEST_CASE("a world whose transitions have finished saves and restores") {
  // Found by bench/world_bench: a finished plan kept its last position, and restore refused it.
  World world(WorldConfig{7, 400, kStart});
  REQUIRE(world.fleet().transitioning_count() > 0);
  world.advance_to(Timestamp{kStart.micros + 3600'000'000ll});
  REQUIRE(world.fleet().transitioning_count() == 0);
  auto restored = World::restore(world.save());
  REQUIRE(restored);
  CHECK(restored->save() == world.save());
}

TEST_CASE("a world saved before racks had types is read with its servers on nodes of their type") {
  World world(WorldConfig{9, 300, kStart});
  auto saved = metal::model::Json::parse(world.save());
  saved.erase("rack_types");  // as files written before 2026-11-22 have it
  auto restored = World::restore(saved.dump());
  REQUIRE(restored);
  CHECK(restored->check_invariants().empty());
  CHECK(restored->fleet().nodes_in_use() == world.fleet().nodes_in_use());
  CHECK(restored->fleet().server_count() == world.fleet().server_count());
}

TEST_CASE("a file that is not a saved world, or contradicts itself, is refused with why") {
  World world(WorldConfig{11, 5, kStart});
  CHECK(World::restore("{\"hello\": 1}").error() ==
        "not a saved world (format \"\", expected \"metal-sandbox-world\")");
  CHECK(World::restore("{\"format\": \"metal-sandbox-world\", \"version\": 99}").error() ==
        "saved world version 99 is not one this sandbox reads (2)");
  CHECK_FALSE(World::restore("{\"format\": \"metal-sandbox-world\", \"vers").has_value());
  std::string saved = world.save();
  const auto at = saved.find("\"zone\":0");  // a server's: inventory rows name their zone
  REQUIRE(at != std::string::npos);
  saved.replace(at, 8, "\"zone\":9");  // a zone index that does not exist
  auto broken = World::restore(saved);
  REQUIRE_FALSE(broken);
  CHECK(broken.error().find("out of range") != std::string::npos);
}

TEST_CASE("every node holds at most one server, through seeding and a storm of actions") {
  World world(WorldConfig{13, 400, kStart});
  CHECK(world.check_invariants().empty());
  std::size_t acted = 0;
  for (int round = 0; round < 6; ++round) {
    for (const Server& s : all_servers(world)) {
      for (ServerAction action : {ServerAction::poweron, ServerAction::poweroff,
                                  ServerAction::reboot, ServerAction::stop_in_place})
        if (world.act(s.zone, s.id, action)) {
          ++acted;
          break;
        }
    }
    world.advance_to(Timestamp{kStart.micros + (round + 1) * 20'000'000});
    const auto problems = world.check_invariants();
    CHECK_MESSAGE(problems.empty(), (problems.empty() ? "" : problems.front()));
  }
  CHECK(acted > 400);
  CHECK(world.fleet().nodes_in_use() > 0);
}

TEST_CASE("the binary save holds what the JSON save holds, in a fraction of the bytes") {
  World world(WorldConfig{13, 300, kStart});
  Server stopped;
  for (const Server& s : all_servers(world))
    if (s.state == ServerState::stopped && !s.is_protected) stopped = s;
  REQUIRE(world.act(stopped.zone, stopped.id, ServerAction::poweron));
  world.advance_to(Timestamp{kStart.micros + 2'000'000});
  const std::string bytes = world.save_binary();
  const std::string json = world.save();
  auto restored = World::restore(bytes);
  REQUIRE_MESSAGE(restored, (restored ? "" : restored.error()));
  CHECK(restored->save() == json);
  CHECK(restored->save_binary() == bytes);
  CHECK(all_servers(*restored) == all_servers(world));
  CHECK(bytes.size() * 2 < json.size());  // ids stay text: ~2.7 times smaller
}

TEST_CASE("a damaged binary save is refused with where it broke, at any length and any byte") {
  World world(WorldConfig{17, 20, kStart});
  const std::string bytes = world.save_binary();
  // Cut anywhere: refused, never read past the end.
  for (std::size_t length = 0; length < bytes.size(); length += 1 + length / 64) {
    auto cut = World::restore(std::string_view(bytes).substr(0, length));
    REQUIRE_FALSE(cut);
    CHECK_FALSE(cut.error().empty());
  }
  auto truncated = World::restore(std::string_view(bytes).substr(0, bytes.size() - 1));
  REQUIRE_FALSE(truncated);
  CHECK(truncated.error().starts_with("saved world (binary): truncated in '"));
  // Any byte changed: refused with a reason, or read into a world that saves and reads again.
  for (std::size_t at = World::kBinaryMagic.size(); at < bytes.size(); at += 1 + at / 32) {
    std::string damaged = bytes;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x5a);
    auto read = World::restore(damaged);
    if (read)
      CHECK(World::restore(read->save_binary()));
    else
      CHECK_FALSE(read.error().empty());
  }
  std::string longer = bytes + "x";
  CHECK(World::restore(longer).error() == "saved world (binary): 1 bytes after its end");
  // Another version's fields would not line up: refused before they are read.
  std::string other_version = bytes;
  const std::size_t version_at =
      World::kBinaryMagic.size() + 1 + std::string_view("metal-sandbox-world").size();
  REQUIRE(other_version[version_at] == 4);  // 2, zigzag
  other_version[version_at] = 6;
  CHECK(World::restore(other_version).error() ==
        "saved world version 3 is not one this sandbox reads (2)");
}
