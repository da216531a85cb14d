#include "state/servers/server_view.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <map>

#include "state/format.hpp"

namespace metal::state {
namespace {

constexpr std::array<std::pair<ServerColumn, std::string_view>, 10> kColumnNames{{
    {ServerColumn::name, "name"},
    {ServerColumn::state, "state"},
    {ServerColumn::type, "type"},
    {ServerColumn::zone, "zone"},
    {ServerColumn::public_ip, "public_ip"},
    {ServerColumn::private_ip, "private_ip"},
    {ServerColumn::image, "image"},
    {ServerColumn::tags, "tags"},
    {ServerColumn::created, "created"},
    {ServerColumn::price, "price"},
}};

constexpr std::array<std::pair<ServerGrouping, std::string_view>, 4> kGroupingNames{{
    {ServerGrouping::none, "none"},
    {ServerGrouping::zone, "zone"},
    {ServerGrouping::state, "state"},
    {ServerGrouping::tag, "tag"},
}};

constexpr std::string_view kUntagged = "untagged";

// Sorting by state groups what needs attention first: moving, then running, then at rest.
std::uint32_t state_rank(model::ServerState state) {
  switch (state) {
    case model::ServerState::starting:
      return 0;
    case model::ServerState::stopping:
      return 1;
    case model::ServerState::running:
      return 2;
    case model::ServerState::stopped_in_place:
      return 3;
    case model::ServerState::stopped:
      return 4;
    case model::ServerState::locked:
      return 5;
    case model::ServerState::unknown:
      return 6;
  }
  return 6;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string lowered = to_lower(text);
  std::string_view rest = lowered;
  while (!rest.empty()) {
    const auto start = rest.find_first_not_of(" \t");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const auto end = rest.find_first_of(" \t");
    out.emplace_back(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
  }
  return out;
}

// Addresses sort by their numbers, not their text: 10.0.0.9 before 10.0.0.10; none come last.
std::uint64_t ip_key(std::string_view ip) {
  if (ip.empty()) return ~0ull;
  std::uint64_t key = 0;
  std::uint64_t part = 0;
  for (char c : ip) {
    if (c == '.') {
      key = key * 256 + part;
      part = 0;
    } else if (c >= '0' && c <= '9') {
      part = part * 10 + static_cast<std::uint64_t>(c - '0');
    }
  }
  return key * 256 + part;
}

// The new filter only narrows the old one: same facets, sort and grouping, and every old word is
// still required (typing more letters or words). Then the new rows are a subset of the old ones.
bool narrows(const ServerQuery& before, const ServerQuery& after) {
  ServerQuery same_text = after;
  same_text.text = before.text;
  if (!(same_text == before)) return false;
  const auto old_words = words(before.text);
  const auto new_words = words(after.text);
  for (const std::string& old_word : old_words) {
    bool kept = false;
    for (const std::string& new_word : new_words)
      kept |= new_word.find(old_word) != std::string::npos;
    if (!kept) return false;
  }
  return true;
}

std::string_view group_label(const ServerRow& row, ServerGrouping grouping) {
  switch (grouping) {
    case ServerGrouping::none:
      return {};
    case ServerGrouping::zone:
      return row.zone;
    case ServerGrouping::state:
      return row.state_text();
    case ServerGrouping::tag:
      return row.tags.empty() ? kUntagged : std::string_view(row.tags.front());
  }
  return {};
}

}  // namespace

std::string_view to_string(ServerColumn column) {
  for (const auto& [c, name] : kColumnNames)
    if (c == column) return name;
  return "created";
}

std::optional<ServerColumn> parse_server_column(std::string_view text) {
  if (text == "ip") return ServerColumn::public_ip;
  if (text == "age") return ServerColumn::created;
  for (const auto& [c, name] : kColumnNames)
    if (name == text) return c;
  return std::nullopt;
}

std::string_view to_string(ServerGrouping grouping) {
  for (const auto& [g, name] : kGroupingNames)
    if (g == grouping) return name;
  return "none";
}

std::optional<ServerGrouping> parse_server_grouping(std::string_view text) {
  for (const auto& [g, name] : kGroupingNames)
    if (name == text) return g;
  return std::nullopt;
}

ServerMatcher::ServerMatcher(const ServerQuery& query)
    : query_(&query), needles_(words(query.text)) {}

bool ServerMatcher::operator()(const ServerRow& r) const {
  const ServerQuery& q = *query_;
  if (q.state && r.state != *q.state) return false;
  if (!q.zone.empty() && r.zone != q.zone) return false;
  if (!q.type.empty() && r.commercial_type != q.type) return false;
  if (!q.project.empty() && r.project != q.project) return false;
  if (!q.tag.empty() && std::find(r.tags.begin(), r.tags.end(), q.tag) == r.tags.end())
    return false;
  for (const std::string& needle : needles_)
    if (r.search_text.find(needle) == std::string::npos) return false;
  return true;
}

std::vector<FacetValue> facet_values(const ServerStore& store, ServerFacet facet) {
  std::map<std::string_view, std::size_t> counts;
  for (const ServerRow& row : store.rows()) {
    switch (facet) {
      case ServerFacet::type:
        ++counts[row.commercial_type];
        break;
      case ServerFacet::zone:
        ++counts[row.zone];
        break;
      case ServerFacet::tag:
        for (const std::string& tag : row.tags)
          ++counts[tag];
        break;
    }
  }
  std::vector<FacetValue> out;
  out.reserve(counts.size());
  for (const auto& [value, count] : counts)
    out.push_back({std::string(value), count});
  return out;
}

bool ServerView::refresh(const ServerStore& store, const ServerQuery& query,
                         const PriceBook& prices) {
  const bool prices_matter = query.sort == ServerColumn::price;
  if (store.version() == store_version_ && query == query_ &&
      (!prices_matter || prices.version() == prices_version_))
    return false;
  const auto rows = store.rows();
  const ServerMatcher matches(query);

  if (store.version() == store_version_ && narrows(query_, query)) {
    // Typing into the filter: keep the current rows that still match, in their order (a subset
    // of a sorted, grouped list is sorted and grouped), instead of scanning the whole fleet.
    std::size_t kept = 0;
    for (ServerGroup& group : groups_) {
      const std::size_t first = kept;
      for (std::size_t p = group.first; p < group.first + group.count; ++p)
        if (matches(rows[rows_[p]])) rows_[kept++] = rows_[p];
      group.first = first;
      group.count = kept - first;
    }
    rows_.resize(kept);
    std::erase_if(groups_, [](const ServerGroup& g) { return g.count == 0; });
    index_lines();
    query_ = query;
    return true;
  }
  // Only some rows changed (a poll's answers, the next page of a load), under the same query, and
  // none moved in the store: the others keep their order, and the changed ones are sorted and
  // merged in (a full sort of 100,000 rows costs ~40 ms as WebAssembly, this ~2). Groups whose
  // order depends on the labels present (zone, tag) and prices (from their own book) sort anew.
  const bool incremental =
      query == query_ && store.layout_version() == layout_version_ && store_version_ != ~0ull &&
      !prices_matter &&
      (query.group == ServerGrouping::none || query.group == ServerGrouping::state);
  const std::uint64_t seen = store_version_;
  store_version_ = store.version();
  layout_version_ = store.layout_version();
  prices_version_ = prices.version();
  query_ = query;

  std::vector<std::uint32_t> placed;  // matching rows to sort in
  if (incremental) {
    std::size_t kept = 0;
    for (std::uint32_t i : rows_)
      if (store.changed_at(i) <= seen) rows_[kept++] = i;
    rows_.resize(kept);
    for (std::uint32_t i = 0; i < rows.size(); ++i)
      if (store.changed_at(i) > seen && matches(rows[i])) placed.push_back(i);
  } else {
    rows_.clear();
    rows_.reserve(rows.size());
    for (std::uint32_t i = 0; i < rows.size(); ++i)
      if (matches(rows[i])) rows_.push_back(i);
  }

  // Group ranks, one per store row: the order of the groups, compared before the sort column.
  std::vector<std::uint32_t> ranks;
  if (query.group != ServerGrouping::none) {
    ranks.assign(rows.size(), 0);
    if (query.group == ServerGrouping::state) {
      for (std::uint32_t i = 0; i < rows.size(); ++i)
        ranks[i] = state_rank(rows[i].state);
    } else {
      std::map<std::string_view, std::uint32_t> distinct;
      for (std::uint32_t i : rows_)
        distinct.emplace(group_label(rows[i], query.group), 0);
      std::uint32_t next = 0;
      for (auto& [label, rank] : distinct)
        if (label != kUntagged) rank = next++;
      if (auto untagged = distinct.find(kUntagged); untagged != distinct.end())
        untagged->second = next;  // untagged servers come after every tag
      for (std::uint32_t i : rows_)
        ranks[i] = distinct[group_label(rows[i], query.group)];
    }
  }

  std::vector<std::int64_t> price_nanos;
  if (prices_matter) {
    price_nanos.assign(rows.size(), std::numeric_limits<std::int64_t>::max());  // unknown: last
    for (std::uint32_t i : rows_)
      if (auto monthly = prices.monthly(rows[i].zone, rows[i].commercial_type))
        price_nanos[i] = monthly->total_nanos();
  }

  auto compare = [&](std::uint32_t a, std::uint32_t b) -> int {
    const ServerRow& x = rows[a];
    const ServerRow& y = rows[b];
    auto three_way = [](const auto& p, const auto& q) { return p < q ? -1 : (q < p ? 1 : 0); };
    switch (query.sort) {
      case ServerColumn::name:
        return three_way(x.name, y.name);
      case ServerColumn::state:
        return three_way(state_rank(x.state), state_rank(y.state));
      case ServerColumn::type:
        return three_way(x.commercial_type, y.commercial_type);
      case ServerColumn::zone:
        return three_way(x.zone, y.zone);
      case ServerColumn::public_ip:
        return three_way(ip_key(x.public_ip), ip_key(y.public_ip));
      case ServerColumn::private_ip:
        return three_way(ip_key(x.private_ip), ip_key(y.private_ip));
      case ServerColumn::image:
        return three_way(x.image_name, y.image_name);
      case ServerColumn::tags:
        return three_way(x.tags, y.tags);
      case ServerColumn::created:
        return three_way(y.created, x.created);  // youngest first
      case ServerColumn::price:
        return three_way(price_nanos[a], price_nanos[b]);
    }
    return 0;
  };
  const bool descending = query.descending;
  const bool grouped = !ranks.empty();
  auto before = [&](std::uint32_t a, std::uint32_t b) {
    if (grouped && ranks[a] != ranks[b]) return ranks[a] < ranks[b];
    int c = compare(a, b);
    if (descending) c = -c;
    if (c != 0) return c < 0;
    // Ties break on name then id, so the order never jumps between refreshes.
    if (rows[a].name != rows[b].name) return rows[a].name < rows[b].name;
    return rows[a].id < rows[b].id;
  };
  if (incremental) {
    // Each changed row found by binary search, the runs between copied whole: a few thousand
    // comparisons instead of one per row of the list.
    std::sort(placed.begin(), placed.end(), before);
    std::vector<std::uint32_t> merged;
    merged.reserve(rows_.size() + placed.size());
    auto from = rows_.begin();
    for (std::uint32_t i : placed) {
      const auto at = std::upper_bound(from, rows_.end(), i, before);
      merged.insert(merged.end(), from, at);
      merged.push_back(i);
      from = at;
    }
    merged.insert(merged.end(), from, rows_.end());
    rows_.swap(merged);
  } else {
    std::sort(rows_.begin(), rows_.end(), before);
  }

  groups_.clear();
  if (grouped) {
    for (std::size_t p = 0; p < rows_.size(); ++p) {
      if (groups_.empty() || ranks[rows_[p]] != ranks[rows_[p - 1]])
        groups_.push_back({std::string(group_label(rows[rows_[p]], query.group)), p, 0, false});
      ++groups_.back().count;
    }
  } else {
    groups_.push_back({std::string(), 0, rows_.size(), false});  // one group without a header
  }
  index_lines();
  return true;
}

void ServerView::index_lines() {
  group_lines_.clear();
  std::size_t line = 0;
  const bool headers = query_.group != ServerGrouping::none;
  for (ServerGroup& group : groups_) {
    group.collapsed = headers && collapsed_.contains(group.label);
    group_lines_.push_back(line);
    line += (headers ? 1 : 0) + (group.collapsed ? 0 : group.count);
  }
  group_lines_.push_back(line);
}

std::size_t ServerView::line_count() const {
  return group_lines_.empty() ? 0 : group_lines_.back();
}

ServerLine ServerView::line(std::size_t index) const {
  // The group whose lines hold `index`: the last one starting at or before it.
  const auto it = std::upper_bound(group_lines_.begin(), group_lines_.end() - 1, index);
  const std::size_t g = static_cast<std::size_t>(it - group_lines_.begin()) - 1;
  const ServerGroup& group = groups_[g];
  std::size_t offset = index - group_lines_[g];
  if (query_.group != ServerGrouping::none) {
    if (offset == 0) return {&group, 0};
    --offset;
  }
  return {nullptr, group.first + offset};
}

std::optional<std::size_t> ServerView::line_of(std::size_t position) const {
  if (position >= rows_.size()) return std::nullopt;
  const auto it = std::upper_bound(groups_.begin(), groups_.end(), position,
                                   [](std::size_t p, const ServerGroup& g) { return p < g.first; });
  const std::size_t g = static_cast<std::size_t>(it - groups_.begin()) - 1;
  if (groups_[g].collapsed) return std::nullopt;
  const std::size_t header = query_.group != ServerGrouping::none ? 1 : 0;
  return group_lines_[g] + header + (position - groups_[g].first);
}

void ServerView::toggle_group(const std::string& label) {
  if (!collapsed_.erase(label)) collapsed_.insert(label);
  index_lines();
}

std::optional<std::size_t> ServerView::position_of(const ServerStore& store,
                                                   const std::string& id) const {
  const auto index = store.index_of(id);
  if (!index) return std::nullopt;
  auto it = std::find(rows_.begin(), rows_.end(), *index);
  if (it == rows_.end()) return std::nullopt;
  return static_cast<std::size_t>(it - rows_.begin());
}

}  // namespace metal::state
