#include "state/servers/server_metrics.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace metal::state {
namespace {

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
