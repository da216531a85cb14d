#pragma once
// A server's serial console, simulated: the boot log when it starts, a login prompt, a shell that
// echoes what is typed and answers a few commands. And the serial websocket's framing (api-notes:
// the first client message carries the key and the server id; text frames start with a type
// byte: server '1' + base64 output, '3' + window title; client '1' + input, '2' ping,
// '3' + {"columns":N,"rows":M}). No IO: the sandbox carries the frames.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/base64.hpp"
#include "model/expected.hpp"
#include "model/server.hpp"

namespace metal::sim {

class World;

class SerialConsole {
 public:
  /// `server` as it is when the console opens; `seed` varies the boot log per server.
  explicit SerialConsole(const model::Server& server);

  /// Bytes typed by the user (a terminal sends "\r" for Enter, 0x7f for Backspace).
  void input(std::string_view bytes);
  /// What the console printed since the last call. The boot log comes out a few lines at a time:
  /// call this periodically.
  std::string take_output();
  void resize(int columns, int rows);
  int columns() const { return columns_; }
  int rows() const { return rows_; }
  /// The terminal window's title ("root@web-1: ~").
  std::string title() const;

 private:
  enum class Stage { booting, login, password, shell, off };
  void run(const std::string& line);
  void prompt();

  model::Server server_;
  Stage stage_;
  std::string pending_;  // boot lines not yet printed
  std::string output_;   // printed, not yet taken
  std::string line_;     // being typed
  std::string user_ = "root";
  int columns_ = 80;
  int rows_ = 24;
};

// ---- the websocket's frames ---------------------------------------------------------------------

using model::base64_encode;

/// The first client message: {"AuthToken":"","Arguments":"?arg=<secret key>&arg=<server id>"}.
struct SerialHello {
  std::string secret_key;
  std::string server_id;
};
Expected<SerialHello, std::string> parse_serial_hello(std::string_view message);

/// One client frame after the hello.
struct SerialClientFrame {
  enum class Type { input, ping, resize } type = Type::input;
  std::string input;
  int columns = 0, rows = 0;
};
Expected<SerialClientFrame, std::string> parse_serial_frame(std::string_view frame);

/// Server frames: output ('1' + base64) and title ('3' + text).
std::string serial_output_frame(std::string_view bytes);
std::string serial_title_frame(std::string_view title);

// ---- the server's end of the websocket ---------------------------------------------------------

/// `id`'s console for the key holding `secret`: the server as that key may see it, or why not.
Expected<model::Server, std::string> open_serial_console(const World& world,
                                                         std::string_view secret,
                                                         std::string_view zone,
                                                         std::string_view id);

/// The endpoint without the socket, shared by the sandbox's websocket and the in-process demo:
/// client messages in, frames to send out.
class SerialEndpoint {
 public:
  using Opener = std::function<Expected<model::Server, std::string>(const std::string& secret,
                                                                    const std::string& id)>;
  explicit SerialEndpoint(Opener open) : open_(std::move(open)) {}

  /// A client message. A refusal (a bad hello, an unknown key or server, a malformed frame) is
  /// returned: the socket closes with it as its reason.
  std::optional<std::string> receive(std::string_view message);
  /// Frames to send now: the output since the last call (the boot log streams a few lines per
  /// call: call every ~60 ms) and the title when it changed.
  std::vector<std::string> take_frames();

 private:
  Opener open_;
  std::optional<SerialConsole> console_;
  std::string sent_title_;
};

}  // namespace metal::sim
