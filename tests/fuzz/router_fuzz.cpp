// libFuzzer: the simulated API's router and request parsing, on arbitrary requests. Every answer
// must be a proper HTTP status, and every refusal a readable API error body.
//
// Input: first byte picks the method (% 5), whether the request carries a valid key (0x80) and
// whether it is the admin's (0x20), and whether the target goes under a real server (0x40); then
// the target up to the first newline; the rest is the body. Seeds: tests/fuzz/http_seeds/*.route.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string_view>

#include "api/http.hpp"
#include "model/api_error.hpp"
#include "model/json_codec.hpp"
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
    request.headers.emplace_back("X-Auth-Token",
                                 world.tenancy().api_keys().at(head & 0x20 ? 3 : 0).secret_key);

  // Now and then, aim at a real server so the deeper routes are reached.
  if ((head & 0x40) && !world.fleet().zones().empty()) {
    const auto slice = world.list_servers(world.fleet().zones().front(), {},
                                          sim::ServerOrder::creation_date_desc, 1, 1);
    if (!slice.servers.empty())
      request.target = "/instance/v1/zones/" + world.fleet().zones().front() + "/servers/" +
                       slice.servers[0].id + request.target;
  }

  const api::Response response = handler.handle(request);
  // What broke the property, for whoever reproduces a finding.
  auto fail = [&] {
    std::fprintf(stderr, "%s %s -> %d\n%s\n", std::string(api::to_string(request.method)).c_str(),
                 request.target.c_str(), response.status, response.body.c_str());
    __builtin_trap();
  };
  if (response.status < 200 || response.status > 599) fail();
  if (response.status >= 400) {
    const std::string_view path = request.path();
    if (path.starts_with("/redfish/v1") && (path.size() == 11 || path[11] == '/')) {
      // Redfish's own shape: {"error": {"code": "Base.1.5....", "message": ...}}
      const auto body = model::Json::parse(response.body, nullptr, false);
      if (!body.is_object() || !body.contains("error") || !body["error"].is_object() ||
          !body["error"].contains("code") || !body["error"].contains("message"))
        fail();
      return 0;
    }
    auto body = model::parse_error_body(response.body);
    if (!body || body->type.empty() || body->message.empty()) fail();
  }
  return 0;
}
