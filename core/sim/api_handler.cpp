#include "sim/api_handler.hpp"

#include "sim/api_responses.hpp"
#include "sim/catalog.hpp"

namespace metal::sim {

using api::Request;
using api::Response;
using model::ApiErrorBody;

namespace {

Response no_route_for(const RouteCall& call) {
  return no_route(call.request);
}

Response wrong_method(const RouteCall& /*call*/) {
  return method_not_allowed();
}

}  // namespace

const RouteTable& ApiHandler::routes() {
  static const RouteTable table = [] {
    RouteTable t(no_route_for, wrong_method);
    add_server_routes(t);
    add_instance_routes(t);
    add_iam_routes(t);
    add_metrics_routes(t);
    add_billing_routes(t);
    add_hardware_routes(t);
    add_sandbox_routes(t);
    return t;
  }();
  return table;
}

Response ApiHandler::handle(const Request& request) {
  const auto token = api::find_header(request.headers, "X-Auth-Token");
  const ApiKey* key = token ? world_.tenancy().find_key_by_secret(*token) : nullptr;
  const RouteTable::Match match = routes().match(request.method, request.path());
  const RouteCall call{
      *this, world_,       request,
      key,   match.params, match.path_route ? std::string_view(match.path_route->pattern) : ""};
  // Redfish answers in its own shapes, its service root and sessions without a key.
  if (match.family->authenticates_itself) return match.handler()(call);
  if (!key) {
    ApiErrorBody body;
    body.type = "denied_authentication";
    body.message = "authentication is denied";
    body.method = "api_key";
    body.reason = token ? "not_found" : "invalid_argument";
    return error_response(401, body);
  }

  // JSON bodies nest no deeper than any resource does (user data is text, and may hold anything).
  if (constexpr int kMaxBodyDepth = 32;
      request.path().find("/user_data/") == std::string_view::npos &&
      nested_deeper_than(request.body, kMaxBodyDepth))
    return error_response(
        400, "invalid_request_error",
        "request body nested deeper than " + std::to_string(kMaxBodyDepth) + " levels");
  // Faults on demand; the sandbox's control routes stay reachable whatever is injected.
  if (!match.spares_faults()) {
    if (faults_.error_rate > 0 && fault_random_.chance(faults_.error_rate)) {
      Response r;
      r.status = 503;
      r.headers.emplace_back("Content-Type", "text/html");
      r.body = "<html><body><h1>503 Service Unavailable</h1></body></html>";
      return r;
    }
    if (faults_.rate_limit_rate > 0 && fault_random_.chance(faults_.rate_limit_rate)) {
      Response r;
      r.status = 429;
      return r;
    }
  }
  // A zone in a path is one the API knows, whatever is asked of it.
  if (match.path_route && match.params.has("zone") && !find_zone(match.params["zone"]))
    return error_response(400, "invalid_request_error", "Unknown zone in path");
  return match.handler()(call);
}

void ApiHandler::set_faults(const Faults& faults) {
  faults_ = faults;
  world_.set_stuck_rate(faults.stuck_rate);
  world_.set_failed_nodes(faults.failed_nodes);
}

}  // namespace metal::sim
