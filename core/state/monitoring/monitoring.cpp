#include "state/monitoring/monitoring.hpp"

#include <optional>

#include "state/format.hpp"

namespace metal::state {

Monitoring::Monitoring(Console& hub)
    : hub_(hub),
      client_(hub.dispatcher(), hub.credentials(), api::MetricsEndpoint{}),
      fleet_(client_, hub.polling().metrics_interval) {}

MetricsRange Monitoring::range() const {
  return parse_metrics_range(hub_.route().query_value("range")).value_or(MetricsRange::last_1h);
}

void Monitoring::show() {
  fleet_.show(range(), hub_.wall_clock().seconds());
}

void Monitoring::set_range(MetricsRange range) {
  Route next = hub_.route_to(kMonitoringPage);
  next.query.clear();
  if (range != MetricsRange::last_1h) next.query.emplace_back("range", spec_of(range).word);
  hub_.navigate(std::move(next));
}

void check_monitoring_route(Route& route, std::vector<std::string>& problems) {
  std::optional<MetricsRange> range;
  for (const auto& [key, value] : route.query) {
    if (key != "range") {
      problems.push_back("unknown address parameter " + in_quotes(key));
    } else if (auto parsed = parse_metrics_range(value)) {
      range = *parsed;
    } else {
      problems.push_back("range: a chart range is 15m, 1h, 6h, 1d, 7d or 30d, not " +
                         in_quotes(value));
    }
  }
  route.query.clear();
  if (range && *range != MetricsRange::last_1h)
    route.query.emplace_back("range", spec_of(*range).word);
}

void need_monitoring(Console& console, const Route&) {
  console.feature<Monitoring>().show();
}

void report_monitoring(const Console& console, const Route&, model::Json& status) {
  const FleetMetrics& fleet = console.feature<Monitoring>().fleet();
  model::Json busiest = model::Json::array();
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

void monitoring_commands(Console& console, std::string_view, std::vector<PaletteCommand>& out) {
  for (const MetricsRangeSpec& spec : metrics_ranges())
    out.push_back(
        {"Monitoring over the last " + std::string(spec.label),
         [&console, range = spec.range] { console.feature<Monitoring>().set_range(range); }});
}

}  // namespace metal::state
