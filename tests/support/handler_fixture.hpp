#pragma once
// A seeded world and its handler, called as a client would: the tests of the simulator's routes
// share it.

#include <optional>
#include <string>

#include "api/http.hpp"
#include "model/api_error.hpp"
#include "model/json_decode.hpp"
#include "model/server.hpp"
#include "sim/api_handler.hpp"

namespace metal::testing {

inline const model::Timestamp kStart = *model::parse_timestamp("2026-11-01T09:00:00Z");

struct Fixture {
  explicit Fixture(const sim::WorldConfig& config = sim::WorldConfig{21, 60, kStart})
      : world(config) {}
  sim::World world;
  sim::ApiHandler handler{world};

  /// With the first organization's read-write key unless another token is given.
  api::Response call(api::Method method, std::string target, std::string body = {},
                     std::optional<std::string> token = std::nullopt) {
    api::Request request;
    request.method = method;
    request.target = std::move(target);
    request.body = std::move(body);
    request.headers.emplace_back("X-Auth-Token",
                                 token.value_or(world.tenancy().api_keys().front().secret_key));
    return handler.handle(request);
  }
  std::string first_in_state(const char* zone, model::ServerState state) {
    auto r =
        call(api::Method::get, std::string("/instance/v1/zones/") + zone + "/servers?per_page=100");
    const auto list = model::decode_text<model::ServerList>(r.body);
    for (const model::Server& s : list->servers)
      if (s.state == state && !s.is_protected) return s.id;
    return {};
  }
  std::string admin_key() const { return world.tenancy().api_keys()[3].secret_key; }
  std::string other_org_key() const { return world.tenancy().api_keys()[2].secret_key; }
  std::string read_only_key() const { return world.tenancy().api_keys()[1].secret_key; }
};

/// The answer's body as a JSON document, for tests that read fields the model does not decode.
inline model::Json json_of(const api::Response& r) {
  return model::Json::parse(r.body);
}

inline model::ApiErrorBody error_of(const api::Response& r) {
  return model::parse_error_body(r.body).value_or(model::ApiErrorBody{});
}

}  // namespace metal::testing
