// The sandbox's own control API (not part of the public one): its clock, its faults, its quotas
// and its invariants, for an admin key. Faults on demand spare these routes, so that a test can
// always turn them off. The browser demo's worker answers them too (for an admin key).

#include <algorithm>
#include <map>

#include "model/json_decode.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"
#include "sim/route_table.hpp"

namespace metal::sim {

using api::Method;
using api::Request;
using api::Response;
using model::Json;

namespace {

// PUT /sandbox/v1/faults {"faults": "error_rate=0.1"}
struct FaultsRequest {
  std::optional<std::string> faults;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, FaultsRequest& out) {
  return model::take(d, key, "faults", v, out.faults);
}

// POST /sandbox/v1/clock {"advance_seconds": 30}
struct ClockRequest {
  std::optional<double> advance_seconds;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, ClockRequest& out) {
  return model::take(d, key, "advance_seconds", v, out.advance_seconds);
}

// PUT /sandbox/v1/quotas {"organization_id": "...", "quotas": {"servers": 5, ...}}
struct QuotasRequest {
  std::optional<std::string> organization_id;
  std::optional<std::map<std::string, std::int64_t>> quotas;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, QuotasRequest& out) {
  return model::take(d, key, "organization_id", v, out.organization_id) ||
         model::take(d, key, "quotas", v, out.quotas);
}
constexpr std::pair<const char*, std::int64_t Quotas::*> kQuotaNames[] = {
    {"servers", &Quotas::servers},
    {"volumes", &Quotas::volumes},
    {"snapshots", &Quotas::snapshots},
    {"images", &Quotas::images},
    {"ips", &Quotas::ips},
    {"security_groups", &Quotas::security_groups},
    {"placement_groups", &Quotas::placement_groups}};

// The sandbox's own control of time (not part of the public API): an admin key reads the
// simulated clock or moves it forward, so tests can step through transitions deterministically.
Response clock_route(const RouteCall& call) {
  World& world = call.world;
  if (call.key->role != KeyRole::admin) return permissions_denied("sandbox_clock", "write");
  if (call.request.method == Method::post) {
    auto body = model::decode_text<ClockRequest>(call.request.body);
    if (!body) return bad_body(body.error());
    if (!body->advance_seconds)
      return invalid_argument("advance_seconds", "required", "required key not provided");
    const double seconds = *body->advance_seconds;
    if (!(seconds >= 0 && seconds <= 366.0 * 86400))
      return invalid_argument("advance_seconds", "constraint", "from 0 to a year of seconds");
    world.advance_to(
        model::Timestamp{world.now().micros + static_cast<std::int64_t>(seconds * 1e6)});
  }
  return json_response(200, Json{{"now", model::format_timestamp(world.now())}});
}

// GET /sandbox/v1/faults -> {"faults": "<spec>"}; PUT with {"faults": "<spec>"} (admin key).
Response faults_route(const RouteCall& call) {
  if (call.key->role != KeyRole::admin) return write_denied();
  if (call.request.method == Method::put) {
    auto body = model::decode_text<FaultsRequest>(call.request.body);
    if (!body) return bad_body(body.error());
    if (!body->faults) return invalid_argument("faults", "required", "required key not provided");
    auto faults = parse_faults(*body->faults);
    if (!faults) return invalid_argument("faults", "constraint", faults.error());
    call.handler.set_faults(*faults);
  }
  return json_response(200, Json{{"faults", call.handler.faults().to_spec()}});
}

// The sandbox's limits per organization (admin key): GET ?organization_id= reads them, PUT sets
// some of them; creating beyond one is refused with quotas_exceeded, as the real API does.
Response quotas_route(const RouteCall& call) {
  World& world = call.world;
  if (call.key->role != KeyRole::admin) return permissions_denied("sandbox_quotas", "write");
  std::string organization;
  if (call.request.method == Method::put) {
    auto body = model::decode_text<QuotasRequest>(call.request.body);
    if (!body) return bad_body(body.error());
    if (!body->organization_id)
      return invalid_argument("organization_id", "required", "required key not provided");
    organization = *body->organization_id;
    Quotas next = world.tenancy().quotas(organization);
    for (const auto& entry : body->quotas.value_or(std::map<std::string, std::int64_t>{})) {
      const std::string& name = entry.first;  // captured below: no structured binding (clang 14)
      const std::int64_t value = entry.second;
      auto known = std::find_if(std::begin(kQuotaNames), std::end(kQuotaNames),
                                [&](const auto& q) { return name == q.first; });
      if (known == std::end(kQuotaNames))
        return invalid_argument("quotas." + name, "constraint", "not a quota of this sandbox");
      if (value < 0) return invalid_argument("quotas." + name, "constraint", "0 or more");
      next.*(known->second) = value;
    }
    world.set_quotas(organization, next);
  } else {
    for (const auto& [name, value] : api::parse_query(call.request.query()))
      if (name == "organization_id") organization = value;
  }
  const Quotas& q = world.tenancy().quotas(organization);
  Json quotas = Json::object();
  for (const auto& [name, member] : kQuotaNames)
    quotas[name] = q.*member;
  return json_response(200, Json{{"organization_id", organization}, {"quotas", quotas}});
}

// GET /sandbox/v1/invariants (admin key): what the world finds inconsistent in itself, for the
// load and fault tests that drive it hard.
Response invariants_route(const RouteCall& call) {
  const World& world = call.world;
  if (call.key->role != KeyRole::admin) return write_denied();
  Json problems = Json::array();
  for (const std::string& problem : world.check_invariants())
    problems.push_back(problem);
  return json_response(200, Json{{"problems", std::move(problems)},
                                 {"servers", world.fleet().server_count()},
                                 {"nodes_in_use", world.fleet().nodes_in_use()},
                                 {"nodes_failed", world.hardware().failed_node_count()}});
}

}  // namespace

void add_sandbox_routes(RouteTable& table) {
  constexpr auto spare = InjectedFaults::spare;
  table.add(Method::get, "/sandbox/v1/clock", clock_route, spare);
  table.add(Method::post, "/sandbox/v1/clock", clock_route, spare);
  table.add(Method::get, "/sandbox/v1/faults", faults_route, spare);
  table.add(Method::put, "/sandbox/v1/faults", faults_route, spare);
  table.add(Method::get, "/sandbox/v1/quotas", quotas_route, spare);
  table.add(Method::put, "/sandbox/v1/quotas", quotas_route, spare);
  table.add(Method::get, "/sandbox/v1/invariants", invariants_route, spare);
}

}  // namespace metal::sim
