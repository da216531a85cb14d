#include "state/servers/servers.hpp"

#include <algorithm>

#include "state/format.hpp"
#include "state/projects/projects.hpp"
#include "state/servers/action_text.hpp"

namespace metal::state {

namespace {
// Re-filtering and re-sorting a big list costs milliseconds (18 ms for 100,000 rows natively).
// What the user asked for (a filter, a sort) applies at once; data landing page by page during
// a load refreshes a big list at most this often, so frames stay short while it streams in.
constexpr std::size_t kBigList = 5000;
// A bulk action keeps this many of its requests on their way; the dispatcher paces them under the
// API's rate limit, and the rest of the console's requests still get through between them.
constexpr std::size_t kBulkWindow = 8;
// Seconds before asking again for the prices after a failure.
constexpr double kPricesRetryDelay = 30.0;
}  // namespace

Servers::Servers(Console& hub)
    : hub_(hub),
      client_(hub.dispatcher(), hub.credentials()),
      account_client_(hub.dispatcher(), hub.credentials()),
      sync_(client_, store_, hub.zones(), hub.polling()),
      resources_(
          client_, [this](bool ok, std::string text) { hub_.report_outcome(ok, std::move(text)); },
          [this](const model::Server& server) {
            sync_.apply(server);
            if (detail_ && server.id == detail_->id) detail_ = server;
          }),
      // Metrics are served beside the API, behind the same key (the demo, the sandbox); a
      // Cockpit data source elsewhere would take its own token.
      metrics_client_(hub.dispatcher(), hub.credentials(), api::MetricsEndpoint{}),
      metrics_(metrics_client_, hub.polling().metrics_interval),
      wizard_(
          client_, account_client_,
          [this](bool ok, std::string text) { hub_.report_outcome(ok, std::move(text)); },
          [this](const model::Server& server) {
            // The new server shows at once and is followed closely while it boots; the form
            // gives way to its detail.
            sync_.apply(server);
            sync_.watch(server.zone, server.id, hub_.now());
            hub_.navigate(
                server_route(server.zone, server.id, DetailTab::overview, MetricsRange::last_1h));
          }) {
  hub_.feature<Projects>();  // the project filter and the create form's default read them
  if (on_servers_page()) query_ = server_query_of(hub_.route());
  // Opened on a server (a deep link): everything route_changed() would have set up for it.
  if (hub_.route().is(kServerPage)) route_changed(Route{});
}

Servers::~Servers() = default;

bool Servers::on_servers_page() const {
  const Route& route = hub_.route();
  return route.is(kServersPage) || route.is(kServerPage) || route.is(kServerCreatePage);
}

void Servers::tick() {
  const double now = hub_.now();
  sync_.tick(now);
  if (prices_in_flight_ == 0 && now >= prices_retry_at_) fetch_prices();
  follow_create_form();
  pump_bulk();
  if (sync_.error_count() != seen_sync_errors_ && sync_.last_error()) {
    seen_sync_errors_ = sync_.error_count();
    hub_.set_error(sync_.last_error()->to_string());
  }
  refresh_view_if_stale();
  follow_open_server();
  shown_server_ = false;
  shown_create_ = false;
}

void Servers::show_server(const Route&) {
  shown_server_ = true;
}

void Servers::show_create() {
  shown_create_ = true;
}

void Servers::follow_open_server() {
  const Route& route = hub_.route();
  const DetailTab tab = detail_tab_of(route);
  // Refetch the open server when the list shows it changed (or it is not loaded yet).
  if (const ServerRow* row = shown_server_ ? selected() : nullptr;
      row && !detail_in_flight_ &&
      (!detail_ || detail_->id != row->id || detail_->modification_date != row->modified ||
       detail_->state != row->state)) {
    fetch_detail();
  }
  const std::string id(route.param("id"));
  // Timed at the tick of the frame that shows it: an answer can land between frames, when the
  // console's clock is still that of the frame which asked.
  if (detail_ && detail_->id == id && open_times_.detail_ms < 0)
    open_times_.detail_ms = 1000 * (hub_.now() - detail_asked_at_);
  if (shown_server_ && detail_ && detail_->id == id) resources_.need(tab, *detail_);
  if (shown_server_ && showing_charts()) {
    metrics_.show(id, metrics_range_of(route), hub_.wall_clock().seconds());
    note_charts_opened();
  }
  // The serial console is open while its tab shows, for the server of the route; leaving the tab
  // or the server closes the websocket.
  const std::string zone(route.param("zone"));
  api::SerialConnector* connector = hub_.serial_connector();
  if (!shown_server_ || !connector || tab != DetailTab::serial || id.empty() || zone.empty()) {
    serial_.reset();
    return;
  }
  if (!serial_ || serial_->server_id() != id || serial_->zone() != zone)
    serial_ = std::make_unique<SerialSession>(*connector, hub_.credentials().secret_key, zone, id,
                                              hub_.polling());
  serial_->tick(hub_.now());
}

void Servers::refresh_view_if_stale() {
  const bool asked = query_ != view_query_;
  const bool rows_moved = store_.layout_version() != view_layout_version_;  // indices are stale
  const bool data_changed = store_.version() != view_store_version_;
  const bool prices_changed =
      query_.sort == ServerColumn::price && prices_.version() != view_prices_version_;
  const double now = hub_.now();
  if (asked || rows_moved || prices_changed ||
      (data_changed &&
       (store_.size() < kBigList || now - view_refreshed_at_ >= kStreamingRefreshInterval))) {
    view_.refresh(store_, query_, prices_);
    view_query_ = query_;
    view_prices_version_ = prices_.version();
    view_store_version_ = store_.version();
    view_layout_version_ = store_.layout_version();
    view_refreshed_at_ = now;
  }
}

void Servers::report(model::Json& status) const {
  using model::Json;
  status["servers"] = {{"total", store_.size()},
                       {"visible", view_.size()},
                       {"reported", sync_.reported_total()},
                       {"loaded", sync_.initial_load_done()}};
  if (const ServerRow* row = selected()) {
    status["selected"] = {{"id", row->id},
                          {"name", row->name},
                          {"zone", row->zone},
                          {"state", std::string(row->state_text())},
                          {"stateDetail", row->state_detail},
                          {"pendingAction", action_pending(row->id)}};
  } else {
    status["selected"] = nullptr;
  }
  status["tab"] = std::string(to_string(tab()));
  status["ticked"] = {{"count", selected_count()}, {"allMatching", selection_.all_matching()}};
  if (bulk_) {
    status["bulk"] = {{"operation", describe(bulk_->operation())},
                      {"total", bulk_->size()},
                      {"done", bulk_->count(BulkItem::Status::done)},
                      {"failed", bulk_->count(BulkItem::Status::failed)},
                      {"skipped", bulk_->count(BulkItem::Status::skipped)},
                      {"finished", bulk_->finished()}};
  } else {
    status["bulk"] = nullptr;
  }
}

bool Servers::showing_charts() const {
  const Route& route = hub_.route();
  return route.is(kServerPage) && detail_tab_of(route) == DetailTab::metrics;
}

void Servers::note_charts_opened() {
  const auto charts = metrics_.charts();
  if (open_times_.charts_ms < 0 &&
      std::all_of(charts.begin(), charts.end(),
                  [](const ChartData& c) { return !c.loading && !c.lines.empty(); }))
    open_times_.charts_ms = 1000 * (hub_.now() - charts_asked_at_);
}

bool Servers::opening() const {
  constexpr double kWaitingAtMost = 3.0;  // seconds: past it, the page shows why, not a spinner
  const double now = hub_.now();
  const bool detail = hub_.route().is(kServerPage) && open_times_.detail_ms < 0 &&
                      now - detail_asked_at_ < kWaitingAtMost;
  const bool charts =
      showing_charts() && open_times_.charts_ms < 0 && now - charts_asked_at_ < kWaitingAtMost;
  return detail || charts;
}

std::uint64_t Servers::version() const {
  std::uint64_t h = store_.version();
  auto mix = [&h](std::uint64_t v) { h = h * 1099511628211ull + v; };
  mix(prices_.version());
  if (bulk_) mix(bulk_->count(BulkItem::Status::done) + 7 * bulk_->count(BulkItem::Status::failed));
  mix(selected_count());
  mix(wizard_.submitting());
  mix(pending_.size());
  if (serial_) mix(serial_->version());
  if (detail_) mix(static_cast<std::uint64_t>(detail_->modification_date.micros));
  return h;
}

const ServerRow* Servers::selected() const {
  const Route& route = hub_.route();
  return route.is(kServerPage) ? store_.find(std::string(route.param("id"))) : nullptr;
}

void Servers::route_changed(const Route& from) {
  const Route& to = hub_.route();
  if (on_servers_page()) {
    ServerQuery query = server_query_of(to);
    if (query != query_) selection_.query_changed(query);
    query_ = std::move(query);
  }
  const std::string_view from_id = from.is(kServerPage) ? from.param("id") : std::string_view();
  const std::string_view to_id = to.is(kServerPage) ? to.param("id") : std::string_view();
  const bool new_server = from_id != to_id;
  const bool charts_now = to.is(kServerPage) && detail_tab_of(to) == DetailTab::metrics;
  const bool charts_before = from.is(kServerPage) && detail_tab_of(from) == DetailTab::metrics;
  const double now = hub_.now();
  if (new_server) {
    detail_asked_at_ = now;
    open_times_.detail_ms = -1;
    detail_.reset();
    resources_.open(std::string(to.param("zone")), std::string(to_id));
    if (!to_id.empty()) sync_.watch(std::string(to.param("zone")), std::string(to_id), now);
  }
  if (charts_now && (new_server || !charts_before)) {
    charts_asked_at_ = now;
    open_times_.charts_ms = -1;
  }
}

Route Servers::list_route(ServerQuery query) const {
  Route route = hub_.route_to(kServersPage);
  route.query = server_query_params(query);
  return route;
}

Route Servers::server_route(const std::string& zone, const std::string& id, DetailTab tab,
                            MetricsRange range) const {
  RouteParams params{{"zone", zone}, {"id", id}};
  if (tab != DetailTab::overview) params.emplace_back("tab", std::string(to_string(tab)));
  Route route = hub_.route_to(kServerPage, std::move(params));
  route.query = server_query_params(query_);
  if (tab == DetailTab::metrics && range != MetricsRange::last_1h)
    route.query.insert(route.query.begin(), {"range", range_param(range)});
  return route;
}

void Servers::set_query(ServerQuery query) {
  Route next = hub_.route();
  if (!on_servers_page()) return hub_.navigate(list_route(std::move(query)));
  RouteParams params = server_query_params(query);
  const std::string range(next.query_value("range"));
  next.query.clear();
  if (!range.empty()) next.query.emplace_back("range", range);
  for (auto& param : params)
    next.query.push_back(std::move(param));
  hub_.navigate(std::move(next));
}

void Servers::select(const std::string& id, std::optional<DetailTab> tab,
                     std::optional<MetricsRange> range) {
  const ServerRow* row = store_.find(id);
  if (!row) return;
  // Moving between servers keeps the tab and the charts' range (comparing their charts, say).
  const Route& now = hub_.route();
  if (!tab) tab = now.is(kServerPage) ? detail_tab_of(now) : DetailTab::overview;
  hub_.navigate(server_route(row->zone, row->id, *tab, range.value_or(metrics_range_of(now))));
}

void Servers::clear_selection() {
  hub_.navigate(list_route(query_));
}

void Servers::open_tab(DetailTab tab) {
  const Route& route = hub_.route();
  if (!route.is(kServerPage)) return;
  hub_.navigate(server_route(std::string(route.param("zone")), std::string(route.param("id")), tab,
                             metrics_range_of(route)));
}

void Servers::set_metrics_range(MetricsRange range) {
  Route next = hub_.route();
  set_param(next.query, "range", range_param(range));
  // The range leads the query, as the server page writes it.
  std::stable_partition(next.query.begin(), next.query.end(),
                        [](const auto& param) { return param.first == "range"; });
  hub_.navigate(std::move(next));
}

const std::vector<FacetValue>& Servers::facet(ServerFacet facet) const {
  FacetCache& cache = facets_[static_cast<int>(facet)];
  if (cache.store_version != store_.version()) {
    cache.values = facet_values(store_, facet);
    cache.store_version = store_.version();
  }
  return cache.values;
}

void Servers::open_create(const std::string& zone) {
  ServerQuery query = query_;
  if (!zone.empty()) query.zone = zone;
  Route route = hub_.route_to(kServerCreatePage);
  route.query = server_query_params(query);
  hub_.navigate(std::move(route));
}

void Servers::close_create() {
  wizard_.close();
  hub_.navigate(list_route(query_));
}

void Servers::follow_create_form() {
  if (!shown_create_) {
    if (wizard_.active() && !wizard_.submitting()) wizard_.close();
    return;
  }
  // The form needs the project to create in: wait for the projects.
  const auto& projects = hub_.feature<Projects>().all();
  if (projects.empty()) return;
  const std::string zone = !query_.zone.empty() ? query_.zone : hub_.zones().front();
  const std::string project = !query_.project.empty() ? query_.project : projects.front().id;
  if (!wizard_.active() || wizard_.form().zone != zone) wizard_.start(zone, project);
}

void Servers::fetch_prices() {
  for (const std::string& zone : hub_.zones()) {
    if (prices_.has_zone(zone)) continue;
    ++prices_in_flight_;
    client_.list_server_types(zone, [this, zone](api::ApiResult<model::ServerTypeList> result) {
      --prices_in_flight_;
      if (!result) {
        prices_retry_at_ = hub_.now() + kPricesRetryDelay;
        hub_.set_error("could not load the prices of " + zone + ": " + result.error().message);
        return;
      }
      prices_.set_zone(zone, std::move(result).value());
    });
  }
  // Nothing left to ask: look again only if a zone failed (its retry time is set then).
  prices_retry_at_ = 1e300;
}

void Servers::tick_server(const std::string& id, bool ticked) {
  if (const ServerRow* row = store_.find(id)) selection_.set(*row, ticked);
}

void Servers::tick_range_to(std::size_t position) {
  selection_.select_range(store_, view_, position);
}

void Servers::tick_positions(std::size_t first, std::size_t end) {
  selection_.select_positions(store_, view_, first, end);
}

void Servers::start_bulk(BulkOperation operation) {
  if (bulk_ && !bulk_->finished()) {
    hub_.notify(Notification::Level::error, "\"" + describe(bulk_->operation()) +
                                                "\" is still running: wait for it or cancel it.");
    return;
  }
  const std::vector<std::uint32_t> indices = selection_.resolve(store_, view_);
  if (indices.empty()) {
    hub_.notify(Notification::Level::info, "Tick the servers to act on first.");
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

void Servers::retry_bulk_failures() {
  if (!bulk_) return;
  bulk_->retry_failed();
  bulk_reported_ = false;
}

void Servers::cancel_bulk() {
  if (bulk_) bulk_->cancel();
}

void Servers::dismiss_bulk() {
  if (bulk_ && bulk_->finished()) bulk_.reset();
}

void Servers::pump_bulk() {
  if (!bulk_) return;
  while (auto index = bulk_->take_next(kBulkWindow))
    send_bulk_item(*index);
  if (!bulk_->finished() || bulk_reported_) return;
  bulk_reported_ = true;
  sync_.expect_changes(hub_.now());
  const std::size_t done = bulk_->count(BulkItem::Status::done);
  const std::size_t failed = bulk_->count(BulkItem::Status::failed);
  const std::size_t skipped = bulk_->count(BulkItem::Status::skipped);
  std::string text = describe(bulk_->operation()) + ": " + std::to_string(done) + " of " +
                     std::to_string(bulk_->size()) + " done";
  if (failed) text += ", " + std::to_string(failed) + " failed";
  if (skipped) text += ", " + std::to_string(skipped) + " skipped";
  hub_.notify(failed ? Notification::Level::error : Notification::Level::success, std::move(text));
}

void Servers::send_bulk_item(std::size_t index) {
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

void Servers::fetch_detail() {
  detail_in_flight_ = true;
  const Route& route = hub_.route();
  const std::string id(route.param("id"));
  client_.get_server(std::string(route.param("zone")), id,
                     [this, id](api::ApiResult<model::Server> result) {
                       detail_in_flight_ = false;
                       const Route& now = hub_.route();
                       if (!now.is(kServerPage) || id != now.param("id")) return;  // moved on
                       if (!result) {
                         if (result.error().status == 404) {
                           hub_.notify(Notification::Level::info, "That server no longer exists.");
                           clear_selection();
                         } else {
                           hub_.set_error(result.error().to_string());
                         }
                         return;
                       }
                       detail_ = std::move(result).value();
                     });
}

void Servers::request_action(const std::string& id, model::ServerAction action) {
  const ServerRow* row = store_.find(id);
  if (!row || pending_.contains(id)) return;
  pending_.insert(id);
  const std::string zone = row->zone;
  const std::string name = row->name;
  client_.server_action(
      zone, id, action, [this, id, zone, name, action](api::ApiResult<model::Task> result) {
        pending_.erase(id);
        if (!result) {
          hub_.set_error(result.error().to_string());
          hub_.notify(Notification::Level::error, "Could not " + to_lower(action_label(action)) +
                                                      " " + name + ": " + result.error().message);
          return;
        }
        hub_.notify(Notification::Level::success,
                    std::string(action_progress(action)) + " " + name);
        sync_.watch(zone, id, hub_.now());
      });
}

}  // namespace metal::state
