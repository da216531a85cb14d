#include "sim/server_lifecycle.hpp"

#include <algorithm>
#include <array>

namespace metal::sim {

using model::ServerAction;
using model::ServerState;

namespace {

constexpr std::int64_t kSecond = 1'000'000;

constexpr std::array kWhenStopped{ServerAction::poweron, ServerAction::backup};
constexpr std::array kWhenStarting{ServerAction::stop_in_place, ServerAction::backup};
constexpr std::array kWhenRunning{ServerAction::poweroff, ServerAction::terminate,
                                  ServerAction::reboot, ServerAction::stop_in_place,
                                  ServerAction::backup};
constexpr std::array kWhenStopping{ServerAction::stop_in_place, ServerAction::backup};
constexpr std::array kWhenStoppedInPlace{ServerAction::poweron, ServerAction::poweroff,
                                         ServerAction::terminate, ServerAction::reboot,
                                         ServerAction::backup};

std::int64_t seconds(Random& random, int lo, int hi) {
  return random.between(lo, hi) * kSecond;
}

}  // namespace

std::span<const ServerAction> allowed_actions(ServerState state) {
  switch (state) {
    case ServerState::stopped:
      return kWhenStopped;
    case ServerState::starting:
      return kWhenStarting;
    case ServerState::running:
      return kWhenRunning;
    case ServerState::stopping:
      return kWhenStopping;
    case ServerState::stopped_in_place:
      return kWhenStoppedInPlace;
    case ServerState::locked:
    case ServerState::unknown:
      break;
  }
  return {};
}

const std::vector<std::string>& allowed_action_names(ServerState state) {
  // Spelled once per state: every server listed or read asks for them.
  constexpr std::size_t kStates = static_cast<std::size_t>(ServerState::unknown) + 1;
  static const auto names = [] {
    std::array<std::vector<std::string>, kStates> by_state;
    for (std::size_t s = 0; s < kStates; ++s)
      for (ServerAction action : allowed_actions(static_cast<ServerState>(s)))
        by_state[s].emplace_back(model::to_string(action));
    return by_state;
  }();
  return names[static_cast<std::size_t>(state)];
}

std::optional<Refused> check_action(ServerState state, ServerAction action) {
  const auto allowed = allowed_actions(state);
  if (std::find(allowed.begin(), allowed.end(), action) != allowed.end()) return std::nullopt;
  if (state == ServerState::locked) return Refused{"server is locked"};
  switch (action) {
    case ServerAction::poweron:
      return Refused{"server should be stopped"};
    case ServerAction::enable_routed_ip:
      return Refused{"server should be stopped"};
    default:
      return Refused{"server should be running"};
  }
}

ActionPlan plan_action(ServerState state, ServerAction action, Random& random) {
  ActionPlan plan;
  auto& s = plan.steps;
  switch (action) {
    case ServerAction::poweron:
      plan.task_description = "server_batch_poweron";
      if (state == ServerState::stopped_in_place) {
        // The node is still held: no allocation, a plain boot.
        s.push_back({ServerState::starting, "starting", 0});
      } else {
        s.push_back({ServerState::starting, "allocating node", 0});
        s.push_back({ServerState::starting, "provisioning node", seconds(random, 3, 8)});
      }
      s.push_back({ServerState::running, "booting kernel", seconds(random, 8, 20)});
      s.push_back({ServerState::running, "booted", seconds(random, 10, 25)});
      break;
    case ServerAction::poweroff:
      plan.task_description = "server_poweroff";
      s.push_back({ServerState::stopping, "stopping", 0});
      s.push_back({ServerState::stopped, "", seconds(random, 8, 20)});
      break;
    case ServerAction::stop_in_place:
      plan.task_description = "server_stop_in_place";
      s.push_back({ServerState::stopping, "stopping in place", 0});
      s.push_back({ServerState::stopped_in_place, "", seconds(random, 5, 12)});
      break;
    case ServerAction::reboot:
      plan.task_description = "server_reboot";
      s.push_back({ServerState::stopping, "rebooting", 0});
      s.push_back({ServerState::starting, "rebooting", seconds(random, 4, 8)});
      s.push_back({ServerState::running, "booting kernel", seconds(random, 8, 15)});
      s.push_back({ServerState::running, "booted", seconds(random, 10, 20)});
      break;
    case ServerAction::terminate:
      plan.task_description = "server_terminate";
      s.push_back({ServerState::stopping, "terminating", 0});
      s.push_back({ServerState::stopped, "", seconds(random, 5, 12)});
      plan.end = LifecycleEnd::deletes_server;
      break;
    case ServerAction::backup:
      plan.task_description = "server_backup";
      break;  // the server keeps its state; the world makes the image
    case ServerAction::enable_routed_ip:
      plan.task_description = "server_enable_routed_ip";
      break;
  }
  return plan;
}

std::optional<std::string_view> known_state_detail(std::string_view text) {
  static constexpr std::string_view kDetails[] = {
      "",       "starting", "allocating node",   "provisioning node", "booting kernel",
      "booted", "stopping", "stopping in place", "rebooting",         "terminating",
      "ready"};
  for (std::string_view detail : kDetails)
    if (detail == text) return detail;
  return std::nullopt;
}

}  // namespace metal::sim
