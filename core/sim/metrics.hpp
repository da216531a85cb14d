#pragma once
// The simulated cloud's metrics, served as a Prometheus-compatible API (GET /api/v1/query and
// /api/v1/query_range), in Prometheus's exact JSON.
//
// Series, per server that exists: instance_server_cpu_seconds_total, and
// instance_server_network_bytes_total / instance_server_disk_bytes_total with a `direction`
// label (rx|tx, read|write); labels resource_id, resource_name, zone. They are counters with an
// analytic shape: a diurnal swell, slower and faster waves per server, zero while the server holds
// no node (stopped), history back to its creation. Nothing is stored: any instant is computed.
//
// PromQL understood (the rest is refused with Prometheus's bad_data error):
//   selectors    name{label="v", label!="v", label=~"a|b.*", label!~"..."}   (regex: alternation
//                of literals, with .* anywhere)
//   range        selector[30s|5m|1h|1d]
//   functions    rate(), irate(), increase() of a range selector
//   aggregation  sum|avg|min|max|count [by|without (labels)] (expr), the clause before or after;
//                topk|bottomk [by (labels)] (k, expr), keeping the series' labels

#include <string_view>

#include "api/http.hpp"

namespace metal::sim {

class World;

/// The share of its CPUs a running server keeps busy at `t` (seconds): what its CPU counter's rate
/// says, for sensors that must agree with the charts (node temperatures and power draw).
double cpu_busy_share(std::string_view server_id, double t);

/// The answer to GET /api/v1/query (or query_range: `range`) over the servers `organization`
/// owns ("" : all).
api::Response prometheus_answer(const World& world, std::string_view organization,
                                const api::Request& request, bool range);
/// An error in Prometheus's own shape: {"status": "error", "errorType": ..., "error": ...}.
api::Response prometheus_error(int status, std::string_view type, std::string_view message);

}  // namespace metal::sim
