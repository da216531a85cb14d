// Metrics as the simulated cloud answers them: Cockpit's data sources, and the
// Prometheus-compatible API they point at (metrics.cpp), which refuses in Prometheus's own shapes.

#include "model/cockpit.hpp"
#include "sim/api_handler.hpp"
#include "sim/api_responses.hpp"
#include "sim/metrics.hpp"
#include "sim/route_table.hpp"

namespace metal::sim {

using api::Method;
using api::Response;

namespace {

// Cockpit's data sources: the project's metrics live in this same API (/api/v1/...), so the URL
// is this server's own origin (from the Host header; empty, i.e. same origin, in-process).
Response data_sources(const RouteCall& call) {
  const api::Request& request = call.request;
  const std::string region(call.param("region"));
  std::string project = call.key->project_id;
  std::string types;
  for (const auto& [name, value] : api::parse_query(request.query())) {
    if (name == "project_id") project = value;
    if (name == "types") types = value;
  }
  model::DataSourceList list;
  if (types.empty() || types.find("metrics") != std::string::npos) {
    model::DataSource source;
    source.id = project.substr(0, 8) + "-0000-4000-8000-00000000m371";
    source.project_id = project;
    source.name = "Scaleway Metrics";
    const auto host = api::find_header(request.headers, "Host");
    source.url = host ? "http://" + std::string(*host) : "";
    source.type = "metrics";
    source.origin = "scaleway";
    source.region = region;
    source.retention_days = 31;
    list.data_sources.push_back(std::move(source));
  }
  list.total_count = static_cast<std::int64_t>(list.data_sources.size());
  return json_response(200, model::to_json(list));
}

template <bool Range>
Response prometheus(const RouteCall& call) {
  return prometheus_answer(call.world,
                           call.key->role == KeyRole::admin ? "" : call.key->organization_id,
                           call.request, Range);
}

Response unknown_prometheus_path(const RouteCall& call) {
  return prometheus_error(404, "not_found", "unknown path " + std::string(call.request.path()));
}

Response prometheus_wrong_method(const RouteCall& /*call*/) {
  return prometheus_error(405, "bad_data", "method not allowed");
}

}  // namespace

void add_metrics_routes(RouteTable& table) {
  table.add(Method::get, "/cockpit/v1/regions/{region}/data-sources", data_sources);
  table.add_family("/api/v1", unknown_prometheus_path, prometheus_wrong_method);
  table.add(Method::get, "/api/v1/query", prometheus<false>);
  table.add(Method::get, "/api/v1/query_range", prometheus<true>);
}

}  // namespace metal::sim
