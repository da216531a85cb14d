#pragma once
// The world's refusals in the API's own words (api-notes.md, "Errors"): one place builds each
// shape, so every route of the simulator refuses alike.

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/api_refusal.hpp"

namespace metal::sim {

inline ApiRefusal refusal(int status, std::string type, std::string message) {
  ApiRefusal r{status, {}};
  r.body.type = std::move(type);
  r.body.message = std::move(message);
  return r;
}
/// 404 not_found naming the resource ("instance_volume") and the id asked for.
inline ApiRefusal not_found_refusal(std::string resource, std::string_view id) {
  ApiRefusal r = refusal(404, "not_found", "resource is not found");
  r.body.resource = std::move(resource);
  r.body.resource_id = std::string(id);
  return r;
}
inline ApiRefusal server_not_found(std::string_view id) {
  return not_found_refusal("instance_server", id);
}
/// 400 invalid_arguments, to which every problem is added at once (as the real API names them).
inline ApiRefusal invalid_arguments_refusal() {
  return refusal(400, "invalid_arguments", "invalid argument(s)");
}
inline void add_argument(ApiRefusal& r, std::string name, std::string reason, std::string help) {
  r.body.details.push_back({std::move(name), std::move(reason), std::move(help), "", "", {}, {}});
}
/// 400 invalid_arguments with one detail.
inline ApiRefusal invalid_argument_refusal(std::string name, std::string reason, std::string help) {
  ApiRefusal r = invalid_arguments_refusal();
  add_argument(r, std::move(name), std::move(reason), std::move(help));
  return r;
}
inline ApiRefusal permissions_refusal(std::string resource, std::string action) {
  ApiRefusal r = refusal(403, "permissions_denied", "insufficient permissions");
  r.body.details.push_back({"", "", "", std::move(resource), std::move(action), {}, {}});
  return r;
}
/// 403 quotas_exceeded: the organization already holds `current` of `quota` allowed.
inline ApiRefusal quotas_refusal(std::string resource, std::int64_t quota, std::int64_t current) {
  ApiRefusal r = refusal(403, "quotas_exceeded", "quota(s) exceeded for this resource");
  r.body.details.push_back({"", "", "", std::move(resource), "", quota, current});
  return r;
}
/// 400 precondition_failed: something still uses the resource, or a rule of the API forbids it.
inline ApiRefusal in_use_refusal(std::string what) {
  return refusal(400, "precondition_failed", std::move(what));
}
/// 409 transient_state: the resource is busy in `state`, try again when it has settled.
inline ApiRefusal transient_refusal(std::string resource, std::string_view id, std::string state) {
  ApiRefusal r = refusal(409, "transient_state", "resource is in a transient state");
  r.body.resource = std::move(resource);
  r.body.resource_id = std::string(id);
  r.body.current_state = std::move(state);
  return r;
}

}  // namespace metal::sim
