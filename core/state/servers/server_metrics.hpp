#pragma once
// The open server's charts: CPU, network in/out, disk read/write, over a range from 15 minutes to
// 30 days, queried through the Prometheus API (query_range with rate()); refreshed while shown.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/metrics_client.hpp"
#include "model/expected.hpp"
#include "state/charts.hpp"
#include "state/metrics_range.hpp"

namespace metal::state {

class ServerMetrics {
 public:
  /// `refresh_interval`: seconds between reloads while a chart is shown.
  ServerMetrics(api::MetricsClient& client, double refresh_interval);

  /// Loads the server's charts for `range` ending now, and reloads them when the range or server
  /// changes or the data is older than the refresh interval. `now` is the API's clock (seconds).
  void show(const std::string& server_id, MetricsRange range, double now);
  std::span<const ChartData> charts() const { return charts_; }
  const std::string& server_id() const { return server_id_; }

 private:
  void load(double now);

  api::MetricsClient& client_;
  double refresh_interval_;
  std::string server_id_;
  MetricsRange range_ = MetricsRange::last_1h;
  double loaded_at_ = -1e300;
  std::uint64_t generation_ = 0;
  std::vector<ChartData> charts_;
};

}  // namespace metal::state
