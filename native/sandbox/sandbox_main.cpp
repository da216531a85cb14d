// metal-sandbox: the simulated cloud over real HTTP, with the real API's routes, shapes, headers
// and errors (the same ApiHandler the in-process demo uses). Binds 127.0.0.1 by default.

#include <utility>  // before Boost 1.74's asio, which uses std::exchange without it

#include <boost/asio.hpp>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "http_server.hpp"
#include "proxy.hpp"
#include "serial_socket.hpp"
#include "sim/api_handler.hpp"
#include "sim/demo_cloud.hpp"
#include "sim/demo_options.hpp"
#include "sim/faults.hpp"
#include "sim/serial_console.hpp"
#include "sim/world.hpp"
#include "state_file.hpp"

namespace {

using namespace metal;

constexpr const char* kUsage = R"(metal-sandbox: a simulated cloud, served over HTTP.

Usage: metal-sandbox [options]

Answers the public API's routes (Instance v1 servers, actions...) from a seeded simulated world.
At start it prints one line per API key: key <secret> org=<id> project=<id> role=<role>,
then: listening on http://HOST:PORT

Options:
  --listen HOST:PORT   where to listen (default 127.0.0.1:8081; port 0 picks a free one)
  --seed N             seed of the world: the same seed gives the same world (default 1)
  --servers N          servers in the world (0 to 200000; default 40)
  --clock-speed X      simulated seconds per real second (default 1)
  --start TIME         the simulated clock starts here (RFC 3339; default: now)
  --frozen-clock       time moves only when an admin key POSTs /sandbox/v1/clock
                       {"advance_seconds": N} (deterministic tests)
  --state FILE         load the world from FILE at start (when it exists) and save it there,
                       atomically, whenever it changes and on shutdown
  --serve-web DIR      also serve the static console from DIR, same origin as the API
  --proxy URL          forward API paths to the API at URL instead of the simulated world (with
                       --serve-web: a browser console reaches a real API from one origin)
  --cors-origin ORIGIN answer CORS requests from this origin (default: none)
  --faults SPEC         faults on demand, e.g. "error_rate=0.05,rate_limit=0.02,latency_ms=80,
                       stuck=0.1,failed_nodes=2" (503s, 429s, added latency, transitions that
                       never finish, nodes in use per zone that fail and stop their servers);
                       an admin key changes them with PUT /sandbox/v1/faults {"faults": SPEC}
  --max-body BYTES     largest request body accepted (default 1048576)
  --threads N          network threads (default: the machine's cores); the world itself is
                       changed by one request at a time
  --help               this help
)";

[[noreturn]] void fail_usage(const std::string& message) {
  std::fprintf(stderr, "metal-sandbox: %s\nRun 'metal-sandbox --help' for the options.\n",
               message.c_str());
  std::exit(2);
}

struct Options {
  sim::DemoOptions world;
  std::optional<model::Timestamp> start;
  bool frozen = false;
  std::string state_file;
  std::string proxy;
  int threads = 0;
  sim::Faults faults;
  native::HttpServerOptions http;
};

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) fail_usage(arg + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (arg == "--listen") {
      const std::string listen = value();
      const auto colon = listen.rfind(':');
      if (colon == std::string::npos || colon == 0)
        fail_usage("--listen wants HOST:PORT, got \"" + listen.substr(0, 60) + "\"");
      options.http.host = listen.substr(0, colon);
      if (options.http.host.size() > 2 && options.http.host.front() == '[')
        options.http.host = options.http.host.substr(1, options.http.host.size() - 2);
      char* end = nullptr;
      const long port = std::strtol(listen.c_str() + colon + 1, &end, 10);
      if (*end != '\0' || colon + 1 == listen.size() || port < 0 || port > 65535)
        fail_usage("--listen: \"" + listen.substr(colon + 1, 20) + "\" is not a port (0-65535)");
      options.http.port = static_cast<std::uint16_t>(port);
    } else if (arg == "--seed" || arg == "--servers" || arg == "--clock-speed") {
      const std::string name = arg == "--clock-speed" ? "speed" : arg.substr(2);
      if (auto problem = sim::apply_demo_option(options.world, name, value())) fail_usage(*problem);
    } else if (arg == "--start") {
      const std::string text = value();
      options.start = model::parse_timestamp(text);
      if (!options.start)
        fail_usage("--start: \"" + text.substr(0, 40) +
                   "\" is not a time like 2026-11-01T09:00:00Z");
    } else if (arg == "--proxy") {
      options.proxy = value();
      if (!options.proxy.starts_with("http://") && !options.proxy.starts_with("https://"))
        fail_usage("--proxy wants an http:// or https:// URL");
      while (options.proxy.ends_with("/"))
        options.proxy.pop_back();
    } else if (arg == "--faults") {
      auto faults = sim::parse_faults(value());
      if (!faults) fail_usage("--faults: " + faults.error());
      options.faults = *faults;
    } else if (arg == "--threads") {
      const std::string text = value();
      char* end = nullptr;
      const long n = std::strtol(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || n < 1 || n > 64)
        fail_usage("--threads: expected a number from 1 to 64");
      options.threads = static_cast<int>(n);
    } else if (arg == "--state") {
      options.state_file = value();
    } else if (arg == "--frozen-clock") {
      options.frozen = true;
    } else if (arg == "--serve-web") {
      options.http.web_root = value();
    } else if (arg == "--cors-origin") {
      options.http.cors_origin = value();
    } else if (arg == "--max-body") {
      const std::string text = value();
      char* end = nullptr;
      const long long bytes = std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || bytes < 1024 || bytes > (64ll << 20))
        fail_usage("--max-body: expected bytes between 1024 and 67108864");
      options.http.max_body_bytes = static_cast<std::size_t>(bytes);
    } else {
      fail_usage("unknown option \"" + arg.substr(0, 40) + "\"");
    }
  }
  return options;
}

model::Timestamp wall_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return model::Timestamp{
      std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

// Paths the API answers; with --serve-web everything else is a file of the console.
bool is_api_path(std::string_view path) {
  for (std::string_view prefix : {"/instance/", "/account/", "/iam/", "/billing/", "/cockpit/",
                                  "/marketplace/", "/product-catalog/", "/api/v1/"})
    if (path.starts_with(prefix)) return true;
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  if (!options.proxy.empty()) native::init_proxy();
  const model::Timestamp real_start = wall_now();
  const model::Timestamp start = options.start.value_or(real_start);
  const double speed = options.frozen ? 0.0 : options.world.clock_speed;
  sim::World world(sim::WorldConfig{options.world.seed, options.world.servers, start});
  if (!options.state_file.empty()) {
    const native::StateRead saved = native::read_state_file(options.state_file);
    if (!saved.error.empty()) {
      std::fprintf(stderr, "metal-sandbox: %s\n", saved.error.c_str());
      return 1;
    }
    if (saved.text) {
      auto restored = sim::World::restore(*saved.text);
      if (!restored) {
        // Never overwrite what could not be read: the user may want it back.
        std::fprintf(stderr, "metal-sandbox: %s: %s\n", options.state_file.c_str(),
                     restored.error().c_str());
        return 1;
      }
      world = std::move(restored).value();
      std::fprintf(stderr, "metal-sandbox: world restored from %s (%zu servers)\n",
                   options.state_file.c_str(), world.fleet().server_count());
    }
  }
  std::uint64_t saved_changes = ~0ull;
  // Writes `snapshot` (the world, or a copy of it) and remembers how far it had got.
  auto save = [&](const sim::World& snapshot) {
    if (const std::string problem = native::write_state_file(options.state_file, snapshot.save());
        !problem.empty())
      std::fprintf(stderr, "metal-sandbox: could not save the world: %s\n", problem.c_str());
    else
      saved_changes = snapshot.changes();
  };
  auto save_if_changed = [&] {
    if (!options.state_file.empty() && world.changes() != saved_changes) save(world);
  };
  save_if_changed();

  // Simulated now = where the world is at start (the seed's start, or where a saved world had got
  // to) + real time elapsed x speed. Frozen: only what admins add through /sandbox/v1/clock.
  const model::Timestamp clock_start = world.now();
  auto sim_now = [&] {
    const double elapsed = static_cast<double>(wall_now().micros - real_start.micros) * speed;
    return model::Timestamp{clock_start.micros + static_cast<std::int64_t>(elapsed)};
  };

  sim::ApiHandler handler(world);
  handler.set_faults(options.faults);
  std::mutex world_mutex;  // the world and its handler: one request (or tick) at a time

  boost::asio::io_context io;
  const bool serve_files = !options.http.web_root.empty();
  native::HttpServerOptions http = options.http;
  // The serial console: a key that may see the server, in the zone of the websocket's path.
  http.serial_websocket = [&](boost::beast::tcp_stream stream,
                              boost::beast::http::request<boost::beast::http::string_body> request,
                              std::string zone) {
    native::start_serial_session(
        std::move(stream), std::move(request), std::move(zone),
        [&](const std::string& secret, const std::string& in_zone, const std::string& id) {
          const std::lock_guard lock(world_mutex);
          return sim::open_serial_console(world, secret, in_zone, id);
        });
  };
  http.api_latency_ms = [&] {
    const std::lock_guard lock(world_mutex);
    return handler.faults().latency_ms;
  };
  native::HttpServer server(
      io, http,
      [&](const api::Request& request) {
        if (!options.proxy.empty()) return native::forward_request(options.proxy, request, false);
        const std::lock_guard lock(world_mutex);
        world.advance_to(sim_now());  // answers reflect this instant
        return handler.handle(request);
      },
      [serve_files](std::string_view path) { return !serve_files || is_api_path(path); });
  if (const std::string problem = server.start(); !problem.empty()) {
    std::fprintf(stderr, "metal-sandbox: %s\n", problem.c_str());
    return 1;
  }

  for (const sim::ApiKey& key : world.tenancy().api_keys())
    std::printf("key %s org=%s project=%s role=%s\n", key.secret_key.c_str(),
                key.organization_id.c_str(), key.project_id.c_str(),
                std::string(sim::to_string(key.role)).c_str());
  const bool v6 = options.http.host.find(':') != std::string::npos;
  std::printf("listening on http://%s%s%s:%u\n", v6 ? "[" : "", options.http.host.c_str(),
              v6 ? "]" : "", server.port());
  std::fflush(stdout);

  // The world moves on its own between requests too (transitions finish, tasks end).
  boost::asio::steady_timer ticker(io);
  std::function<void()> tick = [&] {
    ticker.expires_after(std::chrono::milliseconds(100));
    ticker.async_wait([&](const boost::system::error_code& ec) {
      if (ec) return;
      const std::lock_guard lock(world_mutex);
      world.advance_to(sim_now());
      tick();
    });
  };
  tick();

  // SIGINT/SIGTERM: stop accepting, let answers in progress go out, then leave.
  boost::asio::signal_set signals(io, SIGINT, SIGTERM);
  boost::asio::steady_timer grace(io);
  signals.async_wait([&](const boost::system::error_code& ec, int) {
    if (ec) return;
    server.stop();
    ticker.cancel();
    grace.expires_after(std::chrono::milliseconds(500));
    grace.async_wait([&](const boost::system::error_code&) { io.stop(); });
  });
  // The network on several threads; answers that are computed wait for the world in turn, but
  // reading requests and writing answers (most of the time for big pages) go on in parallel.
  const int threads = options.threads > 0
                          ? options.threads
                          : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  for (int i = 1; i < threads; ++i)
    workers.emplace_back([&io] { io.run(); });

  // Saving, at most once a second: the world is copied under the lock (about 150 ms at 100,000
  // servers), then encoded and written on this thread (about 2.3 s at 100,000) while requests
  // go on. The file on disk is always a whole world: see write_state_file.
  std::mutex saver_mutex;
  std::condition_variable saver_wake;
  bool saver_stop = false;
  std::thread saver;
  if (!options.state_file.empty())
    saver = std::thread([&] {
      std::unique_lock wait_lock(saver_mutex);
      while (!saver_wake.wait_for(wait_lock, std::chrono::seconds(1), [&] { return saver_stop; })) {
        std::optional<sim::World> snapshot;
        {
          const std::lock_guard lock(world_mutex);
          if (world.changes() != saved_changes) snapshot.emplace(world);
        }
        if (snapshot) save(*snapshot);
      }
    });

  io.run();
  for (std::thread& worker : workers)
    worker.join();
  if (saver.joinable()) {
    {
      const std::lock_guard lock(saver_mutex);
      saver_stop = true;
    }
    saver_wake.notify_all();
    saver.join();
  }
  save_if_changed();  // what changed since the last save, now that nothing else runs
  std::fprintf(stderr, "metal-sandbox: stopped after %llu requests\n",
               static_cast<unsigned long long>(server.requests_served()));
  return 0;
}
