#pragma once
// Keeps the ServerStore true to the API: loads every zone (pages land progressively), then
// follows changes with a cheap incremental sync (newest modifications first), reloads a zone
// when its count no longer adds up (servers deleted elsewhere), and polls fast the servers the
// user is watching. Timing comes from PollingPolicy.

#include <map>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "api/instance_client.hpp"
#include "state/polling_policy.hpp"
#include "state/servers/server_store.hpp"

namespace metal::state {

class ServerSync {
 public:
  ServerSync(api::InstanceClient& client, ServerStore& store, std::vector<std::string> zones,
             PollingPolicy policy = {});

  /// Call every frame with a monotonic clock in seconds; the first call starts the initial load.
  void tick(double now);
  /// Polls this server fast until it has settled (after an action, or while its detail is open).
  void watch(const std::string& zone, const std::string& id, double now);

  /// A server the API just returned from a write (a PATCH): shown at once, not at the next poll.
  void apply(const model::Server& server);
  /// Many servers were just acted on: look for changes in every zone now rather than at the
  /// next scheduled sync (watching each of thousands would poll each of them).
  void expect_changes(double now);
  bool initial_load_done() const;
  /// Servers the API reports across zones (known after each zone's first page).
  std::int64_t reported_total() const;
  const std::optional<api::ApiError>& last_error() const { return last_error_; }
  std::uint64_t error_count() const { return error_count_; }

 private:
  struct Zone {
    std::string name;
    bool loading = false;
    bool loaded = false;
    bool syncing = false;
    std::int64_t total = 0;
    model::Timestamp watermark;  // newest modification_date seen
    double next_poll = 0;
    int failures = 0;
    // Ids met during a reload, to drop the vanished. A first load (the store held none of the
    // zone when it began) keeps none: nothing it had can vanish, and at 100,000 servers the
    // set cost a tenth of the load's own work.
    bool tracks_vanished = false;
    std::unordered_set<std::string> seen;
  };
  struct Watched {
    std::string zone;
    double since = 0;
    bool in_flight = false;
  };

  void load_zone(Zone& zone);
  void sync_zone(Zone& zone, int page);
  void poll_watched();
  void record_failure(Zone& zone, const api::ApiError& error, double now);
  void ingest(Zone& zone, model::ServerListItem&& server);

  api::InstanceClient& client_;
  ServerStore& store_;
  PollingPolicy policy_;
  std::vector<Zone> zones_;
  std::map<std::string, Watched> watched_;
  double next_watch_poll_ = 0;
  double now_ = 0;
  std::optional<api::ApiError> last_error_;
  std::uint64_t error_count_ = 0;
};

}  // namespace metal::state
