#pragma once
// Metrics: a Prometheus-compatible HTTP API (query, query_range), and Cockpit's data sources,
// which say where a project's metrics live.

#include <string>

#include "api/api_client.hpp"
#include "model/cockpit.hpp"
#include "model/prometheus.hpp"

namespace metal::api {

/// Where the Prometheus API is: relative to the API URL (our sandbox and the demo serve it
/// there, behind the same key), or an absolute Cockpit data source URL, which takes its own
/// token. The API's secret key is never sent to another host.
struct MetricsEndpoint {
  std::string base;          // "" or "/metrics" (same origin), or "https://....scw.cloud"
  std::string bearer_token;  // Cockpit token for an absolute base
};

struct RangeQuery {
  std::string expr;  // PromQL
  double start = 0;  // seconds since the epoch
  double end = 0;
  double step = 60;  // seconds between points
};

class MetricsClient : public ApiClient {
 public:
  MetricsClient(Transport& transport, Credentials credentials, MetricsEndpoint endpoint)
      : ApiClient(transport, std::move(credentials)), endpoint_(std::move(endpoint)) {}

  /// GET {base}/api/v1/query: an instant vector (or scalar) at `time` (now when 0).
  void query(std::string expr, double time, Done<model::PromResponse> done);
  /// GET {base}/api/v1/query_range: a matrix.
  void query_range(const RangeQuery& range, Done<model::PromResponse> done);

  /// GET /cockpit/v1/regions/{region}/data-sources (`project_id`, `types`, `origin` filters).
  void list_data_sources(std::string region, ListQuery query, Done<model::DataSourceList> done);

 private:
  Request prometheus_request(std::string path_and_query) const;

  MetricsEndpoint endpoint_;
};

/// Prometheus's own way of writing a time or a duration ("1732262400.5", "60").
std::string prometheus_number(double value);

}  // namespace metal::api
