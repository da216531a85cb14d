#include "state/console_status.hpp"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/stable_order.hpp"

namespace metal::state {

void FrameStats::add(double milliseconds) {
  ++drawn_;
  samples_[next_] = milliseconds;
  next_ = (next_ + 1) % samples_.size();
  count_ = std::min(count_ + 1, samples_.size());
}

double FrameStats::average() const {
  if (count_ == 0) return 0;
  double sum = 0;
  for (std::size_t i = 0; i < count_; ++i)
    sum += samples_[i];
  return sum / static_cast<double>(count_);
}

double FrameStats::p95() const {
  if (count_ == 0) return 0;
  std::vector<double> sorted(samples_.begin(),
                             samples_.begin() + static_cast<std::ptrdiff_t>(count_));
  model::stable_sort(sorted, [](double a, double b) { return a < b; });
  const auto index = static_cast<std::size_t>(0.95 * static_cast<double>(count_ - 1) + 0.5);
  return sorted[std::min(index, count_ - 1)];
}

std::string status_json(const Console& console, const StatusInputs& in,
                        const std::function<void(model::Json&)>& more) {
  using nlohmann::json;
  const Route& route = console.route();
  json status{
      {"ready", in.ready},
      {"firstFrameMs", in.first_frame_ms >= 0 ? json(in.first_frame_ms) : json(nullptr)},
      {"route", format_route(route)},
      {"page", route.page ? std::string(route.page->id) : std::string()},
      {"frameMs",
       {{"avg", in.frames ? in.frames->average() : 0.0},
        {"p95", in.frames ? in.frames->p95() : 0.0},
        {"drawn", in.frames ? in.frames->drawn() : 0}}},
      {"lastError", console.last_error().empty() ? json(nullptr) : json(console.last_error())},
      {"requestsInFlight", console.requests_in_flight()},
      {"session", in.session},
      {"uiScale", in.ui_scale},
      {"viewport", {{"width", in.viewport_width}, {"height", in.viewport_height}}},
      {"memoryBytes", in.memory_bytes},
  };
  console.for_each_feature([&status](const Feature& feature) { feature.report(status); });
  if (status.contains("servers"))
    status["servers"]["loadedFrameMs"] =
        in.loaded_frame_ms >= 0 ? json(in.loaded_frame_ms) : json(nullptr);
  if (route.page && route.page->report) route.page->report(console, route, status);
  if (more) more(status);
  json notices = json::array();
  for (const Notification& n : console.notifications())
    notices.push_back(n.text);
  status["notifications"] = std::move(notices);
  return status.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace metal::state
