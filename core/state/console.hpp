#pragma once
// The store the UI reads and the place its intents go. Owns the API client, the server cache,
// its sync engine, the current route, pending actions and notifications. Pages never touch a
// transport; they read this and call its intent methods.

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "api/dispatcher.hpp"
#include "api/instance_client.hpp"
#include "state/route.hpp"
#include "state/server_store.hpp"
#include "state/server_sync.hpp"
#include "state/server_view.hpp"

namespace metal::state {

struct Notification {
  enum class Level { info, success, error };
  std::uint64_t id = 0;
  Level level = Level::info;
  std::string text;
  double at = 0;  // console clock, seconds
};

class Console {
 public:
  /// `transport` carries the requests (the simulator, fetch, libcurl); the console paces and
  /// retries them itself.
  Console(api::Transport& transport, api::Credentials credentials, std::vector<std::string> zones);

  /// Once per frame, with a monotonic clock in seconds and the API's wall clock.
  void tick(double now, model::Timestamp wall_clock);

  // ---- reads ------------------------------------------------------------------------------
  const ServerStore& servers() const { return store_; }
  const ServerView& view() const { return view_; }
  const Route& route() const { return route_; }
  /// Bumped whenever the route changes, so the platform knows to update the URL.
  std::uint64_t route_version() const { return route_version_; }
  const ServerRow* selected() const;
  /// The full API object of the selected server (fetched when it is selected or changes).
  const std::optional<model::Server>& selected_detail() const { return detail_; }
  std::span<const Notification> notifications() const { return notifications_; }
  bool action_pending(const std::string& id) const { return pending_.contains(id); }
  const ServerSync& sync() const { return sync_; }
  const std::vector<std::string>& zones() const { return zones_; }
  std::size_t requests_in_flight() const { return dispatcher_.in_flight(); }
  std::uint64_t retries() const { return dispatcher_.retries(); }
  /// The most recent failure, in words, or empty.
  const std::string& last_error() const { return last_error_; }
  double now() const { return now_; }
  /// The API's clock (the simulated one in the demo), for ages and dates.
  model::Timestamp wall_clock() const { return wall_clock_; }

  // ---- intents ----------------------------------------------------------------------------
  void navigate(Route route);
  /// Applies an address typed, bookmarked or reached with back/forward; problems become notices.
  void navigate_to_address(std::string_view hash);
  void set_query(ServerQuery query);
  void select(const std::string& id);
  void clear_selection();
  void request_action(const std::string& id, model::ServerAction action);
  void notify(Notification::Level level, std::string text);
  void dismiss(std::uint64_t notification_id);

 private:
  void fetch_detail();
  void set_error(std::string text);

  std::vector<std::string> zones_;
  api::Dispatcher dispatcher_;  // pacing, in-flight limit and retries for every request
  api::InstanceClient client_;
  ServerStore store_;
  ServerSync sync_;
  ServerView view_;
  ServerQuery view_query_;
  std::uint64_t view_store_version_ = ~0ull;
  std::uint64_t view_layout_version_ = 0;
  double view_refreshed_at_ = -1e9;
  Route route_;
  std::uint64_t route_version_ = 0;
  std::optional<model::Server> detail_;
  bool detail_in_flight_ = false;
  std::set<std::string> pending_;
  std::vector<Notification> notifications_;
  std::uint64_t next_notification_ = 1;
  std::uint64_t seen_sync_errors_ = 0;
  std::string last_error_;
  double now_ = 0;
  model::Timestamp wall_clock_;
};

}  // namespace metal::state
