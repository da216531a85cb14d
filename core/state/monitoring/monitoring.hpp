#pragma once
// The monitoring feature: the fleet's busiest servers and total CPU, loaded while its page shows,
// and the functions the page registry's monitoring row points at.

#include <string>
#include <vector>

#include "api/metrics_client.hpp"
#include "state/console.hpp"
#include "state/feature.hpp"
#include "state/metrics_range.hpp"
#include "state/monitoring/fleet_metrics.hpp"

namespace metal::state {

inline constexpr std::string_view kMonitoringPage = "monitoring";

class Monitoring final : public Feature {
 public:
  explicit Monitoring(Console& hub);
  const FleetMetrics& fleet() const { return fleet_; }
  /// The chart range the page shows (from the route).
  MetricsRange range() const;
  /// The monitoring page shows: load (or refresh) the fleet's charts for its range.
  void show();
  void set_range(MetricsRange range);

 private:
  Console& hub_;
  api::MetricsClient client_;
  FleetMetrics fleet_;
};

// ---- the registry row's functions ------------------------------------------------------------
void check_monitoring_route(Route& route, std::vector<std::string>& problems);
void need_monitoring(Console& console, const Route& route);
void report_monitoring(const Console& console, const Route& route, model::Json& status);
void monitoring_commands(Console& console, std::string_view typed,
                         std::vector<PaletteCommand>& out);

}  // namespace metal::state
