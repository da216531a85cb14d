#pragma once
// Cockpit data sources: where a project's metrics and logs live (the metrics URL is a
// Prometheus-compatible API). GET /cockpit/v1/regions/{region}/data-sources.

#include <string>
#include <vector>

#include "fields.hpp"
#include "timestamp.hpp"

namespace metal::model {

struct DataSource {
  std::string id;
  std::string project_id;
  std::string name;
  std::string url;
  std::string type;    // metrics | logs | traces
  std::string origin;  // scaleway | external | custom
  std::optional<Timestamp> created_at;
  std::optional<Timestamp> updated_at;
  bool synchronized_with_grafana = false;
  std::int64_t retention_days = 0;
  std::uint64_t current_month_usage = 0;
  std::string region;
  bool operator==(const DataSource&) const = default;
};
struct DataSourceList {
  std::int64_t total_count = 0;
  std::vector<DataSource> data_sources;
  bool operator==(const DataSourceList&) const = default;
};

template <class V, class S>
requires Of<S, DataSource>
void fields(V& v, S& x) {
  v("id", x.id), v("project_id", x.project_id), v("name", x.name), v("url", x.url);
  v("type", x.type), v("origin", x.origin), v("created_at", x.created_at);
  v("updated_at", x.updated_at), v("synchronized_with_grafana", x.synchronized_with_grafana);
  v("retention_days", x.retention_days), v("current_month_usage", x.current_month_usage);
  v("region", x.region);
}
template <class V, class S>
requires Of<S, DataSourceList>
void fields(V& v, S& x) {
  v("total_count", x.total_count), v("data_sources", x.data_sources);
}

}  // namespace metal::model
