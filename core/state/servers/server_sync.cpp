#include "state/servers/server_sync.hpp"

#include <algorithm>

namespace metal::state {

namespace {
// A server stays watched at least this long after an action, because the API may take a moment
// to show the transition it started.
constexpr double kWatchGrace = 3.0;
}  // namespace

ServerSync::ServerSync(api::InstanceClient& client, ServerStore& store,
                       std::vector<std::string> zones, PollingPolicy policy)
    : client_(client), store_(store), policy_(policy) {
  for (std::string& name : zones) {
    Zone zone;
    zone.name = std::move(name);
    zones_.push_back(std::move(zone));
  }
}

void ServerSync::ingest(Zone& zone, model::ServerListItem&& server) {
  zone.watermark = std::max(zone.watermark, server.modification_date);
  store_.upsert(make_row(std::move(server)));
}

void ServerSync::tick(double now) {
  now_ = now;
  for (Zone& zone : zones_) {
    if (zone.loading || zone.syncing || now < zone.next_poll) continue;
    if (!zone.loaded)
      load_zone(zone);
    else
      sync_zone(zone, 1);
  }
  if (now >= next_watch_poll_) {
    next_watch_poll_ = now + policy_.watched_interval;
    poll_watched();
  }
}

void ServerSync::watch(const std::string& zone, const std::string& id, double now) {
  auto [it, inserted] = watched_.try_emplace(id);
  it->second.zone = zone;
  it->second.since = now;
  next_watch_poll_ = now;  // look at once: the user is waiting for this one
}

void ServerSync::apply(const model::Server& server) {
  // The zone's watermark stays: it marks how far the zone's own listing has been read, and
  // servers changed before this one may not have been read yet.
  store_.upsert(make_row(server));
}

void ServerSync::expect_changes(double now) {
  for (Zone& z : zones_)
    if (z.loaded && z.failures == 0) z.next_poll = std::min(z.next_poll, now);
}

void ServerSync::record_failure(Zone& zone, const api::ApiError& error, double now) {
  ++zone.failures;
  ++error_count_;
  last_error_ = error;
  zone.next_poll = now + policy_.retry_delay(zone.failures);
}

void ServerSync::load_zone(Zone& zone) {
  zone.loading = true;
  zone.seen.clear();
  zone.tracks_vanished = store_.count_in_zone(zone.name) > 0;
  const std::size_t index = static_cast<std::size_t>(&zone - zones_.data());
  api::ServerListQuery query;  // creation_date_desc: the newest servers arrive first
  client_.list_all_server_items(
      zone.name, query,
      [this, index](api::ServerItemPage page) {
        Zone& z = zones_[index];
        z.total = page.total_count;
        for (model::ServerListItem& server : page.servers) {
          if (z.tracks_vanished) z.seen.insert(server.id);
          ingest(z, std::move(server));
        }
      },
      [this, index](api::ApiResult<std::int64_t> result) {
        Zone& z = zones_[index];
        z.loading = false;
        if (!result) return record_failure(z, result.error(), now_);
        // Whatever this zone held before and the API no longer lists is gone.
        std::vector<std::string> vanished;
        if (z.tracks_vanished)
          for (const ServerRow& row : store_.rows())
            if (row.zone == z.name && !z.seen.contains(row.id)) vanished.push_back(row.id);
        for (const std::string& id : vanished)
          store_.remove(id);
        z.seen.clear();
        z.loaded = true;
        z.failures = 0;
        z.next_poll = now_ + policy_.sync_interval(store_.any_transitional());
      });
}

void ServerSync::sync_zone(Zone& zone, int page) {
  zone.syncing = true;
  const std::size_t index = static_cast<std::size_t>(&zone - zones_.data());
  api::ServerListQuery query;
  query.order = "modification_date_desc";
  query.page = page;
  const model::Timestamp watermark = zone.watermark;
  const int per_page = query.per_page;
  client_.list_server_items(
      zone.name, query,
      [this, index, page, per_page, watermark](api::ApiResult<api::ServerItemPage> result) {
        Zone& z = zones_[index];
        z.syncing = false;
        if (!result) return record_failure(z, result.error(), now_);
        z.failures = 0;
        z.total = result->total_count;
        bool reached_known = false;
        for (model::ServerListItem& server : result->servers) {
          if (server.modification_date < watermark) reached_known = true;
          ingest(z, std::move(server));
        }
        const bool page_full = static_cast<int>(result->servers.size()) >= per_page;
        if (!reached_known && page_full) {
          // More changed than one page shows: read on, or reload when most of the zone changed.
          const double read = static_cast<double>(page) * per_page;
          if (read < policy_.reload_share * static_cast<double>(z.total))
            return sync_zone(z, page + 1);
          z.loaded = false;
          z.next_poll = 0;
          return;
        }
        if (static_cast<std::int64_t>(store_.count_in_zone(z.name)) != z.total) {
          z.loaded = false;  // servers appeared or vanished outside this page: reload the zone
          z.next_poll = 0;
          return;
        }
        z.next_poll = now_ + policy_.sync_interval(store_.any_transitional());
      });
}

void ServerSync::poll_watched() {
  for (auto& [id, watched] : watched_) {
    if (watched.in_flight) continue;
    watched.in_flight = true;
    client_.get_server(watched.zone, id, [this, id = id](api::ApiResult<model::Server> result) {
      auto it = watched_.find(id);
      if (it == watched_.end()) return;
      it->second.in_flight = false;
      if (!result) {
        if (result.error().status == 404) {  // terminated: it is gone for good
          store_.remove(id);
          watched_.erase(it);
        } else {
          ++error_count_;
          last_error_ = result.error();
        }
        return;
      }
      for (Zone& z : zones_)
        if (z.name == it->second.zone) ingest(z, model::list_item_of(*result));
      const bool settled = !model::is_transitional(result->state);
      if (settled && now_ - it->second.since >= kWatchGrace) watched_.erase(it);
    });
  }
}

bool ServerSync::initial_load_done() const {
  return std::all_of(zones_.begin(), zones_.end(), [](const Zone& z) { return z.loaded; });
}

std::int64_t ServerSync::reported_total() const {
  std::int64_t total = 0;
  for (const Zone& z : zones_)
    total += z.total;
  return total;
}

}  // namespace metal::state
