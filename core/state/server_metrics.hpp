#pragma once
// The open server's charts: CPU, network in/out, disk read/write, over a range from 15 minutes to
// 30 days, queried through the Prometheus API (query_range with rate()). Each line is kept as a
// min/max pyramid so a chart of any length redraws in O(columns log n); refreshed while shown.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "api/metrics_client.hpp"
#include "model/expected.hpp"
#include "state/metrics_range.hpp"
#include "state/series_pyramid.hpp"

namespace metal::state {

enum class MetricUnit { cores, bytes_per_second };

struct ChartLine {
  std::string label;  // "rx", "tx", "read", "write", "cpu"
  SeriesPyramid samples;
};

struct ChartData {
  std::string title;
  MetricUnit unit = MetricUnit::cores;
  std::vector<ChartLine> lines;
  double start = 0, end = 0;  // the range of the last answer, seconds since the epoch
  bool loading = false;
  std::string error;  // the last failure in words, empty when fine
};

/// The PromQL of a chart: a rate over a window at least twice the step, so no point is missed.
std::string chart_query(std::string_view metric, std::string_view server_id, double step);
/// That window, as PromQL writes it ("120s").
std::string rate_window(double step);
/// What is wrong with a Prometheus answer that should carry `result_type` ("matrix", "vector"),
/// in words, or nothing.
std::optional<std::string> prometheus_answer_problem(const model::PromResponse& answer,
                                                     std::string_view result_type);
/// Samples per line a range asks for (Prometheus caps answers at 11,000 points per series).
double chart_step(double range_seconds);
/// Lines from a query_range answer, labelled by `label_key`; a failure in words otherwise.
Expected<std::vector<ChartLine>, std::string> chart_lines(const model::PromResponse& answer,
                                                          std::string_view label_key);

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
