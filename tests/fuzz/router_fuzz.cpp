// libFuzzer: the simulated API's router and request parsing, on arbitrary requests. Every answer
// must be a proper HTTP status, and every refusal a readable API error body.
//
// Input: first byte picks the method and whether the request carries a valid key; then the
// target up to the first newline; the rest is the body.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "api/http.hpp"
#include "model/api_error.hpp"
#include "sim/api_handler.hpp"

using namespace metal;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // A fresh small world per input, so every finding reproduces on its own.
  sim::World world(sim::WorldConfig{3, 12, model::Timestamp{1'790'000'000'000'000}});
  sim::ApiHandler handler(world);

  static constexpr api::Method kMethods[] = {api::Method::get, api::Method::post, api::Method::put,
                                             api::Method::patch, api::Method::del};
  const std::uint8_t head = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  api::Request request;
  request.method = kMethods[head % 5];
  const auto newline = rest.find('\n');
  request.target = std::string(rest.substr(0, newline));
  if (newline != std::string_view::npos) request.body = std::string(rest.substr(newline + 1));
  if (head & 0x80)
    request.headers.emplace_back("X-Auth-Token", world.api_keys().front().secret_key);

  // Now and then, aim at a real server so the deeper routes are reached.
  if ((head & 0x40) && !world.active_zones().empty()) {
    const auto slice = world.list_servers(world.active_zones().front(), {},
                                          sim::World::ServerOrder::creation_date_desc, 1, 1);
    if (!slice.servers.empty())
      request.target = "/instance/v1/zones/" + world.active_zones().front() + "/servers/" +
                       slice.servers[0].id + request.target;
  }

  const api::Response response = handler.handle(request);
  if (response.status < 200 || response.status > 599) __builtin_trap();
  if (response.status >= 400) {
    auto body = model::parse_error_body(response.body);
    if (!body || body->type.empty() || body->message.empty()) __builtin_trap();
  }
  return 0;
}
