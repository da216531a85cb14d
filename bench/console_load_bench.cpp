// Where the time goes when the console loads a big fleet from the offline demo: the simulator
// answering pages, JSON decoding, the store taking rows, and the list view re-filtering/sorting.
// Built natively and as WebAssembly (run under node); prints one JSON line. Measures, asserts
// nothing.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "api/http.hpp"
#include "model/server.hpp"
#include "sim/api_handler.hpp"
#include "state/server_store.hpp"
#include "state/server_view.hpp"

using namespace metal;
using Clock = std::chrono::steady_clock;

namespace {
double ms_since(Clock::time_point start) {
  return std::chrono::duration<double, std::milli>(Clock::now() - start).count();
}
}  // namespace

int main(int argc, char** argv) {
  const int servers = argc > 1 ? std::atoi(argv[1]) : 100000;
  const auto start = model::Timestamp{1'790'000'000'000'000};

  auto t0 = Clock::now();
  sim::World world(sim::WorldConfig{7, servers, start});
  const double world_ms = ms_since(t0);
  sim::ApiHandler handler(world);

  std::vector<std::string> bodies;
  std::size_t bytes = 0;
  t0 = Clock::now();
  for (const std::string& zone : world.active_zones()) {
    for (int page = 1;; ++page) {
      api::Request request;
      request.target =
          "/instance/v1/zones/" + zone + "/servers?page=" + std::to_string(page) + "&per_page=100";
      request.headers.emplace_back("X-Auth-Token", world.api_keys().front().secret_key);
      api::Response response = handler.handle(request);
      if (response.body.size() < 20) break;  // {"servers":[]}
      bytes += response.body.size();
      bodies.push_back(std::move(response.body));
    }
  }
  const double answer_ms = ms_since(t0);

  std::vector<model::ServerList> lists;
  lists.reserve(bodies.size());
  t0 = Clock::now();
  for (const std::string& body : bodies)
    lists.push_back(std::move(model::decode_text<model::ServerList>(body)).value());
  const double decode_ms = ms_since(t0);

  state::ServerStore store;
  t0 = Clock::now();
  for (const auto& list : lists)
    for (const auto& server : list.servers)
      store.upsert(state::make_row(server));
  const double ingest_ms = ms_since(t0);

  state::ServerView view;
  state::ServerQuery query;
  t0 = Clock::now();
  view.refresh(store, query);
  const double refresh_ms = ms_since(t0);
  query.text = "web prod";
  t0 = Clock::now();
  view.refresh(store, query);
  const double filter_ms = ms_since(t0);
  query.text.clear();
  query.sort = state::ServerColumn::name;
  t0 = Clock::now();
  view.refresh(store, query);
  const double sort_name_ms = ms_since(t0);

  std::printf(
      "{\"servers\": %d, \"pages\": %zu, \"json_mb\": %.1f, \"world_ms\": %.0f, \"answer_ms\": "
      "%.0f, "
      "\"decode_ms\": %.0f, \"decode_mb_per_s\": %.1f, \"ingest_ms\": %.0f, \"view_refresh_ms\": "
      "%.1f, "
      "\"view_filter_ms\": %.1f, \"view_sort_by_name_ms\": %.1f, \"rows\": %zu}\n",
      servers, bodies.size(), static_cast<double>(bytes) / 1e6, world_ms, answer_ms, decode_ms,
      static_cast<double>(bytes) / 1e6 / (decode_ms / 1000.0), ingest_ms, refresh_ms, filter_ms,
      sort_name_ms, store.size());
  return 0;
}
