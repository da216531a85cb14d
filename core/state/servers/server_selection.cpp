#include "state/servers/server_selection.hpp"

#include <algorithm>

namespace metal::state {

bool ServerSelection::contains(const ServerRow& row) const {
  if (all_matching_) return !ids_.contains(row.id) && ServerMatcher(*all_matching_)(row);
  return ids_.contains(row.id);
}

void ServerSelection::set(const ServerRow& row, bool selected) {
  ++generation_;
  anchor_ = row.id;
  // In "all matching" mode the set holds exceptions: unticking adds, ticking again removes.
  const bool add = all_matching_ ? !selected : selected;
  if (add)
    ids_.insert(row.id);
  else
    ids_.erase(row.id);
}

void ServerSelection::select_range(const ServerStore& store, const ServerView& view,
                                   std::size_t position) {
  if (position >= view.size()) return;
  std::optional<std::size_t> anchor;
  if (anchor_) anchor = view.position_of(store, *anchor_);
  if (!anchor) {
    set(store.rows()[view.rows()[position]], true);
    return;
  }
  const std::size_t first = std::min(*anchor, position);
  const std::size_t last = std::max(*anchor, position);
  select_positions(store, view, first, last + 1);
}

void ServerSelection::select_positions(const ServerStore& store, const ServerView& view,
                                       std::size_t first, std::size_t end) {
  ++generation_;
  end = std::min(end, view.size());
  for (std::size_t p = first; p < end; ++p) {
    const std::string& id = store.rows()[view.rows()[p]].id;
    if (all_matching_)
      ids_.erase(id);
    else
      ids_.insert(id);
  }
}

void ServerSelection::select_all_matching(const ServerQuery& query) {
  ++generation_;
  ids_.clear();
  all_matching_ = query;
}

void ServerSelection::clear() {
  ++generation_;
  ids_.clear();
  all_matching_.reset();
  anchor_.reset();
}

void ServerSelection::query_changed(const ServerQuery& query) {
  if (!all_matching_) return;
  ServerQuery same_order = query;  // sorting or grouping differently selects the same servers
  same_order.sort = all_matching_->sort;
  same_order.descending = all_matching_->descending;
  same_order.group = all_matching_->group;
  if (same_order != *all_matching_) clear();
}

const ServerSelection::Counts& ServerSelection::counts(const ServerStore& store,
                                                       const ServerView& view) const {
  if (counts_.store_version == store.version() && counts_.generation == generation_ &&
      counts_.view_size == view.size())
    return counts_;
  counts_ = {store.version(), generation_, view.size(), 0, 0};
  if (all_matching_) {
    // The view shows exactly the matching rows (the filter has not changed since).
    std::size_t excluded = 0;
    const ServerMatcher matches(*all_matching_);
    for (const std::string& id : ids_)
      if (const ServerRow* row = store.find(id); row && matches(*row)) ++excluded;
    counts_.selected = view.size() - std::min(excluded, view.size());
  } else {
    for (const std::string& id : ids_)
      if (store.find(id)) ++counts_.selected;
    std::size_t shown = 0;
    if (!ids_.empty())
      for (std::uint32_t i : view.rows())
        shown += ids_.contains(store.rows()[i].id) ? 1 : 0;
    counts_.hidden = counts_.selected - shown;
  }
  return counts_;
}

std::size_t ServerSelection::count(const ServerStore& store, const ServerView& view) const {
  return counts(store, view).selected;
}

std::size_t ServerSelection::hidden(const ServerStore& store, const ServerView& view) const {
  return counts(store, view).hidden;
}

std::vector<std::uint32_t> ServerSelection::resolve(const ServerStore& store,
                                                    const ServerView& view) const {
  std::vector<std::uint32_t> out;
  if (all_matching_) {
    for (std::uint32_t i : view.rows())
      if (!ids_.contains(store.rows()[i].id)) out.push_back(i);
    return out;
  }
  std::unordered_set<std::uint32_t> taken;
  for (std::uint32_t i : view.rows())
    if (ids_.contains(store.rows()[i].id)) {
      out.push_back(i);
      taken.insert(i);
    }
  for (const std::string& id : ids_)  // selected, then hidden by a filter: still selected
    if (auto index = store.index_of(id); index && !taken.contains(*index)) out.push_back(*index);
  return out;
}

}  // namespace metal::state
