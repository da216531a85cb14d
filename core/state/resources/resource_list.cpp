#include "state/resources/resource_list.hpp"

#include <algorithm>

namespace metal::state {
namespace {
// A page renews its subscription every frame it draws; frames come at least a few times a second
// (the idle pace), so a list not renewed for this long is no longer shown.
constexpr double kSubscriptionGrace = 1.5;  // seconds
}  // namespace

ResourceListBase::ResourceListBase(const ResourceKind& kind, ResourceListKey key,
                                   api::ApiClient& client, std::vector<std::string> zones)
    : kind_(kind),
      key_(std::move(key)),
      client_(client),
      self_(std::make_shared<ResourceListBase*>(this)) {
  for (std::string& zone : zones) {
    Zone& added = zones_.emplace_back();
    added.name = std::move(zone);
  }
}

ResourceListBase::~ResourceListBase() = default;

void ResourceListBase::subscribe(double now) {
  subscribed_until_ = std::max(subscribed_until_, now + kSubscriptionGrace);
}

bool ResourceListBase::subscribed(double now) const {
  return now <= subscribed_until_;
}

void ResourceListBase::invalidate(double now) {
  invalidated_at_ = now;
  for (Zone& zone : zones_)
    zone.next_read = 0;
}

bool ResourceListBase::loaded() const {
  return std::all_of(zones_.begin(), zones_.end(), [](const Zone& z) { return z.loaded; });
}

bool ResourceListBase::loading() const {
  return std::any_of(zones_.begin(), zones_.end(), [](const Zone& z) { return z.in_flight; });
}

void ResourceListBase::tick(double now, model::Timestamp wall_clock, const PollingPolicy& policy) {
  now_ = now;
  policy_ = &policy;
  if (!subscribed(now)) return;
  for (std::size_t i = 0; i < zones_.size(); ++i) {
    Zone& zone = zones_[i];
    if (zone.in_flight || now < zone.next_read) continue;
    read(i, wall_clock);
  }
  // The next reads: fast while what the user changed settles, slowly at rest.
  const bool settling = now - invalidated_at_ < policy.settling_time;
  for (Zone& zone : zones_)
    if (zone.in_flight && zone.next_read <= now)
      zone.next_read = now + policy.sync_interval(settling);
}

void ResourceListBase::read(std::size_t index, model::Timestamp wall_clock) {
  Zone& zone = zones_[index];
  zone.in_flight = true;
  api::ListQuery query;
  query.page_size_name = kind_.page_size_name;
  for (const auto& [name, value] : key_.filters)
    query.with(name, value);
  if (!key_.project.empty() && !kind_.project_filter.empty())
    query.with(std::string(kind_.project_filter), key_.project);
  api::list_all_of(
      client_, kind_.path(zone.name), std::move(query), kind_.list_type(),
      [weak = std::weak_ptr<ResourceListBase*>(self_), index,
       wall_clock](api::ApiResult<api::AnyList> result) {
        const auto alive = weak.lock();
        if (!alive) return;
        ResourceListBase& list = **alive;
        Zone& landed = list.zones_[index];
        landed.in_flight = false;
        if (!result) {
          ++landed.failures;
          landed.error = (landed.name.empty() ? "" : landed.name + ": ") + result.error().message;
          // Retried under the policy's backoff; what was shown stays shown.
          landed.next_read = list.now_ + list.policy_->retry_delay(landed.failures);
          list.error_ = landed.error;
          list.bump();
          return;
        }
        landed.failures = 0;
        landed.error.clear();
        landed.loaded = true;
        list.take(index, std::move(result).value());
        list.error_.clear();
        for (const Zone& other : list.zones_)
          if (!other.error.empty()) list.error_ = other.error;
        if (list.loaded()) list.updated_at_ = wall_clock;
      });
}

void ResourceLists::invalidate(std::string_view kind_id, double now) {
  for (const auto& list : lists_)
    if (list->kind().id == kind_id) list->invalidate(now);
}

std::uint64_t ResourceLists::version() const {
  std::uint64_t sum = 0;
  for (const auto& list : lists_)
    sum += list->version() * 31 + (list->loading() ? 1 : 0);
  return sum;
}

void ResourceLists::tick(double now, model::Timestamp wall_clock, const PollingPolicy& policy) {
  for (const auto& list : lists_)
    list->tick(now, wall_clock, policy);
}

}  // namespace metal::state
