#pragma once
// Answers of a Prometheus-compatible query API (/api/v1/query, /api/v1/query_range), exactly as
// Prometheus writes them: {"status":"success","data":{"resultType":"matrix","result":[...]}} or
// {"status":"error","errorType":...,"error":...}. Sample values travel as strings ("NaN", "+Inf").

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "fields.hpp"

namespace metal::model {

struct PromSample {
  double time = 0;   // seconds since the epoch
  double value = 0;  // parsed from `text`
  std::string text;  // as sent, so NaN/Inf and the exact digits survive a round trip
  bool operator==(const PromSample& o) const { return time == o.time && text == o.text; }
};
void read(Decoder& d, JsonValue v, PromSample& out);
Json encode(const PromSample& v);

struct PromSeries {
  std::map<std::string, std::string> metric;  // labels
  std::vector<PromSample> values;             // matrix
  std::optional<PromSample> value;            // vector
  bool operator==(const PromSeries&) const = default;
};

struct PromData {
  std::string result_type;  // matrix | vector | scalar | string
  std::vector<PromSeries> result;
  std::optional<PromSample> scalar;  // resultType scalar or string
  bool operator==(const PromData&) const = default;
};
bool decode_field(Decoder& d, std::string_view key, JsonValue v, PromData& out);
Json encode(const PromData& v);

struct PromResponse {
  std::string status;  // success | error
  std::optional<PromData> data;
  std::string error_type;
  std::string error;
  std::vector<std::string> warnings;
  bool operator==(const PromResponse&) const = default;
};

template <class V, class S>
requires Of<S, PromSeries>
void fields(V& v, S& x) {
  v("metric", x.metric), v("values", x.values), v("value", x.value);
}
// Written as Prometheus does: a matrix series has "values", a vector series "value", never both;
// an error answer has no "data".
Json encode(const PromSeries& v);
Json encode(const PromResponse& v);
template <class V, class S>
requires Of<S, PromResponse>
void fields(V& v, S& x) {
  v("status", x.status), v("data", x.data), v("errorType", x.error_type), v("error", x.error);
  v("warnings", x.warnings);
}

}  // namespace metal::model
