#pragma once
// One server's serial console: the websocket's life (connect, hello, ping, reconnect with
// backoff), its frames (api-notes), and the terminal they draw on. The page reads it and sends
// typing and the window's size through it.

#include <memory>
#include <string>
#include <vector>

#include "api/serial_socket.hpp"
#include "state/polling_policy.hpp"
#include "state/terminal.hpp"

namespace metal::state {

enum class SerialLink { connecting, connected, disconnected };

class SerialSession {
 public:
  SerialSession(api::SerialConnector& connector, std::string secret_key, std::string zone,
                std::string server_id, PollingPolicy policy = {});

  /// Once per frame: takes the socket's events in, pings, reconnects when it is time.
  void tick(double now);
  /// Bytes the user typed or pasted (already encoded by the terminal). Dropped while
  /// disconnected: a console does not replay old typing into a new session.
  void send_input(const std::string& bytes);
  /// The size the page has room for; sent to the server when it changes.
  void resize(int rows, int columns);
  /// Connects again now instead of waiting for the backoff.
  void reconnect_now();

  const Terminal& terminal() const { return terminal_; }
  Terminal& terminal() { return terminal_; }
  SerialLink link() const { return link_; }
  const std::string& zone() const { return zone_; }
  const std::string& server_id() const { return server_id_; }
  /// The window title the server sent, or the terminal's own (OSC), or empty.
  const std::string& title() const;
  /// Why the last connection ended or failed, in words (empty while all is well).
  const std::string& problem() const { return problem_; }
  /// When the next attempt goes (while disconnected), on the console's clock.
  double retry_at() const { return retry_at_; }
  int failures() const { return failures_; }
  /// Changes whenever anything shown changes (link, title, problem, the screen).
  std::uint64_t version() const { return version_ + terminal_.version(); }

 private:
  void connect(double now);
  void drop(double now, std::string why);
  void take(const std::string& frame);

  api::SerialConnector& connector_;
  std::string secret_key_;
  std::string zone_;
  std::string server_id_;
  PollingPolicy policy_;
  Terminal terminal_;
  std::unique_ptr<api::SerialSocket> socket_;
  std::vector<api::SerialSocketEvent> events_;
  SerialLink link_ = SerialLink::disconnected;
  std::string title_;
  std::string problem_;
  double retry_at_ = 0;  // connect at the first tick
  double last_ping_ = 0;
  double now_ = 0;
  int failures_ = 0;
  bool heard_ = false;  // the server sent something on this connection
  bool resize_pending_ = true;
  std::uint64_t version_ = 0;
};

}  // namespace metal::state
