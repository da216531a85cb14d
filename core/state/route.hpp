#pragma once
// The console's address: a page, its path parameters and its query, written to the URL hash on
// the web (so every view can be bookmarked, shared and reloaded, and Back/Forward work) and read
// back. Which pages exist, and what their addresses look like, is the page registry's business
// (PageTable); a route only names its row.
//   #/servers?q=web&state=running&sort=name          page "servers", query {q, state, sort}
//   #/servers/fr-par-1/<id>/metrics?range=7d         page "server", params {zone, id, tab}
//   #/ssh-keys?q=laptop                              page "ssh-keys"

#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace metal::state {

struct PageSpec;

/// Name-value pairs in the order they are written (each page keeps its own canonical order).
using RouteParams = std::vector<std::pair<std::string, std::string>>;

struct Route {
  const PageSpec* page = nullptr;  // a row of the page registry; null only before the first move
  RouteParams params;              // path parameters, by the names the page's pattern gives them
  RouteParams query;               // the page's query, as the page itself put it

  /// The value of a path parameter / query parameter, or empty.
  std::string_view param(std::string_view name) const;
  std::string_view query_value(std::string_view name) const;
  /// Whether the route shows page `id`.
  bool is(std::string_view id) const;
  bool operator==(const Route&) const = default;
};

/// Sets `name` to `value` in `params` (adding it at the end), or removes it when `value` is empty.
void set_param(RouteParams& params, std::string_view name, std::string value);

/// The registry's pages, in the order their patterns are tried. The first is where an empty
/// address leads.
class PageTable {
 public:
  explicit PageTable(std::vector<const PageSpec*> pages) : pages_(std::move(pages)) {}
  std::span<const PageSpec* const> pages() const { return pages_; }
  const PageSpec* find(std::string_view id) const;
  const PageSpec& home() const { return *pages_.front(); }

 private:
  std::vector<const PageSpec*> pages_;
};

struct ParsedRoute {
  Route route;
  std::vector<std::string> problems;  // what in the address was not understood, in words
};

/// "#/servers/fr-par-1/<id>?q=web": the route's page pattern filled in, then its query.
std::string format_route(const Route& route);
/// Accepts the hash with or without its leading '#'. An unknown path is reported and leads home;
/// the page checks its own parameters (and reports what it could not use).
ParsedRoute parse_route(const PageTable& pages, std::string_view hash);
/// A move from `from` to `to` adds a history entry (another page or another item: Back returns
/// there), rather than replacing the current one (a filter refined, a range changed).
bool adds_history_entry(const Route& from, const Route& to);

}  // namespace metal::state
