// The browser build of the simulated cloud leaves out what the web console never calls, for the
// 450 KB budget of the whole bundle: the operators' routes (hardware admin API and Redfish, which
// the demo's customer key could not reach anyway: ~19 KB gzip) and the billing API (no billing
// page in the web console: ~7 KB gzip), and the sandbox's control API (clock, faults, quotas,
// invariants: the demo takes its options from the page's address; ~1.5 KB gzip). Their paths answer
// a 404 that says so, under any method. The desktop and the sandbox build hardware_routes.cpp,
// billing_routes.cpp and sandbox_routes.cpp instead.

#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"
#include "sim/route_table.hpp"

namespace metal::sim {
namespace {

using api::Method;

api::Response not_in_browser_demo(const api::Request& request, std::string_view what) {
  return error_response(404, "not_found",
                        "no route for " + std::string(request.path()) +
                            " (the browser demo has no " + std::string(what) +
                            "; the sandbox and the desktop app have)");
}

api::Response no_hardware(const RouteCall& call) {
  if (call.key->role != KeyRole::admin) return permissions_denied("hardware", "read");
  return not_in_browser_demo(call.request, "hardware admin API");
}

api::Response no_redfish(const RouteCall& call) {
  return not_in_browser_demo(call.request, "Redfish service");
}

api::Response no_sandbox_control(const RouteCall& call) {
  if (call.key->role != KeyRole::admin) return write_denied();
  return not_in_browser_demo(call.request, "sandbox control API");
}

api::Response no_billing(const RouteCall& call) {
  return not_in_browser_demo(call.request, "billing API");
}

void add_for_every_method(RouteTable& table, std::string_view pattern, RouteHandler handler,
                          InjectedFaults faults = InjectedFaults::apply) {
  for (Method method : {Method::get, Method::post, Method::put, Method::patch, Method::del})
    table.add(method, pattern, handler, faults);
}

}  // namespace

void add_billing_routes(RouteTable& table) {
  for (const char* pattern : {"/billing/v2beta1/consumptions", "/billing/v2beta1/invoices",
                              "/billing/v2beta1/invoices/{id}"})
    add_for_every_method(table, pattern, no_billing);
}

void add_hardware_routes(RouteTable& table) {
  for (const char* pattern :
       {"/sandbox/v1/zones/{zone}/racks", "/sandbox/v1/zones/{zone}/nodes",
        "/sandbox/v1/zones/{zone}/nodes/{index}", "/sandbox/v1/zones/{zone}/nodes/{index}/gpio"})
    add_for_every_method(table, pattern, no_hardware);
  table.add_family("/redfish/v1", no_redfish, no_redfish, true);
}

void add_sandbox_routes(RouteTable& table) {
  for (const char* pattern :
       {"/sandbox/v1/clock", "/sandbox/v1/faults", "/sandbox/v1/quotas", "/sandbox/v1/invariants"})
    add_for_every_method(table, pattern, no_sandbox_control, InjectedFaults::spare);
}

}  // namespace metal::sim
