#pragma once
// Which servers bulk actions apply to: single rows, shift-ranges, every row on screen, or "all N
// matching this filter" (kept as the filter itself plus the rows unticked since, so selecting
// 100,000 servers costs nothing until an action needs their ids).

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "state/servers/server_view.hpp"

namespace metal::state {

class ServerSelection {
 public:
  bool contains(const ServerRow& row) const;
  void set(const ServerRow& row, bool selected);
  void toggle(const ServerRow& row) { set(row, !contains(row)); }
  /// Rows between the last row ticked (the anchor) and `position` in the view, both included:
  /// what shift+click selects. Without an anchor, just that row.
  void select_range(const ServerStore& store, const ServerView& view, std::size_t position);
  void select_positions(const ServerStore& store, const ServerView& view, std::size_t first,
                        std::size_t end);
  /// Every server the query matches, now and as the list changes, until the filter changes.
  void select_all_matching(const ServerQuery& query);
  void clear();
  /// The filter changed: "all matching" no longer means what the user saw; single rows stay.
  void query_changed(const ServerQuery& query);

  bool empty() const { return !all_matching_ && ids_.empty(); }
  bool all_matching() const { return all_matching_.has_value(); }
  /// How many servers of the store are selected (cached per store version).
  std::size_t count(const ServerStore& store, const ServerView& view) const;
  /// Of those, how many the current filter hides.
  std::size_t hidden(const ServerStore& store, const ServerView& view) const;
  /// The selected servers' store indices, in the view's order and then the store's.
  std::vector<std::uint32_t> resolve(const ServerStore& store, const ServerView& view) const;

 private:
  struct Counts {
    std::uint64_t store_version = ~0ull, generation = ~0ull;
    std::size_t view_size = 0, selected = 0, hidden = 0;
  };
  const Counts& counts(const ServerStore& store, const ServerView& view) const;

  std::unordered_set<std::string> ids_;      // ticked one by one, or all-matching exceptions
  std::optional<ServerQuery> all_matching_;  // set: ids_ are the rows unticked since
  std::optional<std::string> anchor_;        // last row ticked, for shift+click
  std::uint64_t generation_ = 0;             // bumped on every change, for the count cache
  mutable Counts counts_;
};

}  // namespace metal::state
