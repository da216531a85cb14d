#include "sim/route_table.hpp"

#include <cstdlib>

namespace metal::sim {

std::string_view PathParams::operator[](std::string_view name) const {
  for (std::size_t i = 0; i < count_; ++i)
    if (values_[i].first == name) return values_[i].second;
  return {};
}

bool PathParams::has(std::string_view name) const {
  for (std::size_t i = 0; i < count_; ++i)
    if (values_[i].first == name) return true;
  return false;
}

RouteTable::RouteTable(RouteHandler not_found, RouteHandler wrong_method)
    : families_{{"", not_found, wrong_method, false}} {}

void RouteTable::add(api::Method method, std::string_view pattern, RouteHandler handler,
                     InjectedFaults faults) {
  std::vector<Segment> parsed;
  const Split split_pattern = split(pattern);
  std::size_t parameters = 0;
  for (std::size_t i = 0; i < split_pattern.count; ++i) {
    std::string_view text = split_pattern.segments[i];
    const bool parameter = text.size() > 2 && text.front() == '{' && text.back() == '}';
    if (parameter) {
      text = text.substr(1, text.size() - 2);
      ++parameters;
    }
    parsed.push_back({std::string(text), parameter});
  }
  // The table is written by hand in this library: a pattern beyond what it can hold is a bug.
  if (!split_pattern.fits || parameters > PathParams::kMax) std::abort();
  routes_.push_back({method, std::string(pattern), handler, faults});
  segments_.push_back(std::move(parsed));
}

void RouteTable::add_family(std::string_view prefix, RouteHandler not_found,
                            RouteHandler wrong_method, bool authenticates_itself) {
  families_.push_back({std::string(prefix), not_found, wrong_method, authenticates_itself});
}

RouteTable::Split RouteTable::split(std::string_view path) {
  Split out;
  if (path.empty() || path.front() != '/') {
    out.fits = false;  // not a path: no pattern matches it
    return out;
  }
  path.remove_prefix(1);
  if (!path.empty() && path.back() == '/') path.remove_suffix(1);  // one trailing slash
  if (path.empty()) return out;
  while (true) {
    if (out.count == kMaxSegments) {
      out.fits = false;
      return out;
    }
    const auto slash = path.find('/');
    out.segments[out.count++] = path.substr(0, slash);
    if (slash == std::string_view::npos) return out;
    path.remove_prefix(slash + 1);
  }
}

bool RouteTable::matches(const std::vector<Segment>& pattern, const Split& path,
                         PathParams& params) {
  if (!path.fits || pattern.size() != path.count) return false;
  params.count_ = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const std::string_view segment = path.segments[i];
    if (!pattern[i].parameter) {
      if (segment != pattern[i].text) return false;
    } else {
      if (segment.empty()) return false;
      params.values_[params.count_++] = {pattern[i].text, segment};
    }
  }
  return true;
}

RouteTable::Match RouteTable::match(api::Method method, std::string_view path) const {
  Match found;
  found.family = &families_.front();
  for (const Family& family : families_)
    if (!family.prefix.empty() && path.starts_with(family.prefix) &&
        (path.size() == family.prefix.size() || path[family.prefix.size()] == '/'))
      found.family = &family;
  const Split split_path = split(path);
  PathParams params;
  for (std::size_t i = 0; i < routes_.size(); ++i) {
    if (!matches(segments_[i], split_path, params)) continue;
    if (!found.path_route) {
      found.path_route = &routes_[i];
      found.params = params;
    }
    if (routes_[i].method == method) {
      found.route = &routes_[i];
      found.params = params;
      break;
    }
  }
  return found;
}

}  // namespace metal::sim
