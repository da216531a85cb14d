#include "state/console_status.hpp"

#include <algorithm>
#include <vector>

#include <nlohmann/json.hpp>

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
  std::sort(sorted.begin(), sorted.end());
  const auto index = static_cast<std::size_t>(0.95 * static_cast<double>(count_ - 1) + 0.5);
  return sorted[std::min(index, count_ - 1)];
}

std::string status_json(const Console& console, const StatusInputs& in) {
  using nlohmann::json;
  json status{
      {"ready", in.ready},
      {"firstFrameMs", in.first_frame_ms >= 0 ? json(in.first_frame_ms) : json(nullptr)},
      {"route", format_route(console.route())},
      {"servers",
       {{"total", console.servers().size()},
        {"visible", console.view().size()},
        {"reported", console.sync().reported_total()},
        {"loaded", console.sync().initial_load_done()},
        {"loadedFrameMs", in.loaded_frame_ms >= 0 ? json(in.loaded_frame_ms) : json(nullptr)}}},
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
  if (const ServerRow* row = console.selected()) {
    status["selected"] = {{"id", row->id},
                          {"name", row->name},
                          {"zone", row->zone},
                          {"state", std::string(row->state_text())},
                          {"stateDetail", row->state_detail},
                          {"pendingAction", console.action_pending(row->id)}};
  } else {
    status["selected"] = nullptr;
  }
  status["tab"] = std::string(to_string(console.route().tab));
  status["openMs"] = {{"detail", console.open_times().detail_ms},
                      {"charts", console.open_times().charts_ms}};
  status["ticked"] = {{"count", console.selected_count()},
                      {"allMatching", console.selection().all_matching()}};
  if (const auto& job = console.bulk()) {
    status["bulk"] = {{"operation", describe(job->operation())},
                      {"total", job->size()},
                      {"done", job->count(BulkItem::Status::done)},
                      {"failed", job->count(BulkItem::Status::failed)},
                      {"skipped", job->count(BulkItem::Status::skipped)},
                      {"finished", job->finished()}};
  } else {
    status["bulk"] = nullptr;
  }
  if (console.route().tab == DetailTab::metrics && console.selected()) {
    json charts = json::array();
    for (const ChartData& chart : console.metrics().charts()) {
      std::size_t points = 0;
      for (const ChartLine& line : chart.lines)
        points += line.samples.size();
      charts.push_back({{"title", chart.title},
                        {"lines", chart.lines.size()},
                        {"points", points},
                        {"loading", chart.loading},
                        {"error", chart.error.empty() ? json(nullptr) : json(chart.error)}});
    }
    status["charts"] = std::move(charts);
  }
  status["page"] = console.route().page == Page::monitoring ? "monitoring" : "servers";
  if (console.route().page == Page::monitoring) {
    const FleetMetrics& fleet = console.fleet();
    json busiest = json::array();
    for (const BusyServer& server : fleet.busiest())
      busiest.push_back({{"id", server.id}, {"name", server.name}, {"cores", server.cores}});
    std::size_t points = 0;
    for (const ChartLine& line : fleet.total().lines)
      points += line.samples.size();
    status["fleet"] = {
        {"busiest", std::move(busiest)},
        {"loading", fleet.busiest_loading() || fleet.total().loading},
        {"chartPoints", points},
        {"error", fleet.busiest_error().empty() ? fleet.total().error : fleet.busiest_error()}};
  }
  if (const SerialSession* serial = console.serial()) {
    // What a test (or a user reading over a shoulder) sees: the link, the title, the screen.
    const Terminal& terminal = serial->terminal();
    json screen = json::array();
    for (int row = 0; row < terminal.rows(); ++row)
      screen.push_back(terminal.line_text(row));
    static constexpr const char* kLinks[] = {"connecting", "connected", "disconnected"};
    status["serial"] = {{"link", kLinks[static_cast<int>(serial->link())]},
                        {"title", serial->title()},
                        {"problem", serial->problem()},
                        {"rows", terminal.rows()},
                        {"columns", terminal.columns()},
                        {"screen", std::move(screen)}};
  }
  if (console.route().create) {
    const CreateWizard& wizard = console.wizard();
    json problems = json::array();
    for (const std::string& problem : wizard.problems())
      problems.push_back(problem);
    status["create"] = {{"zone", wizard.form().zone},
                        {"type", wizard.form().commercial_type},
                        {"ready", wizard.active() && wizard.offer().ready()},
                        {"submitting", wizard.submitting()},
                        {"problems", std::move(problems)}};
  }
  json notices = json::array();
  for (const Notification& n : console.notifications())
    notices.push_back(n.text);
  status["notifications"] = std::move(notices);
  return status.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string visible_rows_json(const Console& console, std::size_t limit) {
  nlohmann::json rows = nlohmann::json::array();
  const auto view = console.view().rows();
  const auto all = console.servers().rows();
  for (std::size_t i = 0; i < view.size() && i < limit; ++i) {
    const ServerRow& r = all[view[i]];
    rows.push_back({{"id", r.id},
                    {"name", r.name},
                    {"state", std::string(r.state_text())},
                    {"zone", r.zone},
                    {"ticked", console.selection().contains(r)}});
  }
  return rows.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace metal::state
