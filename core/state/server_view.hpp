#pragma once
// The servers list as the user asked to see it: filtered and sorted indices into the store,
// recomputed only when the store or the query changed (100,000 rows in a few milliseconds).

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "state/server_store.hpp"

namespace metal::state {

enum class ServerColumn { name, state, type, zone, ip, tags, age };
std::string_view to_string(ServerColumn column);
std::optional<ServerColumn> parse_server_column(std::string_view text);

struct ServerQuery {
  std::string text;  // every word must appear in name, id, an address or a tag
  std::optional<model::ServerState> state;
  std::string zone;  // empty: every zone
  ServerColumn sort = ServerColumn::age;
  bool descending = false;  // age ascending = newest first
  bool operator==(const ServerQuery&) const = default;
};

class ServerView {
 public:
  /// Returns true when the visible rows changed.
  bool refresh(const ServerStore& store, const ServerQuery& query);
  std::span<const std::uint32_t> rows() const { return rows_; }
  std::size_t size() const { return rows_.size(); }
  /// Position of a server in the visible rows, for keyboard navigation and scrolling to it.
  std::optional<std::size_t> position_of(const ServerStore& store, const std::string& id) const;

 private:
  std::vector<std::uint32_t> rows_;
  std::uint64_t store_version_ = ~0ull;
  ServerQuery query_;
};

}  // namespace metal::state
