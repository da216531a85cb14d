#pragma once
// The server state machine of the real Instance API (docs/api-notes.md, "States, actions,
// allowed_actions"): which actions each state allows, and the states an action walks through,
// with durations like the real ones. The one place the simulator decides these.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "model/server.hpp"
#include "sim/random.hpp"

namespace metal::sim {

struct LifecycleStep {
  model::ServerState state;
  std::string_view detail;
  std::int64_t after_micros;  // delay after the previous step (the first one applies at once)
};

enum class LifecycleEnd { stays, deletes_server };

/// The state_detail texts the simulator uses, as the static views servers hold; nullopt for any
/// other text (a saved world naming one is refused).
std::optional<std::string_view> known_state_detail(std::string_view text);

struct ActionPlan {
  std::vector<LifecycleStep> steps;
  LifecycleEnd end = LifecycleEnd::stays;
  std::string_view task_description;  // server_batch_poweron, server_poweroff, ...
};

std::span<const model::ServerAction> allowed_actions(model::ServerState state);
const std::vector<std::string>& allowed_action_names(model::ServerState state);

/// The plan for `action` on a server in `state`, or why the API refuses it
/// (the real API's wording: "server should be stopped", ...).
struct Refused {
  std::string message;
};
std::optional<Refused> check_action(model::ServerState state, model::ServerAction action);
ActionPlan plan_action(model::ServerState state, model::ServerAction action, Random& random);

}  // namespace metal::sim
