#pragma once
// Typed calls for the Instance v1 API (per zone). Each call builds the real route, sends it
// through the Transport, and hands back decoded models or one ApiError.

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "api/api_error.hpp"
#include "api/transport.hpp"
#include "model/server.hpp"
#include "model/task.hpp"

namespace metal::api {

struct Credentials {
  std::string secret_key;  // sent as X-Auth-Token; never logged, never in a URL
};

/// The filters of GET /servers (api-notes.md, "Lists").
struct ServerListQuery {
  std::string organization;
  std::string project;
  std::string name;  // substring
  std::string state;
  std::string commercial_type;
  std::vector<std::string> tags;
  std::vector<std::string> servers;  // ids
  std::string order;  // creation_date_desc (API default) | ..._asc | modification_date_*
  int page = 1;
  int per_page = 100;  // the API's maximum
};

struct ServerPage {
  std::vector<model::Server> servers;
  std::int64_t total_count = 0;  // from X-Total-Count
  int page = 1;
};

class InstanceClient {
 public:
  InstanceClient(Transport& transport, Credentials credentials)
      : transport_(transport), credentials_(std::move(credentials)) {}

  static std::string zone_base(std::string_view zone);
  static std::string list_servers_target(std::string_view zone, const ServerListQuery& query);

  void list_servers(std::string zone, const ServerListQuery& query,
                    std::function<void(ApiResult<ServerPage>)> done);

  /// Every page of a listing: page 1 first, then the rest, a few at a time, each handed to
  /// `on_page` as it lands so a big fleet appears progressively. `done` runs once at the end
  /// with the total, or with the first error (pages already delivered stay delivered).
  void list_all_servers(std::string zone, ServerListQuery query,
                        std::function<void(ServerPage)> on_page,
                        std::function<void(ApiResult<std::int64_t>)> done);

  void get_server(std::string zone, std::string id,
                  std::function<void(ApiResult<model::Server>)> done);

  /// POST /servers/{id}/action. Never retried on its own: an action is not idempotent.
  void server_action(std::string zone, std::string id, model::ServerAction action,
                     std::function<void(ApiResult<model::Task>)> done);

  Transport& transport() { return transport_; }
  const Transport& transport() const { return transport_; }

 private:
  Request make_request(Method method, std::string target, std::string body = {}) const;

  Transport& transport_;
  Credentials credentials_;
};

}  // namespace metal::api
