#pragma once
// Time-series charts as the console keeps them: lines of samples as min/max pyramids (a chart of
// any length redraws in O(columns log n)), read from Prometheus query_range answers. Shared by a
// server's metrics tab and the fleet's monitoring page.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/expected.hpp"
#include "model/prometheus.hpp"
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

}  // namespace metal::state
