#include "sim/world.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>

#include "sim/catalog.hpp"
#include "sim/refusals.hpp"

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

const Timestamp kImageCreated = *model::parse_timestamp("2026-05-12T15:20:10.934226+00:00");

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

bool holds_node(ServerState state, std::string_view detail) {
  switch (state) {
    case ServerState::running:
    case ServerState::stopping:
    case ServerState::stopped_in_place:
      return true;
    case ServerState::starting:
      return detail != "allocating node";
    default:
      return false;
  }
}

}  // namespace

std::string_view to_string(KeyRole role) {
  switch (role) {
    case KeyRole::read_only:
      return "read-only";
    case KeyRole::read_write:
      return "read-write";
    case KeyRole::admin:
      return "admin";
  }
  return "read-only";
}

World::World(const WorldConfig& config)
    : random_(config.seed),
      now_(config.start),
      inventory_random_(config.seed * 0x9E3779B97F4A7C15ull + 0x1D) {
  seed_world(config);
}

void World::seed_world(const WorldConfig& config) {
  const Timestamp start = config.start;
  organizations_.push_back({random_.uuid(), "Acme Robotics"});
  const std::string org = organizations_.front().id;  // a copy: organizations_ grows below
  projects_.push_back({random_.uuid(), "production", org, Timestamp{start.micros - 700 * kDay}});
  projects_.push_back({random_.uuid(), "staging", org, Timestamp{start.micros - 420 * kDay}});
  api_keys_.push_back({"SCW" + lower(random_.hex(17)), random_.uuid(), org, projects_.front().id,
                       KeyRole::read_write, "", start});
  for (char& c : api_keys_.back().access_key)
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);

  for (std::string_view zone : kSeedZones) {
    active_zones_.emplace_back(zone);
    security_groups_.push_back(random_.uuid());
  }
  zone_slots_.resize(active_zones_.size());
  zone_by_modified_.resize(active_zones_.size());
  zone_versions_.resize(active_zones_.size());
  zone_memberships_.resize(active_zones_.size());
  // Racks enough for the fleet to run with room to spare, as a region is built ahead of demand.
  for (std::size_t z = 0; z < active_zones_.size(); ++z)
    build_racks(static_cast<std::uint16_t>(z), std::max(0, config.servers) * kZoneWeights[z]);

  const int count = std::max(0, config.servers);
  servers_.reserve(static_cast<std::size_t>(count));
  by_id_.reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i)
    seed_server(static_cast<std::size_t>(i), config);
  // Servers seeded mid-transition were already indexed by touch(); they are indexed anew.
  index_by_modification();

  // A second tenant and keys of the other roles, drawn after the fleet so that the first
  // organization's world is the same whatever is added here.
  organizations_.push_back({random_.uuid(), "Globex Research"});
  projects_.push_back(
      {random_.uuid(), "default", organizations_.back().id, Timestamp{start.micros - 90 * kDay}});
  const std::string production = projects_.front().id;
  const std::string other_org = organizations_.back().id;
  const std::string other_project = projects_.back().id;
  add_key(org, production, KeyRole::read_only);
  add_key(other_org, other_project, KeyRole::read_write);
  add_key(org, production, KeyRole::admin);

  // An SSH key for the first organization, so that new servers have one to take.
  std::string body = "AAAAC3NzaC1lZDI1NTE5AAAAI";
  body += random_.hex(32);
  (void)create_ssh_key(api_keys_.front(), "ops-laptop", "ssh-ed25519 " + body + " ops@laptop",
                       production);
  for (SshKeyRecord& k : ssh_keys_)
    k.created = k.updated = Timestamp{start.micros - 200 * kDay};

  // Room to grow beyond the seeded fleet, as an account whose limits were raised to fit it.
  default_quotas_.servers = std::max<std::int64_t>(500, 2 * count);
  default_quotas_.volumes = std::max<std::int64_t>(500, 2 * count);
  default_quotas_.ips = std::max<std::int64_t>(200, count);
  default_quotas_.snapshots = 500;
  default_quotas_.images = 200;
  default_quotas_.security_groups = 100;
  default_quotas_.placement_groups = 50;
  for (const std::string& zone : std::vector<std::string>(active_zones_))
    for (const Project& project : std::vector<Project>(projects_))
      (void)default_security_group(zone, project.id);
  changes_ = 0;
}

void World::add_key(const std::string& organization, const std::string& project, KeyRole role) {
  ApiKey key{"SCW" + lower(random_.hex(17)), random_.uuid(), organization, project, role, "", now_};
  for (char& c : key.access_key)
    c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  api_keys_.push_back(std::move(key));
}

void World::seed_server(std::size_t index, const WorldConfig& config) {
  const auto count = static_cast<std::int64_t>(std::max(1, config.servers));
  // Built in place (servers_ is reserved for the whole fleet): moving each record in and
  // destroying the husk was a tenth of a 100,000-server world's construction.
  const auto slot = static_cast<std::uint32_t>(servers_.size());
  SimServer& s = servers_.emplace_back();
  s.id = random_.uuid();
  s.zone = static_cast<std::uint16_t>(random_.weighted(kZoneWeights));
  std::array<double, 12> type_weights{};
  const auto types = server_types();
  for (std::size_t t = 0; t < types.size() && t < type_weights.size(); ++t)
    type_weights[t] = types[t].fleet_share;
  s.type =
      static_cast<std::uint16_t>(random_.weighted(std::span(type_weights.data(), types.size())));
  const bool arm = types[s.type].arch == "arm64";
  s.image = static_cast<std::uint16_t>(arm ? random_.between(4, 5) : random_.between(0, 3));
  s.project = static_cast<std::uint16_t>(random_.chance(0.7) ? 0 : 1);

  const std::string_view role = kRoles[random_.weighted(kRoleWeights)];
  // "web-prod-07": the number at least two digits wide.
  s.name.reserve(role.size() + 16);
  s.name.append(role).append(s.project == 0 ? "-prod-" : "-stg-");
  if (index + 1 < 10) s.name += '0';
  s.name += std::to_string(index + 1);
  s.tags = {std::string(role), s.project == 0 ? "prod" : "staging"};
  if (random_.chance(0.2)) s.tags.emplace_back("k8s");
  if (random_.chance(0.06)) s.tags.emplace_back("critical");

  // Creation dates spread over the last 400 days, older servers first, so slots stay in creation
  // order.
  const std::int64_t span = 400 * kDay;
  const std::int64_t gap = span / count;
  s.created = Timestamp{config.start.micros - span + static_cast<std::int64_t>(index) * gap +
                        random_.between(0, std::max<std::int64_t>(gap - 1, 0))};
  s.modified =
      Timestamp{s.created.micros + random_.between(0, config.start.micros - s.created.micros)};
  s.mac = "de:00:00:" + random_.hex(2) + ":" + random_.hex(2) + ":" + random_.hex(2);
  s.volume_id = random_.uuid();
  s.security_group_id =
      s.project == 0 ? security_groups_[s.zone]
                     : default_security_group(active_zones_[s.zone], projects_[s.project].id).id;
  s.is_protected = random_.chance(0.05);
  s.dynamic_ip_required = random_.chance(0.55);
  if (random_.chance(0.35))
    s.private_ip = "10." + std::to_string(random_.between(64, 127)) + "." +
                   std::to_string(random_.between(0, 255)) + "." +
                   std::to_string(random_.between(2, 254));
  if (!s.dynamic_ip_required && random_.chance(0.6)) {
    s.public_ip = PublicIp{random_.uuid(), new_public_address(s), false};
    // A flexible IP of the project, billed since it was booked with its server.
    model::FlexibleIp ip;
    ip.id = s.public_ip->id;
    ip.address = s.public_ip->address;
    ip.server = model::ServerSummary{s.id, s.name};
    ip.organization = projects_[s.project].organization_id;
    ip.project = projects_[s.project].id;
    ip.zone = active_zones_[s.zone];
    ip.type = "routed_ipv4";
    ip.state = "attached";
    ip.ipam_id = ip.id;
    meters_.push_back(
        {"ip", ip.id, ip.address, ip.project, ip.zone, ip.type, 0, s.created.micros, -1});
    inventory_.ips.insert(std::move(ip));
  }

  const auto seed_state = static_cast<SeedState>(random_.weighted(kSeedStateWeights));
  switch (seed_state) {
    case SeedState::running:
    case SeedState::starting:
    case SeedState::stopping:
    case SeedState::locked:
      enter_state(s, ServerState::running, random_.chance(0.9) ? "booted" : "booting kernel");
      break;
    case SeedState::stopped:
      enter_state(s, ServerState::stopped, "");
      break;
    case SeedState::stopped_in_place:
      enter_state(s, ServerState::stopped_in_place, "");
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

  by_id_.emplace(s.id, slot);
  zone_slots_[s.zone].push_back(slot);  // (indexed by modification once all are seeded)

  // Some servers are caught mid-transition when the demo opens, as in any busy account.
  if (seed_state == SeedState::starting) {
    enter_state(servers_[slot], ServerState::stopped, "");
    start_plan(slot, plan_action(ServerState::stopped, ServerAction::poweron, random_));
  } else if (seed_state == SeedState::stopping) {
    start_plan(slot, plan_action(ServerState::running, ServerAction::poweroff, random_));
  }
}

std::string World::new_public_address(const SimServer& s) {
  const ZoneSpec* zone = find_zone(active_zones_[s.zone]);
  return std::string(zone ? zone->ip_prefix : "51.15") + "." +
         std::to_string(random_.between(0, 255)) + "." + std::to_string(random_.between(1, 254));
}

void World::touch(std::uint32_t slot, Timestamp at) {
  SimServer& s = servers_[slot];
  auto& index = zone_by_modified_[s.zone];
  index.erase({s.modified.micros, slot});
  s.modified = at;
  ++s.revision;
  ++changes_;
  ++zone_versions_[s.zone];
  index.emplace(at.micros, slot);
}

void World::enter_state(SimServer& s, ServerState state, std::string_view detail) {
  s.state = state;
  s.state_detail = detail;
  if (holds_node(state, detail)) {
    if (s.hypervisor < 0) {
      s.hypervisor = take_node(s.zone, s.type);
      s.node = s.hypervisor % kNodesPerRack;
      s.billable_since = now_.micros;
    }
  } else if (state != ServerState::locked && s.hypervisor >= 0) {
    release_node(s.zone, s.hypervisor);
    s.hypervisor = s.node = -1;
    stop_billing(s);
  }
  // A dynamic address lives as long as the server runs; a flexible one stays attached.
  if (state == ServerState::running && s.dynamic_ip_required && !s.public_ip)
    s.public_ip = PublicIp{random_.uuid(), new_public_address(s), true};
  if (state == ServerState::stopped && s.public_ip && s.public_ip->dynamic) s.public_ip.reset();
}

void World::start_plan(std::uint32_t slot, ActionPlan plan) {
  SimServer& s = servers_[slot];
  ++s.generation;
  s.plan = std::move(plan.steps);
  s.plan_end = plan.end;
  s.plan_next = 0;
  if (s.plan.empty()) return;
  if (stuck_rate_ > 0 && fault_random_.chance(stuck_rate_)) {
    s.plan.resize(1);  // it enters the transition and stays there
    s.plan_end = LifecycleEnd::stays;
  }
  apply_step(slot);
}

void World::apply_step(std::uint32_t slot) {
  SimServer& s = servers_[slot];
  const LifecycleStep step = s.plan[s.plan_next++];
  enter_state(s, step.state, step.detail);
  touch(slot, now_);
  if (s.plan_next < s.plan.size()) {
    due_.push({now_.micros + s.plan[s.plan_next].after_micros, slot, s.generation});
    return;
  }
  s.plan.clear();
  s.plan_next = 0;
  if (s.plan_end == LifecycleEnd::deletes_server) delete_server(slot);
}

void World::advance_to(Timestamp now) {
  while (!due_.empty() && due_.top().due <= now.micros) {
    const DueStep due = due_.top();
    due_.pop();
    SimServer& s = servers_[due.slot];
    if (s.deleted || s.generation != due.generation || s.plan_next >= s.plan.size()) continue;
    now_ = Timestamp{std::max(now_.micros, due.due)};  // steps land at their own moment
    apply_step(due.slot);
  }
  now_ = std::max(now_, now);
}

void World::stop_billing(SimServer& s) {
  if (s.billable_since < 0) return;
  s.billed.emplace_back(s.billable_since, std::max(s.billable_since, now_.micros));
  s.billable_since = -1;
}

void World::delete_server(std::uint32_t slot) {
  SimServer& s = servers_[slot];
  ++zone_versions_[s.zone];
  ++zone_memberships_[s.zone];
  release_resources(s);
  stop_billing(s);
  if (s.hypervisor >= 0) release_node(s.zone, s.hypervisor);
  s.hypervisor = s.node = -1;
  s.deleted = true;
  by_id_.erase(s.id);
  zone_by_modified_[s.zone].erase({s.modified.micros, slot});
  auto& slots = zone_slots_[s.zone];
  slots.erase(std::remove(slots.begin(), slots.end(), slot), slots.end());
}

const World::SimServer* World::find(std::string_view zone, std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return nullptr;
  const SimServer& s = servers_[it->second];
  return active_zones_[s.zone] == zone ? &s : nullptr;
}

namespace {
// Equal or not, in a time that depends on the lengths only: the answer's timing tells an attacker
// nothing about how much of a guessed key was right.
bool constant_time_equal(std::string_view a, std::string_view b) {
  unsigned char difference = a.size() == b.size() ? 0 : 1;
  const std::size_t n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i)
    difference |= static_cast<unsigned char>((i < a.size() ? a[i] : 0) ^ (i < b.size() ? b[i] : 0));
  return difference == 0;
}
}  // namespace

const ApiKey* World::find_key_by_secret(std::string_view secret) const {
  const ApiKey* found = nullptr;
  for (const ApiKey& key : api_keys_)  // every key is compared, found or not
    if (constant_time_equal(key.secret_key, secret)) found = &key;
  return found;
}

std::size_t World::transitioning_count() const {
  std::size_t n = 0;
  for (const SimServer& s : servers_)
    if (!s.deleted && model::is_transitional(s.state)) ++n;
  return n;
}

bool World::matches(const SimServer& s, const ServerFilter& f) const {
  const Project& project = projects_[s.project];
  if (!f.organization.empty() && f.organization != project.organization_id) return false;
  if (!f.project.empty() && f.project != project.id) return false;
  if (!f.state.empty() && f.state != model::to_string(s.state)) return false;
  if (!f.commercial_type.empty() && f.commercial_type != server_types()[s.type].commercial_type)
    return false;
  if (!f.name.empty() && lower(s.name).find(lower(f.name)) == std::string::npos) return false;
  for (const std::string& tag : f.tags)
    if (std::find(s.tags.begin(), s.tags.end(), tag) == s.tags.end()) return false;
  if (!f.servers.empty() && std::find(f.servers.begin(), f.servers.end(), s.id) == f.servers.end())
    return false;
  return true;
}

World::ServerSlice World::list_servers(std::string_view zone, const ServerFilter& filter,
                                       ServerOrder order, int page, int per_page) const {
  const ServerRefSlice refs = list_server_refs(zone, filter, order, page, per_page);
  ServerSlice slice;
  slice.total = refs.total;
  slice.servers.reserve(refs.servers.size());
  for (const ServerRef& ref : refs.servers)
    slice.servers.push_back(to_api(servers_[ref.slot]));
  return slice;
}

World::ServerRefSlice World::list_server_refs(std::string_view zone, const ServerFilter& filter,
                                              ServerOrder order, int page, int per_page) const {
  ServerRefSlice slice;
  auto zone_it = std::find(active_zones_.begin(), active_zones_.end(), zone);
  if (zone_it == active_zones_.end()) return slice;  // a real zone where this account has nothing
  const auto zone_index = static_cast<std::size_t>(zone_it - active_zones_.begin());

  const auto first = static_cast<std::int64_t>(std::max(0, page - 1)) * per_page;
  const auto last = first + per_page;
  const bool more = !filter.state.empty() || !filter.commercial_type.empty() ||
                    !filter.name.empty() || !filter.tags.empty() || !filter.servers.empty();
  const bool by_creation_order =
      order == ServerOrder::creation_date_desc || order == ServerOrder::creation_date_asc;
  if (!more && by_creation_order) {
    // The common listing (everything the key may see, newest first): a slice of the memo.
    const auto& slots = listable_slots(zone_index, filter.organization, filter.project);
    slice.total = static_cast<std::int64_t>(slots.size());
    for (std::int64_t i = first; i < std::min(last, slice.total); ++i) {
      const auto at = static_cast<std::size_t>(
          order == ServerOrder::creation_date_asc ? i : slice.total - 1 - i);
      slice.servers.push_back({slots[at], servers_[slots[at]].revision});
    }
    return slice;
  }

  // Walks the zone in the asked order, counting every match and rendering only the page's.
  const std::vector<char> project_ok = projects_listed(filter.organization, filter.project);
  // Without a filter beyond tenancy the total is the memo's count, and a walk (here in
  // modification order: a poll for what changed) stops at the page's last server.
  const std::int64_t known_total =
      more ? -1
           : static_cast<std::int64_t>(
                 listable_slots(zone_index, filter.organization, filter.project).size());
  std::int64_t seen = 0;
  auto visit = [&](std::uint32_t slot) {
    if (!project_ok[servers_[slot].project]) return true;
    if (more && !matches(servers_[slot], filter)) return true;
    if (seen >= first && seen < last) slice.servers.push_back({slot, servers_[slot].revision});
    ++seen;
    return known_total < 0 || seen < last;
  };
  const auto& by_creation = zone_slots_[zone_index];
  const auto& by_modification = zone_by_modified_[zone_index];
  switch (order) {
    case ServerOrder::creation_date_desc:
      for (auto it = by_creation.rbegin(); it != by_creation.rend() && visit(*it); ++it) {
      }
      break;
    case ServerOrder::creation_date_asc:
      for (auto it = by_creation.begin(); it != by_creation.end() && visit(*it); ++it) {
      }
      break;
    case ServerOrder::modification_date_desc:
      for (auto it = by_modification.rbegin(); it != by_modification.rend() && visit(it->second);
           ++it) {
      }
      break;
    case ServerOrder::modification_date_asc:
      for (auto it = by_modification.begin(); it != by_modification.end() && visit(it->second);
           ++it) {
      }
      break;
  }
  slice.total = known_total < 0 ? seen : known_total;
  return slice;
}

// Built once from sorted entries (linear) rather than by an insert per server in random order
// (0.1 s of a 100,000-server world as WebAssembly).
void World::index_by_modification() {
  std::vector<std::vector<std::pair<std::int64_t, std::uint32_t>>> by_modified(
      zone_by_modified_.size());
  for (std::uint32_t slot = 0; slot < servers_.size(); ++slot)
    if (!servers_[slot].deleted)
      by_modified[servers_[slot].zone].emplace_back(servers_[slot].modified.micros, slot);
  for (std::size_t z = 0; z < by_modified.size(); ++z) {
    std::sort(by_modified[z].begin(), by_modified[z].end());
    zone_by_modified_[z] = {by_modified[z].begin(), by_modified[z].end()};
  }
}

// Tenancy decided once per project, not by comparing ids on every server of a zone.
std::vector<char> World::projects_listed(std::string_view organization,
                                         std::string_view project) const {
  std::vector<char> listed(projects_.size());
  for (std::size_t p = 0; p < projects_.size(); ++p)
    listed[p] = (organization.empty() || projects_[p].organization_id == organization) &&
                (project.empty() || projects_[p].id == project);
  return listed;
}

const std::vector<std::uint32_t>& World::listable_slots(std::size_t zone,
                                                        std::string_view organization,
                                                        std::string_view project) const {
  if (listing_memos_.size() < active_zones_.size()) listing_memos_.resize(active_zones_.size());
  ListingMemo& memo = listing_memos_[zone];
  if (memo.membership == zone_memberships_[zone] && memo.organization == organization &&
      memo.project == project)
    return memo.slots;
  memo.membership = zone_memberships_[zone];
  memo.organization = organization;
  memo.project = project;
  memo.slots.clear();
  const std::vector<char> project_ok = projects_listed(organization, project);
  for (std::uint32_t slot : zone_slots_[zone])
    if (project_ok[servers_[slot].project]) memo.slots.push_back(slot);
  return memo.slots;
}

std::optional<World::ServerRef> World::find_server_ref(std::string_view zone,
                                                       std::string_view id) const {
  const SimServer* s = find(zone, id);
  if (!s) return std::nullopt;
  return ServerRef{by_id_.at(s->id), s->revision};
}

std::optional<model::Server> World::get_server(std::string_view zone, std::string_view id) const {
  const SimServer* s = find(zone, id);
  if (!s) return std::nullopt;
  return to_api(*s);
}

std::optional<std::string> World::server_organization(std::string_view zone,
                                                      std::string_view id) const {
  const SimServer* s = find(zone, id);
  if (!s) return std::nullopt;
  return projects_[s->project].organization_id;
}

Expected<model::Task, ApiRefusal> World::act(std::string_view zone, std::string_view id,
                                             ServerAction action) {
  const SimServer* found = find(zone, id);
  if (!found) return Unexpected{server_not_found(id)};
  const std::uint32_t slot = by_id_.at(found->id);
  SimServer& s = servers_[slot];

  auto refuse = [](std::string type, std::string message) {
    return Unexpected{refusal(400, std::move(type), std::move(message))};
  };
  if (auto refused = check_action(s.state, action)) {
    if (s.state == ServerState::locked) return refuse("locked", refused->message);
    return refuse("invalid_request_error", refused->message);
  }
  if (action == ServerAction::terminate && s.is_protected)
    return refuse("precondition_failed", "server is protected: disable protection to terminate it");
  if (action == ServerAction::poweron && s.hypervisor < 0 && nodes_available(s.zone, s.type) <= 0) {
    ApiRefusal r = refusal(503, "out_of_stock", "no node of this type is free in the zone");
    r.body.resource = "instance_server_type";
    r.body.resource_id = std::string(server_types()[s.type].commercial_type);
    return Unexpected{r};
  }

  model::Task task;
  task.id = random_.uuid();
  task.status = "pending";
  task.href_from = "/servers/" + s.id + "/action";
  task.href_result = "/servers/" + s.id;
  task.started_at = now_;
  task.progress = 0;
  task.zone = active_zones_[s.zone];

  ActionPlan plan = plan_action(s.state, action, random_);
  task.description = std::string(plan.task_description);
  if (action == ServerAction::backup) {
    // A snapshot of every volume and an image made of them, as the real backup does.
    const std::string organization = projects_[s.project].organization_id;
    if (auto refused = check_quota(organization, "compute_images", &Quotas::images,
                                   count_of(organization, Collection::images)))
      return Unexpected{*refused};
    const std::int64_t snapshots_needed = 1 + static_cast<std::int64_t>(s.extra_volumes.size());
    if (auto refused =
            check_quota(organization, "compute_snapshots", &Quotas::snapshots,
                        count_of(organization, Collection::snapshots) + snapshots_needed - 1))
      return Unexpected{*refused};
    auto snapshot_of = [&](const model::Volume& volume) {
      model::Snapshot snap;
      snap.id = inventory_random_.uuid();
      snap.name = s.name + "-backup-" + volume.name;
      snap.volume_type = volume.volume_type;
      snap.creation_date = snap.modification_date = now_;
      snap.organization = organization;
      snap.project = projects_[s.project].id;
      snap.size = volume.size;
      snap.state = "available";
      snap.base_volume = model::ServerSummary{volume.id, volume.name};
      snap.zone = task.zone;
      const model::Snapshot& stored = inventory_.snapshots.insert(std::move(snap));
      return model::ImageVolume{stored.id, stored.name, stored.size, stored.volume_type};
    };
    model::Image image;
    image.id = inventory_random_.uuid();
    image.name = s.name + "-backup";
    image.organization = organization;
    image.project = projects_[s.project].id;
    model::Volume root = root_volume(s);
    if (root.size == 0) {  // block storage root: its size is the image's
      root.size = 10'000'000'000ull;
      root.volume_type = "sbs_volume";
    }
    image.root_volume = snapshot_of(root);
    for (std::size_t i = 0; i < s.extra_volumes.size(); ++i)
      if (const model::Volume* v = inventory_.volumes.find(s.extra_volumes[i]))
        image.extra_volumes.emplace(std::to_string(i + 1), snapshot_of(*v));
    image.arch = std::string(server_types()[s.type].arch);
    image.creation_date = image.modification_date = now_;
    image.from_server = s.id;
    image.state = "available";
    image.zone = task.zone;
    task.href_result = "/images/" + image.id;
    inventory_.images.insert(std::move(image));
    ++changes_;
    return task;
  }
  if (action == ServerAction::enable_routed_ip) {
    if (s.routed_ip_enabled) return refuse("invalid_request_error", "routed IP is already enabled");
    s.routed_ip_enabled = true;
    touch(slot, now_);
    return task;
  }
  start_plan(slot, std::move(plan));
  return task;
}

model::Server World::to_api(const SimServer& s) const {
  model::Server out;
  fill_api(s, out);
  return out;
}

namespace {
template <class T>
T& engaged(std::optional<T>& value) {
  if (!value) value.emplace();
  return *value;
}
}  // namespace

// Every member is set on every path: `out` may hold another server from the call before (the
// handler reads each server of a listing into one record, reusing its strings' storage).
void World::fill_api(const SimServer& s, model::Server& out) const {
  const ServerTypeSpec& type = server_types()[s.type];
  const ImageSpec& image = public_images()[s.image];
  const Project& project = projects_[s.project];
  const std::string& zone = active_zones_[s.zone];

  out.id = s.id;
  out.name = s.name;
  out.organization = project.organization_id;
  out.project = project.id;
  out.allowed_actions = allowed_action_names(s.state);
  out.tags = s.tags;
  out.commercial_type.assign(type.commercial_type);
  out.creation_date = s.created;
  out.modification_date = s.modified;
  out.dynamic_ip_required = s.dynamic_ip_required;
  out.routed_ip_enabled = s.routed_ip_enabled;
  out.enable_ipv6 = false;
  out.hostname = s.name;

  model::ServerImage& img = engaged(out.image);
  const model::Image* own = s.image_id.empty() ? nullptr : inventory_.images.find(s.image_id);
  if (own) {
    img = *own;
  } else {
    img.id.assign(image.id);
    img.name.assign(image.name);
    img.organization.assign(kPublicImagesOrganization);
    img.project.assign(kPublicImagesOrganization);
    model::ImageVolume& root = engaged(img.root_volume);
    root.id.assign(image.root_volume_id);
    root.name.clear();
    root.size = 0;
    root.volume_type = "sbs_snapshot";
    img.extra_volumes.clear();
    img.is_public = true;
    img.arch.assign(image.arch);
    img.creation_date = img.modification_date = kImageCreated;
    img.from_server.clear();
    img.state = "available";
    img.tags.clear();
    img.zone = zone;
  }

  out.is_protected = s.is_protected;
  if (s.private_ip.empty())
    out.private_ip.reset();
  else
    out.private_ip = s.private_ip;
  if (s.public_ip) {
    model::ServerIp& ip = engaged(out.public_ip);
    ip.id = s.public_ip->id;
    ip.address = s.public_ip->address;
    ip.dynamic = s.public_ip->dynamic;
    ip.gateway = "62.210.0.1";
    ip.netmask = "32";
    ip.family = "inet";
    ip.provisioning_mode = "dhcp";
    ip.tags.clear();
    ip.state = s.state == ServerState::running ? "attached" : "pending";
    ip.ipam_id = s.public_ip->id;
    out.public_ips.resize(1);
    out.public_ips.front() = ip;
    std::string& dns = engaged(out.dns);
    dns = s.id;
    dns += ".pub.instances.scw.cloud";
  } else {
    out.public_ip.reset();
    out.public_ips.clear();
    out.dns.reset();
  }
  out.mac_address = s.mac;
  out.state = s.state;
  out.unknown_state.clear();
  out.state_detail.assign(s.state_detail);
  if (s.hypervisor >= 0) {
    const ZoneSpec* zone_spec = find_zone(zone);
    model::ServerLocation& location = engaged(out.location);
    location.zone_id = zone;
    location.platform_id = std::to_string(zone_spec ? zone_spec->platform_id : 1);
    location.cluster_id = std::to_string(s.hypervisor / kNodesPerRack + 1);
    location.hypervisor_id = std::to_string(s.hypervisor);
    location.node_id = std::to_string(s.node + 1);
  } else {
    out.location.reset();
  }
  out.ipv6.reset();
  out.boot_type = "local";

  // The root volume's entry is kept (and its storage with it); any other goes.
  model::ServerVolume& volume = out.volumes["0"];
  out.volumes.erase(std::next(out.volumes.begin()), out.volumes.end());
  volume.id = s.volume_id;
  volume.state = "available";
  volume.zone = zone;
  volume.boot = false;
  volume.export_uri.reset();
  volume.tags.clear();
  if (type.local_volume_gb > 0) {
    volume.volume_type = "l_ssd";
    volume.name.assign(image.name);
    volume.size = static_cast<std::uint64_t>(type.local_volume_gb) * 1'000'000'000ull;
    volume.organization = project.organization_id;
    volume.project = project.id;
    model::ServerSummary& summary = engaged(volume.server);
    summary.id = s.id;
    summary.name = s.name;
    volume.creation_date = s.created;
    volume.modification_date = s.created;
  } else {
    volume.volume_type = "sbs_volume";
    volume.name.clear();
    volume.size.reset();
    volume.organization.clear();
    volume.project.clear();
    volume.server.reset();
    volume.creation_date.reset();
    volume.modification_date.reset();
  }
  for (std::size_t i = 0; i < s.extra_volumes.size(); ++i)
    if (const model::Volume* v = inventory_.volumes.find(s.extra_volumes[i])) {
      model::ServerVolume extra;
      extra.id = v->id;
      extra.name = v->name;
      extra.volume_type = v->volume_type;
      extra.size = v->size;
      extra.state = v->state;
      extra.zone = v->zone;
      extra.organization = v->organization;
      extra.project = v->project;
      extra.server = model::ServerSummary{s.id, s.name};
      extra.creation_date = v->creation_date;
      extra.modification_date = v->modification_date;
      out.volumes.emplace(std::to_string(i + 1), std::move(extra));
    }
  const model::SecurityGroup* group = inventory_.security_groups.find(s.security_group_id);
  model::SecurityGroupRef& group_ref = engaged(out.security_group);
  group_ref.id = s.security_group_id;
  if (group)
    group_ref.name = group->name;
  else
    group_ref.name = "Default security group";
  out.placement_group.reset();
  if (!s.placement_group.empty())
    if (const model::PlacementGroup* pg = inventory_.placement_groups.find(s.placement_group))
      out.placement_group = model::PlacementGroupRef{
          pg->id,          pg->name,        pg->organization,     pg->project,
          pg->policy_mode, pg->policy_type, pg->policy_respected, pg->tags,
          pg->zone};
  out.maintenances.clear();
  out.private_nics.clear();
  for (const std::string& id : s.private_nics)
    if (const model::PrivateNic* nic = inventory_.private_nics.find(id))
      out.private_nics.push_back(*nic);
  out.arch.assign(type.arch);
  out.zone = zone;
  out.filesystems.clear();
  out.end_of_service = false;
  out.admin_password_encryption_ssh_key_id.reset();
}

std::uint16_t World::zone_index(std::string_view zone) {
  for (std::size_t i = 0; i < active_zones_.size(); ++i)
    if (active_zones_[i] == zone) return static_cast<std::uint16_t>(i);
  active_zones_.emplace_back(zone);
  security_groups_.push_back(random_.uuid());
  zone_slots_.emplace_back();
  zone_by_modified_.emplace_back();
  zone_versions_.emplace_back();
  zone_memberships_.emplace_back();
  build_racks(static_cast<std::uint16_t>(active_zones_.size() - 1), 0);
  return static_cast<std::uint16_t>(active_zones_.size() - 1);
}

Expected<model::Server, ApiRefusal> World::create_server(std::string_view zone, const ApiKey& key,
                                                         const NewServer& spec) {
  const ServerTypeSpec* type = find_server_type(spec.commercial_type);
  if (!type)
    return Unexpected{
        invalid_argument_refusal("commercial_type", "constraint", "unknown commercial type")};
  const std::string& project_id = spec.project.empty() ? key.project_id : spec.project;
  std::size_t project = projects_.size();
  for (std::size_t i = 0; i < projects_.size(); ++i)
    if (projects_[i].id == project_id) project = i;
  if (project == projects_.size() || projects_[project].organization_id != key.organization_id)
    return Unexpected{permissions_refusal("instance_server", "write")};
  const std::string& organization = projects_[project].organization_id;

  // The image: a public one by id or label, or a private image of the organization.
  const auto all_images = public_images();
  std::size_t image = all_images.size();
  std::string image_id;
  std::string_view image_arch;
  for (std::size_t i = 0; i < all_images.size(); ++i)
    if (all_images[i].id == spec.image ||
        (all_images[i].label == spec.image && all_images[i].arch == type->arch))
      image = i;
  if (image < all_images.size()) {
    image_arch = all_images[image].arch;
  } else if (const model::Image* own = inventory_.images.find(spec.image);
             own && own->zone == zone && own->organization == organization) {
    image_id = own->id;
    image_arch = own->arch;
    image = 0;
    for (std::size_t i = 0; i < all_images.size(); ++i)
      if (all_images[i].arch == own->arch) image = i;  // what its boot log looks like
  } else {
    return Unexpected{not_found_refusal("instance_image", spec.image)};
  }
  if (image_arch != type->arch)
    return Unexpected{refusal(400, "invalid_request_error",
                              "image architecture " + std::string(image_arch) +
                                  " does not match commercial type " + spec.commercial_type)};

  // What else it takes: every reference checked before anything changes.
  std::vector<std::string> attach_volumes;
  std::vector<NewVolume> new_volumes;
  for (const auto& [slot, volume] : spec.volumes) {
    if (slot == "0") continue;  // the root volume comes with the type and the image
    if (!volume.id.empty()) {
      const model::Volume* v = inventory_.volumes.find(volume.id);
      if (!v || v->zone != zone || v->organization != organization)
        return Unexpected{not_found_refusal("instance_volume", volume.id)};
      if (v->server) return Unexpected{in_use_refusal("volume " + v->id + " is already attached")};
      attach_volumes.push_back(v->id);
    } else {
      NewVolume v;
      v.name = volume.name;
      v.volume_type = volume.volume_type;
      v.size = volume.size;
      v.project = projects_[project].id;
      new_volumes.push_back(std::move(v));
    }
  }
  if (attach_volumes.size() + new_volumes.size() + 1 > 16)
    return Unexpected{refusal(400, "invalid_request_error", "a server has at most 16 volumes")};
  if (spec.public_ips.size() > 1)
    return Unexpected{
        invalid_argument_refusal("public_ips", "constraint", "one flexible IP per server here")};
  for (const std::string& ip : spec.public_ips) {
    const model::FlexibleIp* found = inventory_.ips.find(ip);
    if (!found || found->zone != zone || found->organization != organization)
      return Unexpected{not_found_refusal("instance_ip", ip)};
    if (found->server) return Unexpected{in_use_refusal("IP " + ip + " is already attached")};
  }
  if (!spec.security_group.empty()) {
    const model::SecurityGroup* g = inventory_.security_groups.find(spec.security_group);
    if (!g || g->zone != zone || g->organization != organization)
      return Unexpected{not_found_refusal("instance_security_group", spec.security_group)};
  }
  if (!spec.placement_group.empty()) {
    const model::PlacementGroup* g = inventory_.placement_groups.find(spec.placement_group);
    if (!g || g->zone != zone || g->organization != organization)
      return Unexpected{not_found_refusal("instance_placement_group", spec.placement_group)};
  }
  if (auto refused =
          check_quota(organization, "compute_servers", &Quotas::servers, servers_of(organization)))
    return Unexpected{*refused};
  if (!new_volumes.empty())
    if (auto refused = check_quota(organization, "volumes", &Quotas::volumes,
                                   count_of(organization, Collection::volumes) +
                                       static_cast<std::int64_t>(new_volumes.size()) - 1))
      return Unexpected{*refused};
  // New volumes are validated whole before the server exists (sizes, types).
  for (const NewVolume& v : new_volumes) {
    const std::string type_name = v.volume_type.empty() ? "b_ssd" : v.volume_type;
    if (type_name != "l_ssd" && type_name != "b_ssd" && type_name != "sbs_volume")
      return Unexpected{invalid_argument_refusal("volumes.volume_type", "constraint",
                                                 "must be one of l_ssd, b_ssd, sbs_volume")};
    if (!v.size || *v.size == 0)
      return Unexpected{
          invalid_argument_refusal("volumes.size", "required", "a new volume needs a size")};
  }

  SimServer s;
  s.id = random_.uuid();
  s.zone = zone_index(zone);
  s.type = static_cast<std::uint16_t>(type - server_types().data());
  s.image = static_cast<std::uint16_t>(image);
  s.image_id = image_id;
  s.project = static_cast<std::uint16_t>(project);
  s.name = spec.name.empty() ? "srv-" + random_.hex(6) : spec.name;
  s.tags = spec.tags;
  s.created = s.modified = now_;
  s.mac = "de:00:00:" + random_.hex(2) + ":" + random_.hex(2) + ":" + random_.hex(2);
  s.volume_id = random_.uuid();
  s.security_group_id = spec.security_group.empty()
                            ? default_security_group(zone, projects_[project].id).id
                            : spec.security_group;
  s.placement_group = spec.placement_group;
  s.dynamic_ip_required = spec.dynamic_ip_required;
  enter_state(s, ServerState::stopped, "");
  const auto slot = static_cast<std::uint32_t>(servers_.size());
  by_id_.emplace(s.id, slot);
  zone_slots_[s.zone].push_back(slot);
  zone_by_modified_[s.zone].emplace(s.modified.micros, slot);
  servers_.push_back(std::move(s));
  ++servers_[slot].revision;
  ++changes_;
  ++zone_versions_[servers_[slot].zone];
  ++zone_memberships_[servers_[slot].zone];

  ApiKey owner = key;
  owner.organization_id = organization;
  owner.project_id = projects_[project].id;
  for (const NewVolume& spec_volume : new_volumes) {
    auto made = create_volume(zone, owner, spec_volume);
    if (!made) {  // out of its range: the server goes, nothing half-made stays
      delete_server(slot);
      return Unexpected{made.error()};
    }
    attach_volumes.push_back(made->id);
  }
  for (const std::string& id : attach_volumes) {
    model::Volume* v = inventory_.volumes.find(id);
    v->server = model::ServerSummary{servers_[slot].id, servers_[slot].name};
    servers_[slot].extra_volumes.push_back(id);
  }
  for (const std::string& ip : spec.public_ips) {
    IpChanges attach;
    attach.server = std::optional<std::string>(servers_[slot].id);
    (void)update_ip(zone, ip, attach);
  }
  return to_api(servers_[slot]);
}

Expected<model::Server, ApiRefusal> World::update_server(std::string_view zone, std::string_view id,
                                                         const ServerChanges& changes) {
  const SimServer* found = find(zone, id);
  if (!found) return Unexpected{server_not_found(id)};
  const std::uint32_t slot = by_id_.at(found->id);
  SimServer& s = servers_[slot];
  const std::string& organization = projects_[s.project].organization_id;
  if (changes.name && (changes.name->empty() || changes.name->size() > 255))
    return Unexpected{
        invalid_argument_refusal("name", "constraint", "must be 1 to 255 characters")};
  if (changes.security_group) {
    const model::SecurityGroup* g = inventory_.security_groups.find(*changes.security_group);
    if (!g || g->zone != zone || g->organization != organization)
      return Unexpected{not_found_refusal("instance_security_group", *changes.security_group)};
  }
  if (changes.placement_group && !changes.placement_group->empty()) {
    const model::PlacementGroup* g = inventory_.placement_groups.find(*changes.placement_group);
    if (!g || g->zone != zone || g->organization != organization)
      return Unexpected{not_found_refusal("instance_placement_group", *changes.placement_group)};
  }
  if (changes.placement_group && *changes.placement_group != s.placement_group &&
      s.state != ServerState::stopped)
    return Unexpected{refusal(400, "invalid_request_error",
                              "server should be stopped to change its placement group")};
  const ServerTypeSpec* new_type = nullptr;
  if (changes.commercial_type &&
      *changes.commercial_type != server_types()[s.type].commercial_type) {
    new_type = find_server_type(*changes.commercial_type);
    if (!new_type)
      return Unexpected{
          invalid_argument_refusal("commercial_type", "constraint", "unknown commercial type")};
    if (s.state != ServerState::stopped)
      return Unexpected{refusal(400, "invalid_request_error",
                                "server should be stopped to change its commercial type")};
    if (new_type->arch != server_types()[s.type].arch ||
        (new_type->local_volume_gb > 0) != (server_types()[s.type].local_volume_gb > 0))
      return Unexpected{refusal(400, "invalid_request_error",
                                "commercial type " + *changes.commercial_type +
                                    " does not fit this server's image and volumes")};
  }
  if (changes.name) s.name = *changes.name;
  if (changes.tags) s.tags = *changes.tags;
  if (changes.is_protected) s.is_protected = *changes.is_protected;
  if (changes.dynamic_ip_required) s.dynamic_ip_required = *changes.dynamic_ip_required;
  if (changes.security_group) s.security_group_id = *changes.security_group;
  if (changes.placement_group) s.placement_group = *changes.placement_group;
  if (new_type) s.type = static_cast<std::uint16_t>(new_type - server_types().data());
  touch(slot, now_);
  return to_api(s);
}

std::optional<ApiRefusal> World::remove_server(std::string_view zone, std::string_view id) {
  const SimServer* found = find(zone, id);
  if (!found) return server_not_found(id);
  const std::uint32_t slot = by_id_.at(found->id);
  const SimServer& s = servers_[slot];
  if (s.is_protected)
    return refusal(400, "precondition_failed",
                   "server is protected: disable protection to delete it");
  if (s.state != ServerState::stopped)
    return refusal(400, "invalid_request_error", "server should be stopped");
  delete_server(slot);
  ++changes_;
  return std::nullopt;
}

void World::build_racks(std::uint16_t zone, double servers) {
  const auto types = server_types();
  double shares = 0;
  for (const ServerTypeSpec& t : types)
    shares += t.fleet_share;
  if (rack_types_.size() <= zone) rack_types_.resize(zone + 1u);
  if (node_pools_.size() <= zone) node_pools_.resize(zone + 1u);
  node_pools_[zone].assign(types.size(), {});
  for (std::size_t t = 0; t < types.size(); ++t) {
    const double expected = servers * types[t].fleet_share / shares;
    const int racks = 1 + static_cast<int>(expected * 0.9 / kNodesPerRack);
    for (int r = 0; r < racks; ++r)
      rack_types_[zone].push_back(static_cast<std::uint16_t>(t));
  }
}

int World::racks_of_type(std::uint16_t zone, std::uint16_t type) const {
  return static_cast<int>(std::count(rack_types_[zone].begin(), rack_types_[zone].end(), type));
}

int World::node_of_type(std::uint16_t zone, std::uint16_t type, int position) {
  int wanted = position / kNodesPerRack;
  auto& racks = rack_types_[zone];
  for (std::size_t r = 0; r < racks.size(); ++r)
    if (racks[r] == type && wanted-- == 0)
      return static_cast<int>(r) * kNodesPerRack + position % kNodesPerRack;
  // Actions check what is available before they start; should a type still run out, a rack of
  // it is installed rather than two servers sharing a node.
  racks.push_back(type);
  return node_of_type(zone, type, position);
}

int World::position_of(std::uint16_t zone, int node) const {
  const auto& racks = rack_types_[zone];
  const auto rack = static_cast<std::ptrdiff_t>(node / kNodesPerRack);
  const auto before =
      std::count(racks.begin(), racks.begin() + rack, racks[static_cast<std::size_t>(rack)]);
  return static_cast<int>(before) * kNodesPerRack + node % kNodesPerRack;
}

int World::take_node(std::uint16_t zone, std::uint16_t type) {
  NodePool& pool = node_pools_[zone][type];
  if (!pool.free.empty()) {
    const int node = *pool.free.begin();
    pool.free.erase(pool.free.begin());
    return node;
  }
  // (Nodes fail only while in use: one never used is never failed.)
  return node_of_type(zone, type, pool.next++);
}

void World::release_node(std::uint16_t zone, int node) {
  auto controls = node_controls_.find({zone, node});
  if (controls != node_controls_.end() && controls->second.failed) return;  // out of service
  const std::uint16_t type = rack_types_[zone][static_cast<std::size_t>(node / kNodesPerRack)];
  node_pools_[zone][type].free.insert(node);
}

void World::rebuild_node_pools() {
  const auto types = server_types().size();
  node_pools_.assign(active_zones_.size(), std::vector<NodePool>(types));
  std::vector<std::set<std::int32_t>> used(active_zones_.size());
  auto reach = [&](std::uint16_t zone, int node) {
    const std::uint16_t type = rack_types_[zone][static_cast<std::size_t>(node / kNodesPerRack)];
    NodePool& pool = node_pools_[zone][type];
    pool.next = std::max(pool.next, position_of(zone, node) + 1);
  };
  for (const SimServer& s : servers_)
    if (!s.deleted && s.hypervisor >= 0) {
      used[s.zone].insert(s.hypervisor);
      reach(s.zone, s.hypervisor);
    }
  for (const auto& [where, controls] : node_controls_)
    if (controls.failed && where.first < node_pools_.size()) reach(where.first, where.second);
  for (std::uint16_t z = 0; z < node_pools_.size(); ++z)
    for (std::uint16_t t = 0; t < types; ++t)
      for (std::int32_t p = 0; p < node_pools_[z][t].next; ++p) {
        const int node = node_of_type(z, t, p);
        auto controls = node_controls_.find({z, node});
        const bool failed = controls != node_controls_.end() && controls->second.failed;
        if (!used[z].contains(node) && !failed) node_pools_[z][t].free.insert(node);
      }
}

std::size_t World::nodes_in_use() const {
  std::size_t n = 0;
  for (const SimServer& s : servers_)
    n += !s.deleted && s.hypervisor >= 0;
  return n;
}

std::vector<std::string> World::check_invariants() const {
  std::vector<std::string> problems;
  std::vector<std::map<int, std::string>> holders(active_zones_.size());
  std::size_t live = 0;
  for (const SimServer& s : servers_) {
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
    if (holds && s.hypervisor >= static_cast<int>(rack_types_[s.zone].size()) * kNodesPerRack)
      problems.push_back("server " + s.id + " holds node " + std::to_string(s.hypervisor) +
                         " beyond its zone's racks");
    else if (holds &&
             rack_types_[s.zone][static_cast<std::size_t>(s.hypervisor / kNodesPerRack)] != s.type)
      problems.push_back("server " + s.id + " runs on a node of another type");
    if (holds) {
      if (auto c = node_controls_.find({s.zone, s.hypervisor});
          c != node_controls_.end() && c->second.failed)
        problems.push_back("server " + s.id + " holds failed node " + std::to_string(s.hypervisor));
      auto [it, fresh] = holders[s.zone].emplace(s.hypervisor, s.id);
      if (!fresh)
        problems.push_back("node " + std::to_string(s.hypervisor) + " of " + active_zones_[s.zone] +
                           " holds both " + it->second + " and " + s.id);
      if (node_pools_[s.zone][s.type].free.contains(s.hypervisor))
        problems.push_back("node " + std::to_string(s.hypervisor) + " is held and free");
    }
    auto found = by_id_.find(s.id);
    if (found == by_id_.end() || servers_[found->second].id != s.id)
      problems.push_back("server " + s.id + " is missing from the id index");
  }
  // The inventory agrees with the servers, both ways.
  for (const SimServer& s : servers_) {
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
    const SimServer* s = find(v.zone, v.server->id);
    if (!s ||
        std::find(s->extra_volumes.begin(), s->extra_volumes.end(), v.id) == s->extra_volumes.end())
      problems.push_back("volume " + v.id + " is attached to " + v.server->id +
                         " which does not list it");
  });
  inventory_.ips.for_each([&](const model::FlexibleIp& ip) {
    if (!ip.server) return;
    const SimServer* s = find(ip.zone, ip.server->id);
    if (!s || !s->public_ip || s->public_ip->id != ip.id)
      problems.push_back("IP " + ip.id + " is attached to " + ip.server->id +
                         " which does not hold it");
  });
  std::size_t in_zones = 0, in_modified = 0;
  for (std::size_t z = 0; z < active_zones_.size(); ++z) {
    in_zones += zone_slots_[z].size();
    in_modified += zone_by_modified_[z].size();
  }
  if (by_id_.size() != live || in_zones != live || in_modified != live)
    problems.push_back("indexes disagree: " + std::to_string(live) + " servers, " +
                       std::to_string(by_id_.size()) + " by id, " + std::to_string(in_zones) +
                       " by zone, " + std::to_string(in_modified) + " by modification");
  return problems;
}

std::uint64_t World::zone_version(std::string_view zone) const {
  for (std::size_t z = 0; z < active_zones_.size(); ++z)
    if (active_zones_[z] == zone) return zone_versions_[z];
  return 0;
}

}  // namespace metal::sim
