// Decoding a list of 10,000 servers shaped like the recorded ones (issue budget: native >= 300
// MB/s; as WebAssembly >= 0.5x node's own JSON.parse on the same bytes, measured in the same run).
// Prints one JSON line with medians of several runs. Measures, asserts nothing.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "model/server.hpp"
#include "sim/world.hpp"

#ifdef __EMSCRIPTEN__
#include <emscripten/emscripten.h>
// The baseline: the JavaScript engine's own JSON.parse on the very same bytes.
// (The body is JavaScript, which clang-format would mangle.)
// clang-format off
EM_JS(double, js_json_parse_ms, (const char* text, int length), {
  const body = UTF8ToString(text, length);
  JSON.parse(body);
  const start = performance.now();
  const parsed = JSON.parse(body);
  const elapsed = performance.now() - start;
  if (!parsed.servers || parsed.servers.length === 0) throw new Error("JSON.parse saw no servers");
  return elapsed;
});
// clang-format on
#endif

using namespace metal;
using Clock = std::chrono::steady_clock;

namespace {
double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
}  // namespace

int main(int argc, char** argv) {
  const int servers = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int runs = argc > 2 ? std::atoi(argv[2]) : 7;
  sim::World world(sim::WorldConfig{7, servers, model::Timestamp{1'790'000'000'000'000}});
  model::ServerList list;
  for (const std::string& zone : world.fleet().zones())
    for (auto& s :
         world.list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 1 << 30).servers)
      list.servers.push_back(std::move(s));
  const std::string body = model::encode(list).dump();
  const double mb = static_cast<double>(body.size()) / 1e6;

  std::vector<double> ours;
  for (int i = 0; i < runs; ++i) {
    const auto start = Clock::now();
    auto decoded = model::decode_text<model::ServerList>(body);
    const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    if (!decoded || decoded->servers.size() != static_cast<std::size_t>(servers)) {
      std::fprintf(stderr, "decode failed: %s\n",
                   decoded ? "wrong count" : decoded.error().to_string().c_str());
      return 1;
    }
    ours.push_back(ms);
  }
  const double ours_mb_s = mb / (median(ours) / 1000.0);
#ifdef __EMSCRIPTEN__
  std::vector<double> js;
  for (int i = 0; i < runs; ++i)
    js.push_back(js_json_parse_ms(body.data(), static_cast<int>(body.size())));
  const double js_mb_s = mb / (median(js) / 1000.0);
  std::printf(
      "{\"target\": \"wasm\", \"servers\": %d, \"mb\": %.1f, \"decode_ms\": %.1f, "
      "\"decode_mb_per_s\": %.0f, "
      "\"json_parse_ms\": %.1f, \"json_parse_mb_per_s\": %.0f, \"ratio\": %.2f}\n",
      servers, mb, median(ours), ours_mb_s, median(js), js_mb_s, ours_mb_s / js_mb_s);
#else
  std::printf(
      "{\"target\": \"native\", \"servers\": %d, \"mb\": %.1f, \"decode_ms\": %.1f, "
      "\"decode_mb_per_s\": %.0f}\n",
      servers, mb, median(ours), ours_mb_s);
#endif
  return 0;
}
