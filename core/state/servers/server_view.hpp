#pragma once
// The servers list as the user asked to see it: filtered, grouped and sorted indices into the
// store, recomputed only when the store, the prices or the query changed (100,000 rows in a few
// milliseconds; typing more letters narrows the current rows instead of rescanning).

#include <cstdint>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <vector>

#include "state/servers/price_book.hpp"
#include "state/servers/server_store.hpp"

namespace metal::state {

enum class ServerColumn {
  name,
  state,
  type,
  zone,
  public_ip,
  private_ip,
  image,
  tags,
  created,
  price
};
std::string_view to_string(ServerColumn column);
/// Also reads the older words "ip" (public_ip) and "age" (created), so old bookmarks still work.
std::optional<ServerColumn> parse_server_column(std::string_view text);

enum class ServerGrouping { none, zone, state, tag };
std::string_view to_string(ServerGrouping grouping);
std::optional<ServerGrouping> parse_server_grouping(std::string_view text);

struct ServerQuery {
  std::string text;  // every word must appear in name, id, an address or a tag
  std::optional<model::ServerState> state;
  std::string zone;     // empty: every zone
  std::string type;     // commercial type; empty: any
  std::string tag;      // exact tag; empty: any
  std::string project;  // project id; empty: every project the key sees
  ServerColumn sort = ServerColumn::created;
  bool descending = false;  // created ascending = newest first
  ServerGrouping group = ServerGrouping::none;

  bool has_filter() const {
    return !text.empty() || state || !zone.empty() || !type.empty() || !tag.empty() ||
           !project.empty();
  }
  bool operator==(const ServerQuery&) const = default;
};

/// Whether a row passes the query's filters (not its sort or grouping).
class ServerMatcher {
 public:
  explicit ServerMatcher(const ServerQuery& query);
  bool operator()(const ServerRow& row) const;

 private:
  const ServerQuery* query_;
  std::vector<std::string> needles_;
};

/// The values a facet can take across the whole store, with how many servers have each, for the
/// facet menus ("GP1-S (1,204)"). Sorted by value.
enum class ServerFacet { type, tag, zone };
struct FacetValue {
  std::string value;
  std::size_t count = 0;
};
std::vector<FacetValue> facet_values(const ServerStore& store, ServerFacet facet);

/// A run of consecutive rows sharing a zone, a state or a first tag.
struct ServerGroup {
  std::string label;
  std::size_t first = 0;  // position in rows()
  std::size_t count = 0;
  bool collapsed = false;
};

/// One line of the list as drawn: a group's header, or a row (by its position in rows()).
struct ServerLine {
  const ServerGroup* group = nullptr;  // set for a header
  std::size_t position = 0;            // set for a row
};

class ServerView {
 public:
  /// Returns true when the visible rows changed. `prices` orders the price column.
  bool refresh(const ServerStore& store, const ServerQuery& query, const PriceBook& prices);
  bool refresh(const ServerStore& store, const ServerQuery& query) {
    return refresh(store, query, PriceBook{});
  }
  /// Store indices of the matching servers, in display order (grouped, then sorted).
  std::span<const std::uint32_t> rows() const { return rows_; }
  std::size_t size() const { return rows_.size(); }
  std::span<const ServerGroup> groups() const { return groups_; }

  /// Lines as drawn: group headers and the rows of groups that are not collapsed.
  std::size_t line_count() const;
  ServerLine line(std::size_t index) const;
  /// The line showing rows()[position], or nothing when its group is collapsed.
  std::optional<std::size_t> line_of(std::size_t position) const;
  /// Folds or unfolds a group; remembered by label across refreshes.
  void toggle_group(const std::string& label);

  /// Position of a server in rows(), for keyboard navigation and scrolling to it.
  std::optional<std::size_t> position_of(const ServerStore& store, const std::string& id) const;

 private:
  void index_lines();

  std::vector<std::uint32_t> rows_;
  std::vector<ServerGroup> groups_;
  std::vector<std::size_t> group_lines_;  // first line of each group, for line()
  std::set<std::string> collapsed_;
  std::uint64_t store_version_ = ~0ull;
  std::uint64_t layout_version_ = ~0ull;
  std::uint64_t prices_version_ = ~0ull;
  ServerQuery query_;
};

}  // namespace metal::state
