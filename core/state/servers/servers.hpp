#pragma once
// The servers feature: every server of every zone kept true to the API (the 100,000-row store
// and its sync), the list as the user asked to see it, the open server (its detail, its tabs'
// resources, its charts, its serial console), ticks for bulk actions and the bulk job, and the
// create form. The servers pages of the registry read it and send it their intents.

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/instance_client.hpp"
#include "api/metrics_client.hpp"
#include "state/console.hpp"
#include "state/feature.hpp"
#include "state/servers/bulk_job.hpp"
#include "state/servers/create_wizard.hpp"
#include "state/servers/price_book.hpp"
#include "state/servers/serial_session.hpp"
#include "state/servers/server_metrics.hpp"
#include "state/servers/server_resources.hpp"
#include "state/servers/server_route.hpp"
#include "state/servers/server_selection.hpp"
#include "state/servers/server_store.hpp"
#include "state/servers/server_sync.hpp"
#include "state/servers/server_view.hpp"

namespace metal::state {

/// How long the last opening took, on the console's clock (so to the frame): from the route
/// naming a server to its full object being in, and from its metrics tab showing to every chart
/// being in. -1 while waiting (or nothing was opened).
struct OpenTimes {
  double detail_ms = -1;
  double charts_ms = -1;
};

class Servers final : public Feature {
 public:
  explicit Servers(Console& hub);
  ~Servers() override;

  void tick() override;
  void route_changed(const Route& from) override;
  void report(model::Json& status) const override;
  bool opening() const override;
  std::uint64_t version() const override;
  bool streaming_first_load() const override { return !sync_.initial_load_done(); }

  // ---- reads ------------------------------------------------------------------------------
  const ServerStore& servers() const { return store_; }
  const ServerView& view() const { return view_; }
  /// The list's filter, sort and grouping (from the route while a servers page shows, else as
  /// they were left).
  const ServerQuery& query() const { return query_; }
  /// The server whose detail the route opens, or null.
  const ServerRow* selected() const;
  /// The full API object of the open server (fetched when it opens or changes).
  const std::optional<model::Server>& selected_detail() const { return detail_; }
  DetailTab tab() const { return detail_tab_of(hub_.route()); }
  MetricsRange metrics_range() const { return metrics_range_of(hub_.route()); }
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
  /// The create-server form; active while the create page shows. Its methods are intents.
  const CreateWizard& wizard() const { return wizard_; }
  CreateWizard& wizard() { return wizard_; }
  /// The open server's charts (loaded while its metrics tab shows).
  const ServerMetrics& metrics() const { return metrics_; }
  /// The open server's serial console, while its tab shows (null otherwise, or when the platform
  /// has no way to reach one).
  const SerialSession* serial() const { return serial_.get(); }
  SerialSession* serial() { return serial_.get(); }
  bool serial_available() const { return hub_.serial_connector() != nullptr; }
  /// The bulk action running or last run, until dismissed.
  const std::optional<BulkJob>& bulk() const { return bulk_; }
  const OpenTimes& open_times() const { return open_times_; }

  // ---- what the pages need while shown (the registry rows' need) -----------------------------
  /// The server page shows this route: its detail, the tab's resources, charts, serial console.
  void show_server(const Route& route);
  /// The create form shows, for the list query's zone and project.
  void show_create();

  // ---- intents ----------------------------------------------------------------------------
  void set_query(ServerQuery query);
  /// Opens a server's detail: on `tab` (else the tab open now, comparing servers), with its charts
  /// over `range` (else the range shown now).
  void select(const std::string& id, std::optional<DetailTab> tab = std::nullopt,
              std::optional<MetricsRange> range = std::nullopt);
  /// Back to the list, with its filter.
  void clear_selection();
  void open_tab(DetailTab tab);
  /// The chart range of the open server's metrics tab.
  void set_metrics_range(MetricsRange range);
  /// Opens the create form in `zone` (the first zone when empty) / closes it.
  void open_create(const std::string& zone);
  void close_create();
  void toggle_group(const std::string& label) { view_.toggle_group(label); }

  // Ticking servers for bulk actions. Positions are in view().rows().
  void tick_server(const std::string& id, bool ticked);
  void tick_range_to(std::size_t position);  // shift+click
  void tick_positions(std::size_t first, std::size_t end);
  void tick_all_matching() { selection_.select_all_matching(query_); }
  void untick_all() { selection_.clear(); }
  /// Applies `operation` to every ticked server. Refused (with a notice) while another runs.
  void start_bulk(BulkOperation operation);
  void retry_bulk_failures();
  void cancel_bulk();
  void dismiss_bulk();
  void request_action(const std::string& id, model::ServerAction action);

 private:
  bool on_servers_page() const;  // the list, a server, or the create form
  void refresh_view_if_stale();
  bool showing_charts() const;  // a server's metrics tab is the route
  void note_charts_opened();
  void fetch_detail();
  void fetch_prices();
  void follow_create_form();
  void follow_open_server();
  void pump_bulk();
  void send_bulk_item(std::size_t index);
  Route list_route(ServerQuery query) const;
  Route server_route(const std::string& zone, const std::string& id, DetailTab tab,
                     MetricsRange range) const;

  Console& hub_;
  api::InstanceClient client_;
  api::AccountClient account_client_;
  ServerStore store_;
  ServerSync sync_;
  ServerView view_;
  ServerQuery query_;
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
  CreateWizard wizard_;
  std::unique_ptr<SerialSession> serial_;
  std::optional<BulkJob> bulk_;
  std::uint64_t next_bulk_serial_ = 1;
  bool bulk_reported_ = false;
  ServerQuery view_query_;
  std::uint64_t view_store_version_ = ~0ull;
  std::uint64_t view_layout_version_ = 0;
  double view_refreshed_at_ = -1e9;
  std::optional<model::Server> detail_;
  OpenTimes open_times_;
  double detail_asked_at_ = 0;
  double charts_asked_at_ = 0;
  bool detail_in_flight_ = false;
  // What the shown page asked for this frame (its need); cleared after each tick.
  bool shown_server_ = false;
  bool shown_create_ = false;
  std::set<std::string> pending_;
  std::uint64_t seen_sync_errors_ = 0;
};

}  // namespace metal::state
