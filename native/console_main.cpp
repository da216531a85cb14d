// metal-console: the desktop admin app. The same console as the web, in a GLFW + OpenGL 3
// window, on the offline demo (the default) or against an API over libcurl (--api, --profile,
// or SCW_API_URL), with requests on a worker thread.

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "api/zones.hpp"
#include "curl_worker.hpp"
#include "demo_thread.hpp"
#include "serial_websocket.hpp"
#include "settings_file.hpp"
#include "sim/demo_options.hpp"
#include "ui/console_app.hpp"
#include "ui/demo_link.hpp"
#include "ui/fonts.hpp"
#include "ui/test_anchors.hpp"

namespace {

using Clock = std::chrono::steady_clock;
const Clock::time_point kProcessStart = Clock::now();

constexpr const char* kUsage = R"(metal-console: Metal Console, the desktop app.

Usage: metal-console [options]

Runs the console on the offline demo (a simulated cloud inside the app, no server needed), or
against an API: the secret key comes from SCW_SECRET_KEY or the scw config (never a flag, so it
stays out of shell history and process lists).

Options:
  --api URL          the API to use, e.g. http://127.0.0.1:8081 (the sandbox) or
                     https://api.scaleway.com; SCW_API_URL or the profile's api_url otherwise
  --profile NAME     use this profile of the scw config (its key, URL and zone)
  --servers N        servers in the demo world (0 to 200000; default 40)
  --seed S           seed of the demo world: the same seed gives the same world (default 1)
  --clock-speed X    simulated seconds per real second (default 1; 10 makes transitions quick)
  --faults SPEC      a bad day in the demo, e.g. "latency_ms=300,error_rate=0.05,stuck=0.1"
  --route HASH       open this view, e.g. "#/servers?state=running&sort=name"
  --frames N         draw N frames, then exit cleanly (for smoke tests)
  --print-status     print the console's status as one JSON line on exit
  --print-anchors    print where named controls were drawn, as one JSON line on exit
  --report FILE      keep FILE updated (5 times a second) with the status, where named controls
                     are drawn and the first visible rows, as JSON: what UI tests read to click
  --size WxH         window size in pixels (default 1280x800)
  --help             show this help
)";

struct Options {
  metal::sim::DemoOptions demo;
  bool demo_asked = false;  // a demo option was given
  metal::native::SettingFlags api;
  bool api_asked = false;  // --api or --profile
  long long frames = -1;
  bool print_status = false;
  bool print_anchors = false;
  int width = 1280;
  int height = 800;
  std::string route;
  std::string report_path;
};

// Any input since the last frame, for the frame pacer. These callbacks are installed before
// ImGui's, which call them first and then do their own work.
bool g_input_seen = false;
void note_input(GLFWwindow*) {
  g_input_seen = true;
}

// SIGTERM and SIGINT close the window as its close button would: the app exits cleanly.
volatile std::sig_atomic_t g_stop_requested = 0;
extern "C" void request_stop(int) {
  g_stop_requested = 1;
}

// Written to a temporary file and renamed, so a reader never sees half of it.
void write_report(const std::string& path, const metal::ui::ConsoleApp& app,
                  const metal::ui::PlatformStatus& platform) {
  const std::string text = "{\"status\":" + app.status_json(platform) +
                           ",\"anchors\":" + metal::ui::anchors_json() +
                           ",\"rows\":" + app.rows_json(200) + "}\n";
  const std::string temporary = path + ".tmp";
  if (std::FILE* out = std::fopen(temporary.c_str(), "wb")) {
    const bool written = std::fwrite(text.data(), 1, text.size(), out) == text.size();
    if (std::fclose(out) == 0 && written) std::rename(temporary.c_str(), path.c_str());
  }
}

[[noreturn]] void fail_usage(const std::string& message) {
  std::fprintf(stderr, "metal-console: %s\nRun 'metal-console --help' for the options.\n",
               message.c_str());
  std::exit(2);
}

Options parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto value = [&]() -> std::string_view {
      if (i + 1 >= argc) fail_usage(std::string(arg) + " needs a value");
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      std::exit(0);
    } else if (arg == "--servers" || arg == "--seed" || arg == "--clock-speed" ||
               arg == "--faults") {
      const std::string_view name = arg == "--clock-speed" ? "speed" : arg.substr(2);
      if (auto problem = metal::sim::apply_demo_option(options.demo, name, value()))
        fail_usage(*problem);
      options.demo_asked = true;
    } else if (arg == "--api") {
      options.api.api_url = std::string(value());
      options.api_asked = true;
    } else if (arg == "--profile") {
      options.api.profile = std::string(value());
      options.api_asked = true;
    } else if (arg == "--frames") {
      const std::string text(value());
      char* end = nullptr;
      options.frames = std::strtoll(text.c_str(), &end, 10);
      if (text.empty() || *end != '\0' || options.frames < 1)
        fail_usage("--frames needs a positive whole number, not \"" + text + "\"");
    } else if (arg == "--print-status") {
      options.print_status = true;
    } else if (arg == "--print-anchors") {
      options.print_anchors = true;
    } else if (arg == "--report") {
      options.report_path = value();
    } else if (arg == "--route") {
      options.route = value();
    } else if (arg == "--size") {
      const std::string text(value());
      if (std::sscanf(text.c_str(), "%dx%d", &options.width, &options.height) != 2 ||
          options.width < 320 || options.height < 240 || options.width > 16384 ||
          options.height > 16384)
        fail_usage("--size needs WIDTHxHEIGHT in pixels (at least 320x240), not \"" + text + "\"");
    } else {
      fail_usage("unknown option \"" + std::string(arg) + "\"");
    }
  }
  if (options.api_asked && options.demo_asked)
    fail_usage(
        "demo options (--servers, --seed, --clock-speed, --faults) and an API (--api, "
        "--profile) exclude each other");
  // SCW_API_URL alone also means "use that API", as for the Scaleway CLI.
  if (!options.demo_asked && std::getenv("SCW_API_URL")) options.api_asked = true;
  return options;
}

metal::model::Timestamp wall_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return metal::model::Timestamp{
      std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

// The process's resident memory, from /proc (0 where there is none).
double resident_bytes() {
  std::FILE* statm = std::fopen("/proc/self/statm", "r");
  if (!statm) return 0;
  long long pages = 0, resident = 0;
  const int read = std::fscanf(statm, "%lld %lld", &pages, &resident);
  std::fclose(statm);
  return read == 2 ? static_cast<double>(resident) * static_cast<double>(sysconf(_SC_PAGESIZE)) : 0;
}

double seconds_since_start() {
  return std::chrono::duration<double>(Clock::now() - kProcessStart).count();
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);
  // The API's settings are resolved before a window opens: a bad profile is said at once.
  std::optional<metal::native::Settings> api_settings;
  if (options.api_asked) {
    std::string warning;
    auto settings = metal::native::load_settings(options.api, warning);
    if (!warning.empty()) std::fprintf(stderr, "metal-console: warning: %s\n", warning.c_str());
    if (!settings) fail_usage(settings.error());
    if (settings->secret_key.empty())
      fail_usage("no secret key for " + settings->api_url +
                 ": set SCW_SECRET_KEY or a profile's secret_key in the scw config");
    api_settings = std::move(settings).value();
  }

  glfwSetErrorCallback(
      [](int code, const char* text) { std::fprintf(stderr, "GLFW error %d: %s\n", code, text); });
  if (!glfwInit()) {
    std::fprintf(
        stderr,
        "metal-console: cannot open a window (no display? set DISPLAY or run under Xvfb)\n");
    return 1;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  GLFWwindow* window =
      glfwCreateWindow(options.width, options.height, "Metal Console", nullptr, nullptr);
  if (!window) {
    std::fprintf(stderr, "metal-console: cannot create an OpenGL 3.3 window\n");
    glfwTerminate();
    return 1;
  }
  glfwMakeContextCurrent(window);
  glfwSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename =
      nullptr;  // layout comes from the route, not a file beside the binary
  glfwSetCursorPosCallback(window, [](GLFWwindow* w, double, double) { note_input(w); });
  glfwSetMouseButtonCallback(window, [](GLFWwindow* w, int, int, int) { note_input(w); });
  glfwSetScrollCallback(window, [](GLFWwindow* w, double, double) { note_input(w); });
  glfwSetKeyCallback(window, [](GLFWwindow* w, int, int, int, int) { note_input(w); });
  glfwSetCharCallback(window, [](GLFWwindow* w, unsigned int) { note_input(w); });
  glfwSetWindowSizeCallback(window, [](GLFWwindow* w, int, int) { note_input(w); });
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  float scale_x = 1, scale_y = 1;
  glfwGetWindowContentScale(window, &scale_x, &scale_y);

  // The desktop's sessions: the demo on a thread of its own, or an API over libcurl (requests on
  // a worker thread, serial consoles over Beast); what each answered is taken in once per frame.
  class ApiLink final : public metal::ui::SessionLink {
   public:
    explicit ApiLink(const metal::native::Settings& api)
        : api_(api),
          network_(curl_options(api), [] { glfwPostEmptyEvent(); }),
          serial_(api.api_url, api.insecure, [] { glfwPostEmptyEvent(); }) {}
    ~ApiLink() override { std::fill(api_.secret_key.begin(), api_.secret_key.end(), '\0'); }
    void deliver() override { network_.deliver(); }
    metal::api::Transport& transport() override { return network_; }
    metal::api::SerialConnector* serial() override { return &serial_; }
    metal::api::Credentials credentials() const override { return {api_.secret_key}; }
    std::vector<std::string> zones() const override { return metal::api::all_zones(); }
    std::string kind() const override { return api_.api_url; }
    void describe(metal::ui::ShellInfo& shell) const override {
      shell.session_label = api_.api_url + (api_.profile.empty() ? "" : " (" + api_.profile + ")");
      shell.on_demo = false;
    }

   private:
    static metal::native::CurlOptions curl_options(const metal::native::Settings& api) {
      metal::native::CurlOptions curl;
      curl.api_url = api.api_url;
      curl.insecure = api.insecure;
      return curl;
    }
    metal::native::Settings api_;
    metal::native::CurlWorker network_;
    metal::native::BeastSerialConnector serial_;
  };
  // The demo's thread outlives the link's transport: declared first, destroyed last.
  struct DemoSession {
    metal::native::DemoThread thread;
    metal::ui::DemoLink link;
    explicit DemoSession(const metal::sim::DemoOptions& options)
        : thread(options, [] { glfwPostEmptyEvent(); }),
          link([this](std::string bytes) { thread.post(std::move(bytes)); },
               [this](metal::ui::DemoLink& self) {
                 for (const std::string& bytes : thread.take())
                   self.receive(bytes);
               }) {}
  };
  class DemoSessionLink final : public metal::ui::SessionLink {
   public:
    explicit DemoSessionLink(const metal::sim::DemoOptions& options)
        : session_(std::make_unique<DemoSession>(options)) {}
    ~DemoSessionLink() override {
      // The link goes first (its sockets say goodbye through the thread), then the thread.
      session_.reset();
    }
    void deliver() override { session_->link.deliver(); }
    bool ready() const override { return session_->link.ready(); }
    metal::api::Transport& transport() override { return session_->link.transport(); }
    metal::api::SerialConnector* serial() override { return session_->link.serial(); }
    metal::api::Credentials credentials() const override { return session_->link.credentials(); }
    std::vector<std::string> zones() const override { return session_->link.zones(); }
    metal::model::Timestamp clock(metal::model::Timestamp wall) const override {
      return session_->link.clock(wall);
    }
    std::string kind() const override { return "demo"; }
    void describe(metal::ui::ShellInfo& shell) const override { session_->link.describe(shell); }
    void report(metal::model::Json& status) const override { session_->link.report(status); }
    bool reset() override { return session_->link.reset(); }
    std::uint64_t generation() const override { return session_->link.generation(); }
    std::vector<std::string> take_notices() override { return session_->link.take_notices(); }

   private:
    std::unique_ptr<DemoSession> session_;
  };
  class DesktopPlatform final : public metal::ui::Platform {
   public:
    explicit DesktopPlatform(const Options& options) : options_(options) {}
    metal::Expected<std::unique_ptr<metal::ui::SessionLink>, std::string> open(
        const metal::state::SessionChoice& choice) override {
      if (choice.demo && choice.profile.empty())
        return std::unique_ptr<metal::ui::SessionLink>(
            std::make_unique<DemoSessionLink>(options_.demo));
      metal::native::Settings settings;
      if (!choice.profile.empty()) {
        // A profile: resolved as --profile would be (its key, URL and zone from the file).
        metal::native::SettingFlags flags;
        flags.profile = choice.profile;
        std::string warning;
        auto loaded = metal::native::load_settings(flags, warning);
        if (!loaded) return metal::Unexpected{loaded.error()};
        if (loaded->secret_key.empty())
          return metal::Unexpected{"the profile " + choice.profile + " has no secret_key"};
        settings = std::move(loaded).value();
      } else {
        settings.api_url =
            choice.api_url.empty() ? std::string("https://api.scaleway.com") : choice.api_url;
        settings.secret_key = choice.secret_key;
      }
      return std::unique_ptr<metal::ui::SessionLink>(std::make_unique<ApiLink>(settings));
    }
    /// The API named on the command line, already resolved (its key never passes through a choice).
    std::unique_ptr<metal::ui::SessionLink> open_api(const metal::native::Settings& settings) {
      return std::make_unique<ApiLink>(settings);
    }

   private:
    const Options& options_;
  };

  DesktopPlatform platform(options);
  metal::ui::ShellInfo shell;
  shell.profiles = metal::native::scw_profile_names(shell.profiles_source);
  metal::ui::ConsoleApp app(platform, shell);
  app.ui().configure(scale_x > 0 ? scale_x : 1.0f, metal::ui::embedded_font_source());
  if (api_settings) {
    app.start(platform.open_api(*api_settings), options.route);
    std::fill(api_settings->secret_key.begin(), api_settings->secret_key.end(), '\0');
  } else {
    app.start(metal::state::SessionChoice{}, options.route);
  }

  std::signal(SIGTERM, request_stop);
  std::signal(SIGINT, request_stop);
  auto platform_status = [&] {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    return metal::ui::PlatformStatus{seconds_since_start() * 1000.0, size.x, size.y,
                                     resident_bytes()};
  };
  double next_report = 0;
  auto maybe_report = [&] {
    if (options.report_path.empty() || seconds_since_start() < next_report) return;
    write_report(options.report_path, app, platform_status());
    next_report = seconds_since_start() + 0.2;
  };

  long long frame = 0;
  while (!glfwWindowShouldClose(window) && !g_stop_requested) {
    // Idle: sleep until input or an answer (the network's worker and the demo's thread post an
    // empty event), or the idle interval; otherwise take what came and go on.
    if (app.idle() && options.frames < 0)
      glfwWaitEventsTimeout(metal::ui::FramePacer::kIdleInterval);
    else
      glfwPollEvents();
    const auto frame_start = Clock::now();
    // Moved to a screen of another density: redraw fonts and sizes for it.
    glfwGetWindowContentScale(window, &scale_x, &scale_y);
    if (scale_x > 0 && scale_x != app.ui().scale()) {
      app.ui().configure(scale_x, metal::ui::embedded_font_source());
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    // (A run of --frames N draws every frame: smoke tests count on N frames of vsync.)
    const bool input = std::exchange(g_input_seen, false);
    if (!app.step(seconds_since_start(), wall_now(), input) && options.frames < 0) {
      maybe_report();
      continue;
    }
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    app.draw();
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 bg = metal::ui::palette().surface;
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    app.frame_done(std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count(),
                   seconds_since_start() * 1000.0);
    glfwSwapBuffers(window);
    maybe_report();
    if (options.frames > 0 && ++frame >= options.frames) break;
  }

  if (options.print_status) std::printf("%s\n", app.status_json(platform_status()).c_str());
  if (options.print_anchors) std::printf("%s\n", metal::ui::anchors_json().c_str());
  std::fflush(stdout);

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
