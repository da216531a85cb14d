#pragma once
// Generic resource lists: every page that shows a collection (SSH keys, volumes, IPs...) reads it
// through one of these. A list is keyed by (kind, zones, project, filters), fans out over zones
// and pages, polls under the one PollingPolicy while a page subscribes to it, and is read again at
// once when a mutation invalidates its kind. (The 100,000-server list keeps its own, specialised
// sync: state/servers/server_sync.)

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_client.hpp"
#include "api/paging.hpp"
#include "model/timestamp.hpp"
#include "state/polling_policy.hpp"
#include "state/route.hpp"

namespace metal::state {

/// One kind of resource of one API, as a list reads it.
struct ResourceKind {
  /// "ssh-keys", "volumes": what mutations name when they invalidate lists of this kind.
  std::string_view id = {};
  /// One listing per zone (Instance v1), or one for the whole organization (IAM, Account).
  bool zonal = false;
  /// The list route, for a zone when zonal ("/instance/v1/zones/fr-par-1/volumes").
  std::string (*path)(std::string_view zone) = nullptr;
  /// Instance v1 says "per_page"; the newer APIs "page_size".
  const char* page_size_name = "per_page";
  /// The project filter's name on this API ("project", "project_id"); empty: none.
  std::string_view project_filter = {};
  const api::ListType& (*list_type)() = nullptr;
};

/// Which collection of a kind: where and what.
struct ResourceListKey {
  std::vector<std::string> zones;  // zonal kinds; empty: every zone of the session
  std::string project;             // empty: every project the key sees
  RouteParams filters;             // passed through as the API names them
  bool operator==(const ResourceListKey&) const = default;
};

class ResourceListBase {
 public:
  ResourceListBase(const ResourceKind& kind, ResourceListKey key, api::ApiClient& client,
                   std::vector<std::string> zones);
  virtual ~ResourceListBase();
  ResourceListBase(const ResourceListBase&) = delete;
  ResourceListBase& operator=(const ResourceListBase&) = delete;

  const ResourceKind& kind() const { return kind_; }
  const ResourceListKey& key() const { return key_; }

  /// Keeps the list polled: a page calls it every frame it shows the list.
  void subscribe(double now);
  bool subscribed(double now) const;
  /// Something changed the collection (a create, a rename, a delete): read it again now if it is
  /// shown, else when it next is.
  void invalidate(double now);
  void tick(double now, model::Timestamp wall_clock, const PollingPolicy& policy);

  /// Every zone answered at least once.
  bool loaded() const;
  /// A read is under way.
  bool loading() const;
  /// The last failure in words (zone named), or empty once every zone answered again.
  const std::string& error() const { return error_; }
  /// When the items were last read whole (the API's clock), or nothing yet.
  std::optional<model::Timestamp> updated_at() const { return updated_at_; }
  /// Bumped whenever the items change.
  std::uint64_t version() const { return version_; }

 protected:
  /// A zone's whole collection landed (`list` is the kind's list type, merged over pages).
  virtual void take(std::size_t zone, api::AnyList list) = 0;
  void bump() { ++version_; }

 private:
  struct Zone {
    std::string name;
    bool loaded = false;
    bool in_flight = false;
    int failures = 0;
    double next_read = 0;
    std::string error;
  };
  void read(std::size_t zone, model::Timestamp wall_clock);

  const ResourceKind& kind_;
  ResourceListKey key_;
  api::ApiClient& client_;
  std::vector<Zone> zones_;
  double subscribed_until_ = -1;
  double invalidated_at_ = -1e9;
  double now_ = 0;
  const PollingPolicy* policy_ = nullptr;  // the hub's, as of the last tick
  std::string error_;
  std::optional<model::Timestamp> updated_at_;
  std::uint64_t version_ = 0;
  // Answers that land after the list is gone find this expired, and do nothing.
  std::shared_ptr<ResourceListBase*> self_;
};

/// A list of `Item`s, read as `List` answers (`Member` is the answer's item array).
template <class List, class Item, std::vector<Item> List::*Member>
class ResourceList final : public ResourceListBase {
 public:
  using ResourceListBase::ResourceListBase;
  /// Every zone's items, zone by zone in the session's order, each in the API's order.
  const std::vector<Item>& items() const { return items_; }

 private:
  void take(std::size_t zone, api::AnyList list) override {
    if (per_zone_.size() <= zone) per_zone_.resize(zone + 1);
    per_zone_[zone] = std::move(static_cast<List*>(list.get())->*Member);
    items_.clear();
    for (const std::vector<Item>& items : per_zone_)
      items_.insert(items_.end(), items.begin(), items.end());
    bump();
  }
  std::vector<std::vector<Item>> per_zone_;
  std::vector<Item> items_;
};

/// The hub's lists, shared by whoever asks with the same kind and key.
class ResourceLists {
 public:
  ResourceLists(api::Transport& transport, const api::Credentials& credentials,
                const std::vector<std::string>& zones)
      : client_(transport, credentials), zones_(zones) {}

  template <class List, class Item, std::vector<Item> List::*Member>
  ResourceList<List, Item, Member>& get(const ResourceKind& kind, ResourceListKey key = {}) {
    using Typed = ResourceList<List, Item, Member>;
    for (const auto& list : lists_)
      if (&list->kind() == &kind && list->key() == key) return static_cast<Typed&>(*list);
    std::vector<std::string> zones =
        !kind.zonal ? std::vector<std::string>{""} : key.zones.empty() ? zones_ : key.zones;
    auto created = std::make_unique<Typed>(kind, std::move(key), client_, std::move(zones));
    Typed& out = *created;
    lists_.push_back(std::move(created));
    return out;
  }
  /// The list of this kind and key if something asked for it already, else null.
  template <class List, class Item, std::vector<Item> List::*Member>
  const ResourceList<List, Item, Member>* find(const ResourceKind& kind,
                                               const ResourceListKey& key = {}) const {
    for (const auto& list : lists_)
      if (&list->kind() == &kind && list->key() == key)
        return static_cast<const ResourceList<List, Item, Member>*>(list.get());
    return nullptr;
  }
  /// Every list of this kind reads again (see ResourceListBase::invalidate).
  void invalidate(std::string_view kind_id, double now);
  void tick(double now, model::Timestamp wall_clock, const PollingPolicy& policy);
  /// Changes whenever any list's items or state changed.
  std::uint64_t version() const;
  /// The client lists read through (typed clients of features share its transport and key).
  api::ApiClient& client() { return client_; }

 private:
  api::ApiClient client_;
  const std::vector<std::string>& zones_;
  std::vector<std::unique_ptr<ResourceListBase>> lists_;
};

}  // namespace metal::state
