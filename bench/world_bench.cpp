// The simulated world at scale (issue-4 budget: 100,000 servers load, tick and serve within 1 GB):
// seeding, an hour of simulated time, a page of servers and of volumes through the handler, a
// save and a restore; resident memory after each step. Prints JSON; asserts nothing.

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "sim/api_handler.hpp"
#include "sim/world.hpp"

using namespace metal;
using Clock = std::chrono::steady_clock;

namespace {

double ms_since(Clock::time_point t) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t).count();
}

// Resident and peak resident memory, MB (Linux; 0 elsewhere).
std::pair<double, double> memory_mb() {
  std::ifstream status("/proc/self/status");
  std::string line;
  double rss = 0, hwm = 0;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) rss = std::atof(line.c_str() + 6) / 1024;
    if (line.rfind("VmHWM:", 0) == 0) hwm = std::atof(line.c_str() + 6) / 1024;
  }
  return {rss, hwm};
}

}  // namespace

int main(int argc, char** argv) {
  const int servers = argc > 1 ? std::atoi(argv[1]) : 100'000;
  const auto start = *model::parse_timestamp("2026-11-01T09:00:00Z");
  std::printf("{\"servers\": %d", servers);
  auto report = [](const char* step, double ms) {
    const auto [rss, hwm] = memory_mb();
    std::printf(", \"%s_ms\": %.1f, \"%s_rss_mb\": %.0f, \"%s_peak_mb\": %.0f", step, ms, step, rss,
                step, hwm);
  };

  auto t = Clock::now();
  sim::World world(sim::WorldConfig{7, servers, start});
  report("seed", ms_since(t));

  t = Clock::now();
  for (int minute = 1; minute <= 60; ++minute)  // an hour, a tick a minute
    world.advance_to(model::Timestamp{start.micros + minute * 60'000'000ll});
  report("tick_hour", ms_since(t));
  std::printf(", \"transitions_in_flight\": %zu", world.fleet().transitioning_count());

  sim::ApiHandler handler(world);
  api::Request request;
  request.headers.emplace_back("X-Auth-Token", world.tenancy().api_keys().front().secret_key);
  request.target = "/instance/v1/zones/fr-par-1/servers?per_page=100&page=7";
  t = Clock::now();
  const auto page = handler.handle(request);
  report("server_page", ms_since(t));
  request.target = "/instance/v1/zones/fr-par-1/volumes?per_page=100";
  t = Clock::now();
  const auto volumes = handler.handle(request);
  report("volume_page", ms_since(t));
  std::printf(", \"page_bytes\": %zu, \"volume_page_bytes\": %zu", page.body.size(),
              volumes.body.size());

  // Both save formats: JSON (the sandbox's file) and bytes (the browser demo's IndexedDB copy).
  bool all_restored = true;
  struct Format {
    const char* save_name;
    const char* restore_name;
    std::string (sim::World::*save)() const;
  };
  for (const Format& format : {Format{"save", "restore", &sim::World::save},
                               Format{"binary_save", "binary_restore", &sim::World::save_binary}}) {
    const char* name = format.save_name;
    t = Clock::now();
    const std::string saved = (world.*format.save)();
    report(name, ms_since(t));
    std::printf(", \"%s_bytes\": %zu", name, saved.size());
    t = Clock::now();
    auto restored = sim::World::restore(saved);
    report(format.restore_name, ms_since(t));
    if (!restored) {
      std::fprintf(stderr, "restore refused the %s world: %s\n", name, restored.error().c_str());
      all_restored = false;
    }
  }
  std::printf(", \"restored\": %s}\n", all_restored ? "true" : "false");
  return all_restored ? 0 : 1;
}
