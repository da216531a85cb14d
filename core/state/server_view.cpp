#include "state/server_view.hpp"

#include <algorithm>
#include <array>

namespace metal::state {
namespace {

constexpr std::array<std::pair<ServerColumn, std::string_view>, 7> kColumnNames{{
    {ServerColumn::name, "name"},
    {ServerColumn::state, "state"},
    {ServerColumn::type, "type"},
    {ServerColumn::zone, "zone"},
    {ServerColumn::ip, "ip"},
    {ServerColumn::tags, "tags"},
    {ServerColumn::age, "age"},
}};

// Sorting by state groups what needs attention first: moving, then running, then at rest.
int state_rank(model::ServerState state) {
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

// Addresses sort by their numbers, not their text: 10.0.0.9 before 10.0.0.10.
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

}  // namespace

std::string_view to_string(ServerColumn column) {
  for (const auto& [c, name] : kColumnNames)
    if (c == column) return name;
  return "age";
}

std::optional<ServerColumn> parse_server_column(std::string_view text) {
  for (const auto& [c, name] : kColumnNames)
    if (name == text) return c;
  return std::nullopt;
}

namespace {
// The new filter only narrows the old one: same facets and sort, and every old word is still
// required (typing more letters or words). Then the new rows are a subset of the old ones.
bool narrows(const ServerQuery& before, const ServerQuery& after) {
  if (before.state != after.state || before.zone != after.zone || before.sort != after.sort ||
      before.descending != after.descending)
    return false;
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

bool matches(const ServerRow& r, const ServerQuery& query,
             const std::vector<std::string>& needles) {
  if (query.state && r.state != *query.state) return false;
  if (!query.zone.empty() && r.zone != query.zone) return false;
  for (const std::string& needle : needles)
    if (r.search_text.find(needle) == std::string::npos) return false;
  return true;
}
}  // namespace

bool ServerView::refresh(const ServerStore& store, const ServerQuery& query) {
  if (store.version() == store_version_ && query == query_) return false;
  const auto rows = store.rows();
  const std::vector<std::string> needles = words(query.text);

  if (store.version() == store_version_ && narrows(query_, query)) {
    // Typing into the filter: keep the current rows that still match, in their order (a subset
    // of a sorted list is sorted), instead of scanning and sorting the whole fleet again.
    std::erase_if(rows_, [&](std::uint32_t i) { return !matches(rows[i], query, needles); });
    query_ = query;
    return true;
  }
  store_version_ = store.version();
  query_ = query;

  rows_.clear();
  rows_.reserve(rows.size());
  for (std::uint32_t i = 0; i < rows.size(); ++i)
    if (matches(rows[i], query, needles)) rows_.push_back(i);

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
      case ServerColumn::ip:
        return three_way(ip_key(x.public_ip.empty() ? x.private_ip : x.public_ip),
                         ip_key(y.public_ip.empty() ? y.private_ip : y.public_ip));
      case ServerColumn::tags:
        return three_way(x.tags, y.tags);
      case ServerColumn::age:
        return three_way(y.created, x.created);  // youngest first
    }
    return 0;
  };
  const bool descending = query.descending;
  std::sort(rows_.begin(), rows_.end(), [&](std::uint32_t a, std::uint32_t b) {
    int c = compare(a, b);
    if (descending) c = -c;
    if (c != 0) return c < 0;
    // Ties break on name then id, so the order never jumps between refreshes.
    if (rows[a].name != rows[b].name) return rows[a].name < rows[b].name;
    return rows[a].id < rows[b].id;
  });
  return true;
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
