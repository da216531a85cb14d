// metal-console: the desktop admin app. The same console as the web, in a GLFW + OpenGL 3
// window, on the offline demo (the default).

#include <GLFW/glfw3.h>
#include <imgui.h>
#include <imgui_impl_glfw.h>
#include <imgui_impl_opengl3.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "sim/demo_cloud.hpp"
#include "sim/demo_options.hpp"
#include "state/console.hpp"
#include "state/console_status.hpp"
#include "ui/console_ui.hpp"
#include "ui/test_anchors.hpp"

namespace {

using Clock = std::chrono::steady_clock;
const Clock::time_point kProcessStart = Clock::now();

constexpr const char* kUsage = R"(metal-console: Metal Console, the desktop app.

Usage: metal-console [options]

Runs the console on the offline demo: a simulated cloud inside the app, no server needed.

Options:
  --servers N        servers in the demo world (0 to 200000; default 40)
  --seed S           seed of the demo world: the same seed gives the same world (default 1)
  --clock-speed X    simulated seconds per real second (default 1; 10 makes transitions quick)
  --faults SPEC      a bad day in the demo, e.g. "latency_ms=300,error_rate=0.05,stuck=0.1"
  --route HASH       open this view, e.g. "#/servers?state=running&sort=name"
  --frames N         draw N frames, then exit cleanly (for smoke tests)
  --print-status     print the console's status as one JSON line on exit
  --print-anchors    print where named controls were drawn, as one JSON line on exit
  --size WxH         window size in pixels (default 1280x800)
  --help             show this help
)";

struct Options {
  metal::sim::DemoOptions demo;
  long long frames = -1;
  bool print_status = false;
  bool print_anchors = false;
  int width = 1280;
  int height = 800;
  std::string route;
};

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
  return options;
}

metal::model::Timestamp wall_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return metal::model::Timestamp{
      std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

double seconds_since_start() {
  return std::chrono::duration<double>(Clock::now() - kProcessStart).count();
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = parse_options(argc, argv);

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
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

  float scale_x = 1, scale_y = 1;
  glfwGetWindowContentScale(window, &scale_x, &scale_y);
  metal::ui::ConsoleUi ui;
  ui.configure(scale_x > 0 ? scale_x : 1.0f);

  metal::sim::DemoCloud demo(options.demo, wall_now());
  metal::state::Console console(demo.transport(),
                                metal::api::Credentials{demo.demo_key().secret_key},
                                demo.world().active_zones());
  if (!options.route.empty()) console.navigate_to_address(options.route);

  metal::state::FrameStats frames;
  double first_frame_ms = -1;
  metal::ui::ShellInfo shell{"Offline demo", "", &frames};
  if (demo.clock_speed() != 1.0) {
    char label[32];
    std::snprintf(label, sizeof label, "clock x%g", demo.clock_speed());
    shell.clock_label = label;
  }

  long long frame = 0;
  while (!glfwWindowShouldClose(window)) {
    glfwPollEvents();
    const auto frame_start = Clock::now();
    // Moved to a screen of another density: redraw fonts and sizes for it.
    glfwGetWindowContentScale(window, &scale_x, &scale_y);
    if (scale_x > 0 && scale_x != ui.scale()) {
      ui.configure(scale_x);
      ImGui_ImplOpenGL3_DestroyFontsTexture();
      ImGui_ImplOpenGL3_CreateFontsTexture();
    }
    // Simulated work gets what is left of a 60 Hz frame, so the UI never stalls on a big listing.
    const auto budget_end = frame_start + std::chrono::milliseconds(8);
    demo.tick(wall_now(), [&] { return Clock::now() >= budget_end; });
    console.tick(seconds_since_start(), demo.sim_now());

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ui.draw(console, shell);
    ImGui::Render();
    int width = 0, height = 0;
    glfwGetFramebufferSize(window, &width, &height);
    glViewport(0, 0, width, height);
    const ImVec4 bg = metal::ui::palette().surface;
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());
    frames.add(std::chrono::duration<double, std::milli>(Clock::now() - frame_start).count());
    if (first_frame_ms < 0 && ui.drew_data()) first_frame_ms = seconds_since_start() * 1000.0;
    glfwSwapBuffers(window);
    if (options.frames > 0 && ++frame >= options.frames) break;
  }

  if (options.print_status) {
    const ImVec2 size = ImGui::GetIO().DisplaySize;
    metal::state::StatusInputs inputs{ui.drew_data(), first_frame_ms, &frames, "demo",
                                      ui.scale(),     size.x,         size.y};
    std::printf("%s\n", metal::state::status_json(console, inputs).c_str());
  }
  if (options.print_anchors) std::printf("%s\n", metal::ui::anchors_json().c_str());
  std::fflush(stdout);

  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return 0;
}
