// The servers, their indexes and their lifecycle (the plans of actions in progress).

#include "sim/fleet.hpp"

#include <algorithm>

#include "sim/catalog.hpp"
#include "sim/hardware.hpp"

namespace metal::sim {

using model::ServerState;
using model::Timestamp;

namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

}  // namespace

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

std::uint16_t Fleet::add_zone(std::string zone) {
  zones_.push_back(std::move(zone));
  zone_slots_.emplace_back();
  zone_by_modified_.emplace_back();
  zone_versions_.emplace_back();
  zone_memberships_.emplace_back();
  return static_cast<std::uint16_t>(zones_.size() - 1);
}

void Fleet::reserve(std::size_t servers) {
  servers_.reserve(servers);
  by_id_.reserve(servers);
}

void Fleet::index_seeded(std::uint32_t slot) {
  by_id_.emplace(servers_[slot].id, slot);
  // (indexed by modification once all are seeded)
  zone_slots_[servers_[slot].zone].push_back(slot);
}

std::uint32_t Fleet::add(WorldContext& context, SimServer server) {
  const auto slot = static_cast<std::uint32_t>(servers_.size());
  by_id_.emplace(server.id, slot);
  zone_slots_[server.zone].push_back(slot);
  zone_by_modified_[server.zone].emplace(server.modified.micros, slot);
  servers_.push_back(std::move(server));
  ++servers_[slot].revision;
  ++context.changes;
  ++zone_versions_[servers_[slot].zone];
  ++zone_memberships_[servers_[slot].zone];
  return slot;
}

void Fleet::remove(std::uint32_t slot) {
  SimServer& s = servers_[slot];
  ++zone_versions_[s.zone];
  ++zone_memberships_[s.zone];
  s.hypervisor = s.node = -1;
  s.deleted = true;
  by_id_.erase(s.id);
  zone_by_modified_[s.zone].erase({s.modified.micros, slot});
  auto& slots = zone_slots_[s.zone];
  slots.erase(std::remove(slots.begin(), slots.end(), slot), slots.end());
}

const SimServer* Fleet::find_live(std::string_view id) const {
  const auto found = by_id_.find(std::string(id));
  if (found == by_id_.end() || servers_[found->second].deleted) return nullptr;
  return &servers_[found->second];
}

std::optional<Fleet::DueStep> Fleet::take_due(Timestamp now) {
  while (!due_.empty() && due_.top().due <= now.micros) {
    const DueStep due = due_.top();
    due_.pop();
    const SimServer& s = servers_[due.slot];
    if (s.deleted || s.generation != due.generation || s.plan_next >= s.plan.size()) continue;
    return due;
  }
  return std::nullopt;
}

std::string Fleet::new_public_address(WorldContext& context, const SimServer& s) const {
  const ZoneSpec* zone = sim::find_zone(zones_[s.zone]);
  return std::string(zone ? zone->ip_prefix : "51.15") + "." +
         std::to_string(context.random.between(0, 255)) + "." +
         std::to_string(context.random.between(1, 254));
}

void Fleet::touch(WorldContext& context, std::uint32_t slot, Timestamp at) {
  SimServer& s = servers_[slot];
  auto& index = zone_by_modified_[s.zone];
  index.erase({s.modified.micros, slot});
  s.modified = at;
  ++s.revision;
  ++context.changes;
  ++zone_versions_[s.zone];
  index.emplace(at.micros, slot);
}

void Fleet::enter_state(WorldContext& context, Hardware& hardware, SimServer& s, ServerState state,
                        std::string_view detail) {
  s.state = state;
  s.state_detail = detail;
  if (holds_node(state, detail)) {
    if (s.hypervisor < 0) {
      s.hypervisor = hardware.take_node(s.zone, s.type);
      s.node = s.hypervisor % Hardware::kNodesPerRack;
      s.billable_since = context.now.micros;
    }
  } else if (state != ServerState::locked && s.hypervisor >= 0) {
    hardware.release_node(s.zone, s.hypervisor);
    s.hypervisor = s.node = -1;
    stop_billing(context, s);
  }
  // A dynamic address lives as long as the server runs; a flexible one stays attached.
  if (state == ServerState::running && s.dynamic_ip_required && !s.public_ip)
    s.public_ip = PublicIp{context.random.uuid(), new_public_address(context, s), true};
  if (state == ServerState::stopped && s.public_ip && s.public_ip->dynamic) s.public_ip.reset();
}

bool Fleet::start_plan(WorldContext& context, Hardware& hardware, std::uint32_t slot,
                       ActionPlan plan) {
  SimServer& s = servers_[slot];
  ++s.generation;
  s.plan = std::move(plan.steps);
  s.plan_end = plan.end;
  s.plan_next = 0;
  if (s.plan.empty()) return false;
  if (stuck_rate_ > 0 && context.fault_random.chance(stuck_rate_)) {
    s.plan.resize(1);  // it enters the transition and stays there
    s.plan_end = LifecycleEnd::stays;
  }
  return apply_step(context, hardware, slot);
}

bool Fleet::apply_step(WorldContext& context, Hardware& hardware, std::uint32_t slot) {
  SimServer& s = servers_[slot];
  const LifecycleStep step = s.plan[s.plan_next++];
  enter_state(context, hardware, s, step.state, step.detail);
  touch(context, slot, context.now);
  if (s.plan_next < s.plan.size()) {
    due_.push({context.now.micros + s.plan[s.plan_next].after_micros, slot, s.generation});
    return false;
  }
  s.plan.clear();
  s.plan_next = 0;
  return s.plan_end == LifecycleEnd::deletes_server;
}

void Fleet::stop_billing(const WorldContext& context, SimServer& s) {
  if (s.billable_since < 0) return;
  s.billed.emplace_back(s.billable_since, std::max(s.billable_since, context.now.micros));
  s.billable_since = -1;
}

const SimServer* Fleet::find(std::string_view zone, std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  if (it == by_id_.end()) return nullptr;
  const SimServer& s = servers_[it->second];
  return zones_[s.zone] == zone ? &s : nullptr;
}

std::size_t Fleet::transitioning_count() const {
  std::size_t n = 0;
  for (const SimServer& s : servers_)
    if (!s.deleted && model::is_transitional(s.state)) ++n;
  return n;
}

bool Fleet::matches(const Tenancy& tenancy, const SimServer& s, const ServerFilter& f) const {
  const Project& project = tenancy.projects()[s.project];
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

ServerRefSlice Fleet::list_refs(const Tenancy& tenancy, std::string_view zone,
                                const ServerFilter& filter, ServerOrder order, int page,
                                int per_page) const {
  ServerRefSlice slice;
  auto zone_it = std::find(zones_.begin(), zones_.end(), zone);
  if (zone_it == zones_.end()) return slice;  // a real zone where this account has nothing
  const auto zone_index = static_cast<std::size_t>(zone_it - zones_.begin());

  const auto first = static_cast<std::int64_t>(std::max(0, page - 1)) * per_page;
  const auto last = first + per_page;
  const bool more = !filter.state.empty() || !filter.commercial_type.empty() ||
                    !filter.name.empty() || !filter.tags.empty() || !filter.servers.empty();
  const bool by_creation_order =
      order == ServerOrder::creation_date_desc || order == ServerOrder::creation_date_asc;
  if (!more && by_creation_order) {
    // The common listing (everything the key may see, newest first): a slice of the memo.
    const auto& slots = listable_slots(tenancy, zone_index, filter.organization, filter.project);
    slice.total = static_cast<std::int64_t>(slots.size());
    for (std::int64_t i = first; i < std::min(last, slice.total); ++i) {
      const auto at = static_cast<std::size_t>(
          order == ServerOrder::creation_date_asc ? i : slice.total - 1 - i);
      slice.servers.push_back({slots[at], servers_[slots[at]].revision});
    }
    return slice;
  }

  // Walks the zone in the asked order, counting every match and rendering only the page's.
  const std::vector<char> project_ok = tenancy.projects_listed(filter.organization, filter.project);
  // Without a filter beyond tenancy the total is the memo's count, and a walk (here in
  // modification order: a poll for what changed) stops at the page's last server.
  const std::int64_t known_total =
      more ? -1
           : static_cast<std::int64_t>(
                 listable_slots(tenancy, zone_index, filter.organization, filter.project).size());
  std::int64_t seen = 0;
  auto visit = [&](std::uint32_t slot) {
    if (!project_ok[servers_[slot].project]) return true;
    if (more && !matches(tenancy, servers_[slot], filter)) return true;
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
void Fleet::index_by_modification() {
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

const std::vector<std::uint32_t>& Fleet::listable_slots(const Tenancy& tenancy, std::size_t zone,
                                                        std::string_view organization,
                                                        std::string_view project) const {
  if (listing_memos_.size() < zones_.size()) listing_memos_.resize(zones_.size());
  ListingMemo& memo = listing_memos_[zone];
  if (memo.membership == zone_memberships_[zone] && memo.organization == organization &&
      memo.project == project)
    return memo.slots;
  memo.membership = zone_memberships_[zone];
  memo.organization = organization;
  memo.project = project;
  memo.slots.clear();
  const std::vector<char> project_ok = tenancy.projects_listed(organization, project);
  for (std::uint32_t slot : zone_slots_[zone])
    if (project_ok[servers_[slot].project]) memo.slots.push_back(slot);
  return memo.slots;
}

std::optional<ServerRef> Fleet::find_ref(std::string_view zone, std::string_view id) const {
  const SimServer* s = find(zone, id);
  if (!s) return std::nullopt;
  return ServerRef{by_id_.at(s->id), s->revision};
}

std::size_t Fleet::nodes_in_use() const {
  std::size_t n = 0;
  for (const SimServer& s : servers_)
    n += !s.deleted && s.hypervisor >= 0;
  return n;
}

std::uint64_t Fleet::zone_version(std::string_view zone) const {
  for (std::size_t z = 0; z < zones_.size(); ++z)
    if (zones_[z] == zone) return zone_versions_[z];
  return 0;
}

const SimServer* Fleet::first_server(const std::function<bool(const SimServer&)>& which) const {
  for (const auto& [id, slot] : by_id_)
    if (which(servers_[slot])) return &servers_[slot];
  return nullptr;
}

void Fleet::refresh_servers(const std::function<bool(const SimServer&)>& which) {
  for (const auto& [id, slot] : by_id_)
    if (which(servers_[slot])) {
      ++servers_[slot].revision;  // what it shows of the group changed, not the server itself
      ++zone_versions_[servers_[slot].zone];
    }
}

SimServer* Fleet::find_mutable(std::string_view zone, std::string_view id) {
  return const_cast<SimServer*>(find(zone, id));
}

std::int64_t Fleet::servers_of(const Tenancy& tenancy, std::string_view organization) const {
  std::int64_t n = 0;
  for (const auto& [id, slot] : by_id_)
    n += tenancy.projects()[servers_[slot].project].organization_id == organization;
  return n;
}

const SimServer* Fleet::server_on_node(std::uint16_t zone, int node) const {
  for (std::uint32_t slot : zone_slots_[zone])
    if (servers_[slot].hypervisor == node) return &servers_[slot];
  return nullptr;
}

std::optional<std::uint16_t> Fleet::find_zone(std::string_view zone) const {
  for (std::size_t z = 0; z < zones_.size(); ++z)
    if (zones_[z] == zone) return static_cast<std::uint16_t>(z);
  return std::nullopt;
}

}  // namespace metal::sim
