#pragma once
// The console's side of a simulated cloud that runs apart from it (api/wire.hpp): requests and
// serial consoles become frames handed to `post` (the page's postMessage to the demo's Web
// Worker, a queue to the desktop demo's thread), and the frames that come back are taken in by
// receive(), on the UI thread, where the answers' completions run.

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/serial_socket.hpp"
#include "api/transport.hpp"
#include "api/wire.hpp"

namespace metal::api {

class MessageTransport final : public Transport, public SerialConnector {
 public:
  using Post = std::function<void(std::string bytes)>;
  explicit MessageTransport(Post post);
  ~MessageTransport() override;

  RequestId send(Request request, Completion done) override;
  void cancel(RequestId id) override;
  std::size_t in_flight() const override { return pending_.size(); }
  /// The simulated cloud answers next door: no rate limit to pace for.
  bool rate_limited() const override { return false; }
  std::unique_ptr<SerialSocket> connect(const std::string& zone) override;

  /// Frames from the simulated cloud (one or more, end to end).
  void receive(std::string_view bytes);
  /// The peer's hello, once it came (the demo's key, zones, clock, whether it was restored).
  const std::optional<wire::HelloFrame>& hello() const { return hello_; }
  /// Bumped at each hello: a new one means a new world (a reset).
  std::uint64_t hellos() const { return hellos_; }
  /// When the peer last said it saved its world (micros, real time), or 0.
  std::int64_t saved_at() const { return saved_at_; }
  /// Asks the demo for its seeded world again.
  void request_reset();
  /// Asks a demo already running to say hello (a console attached to it anew).
  void request_hello();
  /// A frame that could not be read, in words (empty: none so far).
  const std::string& problem() const { return problem_; }

 private:
  class Socket;
  friend class Socket;

  Post post_;
  std::map<RequestId, Completion> pending_;
  RequestId next_id_ = 1;
  std::map<std::uint64_t, Socket*> sockets_;
  std::uint64_t next_socket_ = 1;
  std::optional<wire::HelloFrame> hello_;
  std::uint64_t hellos_ = 0;
  std::int64_t saved_at_ = 0;
  std::string problem_;
};

}  // namespace metal::api
