#include "state/monitoring/fleet_metrics.hpp"

#include <algorithm>
#include <cmath>

#include "model/stable_order.hpp"

namespace metal::state {
namespace {
constexpr const char* kCpuCounter = "instance_server_cpu_seconds_total";
}  // namespace

std::string busiest_servers_query(int count, double range_seconds) {
  return "topk(" + std::to_string(count) + ", rate(" + kCpuCounter + "[" +
         std::to_string(static_cast<long long>(std::max(60.0, range_seconds))) + "s]))";
}

Expected<std::vector<BusyServer>, std::string> busy_servers(const model::PromResponse& answer) {
  if (auto problem = prometheus_answer_problem(answer, "vector"))
    return Unexpected{std::move(*problem)};
  std::vector<BusyServer> out;
  for (const model::PromSeries& series : answer.data->result) {
    const auto id = series.metric.find("resource_id");
    if (id == series.metric.end() || !series.value) continue;  // not a server's series
    BusyServer server;
    server.id = id->second;
    if (auto name = series.metric.find("resource_name"); name != series.metric.end())
      server.name = name->second;
    if (auto zone = series.metric.find("zone"); zone != series.metric.end())
      server.zone = zone->second;
    server.cores = std::isfinite(series.value->value) ? series.value->value : 0;
    out.push_back(std::move(server));
  }
  // Prometheus does not promise topk's order in a vector: sorted here, busiest first.
  model::stable_sort(out,
                     [](const BusyServer& a, const BusyServer& b) { return a.cores > b.cores; });
  return out;
}

FleetMetrics::FleetMetrics(api::MetricsClient& client, double refresh_interval)
    : client_(client), refresh_interval_(refresh_interval) {}

void FleetMetrics::show(MetricsRange range, double now) {
  const bool changed = !shown_ || range != range_;
  if (changed) {
    shown_ = true;
    range_ = range;
    ++generation_;  // answers for another range are dropped
    busiest_.clear();
    busiest_error_.clear();
    total_.lines.clear();
    total_.error.clear();
  }
  const bool busy = busiest_loading_ || total_.loading;
  if (changed || (!busy && now - loaded_at_ >= refresh_interval_)) load(now);
}

void FleetMetrics::load(double now) {
  loaded_at_ = now;
  const double seconds = spec_of(range_).seconds;
  busiest_loading_ = true;
  client_.query(busiest_servers_query(kTopCount, seconds), now,
                [this, generation = generation_](api::ApiResult<model::PromResponse> result) {
                  if (generation != generation_) return;
                  busiest_loading_ = false;
                  if (!result) {
                    busiest_error_ = result.error().message;
                    return;
                  }
                  auto ranking = busy_servers(*result);
                  if (!ranking) {
                    busiest_error_ = ranking.error();
                    return;
                  }
                  busiest_error_.clear();
                  busiest_ = std::move(ranking).value();
                });

  api::RangeQuery query;
  query.step = chart_step(seconds);
  query.end = std::floor(now / query.step) * query.step;
  query.start = query.end - seconds;
  query.expr = "sum(rate(" + std::string(kCpuCounter) + "[" + rate_window(query.step) + "]))";
  total_.loading = true;
  client_.query_range(query, [this, generation = generation_, start = query.start,
                              end = query.end](api::ApiResult<model::PromResponse> result) {
    if (generation != generation_) return;
    total_.loading = false;
    if (!result) {
      total_.error = result.error().message;
      return;
    }
    auto lines = chart_lines(*result, "");
    if (!lines) {
      total_.error = lines.error();
      return;
    }
    total_.error.clear();
    total_.lines = std::move(lines).value();
    for (ChartLine& line : total_.lines)
      line.label = "fleet";
    total_.start = start;
    total_.end = end;
  });
}

}  // namespace metal::state
