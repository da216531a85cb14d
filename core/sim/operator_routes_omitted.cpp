// The browser build of the simulated cloud leaves out the operators' routes (the hardware admin
// API and Redfish): the web console only ever holds a customer key, which the full routes refuse
// with exactly the answer below, and the operators' code is ~19 KB gzip of a 450 KB bundle.
// The desktop and the sandbox build hardware_routes.cpp instead.

#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"

namespace metal::sim {

api::Response ApiHandler::hardware_route(const api::Request& request, const ApiKey& key,
                                         std::string_view) {
  if (key.role != KeyRole::admin) return permissions_denied("hardware", "read");
  return error_response(404, "not_found",
                        "no route for " + std::string(request.path()) +
                            " (the browser demo has no hardware admin API; use the desktop "
                            "console or the sandbox)");
}

api::Response ApiHandler::redfish_route(const api::Request& request, const ApiKey*) {
  return error_response(404, "not_found",
                        "no route for " + std::string(request.path()) +
                            " (the browser demo has no Redfish service)");
}

}  // namespace metal::sim
