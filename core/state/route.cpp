#include "state/route.hpp"

#include <algorithm>
#include <optional>

#include "api/http.hpp"
#include "state/page.hpp"

namespace metal::state {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  if (path.starts_with('/')) path.remove_prefix(1);
  while (!path.empty()) {
    const auto slash = path.find('/');
    parts.push_back(path.substr(0, slash));
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
  }
  return parts;
}

struct PatternPart {
  std::string_view text;  // the literal, or the parameter's name
  bool parameter = false;
  bool optional = false;
};

PatternPart pattern_part(std::string_view segment) {
  if (segment.size() < 2 || segment.front() != '{' || segment.back() != '}') return {segment};
  segment = segment.substr(1, segment.size() - 2);
  const bool optional = segment.ends_with('?');
  if (optional) segment.remove_suffix(1);
  return {segment, true, optional};
}

// The path parameters when `path` fits `pattern`, in the pattern's order.
std::optional<RouteParams> match(std::string_view pattern,
                                 const std::vector<std::string_view>& path) {
  const std::vector<std::string_view> parts = split_path(pattern);
  RouteParams params;
  std::size_t i = 0;
  for (; i < parts.size(); ++i) {
    const PatternPart part = pattern_part(parts[i]);
    if (i >= path.size()) {
      if (part.optional) continue;
      return std::nullopt;
    }
    if (!part.parameter) {
      if (path[i] != part.text) return std::nullopt;
      continue;
    }
    if (path[i].empty()) return std::nullopt;
    params.emplace_back(std::string(part.text), api::url_decode(path[i]));
  }
  if (path.size() > parts.size()) return std::nullopt;
  return params;
}

std::string_view value_of(const RouteParams& params, std::string_view name) {
  for (const auto& [key, value] : params)
    if (key == name) return value;
  return {};
}

}  // namespace

std::string_view Route::param(std::string_view name) const {
  return value_of(params, name);
}

std::string_view Route::query_value(std::string_view name) const {
  return value_of(query, name);
}

bool Route::is(std::string_view id) const {
  return page && page->id == id;
}

void set_param(RouteParams& params, std::string_view name, std::string value) {
  auto it = std::find_if(params.begin(), params.end(),
                         [name](const auto& param) { return param.first == name; });
  if (value.empty()) {
    if (it != params.end()) params.erase(it);
  } else if (it != params.end()) {
    it->second = std::move(value);
  } else {
    params.emplace_back(std::string(name), std::move(value));
  }
}

const PageSpec* PageTable::find(std::string_view id) const {
  for (const PageSpec* page : pages_)
    if (page->id == id) return page;
  return nullptr;
}

std::string format_route(const Route& route) {
  std::string out = "#";
  if (!route.page) return out + "/";
  for (std::string_view segment : split_path(route.page->pattern)) {
    const PatternPart part = pattern_part(segment);
    if (!part.parameter) {
      out += '/';
      out += part.text;
      continue;
    }
    const std::string_view value = route.param(part.text);
    if (value.empty() && part.optional) break;
    out += '/';
    out += api::url_encode(value);
  }
  return out + api::build_query(route.query);
}

ParsedRoute parse_route(const PageTable& pages, std::string_view hash) {
  ParsedRoute parsed;
  if (hash.starts_with('#')) hash.remove_prefix(1);
  const auto question = hash.find('?');
  const std::string_view path = hash.substr(0, question);
  const std::string_view query =
      question == std::string_view::npos ? std::string_view() : hash.substr(question + 1);

  std::vector<std::string_view> segments = split_path(path);
  if (!segments.empty() && segments.back().empty()) segments.pop_back();  // "#/servers/"
  Route& route = parsed.route;
  if (segments.empty()) {
    route.page = &pages.home();
  } else {
    for (const PageSpec* page : pages.pages()) {
      if (auto params = match(page->pattern, segments)) {
        route.page = page;
        route.params = std::move(*params);
        break;
      }
    }
  }
  if (!route.page) {
    parsed.problems.push_back("no such page: " + std::string(path) + " (showing " +
                              std::string(pages.home().title) + ")");
    route.page = &pages.home();
  }
  route.query = api::parse_query(query);
  if (route.page->check) {
    route.page->check(route, parsed.problems);
  } else {
    for (const auto& [name, value] : route.query)
      parsed.problems.push_back("unknown address parameter \"" + name + "\"");
    route.query.clear();
  }
  return parsed;
}

bool adds_history_entry(const Route& from, const Route& to) {
  if (!to.page || (from.page == to.page && from.params == to.params)) return false;
  return to.page->history == HistoryRule::push;
}

}  // namespace metal::state
