#pragma once
// Answers API requests from the simulated world with the real API's routes, status codes,
// headers (X-Total-Count, Link, Location) and error bodies. The in-process demo transport and
// the HTTP sandbox both call this, so they cannot disagree.

#include <string>
#include <unordered_map>

#include "api/http.hpp"
#include "model/server_json_writer.hpp"
#include "sim/faults.hpp"
#include "sim/random.hpp"
#include "sim/route_table.hpp"
#include "sim/world.hpp"

namespace metal::sim {

/// How many encoded answers a handler keeps. A server for many clients (the sandbox) keeps many:
/// it then serves pages at close to a static file's speed. The in-process demo serves one
/// console, whose memory is the user's: its load reads each page once, and polling asks again only
/// for first pages (copying each 230 KB page of a load into the cache cost 0.2 s of a
/// 100,000-server load in the browser, its servers' JSON another 0.1 s; natively, 170 MB).
struct AnswerCaching {
  std::size_t servers = 50'000;  // a 200,000-server world: not 450 MB of JSON
  std::size_t pages = 256;       // a few hundred pages of 230 KB at most
  bool every_page = true;        // false: first pages (and their servers) only
  static constexpr AnswerCaching many_clients() { return {}; }
  static constexpr AnswerCaching one_client() { return {2'000, 8, false}; }
};

class ApiHandler {
 public:
  explicit ApiHandler(World& world, AnswerCaching caching = AnswerCaching::many_clients())
      : world_(world), caching_(caching) {}
  api::Response handle(const api::Request& request);

  /// Faults on demand (also through PUT /sandbox/v1/faults with an admin key).
  void set_faults(const Faults& faults);
  const Faults& faults() const { return faults_; }

  /// Every route this API answers (the router fuzzer walks it).
  static const RouteTable& routes();

 private:
  friend void add_server_routes(RouteTable& table);
  /// A route handler that calls one of the members below.
  template <api::Response (ApiHandler::*Member)(const RouteCall&)>
  static api::Response to(const RouteCall& call) {
    return (call.handler.*Member)(call);
  }

  // server_routes.cpp: the answers the handler caches (servers' JSON, whole pages)
  api::Response list_servers(const RouteCall& call);
  api::Response get_server(const RouteCall& call);
  /// A server's JSON, encoded once per revision and kept when `keep` (a listing is then mostly
  /// copying, which lets the sandbox serve pages at close to the speed of a static file); valid
  /// until the next call.
  std::string_view server_json(ServerRef ref, bool keep);

  World& world_;
  AnswerCaching caching_;
  Faults faults_;
  Random fault_random_{0x5EED0FA1ull};  // apart from the world's, which faults must not disturb
  struct CachedServer {
    std::uint32_t revision = 0;
    std::string json;
  };
  std::unordered_map<std::uint32_t, CachedServer> server_json_;
  model::ServerJsonWriter server_writer_;
  model::Server server_scratch_;  // each server is read into it before being written
  // Whole list pages, by tenant and target, while their zone has not changed: polling the same
  // page costs a copy.
  struct CachedPage {
    std::uint64_t zone_version = 0;
    api::Response response;
  };
  std::unordered_map<std::string, CachedPage> pages_;
};

}  // namespace metal::sim
