#include "prometheus.hpp"

#include <cmath>
#include <cstdlib>

#include "json_decode.hpp"
#include "model/decimal.hpp"

namespace metal::model {
namespace {

// Prometheus's own spellings of the special values, and plain decimals.
std::optional<double> parse_sample_value(const std::string& text) {
  if (text == "NaN") return std::nan("");
  if (text == "+Inf" || text == "Inf") return HUGE_VAL;
  if (text == "-Inf") return -HUGE_VAL;
  if (text.empty() || text.size() > 64) return std::nullopt;
  return parse_decimal(text);
}

}  // namespace

void read(Decoder& d, JsonValue v, PromSample& out) {
  std::size_t parts = 0;
  for_each_element(d, v, "a [time, \"value\"] pair", [&](std::size_t index, JsonValue& item) {
    ++parts;
    if (index == 0) return read(d, item, out.time);
    if (index > 1) return d.fail("a sample has two parts: time and value");
    read(d, item, out.text);
    if (d.failed()) return;
    auto value = parse_sample_value(out.text);
    if (!value) return d.fail("expected a number as text, got \"" + out.text.substr(0, 30) + "\"");
    out.value = *value;
  });
  if (!d.failed() && parts != 2) d.fail("a sample has two parts: time and value");
}

Json encode(const PromSample& v) {
  return Json::array({v.time, v.text});
}

bool decode_field(Decoder& d, std::string_view key, JsonValue v, PromData& out) {
  if (key == "resultType") return read(d, v, out.result_type), true;
  if (key != "result") return false;
  // Prometheus writes resultType first; scalars and strings are a bare sample, not a list.
  if (out.result_type == "scalar" || out.result_type == "string") {
    PromSample sample;
    if (out.result_type == "string") {
      // ["time", "text"] where the text is not a number: keep it, do not parse it.
      for_each_element(d, v, "a [time, \"value\"] pair", [&](std::size_t index, JsonValue& item) {
        if (index == 0)
          read(d, item, sample.time);
        else
          read(d, item, sample.text);
      });
    } else {
      read(d, v, sample);
    }
    out.scalar = std::move(sample);
    return true;
  }
  read(d, v, out.result);
  return true;
}

Json encode(const PromData& v) {
  Json out{{"resultType", v.result_type}};
  if (v.scalar)
    out["result"] = encode(*v.scalar);
  else
    out["result"] = to_json(v.result);
  return out;
}

Json encode(const PromSeries& v) {
  Json out{{"metric", to_json(v.metric)}};
  if (v.value)
    out["value"] = encode(*v.value);
  else
    out["values"] = to_json(v.values);
  return out;
}

Json encode(const PromResponse& v) {
  Json out{{"status", v.status}};
  if (v.data) out["data"] = encode(*v.data);
  if (!v.error_type.empty()) out["errorType"] = v.error_type;
  if (!v.error.empty()) out["error"] = v.error;
  if (!v.warnings.empty()) out["warnings"] = to_json(v.warnings);
  return out;
}

template Expected<PromResponse, DecodeError> decode_text<PromResponse>(std::string_view,
                                                                       std::size_t);

}  // namespace metal::model
