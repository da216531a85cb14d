// libFuzzer: the simulated API's router and request parsing, on arbitrary requests. Every answer
// must be a proper HTTP status, and every refusal a readable API error body.
//
// Input: first byte picks the method (% 5), whether the request carries a valid key (0x80) and
// whether it is the admin's (0x20), and whether the target goes under a real server (0x40); then
// the target up to the first newline; the rest is the body. Seeds: tests/fuzz/http_seeds/*.route.
//
// A target that starts with '#' walks the route table instead: the next byte picks a route (its
// pattern), the one after a method (any of the five, not only the route's), then a byte per
// parameter picks its value, plausible (ids of this world, its zones, node names) or hostile
// (empty, dot segments, escapes, bytes that are not UTF-8, very long); what is left of the line is
// appended to the path (a query, more segments).

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "api/http.hpp"
#include "model/api_error.hpp"
#include "model/json_codec.hpp"
#include "sim/api_handler.hpp"

using namespace metal;

namespace {

constexpr api::Method kMethods[] = {api::Method::get, api::Method::post, api::Method::put,
                                    api::Method::patch, api::Method::del};

const std::vector<std::string>& hostile_values() {
  static const std::vector<std::string> values = {
      "",      ".",   "..", "%2F",   "%00",     "a/b", "\xff\xfe", std::string(300, 'a'),
      "{id}",  "?",   "#",  " ",     "\r\n",    "-1",  "0",        "2147483648",
      "\xc3(", "%zz", "*",  "..%2F", "SCWNOPE", "null"};
  return values;
}

/// Values of this world a parameter could plausibly take, by the parameter's name.
std::vector<std::string> plausible_values(const sim::World& world, std::string_view name) {
  std::vector<std::string> out;
  if (name == "zone") {
    out = world.fleet().zones();
    out.insert(out.end(), {"fr-par-2", "xx-nope-1"});
  } else if (name == "region") {
    out = {"fr-par", "nl-ams", "pl-waw"};
  } else if (name == "index") {
    out = {"0", "1", "5", "899", "900", "1799", "abc"};
  } else if (name == "sensor") {
    out = {"CPUTemp", "InletTemp", "NodePower", "Fan"};
  } else if (name == "key") {
    out = {"k", "cloud-init", "a.b-c_d"};
  } else {  // an id: of a server, a row, a key, a node (Redfish names nodes)
    for (const std::string& zone : world.fleet().zones())
      for (const model::Server& s :
           world.list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 2).servers)
        out.push_back(s.id);
    const sim::Inventory& inventory = world.inventory();
    const auto take = [&](const auto& table) {
      table.for_each([&](const auto& row) {
        if (out.size() < 64) out.push_back(row.id);
      });
    };
    take(inventory.security_groups);
    take(inventory.ips);
    for (const auto& [group, rules] : inventory.rules)
      if (!rules.empty()) out.push_back(rules.front().id);
    for (const sim::Project& p : world.tenancy().projects())
      out.push_back(p.id);
    for (const sim::SshKeyRecord& k : world.tenancy().ssh_keys())
      out.push_back(k.id);
    for (const sim::ApiKey& k : world.tenancy().api_keys())
      out.push_back(k.access_key);
    out.insert(out.end(), {"fr-par-1-r01-c01-n01", "fr-par-1-r01-c50-n18", "fr-par-1-r99-c01-n01"});
  }
  return out;
}

/// A target made from a route of the table: "#", then the bytes that choose route, method and
/// parameters, then a suffix.
std::string target_from_table(const sim::World& world, std::string_view spec, api::Method& method) {
  const auto& routes = sim::ApiHandler::routes().routes();
  auto next = [&]() -> std::uint8_t {
    if (spec.empty()) return 0;
    const auto byte = static_cast<std::uint8_t>(spec.front());
    spec.remove_prefix(1);
    return byte;
  };
  const auto& route = routes[next() % routes.size()];
  method = kMethods[next() % 5];
  std::string target;
  std::string_view pattern = route.pattern;
  while (!pattern.empty()) {
    const auto open = pattern.find('{');
    if (open == std::string_view::npos) {
      target += pattern;
      break;
    }
    const auto close = pattern.find('}', open);
    target += pattern.substr(0, open);
    const std::string_view name = pattern.substr(open + 1, close - open - 1);
    const std::uint8_t choice = next();
    if (choice & 0x80) {
      target += hostile_values()[choice % hostile_values().size()];
    } else {
      const auto values = plausible_values(world, name);
      target += values.empty() ? std::string(name) : values[choice % values.size()];
    }
    pattern.remove_prefix(close + 1);
  }
  target += spec;
  return target;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // A fresh small world per input, so every finding reproduces on its own.
  sim::World world(sim::WorldConfig{3, 12, model::Timestamp{1'790'000'000'000'000}});
  sim::ApiHandler handler(world);

  const std::uint8_t head = data[0];
  std::string_view rest(reinterpret_cast<const char*>(data + 1), size - 1);
  api::Request request;
  request.method = kMethods[head % 5];
  const auto newline = rest.find('\n');
  const std::string_view line = rest.substr(0, newline);
  if (line.starts_with('#'))
    request.target = target_from_table(world, line.substr(1), request.method);
  else
    request.target = std::string(line);
  if (newline != std::string_view::npos) request.body = std::string(rest.substr(newline + 1));
  if (head & 0x80)
    request.headers.emplace_back("X-Auth-Token",
                                 world.tenancy().api_keys().at(head & 0x20 ? 3 : 0).secret_key);

  // Now and then, aim at a real server so the deeper routes are reached.
  if ((head & 0x40) && !line.starts_with('#') && !world.fleet().zones().empty()) {
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
