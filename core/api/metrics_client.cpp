#include "api/metrics_client.hpp"

#include <cmath>
#include <cstdio>

#include "api/paging.hpp"

namespace metal::api {

std::string prometheus_number(double value) {
  char buf[64];
  if (value == std::floor(value) && std::fabs(value) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", value);
  else
    std::snprintf(buf, sizeof buf, "%.3f", value);
  return buf;
}

Request MetricsClient::prometheus_request(std::string path_and_query) const {
  const bool same_origin = endpoint_.base.empty() || endpoint_.base.front() == '/';
  if (same_origin) return make_request(Method::get, endpoint_.base + path_and_query);
  Request request;
  request.method = Method::get;
  request.target = endpoint_.base + path_and_query;
  if (!endpoint_.bearer_token.empty())
    request.headers.emplace_back("Authorization", "Bearer " + endpoint_.bearer_token);
  return request;
}

void MetricsClient::query(std::string expr, double time, Done<model::PromResponse> done) {
  std::vector<std::pair<std::string, std::string>> params{{"query", std::move(expr)}};
  if (time > 0) params.emplace_back("time", prometheus_number(time));
  call<model::PromResponse>(prometheus_request("/api/v1/query" + build_query(params)),
                            std::move(done));
}

void MetricsClient::query_range(const RangeQuery& range, Done<model::PromResponse> done) {
  call<model::PromResponse>(
      prometheus_request("/api/v1/query_range" +
                         build_query({{"query", range.expr},
                                      {"start", prometheus_number(range.start)},
                                      {"end", prometheus_number(range.end)},
                                      {"step", prometheus_number(range.step)}})),
      std::move(done));
}

void MetricsClient::list_data_sources(std::string region, ListQuery query,
                                      Done<model::DataSourceList> done) {
  query.page_size_name = "page_size";
  list_all<model::DataSourceList>(*this,
                                  "/cockpit/v1/regions/" + url_encode(region) + "/data-sources",
                                  std::move(query), std::move(done));
}

}  // namespace metal::api
