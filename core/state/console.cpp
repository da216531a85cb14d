#include "state/console.hpp"

#include <algorithm>

#include "state/action_text.hpp"

namespace metal::state {

namespace {
constexpr double kNotificationLifetime = 8.0;  // seconds; errors stay until dismissed
constexpr std::size_t kMaxNotifications = 6;
// Re-filtering and re-sorting a big list costs milliseconds (18 ms for 100,000 rows natively).
// What the user asked for (a filter, a sort) applies at once; data landing page by page during
// a load refreshes a big list at most this often, so frames stay short while it streams in.
constexpr std::size_t kBigList = 5000;
constexpr double kBigListRefreshInterval = 0.3;  // seconds
// A bulk action keeps this many of its requests on their way; the dispatcher paces them under the
// API's rate limit, and the rest of the console's requests still get through between them.
constexpr std::size_t kBulkWindow = 8;
// Seconds before asking again for what the console needs once (prices, projects) after a failure.
constexpr double kPricesRetryDelay = 30.0;
}  // namespace

Console::Console(api::Transport& transport, api::Credentials credentials,
                 std::vector<std::string> zones)
    : zones_(std::move(zones)),
      dispatcher_(transport),
      client_(dispatcher_, credentials),
      sync_(client_, store_, zones_),
      resources_(
          client_,
          [this](bool ok, std::string text) {
            if (!ok) set_error(text);
            notify(ok ? Notification::Level::success : Notification::Level::error, std::move(text));
          },
          [this](const model::Server& server) {
            sync_.apply(server);
            if (server.id == route_.server_id) detail_ = server;
          }),
      // Metrics are served beside the API, behind the same key (the demo, the sandbox); a
      // Cockpit data source elsewhere would take its own token.
      metrics_client_(dispatcher_, credentials, api::MetricsEndpoint{}),
      metrics_(metrics_client_, PollingPolicy{}.metrics_interval),
      fleet_(metrics_client_, PollingPolicy{}.metrics_interval),
      account_client_(dispatcher_, credentials),
      wizard_(
          client_, account_client_,
          [this](bool ok, std::string text) {
            if (!ok) set_error(text);
            notify(ok ? Notification::Level::success : Notification::Level::error, std::move(text));
          },
          [this](const model::Server& server) {
            // The new server shows at once and is followed closely while it boots; the form
            // gives way to its detail.
            sync_.apply(server);
            sync_.watch(server.zone, server.id, now_);
            Route next = route_;
            next.create = false;
            next.zone = server.zone;
            next.server_id = server.id;
            next.tab = DetailTab::overview;
            navigate(std::move(next));
          }),
      secret_key_(std::move(credentials.secret_key)) {}

void Console::tick(double now, model::Timestamp wall_clock) {
  now_ = now;
  wall_clock_ = wall_clock;
  sync_.tick(now);
  if (prices_in_flight_ == 0 && now >= prices_retry_at_) fetch_prices();
  if (!projects_requested_ && now >= projects_retry_at_) fetch_projects();
  follow_create_route();
  pump_bulk();
  if (sync_.error_count() != seen_sync_errors_ && sync_.last_error()) {
    seen_sync_errors_ = sync_.error_count();
    set_error(sync_.last_error()->to_string());
  }
  refresh_view_if_stale();

  // Refetch the open server when the list shows it changed (or it is not loaded yet).
  if (const ServerRow* row = selected();
      row && !detail_in_flight_ &&
      (!detail_ || detail_->id != row->id || detail_->modification_date != row->modified ||
       detail_->state != row->state)) {
    fetch_detail();
  }

  if (detail_ && detail_->id == route_.server_id) resources_.need(route_.tab, *detail_);
  if (showing_charts()) {
    metrics_.show(route_.server_id, route_.metrics_range, wall_clock.seconds());
    note_charts_opened();
  }
  if (route_.page == Page::monitoring) fleet_.show(route_.metrics_range, wall_clock.seconds());
  follow_serial_route();
  // Last, so everything asked for above (a page's detail, its charts) goes out in this frame.
  dispatcher_.pump(now, wall_clock.seconds());

  std::erase_if(notifications_, [now](const Notification& n) {
    return n.level != Notification::Level::error && now - n.at > kNotificationLifetime;
  });
}

void Console::settle() {
  refresh_view_if_stale();
  if (showing_charts()) note_charts_opened();
}

void Console::send_requests() {
  dispatcher_.pump(now_, wall_clock_.seconds());
}

void Console::refresh_view_if_stale() {
  const bool asked = route_.query != view_query_;
  const bool rows_moved = store_.layout_version() != view_layout_version_;  // indices are stale
  const bool data_changed = store_.version() != view_store_version_;
  const bool prices_changed =
      route_.query.sort == ServerColumn::price && prices_.version() != view_prices_version_;
  if (asked || rows_moved || prices_changed ||
      (data_changed &&
       (store_.size() < kBigList || now_ - view_refreshed_at_ >= kBigListRefreshInterval))) {
    view_.refresh(store_, route_.query, prices_);
    view_query_ = route_.query;
    view_prices_version_ = prices_.version();
    view_store_version_ = store_.version();
    view_layout_version_ = store_.layout_version();
    view_refreshed_at_ = now_;
  }
}

bool Console::showing_charts() const {
  return route_.tab == DetailTab::metrics && !route_.server_id.empty();
}

void Console::note_charts_opened() {
  const auto charts = metrics_.charts();
  if (open_times_.charts_ms < 0 &&
      std::all_of(charts.begin(), charts.end(),
                  [](const ChartData& c) { return !c.loading && !c.lines.empty(); }))
    open_times_.charts_ms = 1000 * (now_ - charts_asked_at_);
}

bool Console::opening() const {
  constexpr double kWaitingAtMost = 3.0;  // seconds: past it, the page shows why, not a spinner
  const bool detail = !route_.server_id.empty() && open_times_.detail_ms < 0 &&
                      now_ - detail_asked_at_ < kWaitingAtMost;
  const bool charts =
      showing_charts() && open_times_.charts_ms < 0 && now_ - charts_asked_at_ < kWaitingAtMost;
  return detail || charts;
}

const ServerRow* Console::selected() const {
  return route_.server_id.empty() ? nullptr : store_.find(route_.server_id);
}

void Console::navigate(Route route) {
  if (route == route_) return;
  const bool new_server = route.server_id != route_.server_id;
  if (route.query != route_.query) selection_.query_changed(route.query);
  const bool new_charts = route.tab == DetailTab::metrics && !route.server_id.empty() &&
                          (new_server || route_.tab != DetailTab::metrics);
  route_ = std::move(route);
  ++route_version_;
  if (new_server) {
    detail_asked_at_ = now_;
    open_times_.detail_ms = -1;
  }
  if (new_charts) {
    charts_asked_at_ = now_;
    open_times_.charts_ms = -1;
  }
  if (new_server) {
    detail_.reset();
    resources_.open(route_.zone, route_.server_id);
    if (!route_.server_id.empty()) sync_.watch(route_.zone, route_.server_id, now_);
  }
}

void Console::navigate_to_address(std::string_view hash) {
  ParsedRoute parsed = parse_route(hash);
  for (std::string& problem : parsed.problems)
    notify(Notification::Level::error, std::move(problem));
  navigate(std::move(parsed.route));
}

void Console::set_query(ServerQuery query) {
  Route next = route_;
  next.query = std::move(query);
  navigate(std::move(next));
}

void Console::open_page(Page page) {
  Route next = route_;
  next.page = page;
  next.create = false;
  next.zone.clear();
  next.server_id.clear();
  next.tab = DetailTab::overview;
  navigate(std::move(next));
}

void Console::select(const std::string& id) {
  const ServerRow* row = store_.find(id);
  if (!row) return;
  Route next = route_;
  next.page = Page::servers;
  next.zone = row->zone;
  next.server_id = row->id;
  navigate(std::move(next));
}

void Console::clear_selection() {
  Route next = route_;
  next.zone.clear();
  next.server_id.clear();
  navigate(std::move(next));
}

const std::vector<FacetValue>& Console::facet(ServerFacet facet) const {
  FacetCache& cache = facets_[static_cast<int>(facet)];
  if (cache.store_version != store_.version()) {
    cache.values = facet_values(store_, facet);
    cache.store_version = store_.version();
  }
  return cache.values;
}

void Console::open_tab(DetailTab tab) {
  Route next = route_;
  next.tab = tab;
  navigate(std::move(next));
}

void Console::set_metrics_range(MetricsRange range) {
  Route next = route_;
  next.metrics_range = range;
  navigate(std::move(next));
}

void Console::open_create(const std::string& zone) {
  Route next = route_;
  next.page = Page::servers;
  next.create = true;
  if (!zone.empty()) next.query.zone = zone;
  navigate(std::move(next));
}

void Console::close_create() {
  wizard_.close();
  Route next = route_;
  next.create = false;
  navigate(std::move(next));
}

void Console::follow_create_route() {
  if (!route_.create) {
    if (wizard_.active() && !wizard_.submitting()) wizard_.close();
    return;
  }
  // The form needs the project to create in: wait for the projects.
  if (projects_.empty()) return;
  const std::string zone = !route_.query.zone.empty() ? route_.query.zone : zones_.front();
  const std::string project =
      !route_.query.project.empty() ? route_.query.project : projects_.front().id;
  if (!wizard_.active() || wizard_.form().zone != zone) wizard_.start(zone, project);
}

void Console::fetch_projects() {
  projects_requested_ = true;
  account_client_.list_projects(
      api::ListQuery{}, [this](api::ApiResult<model::ProjectList> result) {
        if (!result) {
          set_error("could not list the projects: " + result.error().message);
          projects_requested_ = false;
          projects_retry_at_ = now_ + kPricesRetryDelay;
          return;
        }
        projects_ = std::move(result->projects);
        // The oldest project first: the organization's default one.
        std::stable_sort(projects_.begin(), projects_.end(),
                         [](const model::Project& a, const model::Project& b) {
                           return a.created_at < b.created_at;
                         });
      });
}

void Console::fetch_prices() {
  for (const std::string& zone : zones_) {
    if (prices_.has_zone(zone)) continue;
    ++prices_in_flight_;
    client_.list_server_types(zone, [this, zone](api::ApiResult<model::ServerTypeList> result) {
      --prices_in_flight_;
      if (!result) {
        prices_retry_at_ = now_ + kPricesRetryDelay;
        set_error("could not load the prices of " + zone + ": " + result.error().message);
        return;
      }
      prices_.set_zone(zone, std::move(result).value());
    });
  }
  // Nothing left to ask: look again only if a zone failed (its retry time is set then).
  prices_retry_at_ = 1e300;
}

// The serial console is open while its tab shows, for the server of the route; leaving the tab
// or the server closes the websocket.
void Console::follow_serial_route() {
  const bool wanted = serial_connector_ && route_.tab == DetailTab::serial &&
                      !route_.server_id.empty() && !route_.zone.empty();
  if (!wanted) {
    serial_.reset();
    return;
  }
  if (!serial_ || serial_->server_id() != route_.server_id || serial_->zone() != route_.zone)
    serial_ = std::make_unique<SerialSession>(*serial_connector_, secret_key_, route_.zone,
                                              route_.server_id);
  serial_->tick(now_);
}

void Console::tick_server(const std::string& id, bool ticked) {
  if (const ServerRow* row = store_.find(id)) selection_.set(*row, ticked);
}

void Console::tick_range_to(std::size_t position) {
  selection_.select_range(store_, view_, position);
}

void Console::tick_positions(std::size_t first, std::size_t end) {
  selection_.select_positions(store_, view_, first, end);
}

void Console::start_bulk(BulkOperation operation) {
  if (bulk_ && !bulk_->finished()) {
    notify(Notification::Level::error,
           "\"" + describe(bulk_->operation()) + "\" is still running: wait for it or cancel it.");
    return;
  }
  const std::vector<std::uint32_t> indices = selection_.resolve(store_, view_);
  if (indices.empty()) {
    notify(Notification::Level::info, "Tick the servers to act on first.");
    return;
  }
  std::vector<BulkItem> items;
  items.reserve(indices.size());
  for (std::uint32_t index : indices) {
    const ServerRow& row = store_.rows()[index];
    BulkItem item{row.id, row.zone, row.name, BulkItem::Status::queued, {}};
    // What the list already shows cannot apply is skipped with the reason, not sent to fail.
    const bool tagged =
        std::find(row.tags.begin(), row.tags.end(), operation.tag) != row.tags.end();
    if (operation.kind == BulkOperation::Kind::action && !row.allows(operation.action)) {
      item.status = BulkItem::Status::skipped;
      item.reason = "cannot " + to_lower(action_label(operation.action)) + " while " +
                    std::string(row.state_text());
    } else if (operation.kind == BulkOperation::Kind::add_tag && tagged) {
      item.status = BulkItem::Status::skipped;
      item.reason = "already tagged " + operation.tag;
    } else if (operation.kind == BulkOperation::Kind::remove_tag && !tagged) {
      item.status = BulkItem::Status::skipped;
      item.reason = "not tagged " + operation.tag;
    }
    items.push_back(std::move(item));
  }
  bulk_.emplace(next_bulk_serial_++, std::move(operation), std::move(items));
  bulk_reported_ = false;
}

void Console::retry_bulk_failures() {
  if (!bulk_) return;
  bulk_->retry_failed();
  bulk_reported_ = false;
}

void Console::cancel_bulk() {
  if (bulk_) bulk_->cancel();
}

void Console::dismiss_bulk() {
  if (bulk_ && bulk_->finished()) bulk_.reset();
}

void Console::pump_bulk() {
  if (!bulk_) return;
  while (auto index = bulk_->take_next(kBulkWindow))
    send_bulk_item(*index);
  if (!bulk_->finished() || bulk_reported_) return;
  bulk_reported_ = true;
  sync_.expect_changes(now_);
  const std::size_t done = bulk_->count(BulkItem::Status::done);
  const std::size_t failed = bulk_->count(BulkItem::Status::failed);
  const std::size_t skipped = bulk_->count(BulkItem::Status::skipped);
  std::string text = describe(bulk_->operation()) + ": " + std::to_string(done) + " of " +
                     std::to_string(bulk_->size()) + " done";
  if (failed) text += ", " + std::to_string(failed) + " failed";
  if (skipped) text += ", " + std::to_string(skipped) + " skipped";
  notify(failed ? Notification::Level::error : Notification::Level::success, std::move(text));
}

void Console::send_bulk_item(std::size_t index) {
  const BulkItem& item = bulk_->item(index);
  const std::uint64_t serial = bulk_->serial();
  const BulkOperation& operation = bulk_->operation();
  // The job may have been replaced by the time an answer lands: answers only touch their own.
  auto finish = [this, serial, index](const api::ApiError* error) {
    if (!bulk_ || bulk_->serial() != serial) return;
    if (error)
      bulk_->failed(index, error->message);
    else
      bulk_->succeeded(index);
  };
  if (operation.kind == BulkOperation::Kind::action) {
    client_.server_action(item.zone, item.id, operation.action,
                          [finish](api::ApiResult<model::Task> result) {
                            finish(result ? nullptr : &result.error());
                          });
    return;
  }
  const ServerRow* row = store_.find(item.id);
  if (!row) {
    bulk_->failed(index, "the server no longer exists");
    return;
  }
  std::vector<std::string> tags = row->tags;
  if (operation.kind == BulkOperation::Kind::add_tag)
    tags.push_back(operation.tag);
  else
    std::erase(tags, operation.tag);
  api::ServerUpdate changes;
  changes.tags = std::move(tags);
  client_.update_server(item.zone, item.id, changes,
                        [this, finish](api::ApiResult<model::Server> result) {
                          if (result) sync_.apply(*result);
                          finish(result ? nullptr : &result.error());
                        });
}

void Console::fetch_detail() {
  detail_in_flight_ = true;
  const std::string id = route_.server_id;
  client_.get_server(route_.zone, id, [this, id](api::ApiResult<model::Server> result) {
    detail_in_flight_ = false;
    if (id != route_.server_id) return;  // the user moved on
    if (!result) {
      if (result.error().status == 404) {
        notify(Notification::Level::info, "That server no longer exists.");
        clear_selection();
      } else {
        set_error(result.error().to_string());
      }
      return;
    }
    detail_ = std::move(result).value();
    if (open_times_.detail_ms < 0) open_times_.detail_ms = 1000 * (now_ - detail_asked_at_);
  });
}

void Console::request_action(const std::string& id, model::ServerAction action) {
  const ServerRow* row = store_.find(id);
  if (!row || pending_.contains(id)) return;
  pending_.insert(id);
  const std::string zone = row->zone;
  const std::string name = row->name;
  client_.server_action(
      zone, id, action, [this, id, zone, name, action](api::ApiResult<model::Task> result) {
        pending_.erase(id);
        if (!result) {
          set_error(result.error().to_string());
          notify(Notification::Level::error, "Could not " + to_lower(action_label(action)) + " " +
                                                 name + ": " + result.error().message);
          return;
        }
        notify(Notification::Level::success, std::string(action_progress(action)) + " " + name);
        sync_.watch(zone, id, now_);
      });
}

void Console::notify(Notification::Level level, std::string text) {
  notifications_.push_back({next_notification_++, level, std::move(text), now_});
  if (notifications_.size() > kMaxNotifications) notifications_.erase(notifications_.begin());
}

void Console::dismiss(std::uint64_t notification_id) {
  std::erase_if(notifications_, [&](const Notification& n) { return n.id == notification_id; });
}

void Console::set_error(std::string text) {
  last_error_ = std::move(text);
}

}  // namespace metal::state
