#pragma once
// The store the UI reads and the place its intents go. Owns the API client, the server cache,
// its sync engine, the current route, pending actions and notifications. Pages never touch a
// transport; they read this and call its intent methods.

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "api/account_client.hpp"
#include "api/dispatcher.hpp"
#include "api/instance_client.hpp"
#include "api/metrics_client.hpp"
#include "state/bulk_job.hpp"
#include "state/create_wizard.hpp"
#include "state/fleet_metrics.hpp"
#include "state/price_book.hpp"
#include "state/route.hpp"
#include "state/serial_session.hpp"
#include "state/server_metrics.hpp"
#include "state/server_resources.hpp"
#include "state/server_selection.hpp"
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

/// How long the last opening took, on the console's clock (so to the frame): from the route
/// naming a server to its full object being in, and from its metrics tab showing to every chart
/// being in. -1 while waiting (or nothing was opened).
struct OpenTimes {
  double detail_ms = -1;
  double charts_ms = -1;
};

class Console {
 public:
  /// `transport` carries the requests (the simulator, fetch, libcurl); the console paces and
  /// retries them itself.
  Console(api::Transport& transport, api::Credentials credentials, std::vector<std::string> zones);

  /// Once per frame, with a monotonic clock in seconds and the API's wall clock.
  void tick(double now, model::Timestamp wall_clock);
  /// After the transport delivered answers outside tick() (the demo answers after it, so that
  /// what a frame asked for comes back in that frame): the list and the openings take them in
  /// before the frame is drawn, so no frame shows rows the filter no longer admits.
  void settle();
  /// Sends what answers delivered between frames asked for (the next pages of a listing), so a
  /// transport that answers then (the demo, in the page's idle time) can answer those too.
  void send_requests();

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
  const PriceBook& prices() const { return prices_; }
  /// A facet's values over every known server; computed when asked, again only after changes.
  const std::vector<FacetValue>& facet(ServerFacet facet) const;
  /// The servers ticked for bulk actions (distinct from the one whose detail is open).
  const ServerSelection& selection() const { return selection_; }
  std::size_t selected_count() const { return selection_.count(store_, view_); }
  /// The open server's security group, user data, attachable volumes; its methods are intents.
  const ServerResources& resources() const { return resources_; }
  ServerResources& resources() { return resources_; }
  /// The projects the key sees (for the project filter and the create form's default).
  const std::vector<model::Project>& projects() const { return projects_; }
  /// The create-server form; active while the route is #/servers/new. Its methods are intents.
  const CreateWizard& wizard() const { return wizard_; }
  CreateWizard& wizard() { return wizard_; }
  /// The open server's charts (loaded while its metrics tab shows).
  const ServerMetrics& metrics() const { return metrics_; }
  /// The fleet's busiest servers and total CPU (loaded while the monitoring page shows).
  const FleetMetrics& fleet() const { return fleet_; }
  /// The open server's serial console, while its tab shows (null otherwise, or when the platform
  /// has no way to reach one).
  const SerialSession* serial() const { return serial_.get(); }
  SerialSession* serial() { return serial_.get(); }
  bool serial_available() const { return serial_connector_ != nullptr; }
  /// The bulk action running or last run, until dismissed.
  const std::optional<BulkJob>& bulk() const { return bulk_; }
  const std::vector<std::string>& zones() const { return zones_; }
  std::size_t requests_in_flight() const { return dispatcher_.in_flight(); }
  const OpenTimes& open_times() const { return open_times_; }
  /// A server or its charts were just opened and are not in yet: the user is looking at a
  /// placeholder (for a few seconds at most; a failure shows its error instead).
  bool opening() const;
  std::uint64_t retries() const { return dispatcher_.retries(); }
  /// The most recent failure, in words, or empty.
  const std::string& last_error() const { return last_error_; }
  double now() const { return now_; }
  /// The API's clock (the simulated one in the demo), for ages and dates.
  model::Timestamp wall_clock() const { return wall_clock_; }

  // ---- intents ----------------------------------------------------------------------------
  /// How this platform reaches serial consoles (the browser's WebSocket, Beast, the demo's world).
  /// Outlives the console.
  void set_serial_connector(api::SerialConnector* connector) { serial_connector_ = connector; }
  void navigate(Route route);
  /// Applies an address typed, bookmarked or reached with back/forward; problems become notices.
  void navigate_to_address(std::string_view hash);
  void set_query(ServerQuery query);
  void select(const std::string& id);
  void clear_selection();
  void open_tab(DetailTab tab);
  /// The servers (as they were left: filters kept) or the monitoring page.
  void open_page(Page page);
  /// Opens the create form in `zone` (the first zone when empty) / closes it.
  void open_create(const std::string& zone);
  void close_create();
  void set_metrics_range(MetricsRange range);
  void toggle_group(const std::string& label) { view_.toggle_group(label); }

  // Ticking servers for bulk actions. Positions are in view().rows().
  void tick_server(const std::string& id, bool ticked);
  void tick_range_to(std::size_t position);  // shift+click
  void tick_positions(std::size_t first, std::size_t end);
  void tick_all_matching() { selection_.select_all_matching(route_.query); }
  void untick_all() { selection_.clear(); }
  /// Applies `operation` to every ticked server. Refused (with a notice) while another runs.
  void start_bulk(BulkOperation operation);
  void retry_bulk_failures();
  void cancel_bulk();
  void dismiss_bulk();
  void request_action(const std::string& id, model::ServerAction action);
  void notify(Notification::Level level, std::string text);
  void dismiss(std::uint64_t notification_id);

 private:
  void refresh_view_if_stale();
  bool showing_charts() const;  // a server's metrics tab is the route
  void note_charts_opened();
  void fetch_detail();
  void fetch_prices();
  void fetch_projects();
  void follow_create_route();
  void pump_bulk();
  void follow_serial_route();
  void send_bulk_item(std::size_t index);
  void set_error(std::string text);

  std::vector<std::string> zones_;
  api::Dispatcher dispatcher_;  // pacing, in-flight limit and retries for every request
  api::InstanceClient client_;
  ServerStore store_;
  ServerSync sync_;
  ServerView view_;
  PriceBook prices_;
  struct FacetCache {
    std::uint64_t store_version = ~0ull;
    std::vector<FacetValue> values;
  };
  mutable FacetCache facets_[3];
  std::uint64_t view_prices_version_ = 0;
  double prices_retry_at_ = 0;
  int prices_in_flight_ = 0;
  ServerSelection selection_;
  ServerResources resources_;
  api::MetricsClient metrics_client_;
  ServerMetrics metrics_;
  FleetMetrics fleet_;
  api::AccountClient account_client_;
  std::vector<model::Project> projects_;
  bool projects_requested_ = false;
  double projects_retry_at_ = 0;
  CreateWizard wizard_;
  std::string secret_key_;  // for the serial console's hello; never shown, never logged
  api::SerialConnector* serial_connector_ = nullptr;
  std::unique_ptr<SerialSession> serial_;
  std::optional<BulkJob> bulk_;
  std::uint64_t next_bulk_serial_ = 1;
  bool bulk_reported_ = false;
  ServerQuery view_query_;
  std::uint64_t view_store_version_ = ~0ull;
  std::uint64_t view_layout_version_ = 0;
  double view_refreshed_at_ = -1e9;
  Route route_;
  std::uint64_t route_version_ = 0;
  std::optional<model::Server> detail_;
  OpenTimes open_times_;
  double detail_asked_at_ = 0;
  double charts_asked_at_ = 0;
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
