#include "state/servers/server_store.hpp"

#include <algorithm>

namespace metal::state {

bool ServerStore::upsert(ServerRow row) {
  auto it = index_.find(row.id);
  if (it != index_.end()) {
    ServerRow& existing = rows_[it->second];
    if (existing == row) return false;
    if (existing.zone != row.zone) {
      --zone_counts_[existing.zone];
      ++zone_counts_[row.zone];
    }
    transitional_ -= model::is_transitional(existing.state);
    transitional_ += model::is_transitional(row.state);
    existing = std::move(row);
    changed_at_[it->second] = ++version_;
  } else {
    index_.emplace(row.id, static_cast<std::uint32_t>(rows_.size()));
    ++zone_counts_[row.zone];
    transitional_ += model::is_transitional(row.state);
    rows_.push_back(std::move(row));
    changed_at_.push_back(++version_);
  }
  return true;
}

bool ServerStore::remove(const std::string& id) {
  auto it = index_.find(id);
  if (it == index_.end()) return false;
  const std::uint32_t slot = it->second;
  index_.erase(it);
  --zone_counts_[rows_[slot].zone];
  transitional_ -= model::is_transitional(rows_[slot].state);
  if (slot + 1 != rows_.size()) {
    rows_[slot] = std::move(rows_.back());
    changed_at_[slot] = changed_at_.back();
    index_[rows_[slot].id] = slot;
  }
  rows_.pop_back();
  changed_at_.pop_back();
  ++version_;
  ++layout_version_;
  return true;
}

const ServerRow* ServerStore::find(const std::string& id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &rows_[it->second];
}

std::optional<std::uint32_t> ServerStore::index_of(const std::string& id) const {
  auto it = index_.find(id);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

std::size_t ServerStore::count_in_zone(const std::string& zone) const {
  auto it = zone_counts_.find(zone);
  return it == zone_counts_.end() ? 0 : it->second;
}

}  // namespace metal::state
