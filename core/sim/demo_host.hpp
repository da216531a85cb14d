#pragma once
// The offline demo as a peer of the console rather than a part of it: the simulated cloud behind
// the frames of api/wire.hpp. The browser runs it in a Web Worker of its own WebAssembly module,
// the desktop on a thread of its own; either way the console talks to it through a
// MessageTransport, with the same request and response bytes as HTTP.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/wire.hpp"
#include "sim/demo_cloud.hpp"

namespace metal::sim {

class DemoHost {
 public:
  /// Hands a frame's bytes to the console (across the worker's postMessage, or a thread's queue).
  using Post = std::function<void(std::string bytes)>;

  /// Builds the world from `saved` (a World::save()) when given and readable, else seeds it from
  /// the options; says hello either way (whether it restored, and why not when it could not;
  /// `notice`: something else the user should read, such as a bad option in the address).
  DemoHost(const DemoOptions& options, model::Timestamp real_now, Post post,
           std::optional<std::string_view> saved = std::nullopt, std::int64_t saved_at = 0,
           std::string notice = {});
  ~DemoHost();

  /// Frames from the console: requests, cancels, serial sockets, a reset.
  void receive(std::string_view bytes);
  /// Advances the world to now and answers what waits, until `should_yield` says to stop (at
  /// least one answer per call); relays the serial consoles' output.
  void tick(model::Timestamp real_now, const std::function<bool()>& should_yield);
  /// Requests received and not answered yet (the caller ticks again soon).
  std::size_t unanswered() const { return cloud_->unanswered(); }

  /// The world as it should be kept now (World::save_binary), when the user changed it (a write
  /// was answered) since it was last kept and the last copy is at least `interval` old; the caller
  /// stores it and calls saved() once it is stored. Never while requests wait. The world's own
  /// ticking does not call for a copy: the transitions a write started go on from the copy, and a
  /// 100,000-server world changes every second (its copy is ~37 MB).
  std::optional<std::string> take_save(model::Timestamp real_now, double interval_seconds = 1.0);
  void saved(model::Timestamp real_now);
  /// The copy handed out could not be stored: the next take_save() hands out another.
  void save_failed() { unsaved_write_ = true; }
  /// The console asked for the seeded world again (also reported as a new hello).
  bool reset_requested() const { return reset_requested_; }
  void reset(model::Timestamp real_now);

  const World& world() const { return cloud_->world(); }
  bool restored() const { return restored_; }

 private:
  void hello();
  void post(const api::wire::Frame& frame);

  DemoOptions options_;
  Post post_;
  std::unique_ptr<DemoCloud> cloud_;
  bool restored_ = false;
  std::string problem_;
  std::int64_t saved_at_ = 0;
  std::int64_t last_save_ = 0;
  bool reset_requested_ = false;
  bool unsaved_write_ = false;  // a write came since the last copy (or the world was seeded)
  std::map<std::uint64_t, api::Transport::RequestId> requests_;  // wire id -> in-process id
  std::map<std::uint64_t, std::unique_ptr<api::SerialSocket>> sockets_;
  std::vector<api::SerialSocketEvent> events_;  // reused while relaying
  double serial_clock_ = 0;                     // seconds, for the sockets' own timing
};

}  // namespace metal::sim
