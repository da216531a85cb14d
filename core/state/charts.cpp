#include "state/charts.hpp"

#include <algorithm>
#include <cmath>

#include "model/stable_order.hpp"

namespace metal::state {
namespace {

// About one point per pixel column of a wide chart; the pyramid takes care of narrower ones.
constexpr double kPointsPerChart = 1200;
constexpr double kMinStep = 15;  // seconds: the scrape interval real endpoints use

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
  model::stable_sort(lines,
                     [](const ChartLine& a, const ChartLine& b) { return a.label < b.label; });
  return lines;
}

}  // namespace metal::state
