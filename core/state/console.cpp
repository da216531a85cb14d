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
}  // namespace

Console::Console(api::Transport& transport, api::Credentials credentials,
                 std::vector<std::string> zones)
    : zones_(std::move(zones)),
      dispatcher_(transport),
      client_(dispatcher_, std::move(credentials)),
      sync_(client_, store_, zones_) {}

void Console::tick(double now, model::Timestamp wall_clock) {
  now_ = now;
  wall_clock_ = wall_clock;
  sync_.tick(now);
  dispatcher_.pump(now, wall_clock.seconds());  // what the sync just asked for goes out at once
  if (sync_.error_count() != seen_sync_errors_ && sync_.last_error()) {
    seen_sync_errors_ = sync_.error_count();
    set_error(sync_.last_error()->to_string());
  }
  const bool asked = route_.query != view_query_;
  const bool rows_moved = store_.layout_version() != view_layout_version_;  // indices are stale
  const bool data_changed = store_.version() != view_store_version_;
  if (asked || rows_moved ||
      (data_changed &&
       (store_.size() < kBigList || now - view_refreshed_at_ >= kBigListRefreshInterval))) {
    view_.refresh(store_, route_.query);
    view_query_ = route_.query;
    view_store_version_ = store_.version();
    view_layout_version_ = store_.layout_version();
    view_refreshed_at_ = now;
  }

  // Refetch the open server when the list shows it changed (or it is not loaded yet).
  if (const ServerRow* row = selected();
      row && !detail_in_flight_ &&
      (!detail_ || detail_->id != row->id || detail_->modification_date != row->modified ||
       detail_->state != row->state)) {
    fetch_detail();
  }

  std::erase_if(notifications_, [now](const Notification& n) {
    return n.level != Notification::Level::error && now - n.at > kNotificationLifetime;
  });
}

const ServerRow* Console::selected() const {
  return route_.server_id.empty() ? nullptr : store_.find(route_.server_id);
}

void Console::navigate(Route route) {
  if (route == route_) return;
  const bool new_server = route.server_id != route_.server_id;
  route_ = std::move(route);
  ++route_version_;
  if (new_server) {
    detail_.reset();
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

void Console::select(const std::string& id) {
  const ServerRow* row = store_.find(id);
  if (!row) return;
  Route next = route_;
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
