// The world: its parts, its seeding, its clock, and what must always hold across its parts.

#include "sim/world.hpp"

#include <algorithm>
#include <array>
#include <map>

#include "sim/catalog.hpp"

namespace metal::sim {

using model::ServerAction;
using model::ServerState;
using model::Timestamp;

namespace {

constexpr std::int64_t kSecond = 1'000'000;
constexpr std::int64_t kDay = 86400 * kSecond;

// The seeded fleet: what people really run, so the demo reads like a real account.
constexpr std::array<std::string_view, 16> kRoles{
    "web",     "api",     "db",  "cache", "worker",  "ci-runner", "search", "queue",
    "gateway", "metrics", "vpn", "build", "storage", "ml-train",  "mail",   "bastion"};
constexpr std::array<double, 16> kRoleWeights{14, 12, 6, 6, 12, 8, 3, 4, 4, 3, 2, 6, 4, 3, 2, 2};
constexpr std::array<std::string_view, 3> kSeedZones{"fr-par-1", "nl-ams-1", "pl-waw-1"};
constexpr std::array<double, 3> kZoneWeights{0.5, 0.3, 0.2};

enum class SeedState { running, stopped, stopped_in_place, starting, stopping, locked };
constexpr std::array<double, 6> kSeedStateWeights{0.60, 0.24, 0.07, 0.03, 0.03, 0.03};

}  // namespace

World::World(const WorldConfig& config)
    : context_{config.start, Random(config.seed),
               Random(config.seed * 0x9E3779B97F4A7C15ull + 0x1D)} {
  seed_world(config);
}

void World::seed_world(const WorldConfig& config) {
  const Timestamp start = config.start;
  tenancy_.add_organization({context_.random.uuid(), "Acme Robotics"});
  const std::string org = tenancy_.organizations().front().id;  // a copy: the list grows below
  tenancy_.add_project(
      {context_.random.uuid(), "production", org, Timestamp{start.micros - 700 * kDay}});
  tenancy_.add_project(
      {context_.random.uuid(), "staging", org, Timestamp{start.micros - 420 * kDay}});
  tenancy_.add_key(context_, org, tenancy_.projects().front().id, KeyRole::read_write);

  for (std::string_view zone : kSeedZones) {
    fleet_.add_zone(std::string(zone));
    inventory_.first_default_groups.push_back(context_.random.uuid());
  }
  // Racks enough for the fleet to run with room to spare, as a region is built ahead of demand.
  for (std::size_t z = 0; z < fleet_.zones().size(); ++z)
    hardware_.build_racks(static_cast<std::uint16_t>(z),
                          std::max(0, config.servers) * kZoneWeights[z]);

  const int count = std::max(0, config.servers);
  fleet_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    seed_server(static_cast<std::size_t>(i), config);
  // Servers seeded mid-transition were already indexed by touch(); they are indexed anew.
  fleet_.index_by_modification();

  // A second tenant and keys of the other roles, drawn after the fleet so that the first
  // organization's world is the same whatever is added here.
  tenancy_.add_organization({context_.random.uuid(), "Globex Research"});
  tenancy_.add_project({context_.random.uuid(), "default", tenancy_.organizations().back().id,
                        Timestamp{start.micros - 90 * kDay}});
  const std::string production = tenancy_.projects().front().id;
  const std::string other_org = tenancy_.organizations().back().id;
  const std::string other_project = tenancy_.projects().back().id;
  tenancy_.add_key(context_, org, production, KeyRole::read_only);
  tenancy_.add_key(context_, other_org, other_project, KeyRole::read_write);
  tenancy_.add_key(context_, org, production, KeyRole::admin);

  // An SSH key for the first organization, so that new servers have one to take.
  std::string body = "AAAAC3NzaC1lZDI1NTE5AAAAI";
  body += context_.random.hex(32);
  (void)create_ssh_key(tenancy_.api_keys().front(), "ops-laptop",
                       "ssh-ed25519 " + body + " ops@laptop", production);
  tenancy_.backdate_ssh_keys(Timestamp{start.micros - 200 * kDay});

  // Room to grow beyond the seeded fleet, as an account whose limits were raised to fit it.
  Quotas quotas;
  quotas.servers = std::max<std::int64_t>(500, 2 * count);
  quotas.volumes = std::max<std::int64_t>(500, 2 * count);
  quotas.ips = std::max<std::int64_t>(200, count);
  quotas.snapshots = 500;
  quotas.images = 200;
  quotas.security_groups = 100;
  quotas.placement_groups = 50;
  tenancy_.set_default_quotas(quotas);
  for (const std::string& zone : std::vector<std::string>(fleet_.zones()))
    for (const Project& project : std::vector<Project>(tenancy_.projects()))
      (void)default_security_group(zone, project.id);
  context_.changes = 0;
}

void World::seed_server(std::size_t index, const WorldConfig& config) {
  const auto count = static_cast<std::int64_t>(std::max(1, config.servers));
  // Built in place (servers_ is reserved for the whole fleet): moving each record in and
  // destroying the husk was a tenth of a 100,000-server world's construction.
  const auto slot = static_cast<std::uint32_t>(fleet_.slots().size());
  SimServer& s = fleet_.emplace_seeded();
  s.id = context_.random.uuid();
  s.zone = static_cast<std::uint16_t>(context_.random.weighted(kZoneWeights));
  std::array<double, 12> type_weights{};
  const auto types = server_types();
  for (std::size_t t = 0; t < types.size() && t < type_weights.size(); ++t)
    type_weights[t] = types[t].fleet_share;
  s.type = static_cast<std::uint16_t>(
      context_.random.weighted(std::span(type_weights.data(), types.size())));
  const bool arm = types[s.type].arch == "arm64";
  s.image = static_cast<std::uint16_t>(arm ? context_.random.between(4, 5)
                                           : context_.random.between(0, 3));
  s.project = static_cast<std::uint16_t>(context_.random.chance(0.7) ? 0 : 1);

  const std::string_view role = kRoles[context_.random.weighted(kRoleWeights)];
  // "web-prod-07": the number at least two digits wide.
  s.name.reserve(role.size() + 16);
  s.name.append(role).append(s.project == 0 ? "-prod-" : "-stg-");
  if (index + 1 < 10) s.name += '0';
  s.name += std::to_string(index + 1);
  s.tags = {std::string(role), s.project == 0 ? "prod" : "staging"};
  if (context_.random.chance(0.2)) s.tags.emplace_back("k8s");
  if (context_.random.chance(0.06)) s.tags.emplace_back("critical");

  // Creation dates spread over the last 400 days, older servers first, so slots stay in creation
  // order.
  const std::int64_t span = 400 * kDay;
  const std::int64_t gap = span / count;
  s.created = Timestamp{config.start.micros - span + static_cast<std::int64_t>(index) * gap +
                        context_.random.between(0, std::max<std::int64_t>(gap - 1, 0))};
  s.modified = Timestamp{s.created.micros +
                         context_.random.between(0, config.start.micros - s.created.micros)};
  s.mac = "de:00:00:" + context_.random.hex(2) + ":" + context_.random.hex(2) + ":" +
          context_.random.hex(2);
  s.volume_id = context_.random.uuid();
  s.security_group_id =
      s.project == 0
          ? inventory_.first_default_groups[s.zone]
          : default_security_group(fleet_.zones()[s.zone], tenancy_.projects()[s.project].id).id;
  s.is_protected = context_.random.chance(0.05);
  s.dynamic_ip_required = context_.random.chance(0.55);
  if (context_.random.chance(0.35))
    s.private_ip = "10." + std::to_string(context_.random.between(64, 127)) + "." +
                   std::to_string(context_.random.between(0, 255)) + "." +
                   std::to_string(context_.random.between(2, 254));
  if (!s.dynamic_ip_required && context_.random.chance(0.6)) {
    s.public_ip = PublicIp{context_.random.uuid(), fleet_.new_public_address(context_, s), false};
    // A flexible IP of the project, billed since it was booked with its server.
    model::FlexibleIp ip;
    ip.id = s.public_ip->id;
    ip.address = s.public_ip->address;
    ip.server = model::ServerSummary{s.id, s.name};
    ip.organization = tenancy_.projects()[s.project].organization_id;
    ip.project = tenancy_.projects()[s.project].id;
    ip.zone = fleet_.zones()[s.zone];
    ip.type = "routed_ipv4";
    ip.state = "attached";
    ip.ipam_id = ip.id;
    metering_.add({"ip", ip.id, ip.address, ip.project, ip.zone, ip.type, 0, s.created.micros, -1});
    inventory_.ips.insert(std::move(ip));
  }

  const auto seed_state = static_cast<SeedState>(context_.random.weighted(kSeedStateWeights));
  switch (seed_state) {
    case SeedState::running:
    case SeedState::starting:
    case SeedState::stopping:
    case SeedState::locked:
      fleet_.enter_state(context_, hardware_, s, ServerState::running,
                         context_.random.chance(0.9) ? "booted" : "booting kernel");
      break;
    case SeedState::stopped:
      fleet_.enter_state(context_, hardware_, s, ServerState::stopped, "");
      break;
    case SeedState::stopped_in_place:
      fleet_.enter_state(context_, hardware_, s, ServerState::stopped_in_place, "");
      break;
  }
  if (seed_state == SeedState::locked) {
    s.state = ServerState::locked;  // under maintenance: no action until the operator releases it
    s.state_detail = "";
  }
  // Its history so far: billed since creation if it holds a node now; a stopped one was billed
  // until it stopped (its last change).
  if (s.hypervisor >= 0) {
    s.billable_since = s.created.micros;
  } else {
    s.billable_since = -1;
    s.billed = {{s.created.micros, s.modified.micros}};
  }

  fleet_.index_seeded(slot);  // (indexed by modification once all are seeded)

  // Some servers are caught mid-transition when the demo opens, as in any busy account.
  if (seed_state == SeedState::starting) {
    fleet_.enter_state(context_, hardware_, s, ServerState::stopped, "");
    start_plan(slot, plan_action(ServerState::stopped, ServerAction::poweron, context_.random));
  } else if (seed_state == SeedState::stopping) {
    start_plan(slot, plan_action(ServerState::running, ServerAction::poweroff, context_.random));
  }
}

std::uint16_t World::zone_index(std::string_view zone) {
  if (const auto known = fleet_.find_zone(zone)) return *known;
  const std::uint16_t added = fleet_.add_zone(std::string(zone));
  inventory_.first_default_groups.push_back(context_.random.uuid());
  hardware_.build_racks(added, 0);
  return added;
}

void World::advance_to(Timestamp now) {
  while (const auto due = fleet_.take_due(now)) {
    context_.now =
        Timestamp{std::max(context_.now.micros, due->due)};  // steps land at their own moment
    if (fleet_.apply_step(context_, hardware_, due->slot)) delete_server(due->slot);
  }
  context_.now = std::max(context_.now, now);
}

void World::start_plan(std::uint32_t slot, ActionPlan plan) {
  if (fleet_.start_plan(context_, hardware_, slot, std::move(plan))) delete_server(slot);
}

void World::delete_server(std::uint32_t slot) {
  SimServer& s = fleet_.at(slot);
  release_resources(s);
  Fleet::stop_billing(context_, s);
  if (s.hypervisor >= 0) hardware_.release_node(s.zone, s.hypervisor);
  fleet_.remove(slot);
}

std::vector<std::string> World::check_invariants() const {
  std::vector<std::string> problems;
  std::vector<std::map<int, std::string>> holders(fleet_.zones().size());
  std::size_t live = 0;
  for (const SimServer& s : fleet_.servers_) {
    if (s.deleted) continue;
    ++live;
    const bool holds = s.hypervisor >= 0;
    const bool should =
        holds_node(s.state, s.state_detail) || (s.state == ServerState::locked && holds);
    if (holds != should)
      problems.push_back("server " + s.id + " (" + std::string(model::to_string(s.state)) + ", " +
                         std::string(s.state_detail) + ") " +
                         (holds ? "holds a node it should not" : "holds no node"));
    if (holds != (s.billable_since >= 0))
      problems.push_back("server " + s.id +
                         (holds ? " holds a node but is not billed" : " is billed without a node"));
    if (holds && s.hypervisor >= static_cast<int>(hardware_.rack_types_[s.zone].size()) *
                                     Hardware::kNodesPerRack)
      problems.push_back("server " + s.id + " holds node " + std::to_string(s.hypervisor) +
                         " beyond its zone's racks");
    else if (holds && hardware_.rack_types_[s.zone][static_cast<std::size_t>(
                          s.hypervisor / Hardware::kNodesPerRack)] != s.type)
      problems.push_back("server " + s.id + " runs on a node of another type");
    if (holds) {
      if (auto c = hardware_.node_controls_.find({s.zone, s.hypervisor});
          c != hardware_.node_controls_.end() && c->second.failed)
        problems.push_back("server " + s.id + " holds failed node " + std::to_string(s.hypervisor));
      auto [it, fresh] = holders[s.zone].emplace(s.hypervisor, s.id);
      if (!fresh)
        problems.push_back("node " + std::to_string(s.hypervisor) + " of " +
                           fleet_.zones()[s.zone] + " holds both " + it->second + " and " + s.id);
      if (hardware_.node_pools_[s.zone][s.type].free.contains(s.hypervisor))
        problems.push_back("node " + std::to_string(s.hypervisor) + " is held and free");
    }
    auto found = fleet_.by_id_.find(s.id);
    if (found == fleet_.by_id_.end() || fleet_.at(found->second).id != s.id)
      problems.push_back("server " + s.id + " is missing from the id index");
  }
  // The inventory agrees with the servers, both ways.
  for (const SimServer& s : fleet_.servers_) {
    if (s.deleted) continue;
    for (const std::string& id : s.extra_volumes) {
      const model::Volume* v = inventory_.volumes.find(id);
      if (!v || !v->server || v->server->id != s.id)
        problems.push_back("server " + s.id + " lists volume " + id +
                           " which is not attached to it");
    }
    if (s.public_ip && !s.public_ip->dynamic) {
      const model::FlexibleIp* ip = inventory_.ips.find(s.public_ip->id);
      if (!ip || !ip->server || ip->server->id != s.id)
        problems.push_back("server " + s.id + " has flexible IP " + s.public_ip->id +
                           " which does not name it");
    }
    for (const std::string& id : s.private_nics)
      if (!inventory_.private_nics.find(id))
        problems.push_back("server " + s.id + " lists a missing private NIC " + id);
  }
  inventory_.volumes.for_each([&](const model::Volume& v) {
    if (!v.server) return;
    const SimServer* s = fleet_.find(v.zone, v.server->id);
    if (!s ||
        std::find(s->extra_volumes.begin(), s->extra_volumes.end(), v.id) == s->extra_volumes.end())
      problems.push_back("volume " + v.id + " is attached to " + v.server->id +
                         " which does not list it");
  });
  inventory_.ips.for_each([&](const model::FlexibleIp& ip) {
    if (!ip.server) return;
    const SimServer* s = fleet_.find(ip.zone, ip.server->id);
    if (!s || !s->public_ip || s->public_ip->id != ip.id)
      problems.push_back("IP " + ip.id + " is attached to " + ip.server->id +
                         " which does not hold it");
  });
  std::size_t in_zones = 0, in_modified = 0;
  for (std::size_t z = 0; z < fleet_.zones().size(); ++z) {
    in_zones += fleet_.zone_slots_[z].size();
    in_modified += fleet_.zone_by_modified_[z].size();
  }
  if (fleet_.by_id_.size() != live || in_zones != live || in_modified != live)
    problems.push_back("indexes disagree: " + std::to_string(live) + " servers, " +
                       std::to_string(fleet_.by_id_.size()) + " by id, " +
                       std::to_string(in_zones) + " by zone, " + std::to_string(in_modified) +
                       " by modification");
  return problems;
}

}  // namespace metal::sim
