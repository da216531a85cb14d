#pragma once
// The console's hub: the clock, the dispatcher every request goes through, the route, the
// notifications, and the feature stores (servers, monitoring, SSH keys...) created on first use.
// Pages read the hub and the features and send them intents; they never touch a transport.
// One hub is one session: a new session builds a new hub, and everything starts afresh with it.

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/api_client.hpp"
#include "api/dispatcher.hpp"
#include "api/serial_socket.hpp"
#include "model/timestamp.hpp"
#include "state/feature.hpp"
#include "state/page.hpp"
#include "state/polling_policy.hpp"
#include "state/resources/resource_list.hpp"
#include "state/route.hpp"

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
  /// `transport` carries the requests (the simulator, fetch, libcurl); the hub paces and retries
  /// them. `pages` is the page registry; it outlives the hub.
  Console(api::Transport& transport, api::Credentials credentials, std::vector<std::string> zones,
          const PageTable& pages);
  ~Console();
  Console(const Console&) = delete;
  Console& operator=(const Console&) = delete;

  /// Once per frame, with a monotonic clock in seconds and the API's wall clock.
  void tick(double now, model::Timestamp wall_clock);
  /// Sends what answers delivered between frames asked for (the next pages of a listing).
  void send_requests();
  /// After the frame was drawn: when a click in it moved the route (a server opened, a tab
  /// chosen), ticks again with the frame's clocks, so that what the new page needs goes out with
  /// this frame rather than the next (one drawn frame sooner: ~16 ms on a GPU, ~40 in software
  /// WebGL).
  void follow_route_moved_in_frame();

  // ---- the hub's reads ---------------------------------------------------------------------
  const Route& route() const { return route_; }
  /// Bumped whenever the route changes, so the platform knows to update the URL.
  std::uint64_t route_version() const { return route_version_; }
  const PageTable& pages() const { return pages_; }
  std::span<const Notification> notifications() const { return notifications_; }
  const std::vector<std::string>& zones() const { return zones_; }
  std::size_t requests_in_flight() const { return dispatcher_.in_flight(); }
  std::uint64_t retries() const { return dispatcher_.retries(); }
  /// The most recent failure, in words, or empty.
  const std::string& last_error() const { return last_error_; }
  double now() const { return now_; }
  /// The API's clock (the simulated one in the demo), for ages and dates.
  model::Timestamp wall_clock() const { return wall_clock_; }
  /// Some feature shows a placeholder for something the user just opened.
  bool opening() const;
  /// Changes whenever anything the console shows changed: the route, the notices, requests
  /// under way, every feature's data.
  std::uint64_t version() const;
  /// Some feature's first load is streaming rows in (see Feature::streaming_first_load).
  bool streaming_first_load() const;

  // ---- what features build on ---------------------------------------------------------------
  api::Dispatcher& dispatcher() { return dispatcher_; }
  const api::Credentials& credentials() const { return credentials_; }
  const PollingPolicy& polling() const { return polling_; }
  /// How this platform reaches serial consoles; null where it has none.
  api::SerialConnector* serial_connector() const { return serial_connector_; }
  ResourceLists& lists() { return lists_; }
  const ResourceLists& lists() const { return lists_; }

  /// The feature store of type F, created on first use (F is built from the hub). Reading a
  /// feature through a const hub may create it too: it exists, conceptually, from the start.
  template <class F>
  F& feature() const {
    for (const Slot& slot : features_)
      if (slot.key == &kFeatureKey<F>) return static_cast<F&>(*slot.feature);
    auto created = std::make_unique<F>(const_cast<Console&>(*this));
    F& out = *created;
    features_.push_back({&kFeatureKey<F>, std::move(created)});
    return out;
  }
  /// Every feature created so far, in order of creation (status() asks each for its report).
  template <class Visit>
  void for_each_feature(Visit&& visit) const {
    for (const Slot& slot : features_)
      visit(static_cast<const Feature&>(*slot.feature));
  }

  // ---- intents --------------------------------------------------------------------------------
  /// Outlives the hub (the browser's WebSocket, Beast, the demo's world).
  void set_serial_connector(api::SerialConnector* connector) { serial_connector_ = connector; }
  void navigate(Route route);
  /// Applies an address typed, bookmarked or reached with back/forward; problems become notices.
  void navigate_to_address(std::string_view hash);
  /// A page as it was left (its filters kept), or fresh the first time.
  void open_page(std::string_view page_id);
  /// The route to page `page_id` with these parameters (its query as it was left when `params`
  /// name the same item, else empty).
  Route route_to(std::string_view page_id, RouteParams params = {}) const;
  void notify(Notification::Level level, std::string text);
  void dismiss(std::uint64_t notification_id);
  /// Records a failure for the status bar (notify() shows it to the user).
  void set_error(std::string text);
  /// An outcome in words: a success notice, or an error both noticed and recorded.
  void report_outcome(bool ok, std::string text);

 private:
  struct Slot {
    const void* key;
    std::unique_ptr<Feature> feature;
  };

  const PageTable& pages_;
  std::vector<std::string> zones_;
  api::Credentials credentials_;  // the secret key: never shown, never logged
  PollingPolicy polling_;
  api::Dispatcher dispatcher_;  // pacing, in-flight limit and retries for every request
  api::SerialConnector* serial_connector_ = nullptr;
  ResourceLists lists_;
  Route route_;
  std::uint64_t route_version_ = 0;
  std::uint64_t ticked_route_version_ = 0;  // the route the last tick saw
  std::vector<Route> left_;                 // the last route of each page left, for open_page()
  std::vector<Notification> notifications_;
  std::uint64_t next_notification_ = 1;
  std::string last_error_;
  double now_ = 0;
  model::Timestamp wall_clock_;
  // Declared last: features hold references to the members above and are destroyed first.
  mutable std::vector<Slot> features_;
};

}  // namespace metal::state
