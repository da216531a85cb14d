#pragma once
// The serial console's websocket, as the console sees it: text frames out, events in. The
// platform carries it (the browser's WebSocket, Boost.Beast on the desktop, or the simulated cloud
// in process); events are handed over on the UI thread when the console polls. Closing is
// destroying the socket.

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/expected.hpp"

namespace metal::api {

struct SerialSocketEvent {
  enum class Kind { opened, message, closed };
  Kind kind = Kind::message;
  std::string text;  // the frame (message), or why the socket closed, in words (closed)
};

class SerialSocket {
 public:
  virtual ~SerialSocket() = default;
  /// One text frame. Frames sent before the socket opened are dropped.
  virtual void send(std::string frame) = 0;
  /// What happened since the last call, in order; `now` is the console's clock in seconds.
  virtual void poll(double now, std::vector<SerialSocketEvent>& events) = 0;
};

class SerialConnector {
 public:
  virtual ~SerialConnector() = default;
  /// Starts connecting to `zone`'s serial endpoint; the first event tells how it went.
  virtual std::unique_ptr<SerialSocket> connect(const std::string& zone) = 0;
};

/// Where a zone's serial console answers, from the API's base URL: the real cloud's
/// wss://tty.{zone}.scaleway.com/v2/ws for api.scaleway.com; /tty/{zone}/v2/ws on the same host
/// otherwise (the sandbox, a proxy), ws:// for http:// and wss:// for https://. An empty base
/// gives the path alone (same origin, in the browser).
Expected<std::string, std::string> serial_socket_url(std::string_view api_url,
                                                     std::string_view zone);

// ---- the frames (api-notes: the serial websocket) ------------------------------------------

/// The first message: {"AuthToken":"","Arguments":"?arg=<secret key>&arg=<server id>"}.
std::string serial_hello(std::string_view secret_key, std::string_view server_id);
std::string serial_input(std::string_view bytes);  // '1' + raw input
std::string serial_ping();                         // '2'
std::string serial_resize(int columns, int rows);  // '3' + {"columns":N,"rows":M}

/// A frame from the server: output bytes ('1' + base64), the window title ('3' + text), or one
/// of the other types the real endpoint may send (gotty's '2' pong, '4' preferences,
/// '5' reconnect), which the console has no use for.
struct SerialServerFrame {
  enum class Type { output, title, other } type = Type::output;
  std::string text;
};
Expected<SerialServerFrame, std::string> parse_serial_server_frame(std::string_view frame);

}  // namespace metal::api
