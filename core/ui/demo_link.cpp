#include "ui/demo_link.hpp"

#include <cstdio>
#include <utility>

namespace metal::ui {

DemoLink::DemoLink(api::MessageTransport::Post post, std::function<void(DemoLink&)> pump)
    : transport_(std::move(post)), pump_(std::move(pump)) {}

void DemoLink::deliver() {
  if (pump_) pump_(*this);
}

api::Credentials DemoLink::credentials() const {
  return api::Credentials{transport_.hello() ? transport_.hello()->secret_key : std::string()};
}

std::vector<std::string> DemoLink::zones() const {
  return transport_.hello() ? transport_.hello()->zones : std::vector<std::string>{};
}

model::Timestamp DemoLink::clock(model::Timestamp wall) const {
  const auto& hello = transport_.hello();
  if (!hello) return wall;
  const double elapsed = static_cast<double>(wall.micros - hello->clock_real) * hello->clock_speed;
  return model::Timestamp{hello->clock_sim + static_cast<std::int64_t>(elapsed)};
}

void DemoLink::describe(ShellInfo& shell) const {
  shell.session_label = "Offline demo";
  shell.on_demo = true;
  const auto& hello = transport_.hello();
  if (hello && hello->clock_speed != 1.0) {
    char label[32];
    std::snprintf(label, sizeof label, "clock x%g", hello->clock_speed);
    shell.clock_label = label;
  }
}

void DemoLink::report(model::Json& status) const {
  const auto& hello = transport_.hello();
  const std::int64_t saved_at = transport_.saved_at();
  status["demo"] = {
      {"started", hello.has_value()},
      {"restored", hello && hello->restored},
      {"savedAt", saved_at > 0 ? model::Json(model::format_timestamp(model::Timestamp{saved_at}))
                               : model::Json(nullptr)},
      {"problem",
       hello && !hello->problem.empty() ? model::Json(hello->problem) : model::Json(nullptr)}};
  if (!transport_.problem().empty()) status["demo"]["linkProblem"] = transport_.problem();
}

bool DemoLink::reset() {
  transport_.request_reset();
  return true;
}

std::vector<std::string> DemoLink::take_notices() {
  std::vector<std::string> notices;
  const auto& hello = transport_.hello();
  if (hello && transport_.hellos() != noticed_hello_) {
    noticed_hello_ = transport_.hellos();
    std::string_view rest = hello->problem;
    while (!rest.empty()) {
      const auto end = rest.find('\n');
      notices.emplace_back(rest.substr(0, end));
      rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
    }
  }
  return notices;
}

}  // namespace metal::ui
