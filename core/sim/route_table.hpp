#pragma once
// The simulated API's routes: one table of {method, path pattern, handler} that each *_routes.cpp
// fills (ApiHandler::routes() gathers them). A pattern names its parameters in braces, each a whole
// non-empty segment ("/instance/v1/zones/{zone}/servers/{id}/action"); the handler gets their
// values already extracted. One trailing slash is ignored. A path no pattern matches is answered
// "not found"; a path whose patterns are there for other methods only, "method not allowed". An
// API with shapes of its own (Prometheus, Redfish) is a family: a path prefix with its own two
// answers, and possibly its own way of authenticating.

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "api/http.hpp"

namespace metal::sim {

class ApiHandler;
class World;
struct ApiKey;

/// The values a request's path gave a pattern's {names}.
class PathParams {
 public:
  static constexpr std::size_t kMax = 4;  // parameters a pattern may have
  /// The value of {name}; "" when the pattern has no such parameter.
  std::string_view operator[](std::string_view name) const;
  bool has(std::string_view name) const;

 private:
  friend class RouteTable;
  std::array<std::pair<std::string_view, std::string_view>, kMax> values_{};
  std::size_t count_ = 0;
};

/// What a route's handler is given.
struct RouteCall {
  ApiHandler& handler;  // its caches and faults, for the routes that use them
  World& world;
  const api::Request& request;
  const ApiKey* key;  // null only in a family that authenticates in its own way
  PathParams params;
  std::string_view pattern;  // the pattern the path matched; "" for a path no pattern matches
  std::string_view param(std::string_view name) const { return params[name]; }
};

using RouteHandler = api::Response (*)(const RouteCall& call);

/// Faults on demand (error rate, rate limit) spare the sandbox's own control routes, so that a
/// test can always turn them off again.
enum class InjectedFaults { apply, spare };

class RouteTable;
// Each route file adds its rows (ApiHandler::routes() gathers them), in every build: the browser
// demo's worker answers what the sandbox answers.
void add_server_routes(RouteTable& table);    // server_routes.cpp
void add_instance_routes(RouteTable& table);  // instance_routes.cpp
void add_iam_routes(RouteTable& table);       // iam_routes.cpp
void add_metrics_routes(RouteTable& table);   // metrics_routes.cpp
void add_billing_routes(RouteTable& table);   // billing_routes.cpp
void add_hardware_routes(RouteTable& table);  // hardware_routes.cpp
void add_sandbox_routes(RouteTable& table);   // sandbox_routes.cpp

class RouteTable {
 public:
  struct Route {
    api::Method method;
    std::string pattern;
    RouteHandler handler;
    InjectedFaults faults;
  };
  struct Family {
    std::string prefix;  // "" : every path that no other family claims
    RouteHandler not_found;
    RouteHandler wrong_method;
    bool authenticates_itself;  // its handlers get the request before any key is checked
  };

  /// `not_found` and `wrong_method` answer for the paths of no family.
  RouteTable(RouteHandler not_found, RouteHandler wrong_method);
  /// A pattern has at most PathParams::kMax parameters.
  void add(api::Method method, std::string_view pattern, RouteHandler handler,
           InjectedFaults faults = InjectedFaults::apply);
  /// Paths under `prefix` (it, or it followed by '/') answer in the family's own shapes.
  void add_family(std::string_view prefix, RouteHandler not_found, RouteHandler wrong_method,
                  bool authenticates_itself = false);

  struct Match {
    const Route* route = nullptr;       // the path's route for the method
    const Route* path_route = nullptr;  // a route of the path, for any method
    const Family* family = nullptr;     // never null
    PathParams params;
    RouteHandler handler() const {
      return route ? route->handler : path_route ? family->wrong_method : family->not_found;
    }
    bool spares_faults() const { return path_route && path_route->faults == InjectedFaults::spare; }
  };
  Match match(api::Method method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }
  const std::vector<Family>& families() const { return families_; }

 private:
  struct Segment {
    std::string text;  // a literal, or the parameter's name
    bool parameter;
  };
  static constexpr std::size_t kMaxSegments = 16;
  struct Split {
    std::array<std::string_view, kMaxSegments> segments;
    std::size_t count = 0;
    bool fits = true;  // false: more segments than any pattern has
  };
  static Split split(std::string_view path);
  static bool matches(const std::vector<Segment>& pattern, const Split& path, PathParams& params);

  std::vector<Route> routes_;
  std::vector<std::vector<Segment>> segments_;  // per route, its pattern parsed
  std::vector<Family> families_;                // the default one first
};

}  // namespace metal::sim
