#pragma once
// The normalized cache of servers the console knows, keyed by id. Pages read it; only the sync
// engine writes it. `version()` changes exactly when the content does, so views recompute only
// then.

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "state/servers/server_row.hpp"

namespace metal::state {

class ServerStore {
 public:
  /// Inserts or replaces; returns true when anything changed.
  bool upsert(ServerRow row);
  bool remove(const std::string& id);

  const ServerRow* find(const std::string& id) const;
  std::optional<std::uint32_t> index_of(const std::string& id) const;
  std::span<const ServerRow> rows() const { return rows_; }
  std::size_t size() const { return rows_.size(); }
  std::size_t count_in_zone(const std::string& zone) const;  // O(log zones)
  std::uint64_t version() const { return version_; }
  /// Changes only when rows were removed (and others moved to fill their place): views that
  /// hold row indices must refresh before reading again.
  std::uint64_t layout_version() const { return layout_version_; }
  bool any_transitional() const { return transitional_ > 0; }
  /// The version() at which the row at `index` last changed (or came): a view that last saw
  /// version V re-places only the rows changed after V.
  std::uint64_t changed_at(std::uint32_t index) const { return changed_at_[index]; }

 private:
  std::vector<ServerRow> rows_;
  std::vector<std::uint64_t> changed_at_;  // per row
  std::unordered_map<std::string, std::uint32_t> index_;
  std::map<std::string, std::size_t, std::less<>> zone_counts_;
  std::uint64_t version_ = 0;
  std::uint64_t layout_version_ = 0;
  std::size_t transitional_ = 0;  // rows starting or stopping, kept as rows change
};

}  // namespace metal::state
