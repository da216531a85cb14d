#pragma once
// The fleet at a glance: the servers keeping the most CPU busy over a range (topk of the CPU
// counter's rate over the whole range, which is its average), and the fleet's total CPU as a
// chart, through the same Prometheus API as a server's own charts. Refreshed while shown.

#include <cstdint>
#include <string>
#include <vector>

#include "api/metrics_client.hpp"
#include "state/charts.hpp"
#include "state/metrics_range.hpp"

namespace metal::state {

struct BusyServer {
  std::string id;
  std::string name;
  std::string zone;
  double cores = 0;  // average cores busy over the range
};

/// PromQL of the ranking: the `count` busiest servers over `range_seconds`.
std::string busiest_servers_query(int count, double range_seconds);
/// The ranking from an instant-vector answer, busiest first; a failure in words otherwise.
Expected<std::vector<BusyServer>, std::string> busy_servers(const model::PromResponse& answer);

class FleetMetrics {
 public:
  static constexpr int kTopCount = 10;

  FleetMetrics(api::MetricsClient& client, double refresh_interval);

  /// Loads the ranking and the chart for `range` ending `now` (the API's clock, seconds), again
  /// when the range changes or the data is older than the refresh interval.
  void show(MetricsRange range, double now);

  const std::vector<BusyServer>& busiest() const { return busiest_; }
  bool busiest_loading() const { return busiest_loading_; }
  const std::string& busiest_error() const { return busiest_error_; }
  const ChartData& total() const { return total_; }
  MetricsRange range() const { return range_; }
  bool shown() const { return shown_; }

 private:
  void load(double now);

  api::MetricsClient& client_;
  double refresh_interval_;
  MetricsRange range_ = MetricsRange::last_1h;
  bool shown_ = false;
  double loaded_at_ = -1e300;
  std::uint64_t generation_ = 0;
  std::vector<BusyServer> busiest_;
  bool busiest_loading_ = false;
  std::string busiest_error_;
  ChartData total_{"Fleet CPU (cores busy)", MetricUnit::cores, {}, 0, 0, false, {}};
};

}  // namespace metal::state
