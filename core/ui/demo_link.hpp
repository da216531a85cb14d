#pragma once
// The offline demo as a session: a simulated cloud running apart from the console (the browser's
// Web Worker, the desktop's thread) reached through a MessageTransport. The platform carries the
// frames both ways; this knows what the demo's hello says (its key, zones and clock), what the
// console reports about it, and how to ask it for a reset.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "api/message_transport.hpp"
#include "ui/console_app.hpp"

namespace metal::ui {

class DemoLink : public SessionLink {
 public:
  /// `post` hands a frame to the demo; `pump`, when given, runs at each deliver() and hands the
  /// demo's frames to receive() (a thread's queue); a page receives them from its worker's
  /// messages instead.
  DemoLink(api::MessageTransport::Post post, std::function<void(DemoLink&)> pump = {});

  /// Frames from the demo, on the UI thread.
  void receive(std::string_view bytes) { transport_.receive(bytes); }
  /// The demo was running before this link (the page switched back to it): ask for its hello.
  void attach() { transport_.request_hello(); }

  void deliver() override;
  bool ready() const override { return transport_.hello().has_value(); }
  api::Transport& transport() override { return transport_; }
  api::SerialConnector* serial() override { return &transport_; }
  api::Credentials credentials() const override;
  std::vector<std::string> zones() const override;
  model::Timestamp clock(model::Timestamp wall) const override;
  std::string kind() const override { return "demo"; }
  void describe(ShellInfo& shell) const override;
  void report(model::Json& status) const override;
  bool reset() override;
  std::uint64_t generation() const override { return transport_.hellos(); }
  std::vector<std::string> take_notices() override;

 private:
  api::MessageTransport transport_;
  std::function<void(DemoLink&)> pump_;
  std::uint64_t noticed_hello_ = 0;
};

}  // namespace metal::ui
