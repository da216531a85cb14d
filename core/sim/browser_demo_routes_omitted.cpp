// The browser build of the simulated cloud leaves out what the web console never calls, for the
// 450 KB budget of the whole bundle: the operators' routes (hardware admin API and Redfish, which
// the demo's customer key could not reach anyway: ~19 KB gzip) and the billing API (no billing
// page in the web console: ~7 KB gzip), and the sandbox's control API (clock, faults, quotas,
// invariants: the demo takes its options from the page's address; ~1.5 KB gzip). They answer a 404
// that says so. The desktop and the sandbox build hardware_routes.cpp, billing_routes.cpp and
// sandbox_routes.cpp instead.

#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"

namespace metal::sim {
namespace {

api::Response not_in_browser_demo(const api::Request& request, std::string_view what) {
  return error_response(404, "not_found",
                        "no route for " + std::string(request.path()) +
                            " (the browser demo has no " + std::string(what) +
                            "; the sandbox and the desktop app have)");
}

}  // namespace

api::Response ApiHandler::hardware_route(const api::Request& request, const ApiKey& key,
                                         std::string_view) {
  if (key.role != KeyRole::admin) return permissions_denied("hardware", "read");
  return not_in_browser_demo(request, "hardware admin API");
}

api::Response ApiHandler::redfish_route(const api::Request& request, const ApiKey*) {
  return not_in_browser_demo(request, "Redfish service");
}

api::Response ApiHandler::sandbox_control_route(const api::Request& request, const ApiKey& key) {
  if (key.role != KeyRole::admin) return write_denied();
  return not_in_browser_demo(request, "sandbox control API");
}

api::Response ApiHandler::billing_route(const api::Request& request, const ApiKey&,
                                        std::string_view) {
  return not_in_browser_demo(request, "billing API");
}

api::Response ApiHandler::invoices_route(const api::Request& request, const ApiKey&,
                                         std::string_view) {
  return not_in_browser_demo(request, "billing API");
}

}  // namespace metal::sim
