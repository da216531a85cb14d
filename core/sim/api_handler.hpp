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

 private:
  api::Response create_server(const api::Request& request, const ApiKey& key,
                              std::string_view zone);
  /// PATCH (what is sent changes) or PUT (the whole server as the API encodes it).
  api::Response update_server(const api::Request& request, std::string_view zone,
                              std::string_view id);
  api::Response products_servers(const api::Request& request, std::string_view zone,
                                 bool availability);
  api::Response products_volumes();
  api::Response dashboard(const ApiKey& key, std::string_view zone);
  api::Response data_sources(const api::Request& request, const ApiKey& key);
  api::Response instance_route(const api::Request& request, const ApiKey& key,
                               std::string_view zone, std::string_view rest);
  api::Response list_servers(const api::Request& request, const ApiKey& key, std::string_view zone);
  api::Response server_action(const api::Request& request, const ApiKey& key, std::string_view zone,
                              std::string_view id);

  /// A server's JSON, encoded once per revision and kept when `keep` (a listing is then mostly
  /// copying, which lets the sandbox serve pages at close to the speed of a static file); valid
  /// until the next call.
  std::string_view server_json(ServerRef ref, bool keep);

  // instance_routes.cpp: the Instance collections beside servers
  static bool is_inventory_collection(std::string_view collection);
  api::Response inventory_route(const api::Request& request, const ApiKey& key,
                                std::string_view zone, std::string_view collection,
                                std::string_view rest);
  model::Json one_row(Collection collection, std::string_view zone, std::string_view id);
  api::Response create_in(const api::Request& request, const ApiKey& key, std::string_view zone,
                          Collection collection);
  api::Response update_in(const api::Request& request, std::string_view zone, Collection collection,
                          std::string_view id);
  api::Response rules_route(const api::Request& request, const ApiKey& key, std::string_view zone,
                            std::string_view group, std::string_view rest);
  api::Response server_subroute(const api::Request& request, const ApiKey& key,
                                std::string_view zone, std::string_view server,
                                std::string_view sub, std::string_view rest);
  // sandbox_routes.cpp: the sandbox's control API (clock, faults, quotas, invariants)
  static bool is_sandbox_control(std::string_view path) {
    return path == "/sandbox/v1/clock" || path == "/sandbox/v1/faults" ||
           path == "/sandbox/v1/quotas" || path == "/sandbox/v1/invariants";
  }
  api::Response sandbox_control_route(const api::Request& request, const ApiKey& key);
  api::Response clock_route(const api::Request& request, const ApiKey& key);
  api::Response faults_route(const api::Request& request, const ApiKey& key);
  api::Response quotas_route(const api::Request& request, const ApiKey& key);
  api::Response invariants_route(const api::Request& request, const ApiKey& key);
  // hardware_routes.cpp: the admin API of the hardware, and Redfish (key may be null there)
  api::Response hardware_route(const api::Request& request, const ApiKey& key,
                               std::string_view rest);
  api::Response redfish_route(const api::Request& request, const ApiKey* key);
  // billing_routes.cpp
  api::Response billing_route(const api::Request& request, const ApiKey& key,
                              std::string_view rest);
  api::Response invoices_route(const api::Request& request, const ApiKey& key,
                               std::string_view rest);
  // iam_routes.cpp
  api::Response account_route(const api::Request& request, const ApiKey& key,
                              std::string_view rest);
  api::Response iam_route(const api::Request& request, const ApiKey& key,
                          std::string_view collection, std::string_view rest);

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
