#include "sim/demo_cloud.hpp"

#include <algorithm>

namespace metal::sim {

DemoCloud::DemoCloud(const DemoOptions& options, model::Timestamp real_now)
    : clock_(real_now, options.clock_speed),
      world_(WorldConfig{options.seed, options.servers, real_now}),
      handler_(world_, AnswerCaching::one_client()),
      transport_(handler_) {
  handler_.set_faults(options.faults);
}

DemoCloud::DemoCloud(World world, const DemoOptions& options, model::Timestamp real_now)
    : clock_(real_now, std::max(world.now(), real_now), options.clock_speed),
      world_(std::move(world)),
      handler_(world_, AnswerCaching::one_client()),
      transport_(handler_) {
  handler_.set_faults(options.faults);
}

void DemoCloud::tick(model::Timestamp real_now, const std::function<bool()>& should_yield) {
  world_.advance_to(clock_.now(real_now));
  transport_.pump(should_yield, real_now);
}

}  // namespace metal::sim
