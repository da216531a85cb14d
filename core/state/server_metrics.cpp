#include "state/server_metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace metal::state {
namespace {

// About one point per pixel column of a wide chart; the pyramid takes care of narrower ones.
constexpr double kPointsPerChart = 1200;
constexpr double kMinStep = 15;  // seconds: the scrape interval real endpoints use

struct ChartSpec {
  const char* title;
  const char* metric;
  const char* label_key;
  MetricUnit unit;
};
constexpr std::array<ChartSpec, 3> kCharts{{
    {"CPU (cores busy)", "instance_server_cpu_seconds_total", "", MetricUnit::cores},
    {"Network", "instance_server_network_bytes_total", "direction", MetricUnit::bytes_per_second},
    {"Disk", "instance_server_disk_bytes_total", "direction", MetricUnit::bytes_per_second},
}};

}  // namespace

double chart_step(double range_seconds) {
  return std::max(kMinStep, std::ceil(range_seconds / kPointsPerChart));
}

std::string rate_window(double step) {
  return std::to_string(static_cast<long long>(std::max(60.0, 2 * step))) + "s";
}

std::optional<std::string> prometheus_answer_problem(const model::PromResponse& answer,
                                                     std::string_view result_type) {
  if (answer.status != "success")
    return "the metrics endpoint refused the query: " +
           (answer.error.empty() ? answer.error_type : answer.error);
  if (!answer.data || answer.data->result_type != result_type)
    return "the metrics endpoint answered " +
           (answer.data ? answer.data->result_type : std::string("nothing")) + " where a " +
           std::string(result_type) + " was expected";
  return std::nullopt;
}

std::string chart_query(std::string_view metric, std::string_view server_id, double step) {
  // Ids are UUIDs; anything else cannot break out of the quotes (the API refuses odd ids anyway).
  std::string id;
  for (char c : server_id)
    if (c != '"' && c != '\\') id += c;
  return "rate(" + std::string(metric) + "{resource_id=\"" + id + "\"}[" + rate_window(step) + "])";
}

Expected<std::vector<ChartLine>, std::string> chart_lines(const model::PromResponse& answer,
                                                          std::string_view label_key) {
  using Fail = Unexpected<std::string>;
  if (auto problem = prometheus_answer_problem(answer, "matrix")) return Fail{std::move(*problem)};
  std::vector<ChartLine> lines;
  for (const model::PromSeries& series : answer.data->result) {
    std::vector<double> times, values;
    times.reserve(series.values.size());
    values.reserve(series.values.size());
    for (const model::PromSample& sample : series.values) {
      times.push_back(sample.time);
      values.push_back(sample.value);
    }
    ChartLine line;
    const auto label =
        label_key.empty() ? series.metric.end() : series.metric.find(std::string(label_key));
    line.label = label == series.metric.end() ? std::string("cpu") : label->second;
    line.samples = SeriesPyramid(std::move(times), std::move(values));
    if (!line.samples.ordered()) return Fail{"the metrics endpoint sent samples out of time order"};
    lines.push_back(std::move(line));
  }
  std::sort(lines.begin(), lines.end(),
            [](const ChartLine& a, const ChartLine& b) { return a.label < b.label; });
  return lines;
}

ServerMetrics::ServerMetrics(api::MetricsClient& client, double refresh_interval)
    : client_(client), refresh_interval_(refresh_interval) {
  for (const ChartSpec& spec : kCharts)
    charts_.push_back(ChartData{spec.title, spec.unit, {}, 0, 0, false, {}});
}

void ServerMetrics::show(const std::string& server_id, MetricsRange range, double now) {
  const bool changed = server_id != server_id_ || range != range_;
  if (changed) {
    server_id_ = server_id;
    range_ = range;
    ++generation_;  // answers for the previous server or range are dropped
    for (ChartData& chart : charts_) {
      chart.lines.clear();
      chart.error.clear();
      chart.loading = false;
    }
  }
  const bool busy =
      std::any_of(charts_.begin(), charts_.end(), [](const ChartData& c) { return c.loading; });
  if (changed || (!busy && now - loaded_at_ >= refresh_interval_)) load(now);
}

void ServerMetrics::load(double now) {
  loaded_at_ = now;
  const double seconds = spec_of(range_).seconds;
  api::RangeQuery query;
  query.step = chart_step(seconds);
  query.end = std::floor(now / query.step) * query.step;  // aligned: refreshes reuse the grid
  query.start = query.end - seconds;
  for (std::size_t i = 0; i < kCharts.size(); ++i) {
    query.expr = chart_query(kCharts[i].metric, server_id_, query.step);
    charts_[i].loading = true;
    client_.query_range(query, [this, i, generation = generation_, start = query.start,
                                end = query.end](api::ApiResult<model::PromResponse> result) {
      if (generation != generation_) return;
      ChartData& chart = charts_[i];
      chart.loading = false;
      if (!result) {
        chart.error = result.error().message;
        return;
      }
      auto lines = chart_lines(*result, kCharts[i].label_key);
      if (!lines) {
        chart.error = lines.error();
        return;
      }
      chart.error.clear();
      chart.lines = std::move(lines).value();
      chart.start = start;
      chart.end = end;
    });
  }
}

}  // namespace metal::state
