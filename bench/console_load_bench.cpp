// Where the time goes when the console loads a big fleet from the offline demo: the simulator
// answering pages, JSON decoding, the store taking rows, and the list view re-filtering/sorting.
// Built natively and as WebAssembly (run under node); prints one JSON line. Measures, asserts
// nothing.

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "api/http.hpp"
#include "api/metrics_client.hpp"
#include "model/server.hpp"
#include "sim/api_handler.hpp"
#include "sim/sim_transport.hpp"
#include "state/metrics_range.hpp"
#include "state/servers/server_metrics.hpp"
#include "state/servers/server_store.hpp"
#include "state/servers/server_view.hpp"

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
  sim::ApiHandler handler(world, sim::AnswerCaching::one_client());  // as the demo answers

  std::vector<std::string> bodies;
  std::size_t bytes = 0;
  t0 = Clock::now();
  for (const std::string& zone : world.fleet().zones()) {
    for (int page = 1;; ++page) {
      api::Request request;
      request.target =
          "/instance/v1/zones/" + zone + "/servers?page=" + std::to_string(page) + "&per_page=100";
      request.headers.emplace_back("X-Auth-Token", world.tenancy().api_keys().front().secret_key);
      api::Response response = handler.handle(request);
      if (response.body.size() < 20) break;  // {"servers":[]}
      bytes += response.body.size();
      bodies.push_back(std::move(response.body));
    }
  }
  const double answer_ms = ms_since(t0);

  // Whole servers (what metalctl and a server's detail read), then what the console's list reads.
  t0 = Clock::now();
  for (const std::string& body : bodies)
    if (!model::decode_text<model::ServerList>(body)) std::exit(1);
  const double decode_whole_ms = ms_since(t0);
  std::vector<model::ServerItemList> lists;
  lists.reserve(bodies.size());
  t0 = Clock::now();
  for (const std::string& body : bodies)
    lists.push_back(std::move(model::decode_text<model::ServerItemList>(body)).value());
  const double decode_ms = ms_since(t0);

  state::ServerStore store;
  t0 = Clock::now();
  for (auto& list : lists)
    for (auto& server : list.servers)
      store.upsert(state::make_row(std::move(server)));
  const double ingest_ms = ms_since(t0);

  state::ServerView view;
  state::ServerQuery query;
  t0 = Clock::now();
  view.refresh(store, query);
  const double refresh_ms = ms_since(t0);
  // A poll's worth of changes (200 servers changed state): what the list redraws on.
  for (std::uint32_t i = 0; i < 200; ++i) {
    state::ServerRow row = store.rows()[(i * 7919u) % store.size()];
    row.state = row.state == model::ServerState::running ? model::ServerState::stopping
                                                         : model::ServerState::starting;
    store.upsert(std::move(row));
  }
  t0 = Clock::now();
  view.refresh(store, query);
  const double update_ms = ms_since(t0);
  query.text = "web prod";
  t0 = Clock::now();
  view.refresh(store, query);
  const double filter_ms = ms_since(t0);
  query.text.clear();
  query.sort = state::ServerColumn::name;
  t0 = Clock::now();
  view.refresh(store, query);
  const double sort_name_ms = ms_since(t0);

  // A server's three charts, as its metrics tab asks for them: the simulator's answers, the
  // client's decoding and the charts' pyramids, for the shortest and the longest range.
  auto charts_ms = [&](state::MetricsRange range) {
    sim::SimTransport transport(handler);
    api::MetricsClient client(transport,
                              api::Credentials{world.tenancy().api_keys().front().secret_key},
                              api::MetricsEndpoint{});
    state::ServerMetrics metrics(client, 60);
    const auto t = Clock::now();
    // A server running for longer than the range, so every chart has a line.
    const auto month_ago = model::Timestamp{start.micros - 31 * 86'400'000'000ll};
    const auto running =
        std::find_if(store.rows().begin(), store.rows().end(), [&](const state::ServerRow& row) {
          return row.state == model::ServerState::running && row.created.micros < month_ago.micros;
        });
    if (running == store.rows().end()) {
      std::fprintf(stderr, "no server has run for a month\n");
      std::exit(1);
    }
    metrics.show(running->id, range, start.seconds());
    transport.pump([] { return false; });
    const double ms = ms_since(t);
    for (const state::ChartData& chart : metrics.charts())
      if (!chart.error.empty() || chart.lines.empty()) {
        std::fprintf(stderr, "chart %s: %s\n", chart.title.c_str(),
                     chart.error.empty() ? "no lines" : chart.error.c_str());
        std::exit(1);
      }
    return ms;
  };
  const double charts_1h_ms = charts_ms(state::MetricsRange::last_1h);
  const double charts_30d_ms = charts_ms(state::MetricsRange::last_30d);

  std::printf(
      "{\"servers\": %d, \"pages\": %zu, \"json_mb\": %.1f, \"world_ms\": %.0f, \"answer_ms\": "
      "%.0f, "
      "\"decode_whole_ms\": %.0f, \"decode_ms\": %.0f, \"decode_mb_per_s\": %.1f, \"ingest_ms\": "
      "%.0f, \"view_refresh_ms\": "
      "%.1f, \"view_update_200_ms\": %.1f, "
      "\"view_filter_ms\": %.1f, \"view_sort_by_name_ms\": %.1f, \"charts_1h_ms\": %.1f, "
      "\"charts_30d_ms\": %.1f, \"rows\": %zu}\n",
      servers, bodies.size(), static_cast<double>(bytes) / 1e6, world_ms, answer_ms,
      decode_whole_ms, decode_ms, static_cast<double>(bytes) / 1e6 / (decode_ms / 1000.0),
      ingest_ms, refresh_ms, update_ms, filter_ms, sort_name_ms, charts_1h_ms, charts_30d_ms,
      store.size());
  return 0;
}
