#include "state/console.hpp"

#include <algorithm>

namespace metal::state {

namespace {
constexpr double kNotificationLifetime = 8.0;  // seconds; errors stay until dismissed
constexpr std::size_t kMaxNotifications = 6;
}  // namespace

Console::Console(api::Transport& transport, api::Credentials credentials,
                 std::vector<std::string> zones, const PageTable& pages)
    : pages_(pages),
      zones_(std::move(zones)),
      credentials_(std::move(credentials)),
      dispatcher_(transport),
      lists_(dispatcher_, credentials_, zones_) {
  route_.page = &pages_.home();
}

Console::~Console() {
  // Features first: their destructors may still reach the hub's members.
  features_.clear();
}

void Console::tick(double now, model::Timestamp wall_clock) {
  now_ = now;
  wall_clock_ = wall_clock;
  if (route_.page && route_.page->need) route_.page->need(*this, route_);
  // Ticking a feature may create another (a page's need, an intent): index, not iterators.
  for (std::size_t i = 0; i < features_.size(); ++i)
    features_[i].feature->tick();
  lists_.tick(now, wall_clock, polling_);
  // Last, so everything asked for above (a page's detail, its charts) goes out in this frame.
  dispatcher_.pump(now, wall_clock.seconds());

  std::erase_if(notifications_, [now](const Notification& n) {
    return n.level != Notification::Level::error && now - n.at > kNotificationLifetime;
  });
  ticked_route_version_ = route_version_;
}

void Console::follow_route_moved_in_frame() {
  if (route_version_ != ticked_route_version_) tick(now_, wall_clock_);
}

void Console::send_requests() {
  dispatcher_.pump(now_, wall_clock_.seconds());
}

bool Console::opening() const {
  return std::any_of(features_.begin(), features_.end(),
                     [](const Slot& slot) { return slot.feature->opening(); });
}

std::uint64_t Console::version() const {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&h](std::uint64_t v) { h = (h ^ v) * 1099511628211ull; };
  mix(route_version_);
  mix(dispatcher_.in_flight());
  mix(notifications_.size());
  mix(notifications_.empty() ? 0 : notifications_.back().id);
  mix(last_error_.size());
  mix(lists_.version());
  for (const Slot& slot : features_)
    mix(slot.feature->version());
  return h;
}

bool Console::streaming_first_load() const {
  return std::any_of(features_.begin(), features_.end(),
                     [](const Slot& slot) { return slot.feature->streaming_first_load(); });
}

void Console::navigate(Route route) {
  if (!route.page) route.page = &pages_.home();
  if (route == route_) return;
  Route from = std::move(route_);
  route_ = std::move(route);
  ++route_version_;
  if (from.page && from.page != route_.page) {
    std::erase_if(left_, [&](const Route& r) { return r.page == from.page; });
    left_.push_back(from);
  }
  for (std::size_t i = 0; i < features_.size(); ++i)
    features_[i].feature->route_changed(from);
}

void Console::navigate_to_address(std::string_view hash) {
  ParsedRoute parsed = parse_route(pages_, hash);
  for (std::string& problem : parsed.problems)
    notify(Notification::Level::error, std::move(problem));
  navigate(std::move(parsed.route));
}

Route Console::route_to(std::string_view page_id, RouteParams params) const {
  Route route;
  route.page = pages_.find(page_id);
  if (!route.page) route.page = &pages_.home();
  route.params = std::move(params);
  if (route_.page == route.page && route_.params == route.params) {
    route.query = route_.query;
  } else {
    for (const Route& left : left_)
      if (left.page == route.page && left.params == route.params) route.query = left.query;
  }
  return route;
}

void Console::open_page(std::string_view page_id) {
  const PageSpec* page = pages_.find(page_id);
  if (!page) return;
  if (page == route_.page) return navigate(route_to(page_id, route_.params));
  // From an item back to its list: the list as the item's page carried it (its filter).
  if (route_.page->parent == page_id) {
    Route back;
    back.page = page;
    back.query = route_.query;
    std::vector<std::string> ignored;  // what only the item's page reads (a chart's range)
    if (page->check) page->check(back, ignored);
    return navigate(std::move(back));
  }
  for (const Route& left : left_)
    if (left.page == page) return navigate(left);
  navigate(route_to(page_id));
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

void Console::report_outcome(bool ok, std::string text) {
  if (!ok) set_error(text);
  notify(ok ? Notification::Level::success : Notification::Level::error, std::move(text));
}

}  // namespace metal::state
