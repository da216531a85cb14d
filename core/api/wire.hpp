#pragma once
// The frames the console and a simulated cloud running apart from it (the browser demo's Web
// Worker, the desktop demo's thread) exchange: requests and responses with the same bytes as
// HTTP (method, target, headers, body; status, headers, body), the serial console's frames, and
// what the demo says about itself. Length-prefixed binary (little-endian), so a response body
// crosses as one buffer, never as a JSON tree rebuilt on the way. A frame that cannot be read is
// refused with what was wrong.

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api/http.hpp"
#include "model/expected.hpp"

namespace metal::api::wire {

struct RequestFrame {
  std::uint64_t id = 0;
  Request request;
};
struct ResponseFrame {
  std::uint64_t id = 0;
  Response response;
};
struct CancelFrame {
  std::uint64_t id = 0;
};
/// The console opens a serial console of `zone` (then sends its hello, as over a websocket).
struct SerialOpenFrame {
  std::uint64_t socket = 0;
  std::string zone;
};
/// A text frame of the serial websocket, either way.
struct SerialDataFrame {
  std::uint64_t socket = 0;
  std::string data;
};
/// The socket opened, or closed (with why, in words).
struct SerialStateFrame {
  std::uint64_t socket = 0;
  bool open = false;
  std::string reason;
};
struct SerialCloseFrame {
  std::uint64_t socket = 0;
};
/// The demo is up: the key its user holds, the zones its world has servers in, and whether the
/// world is the one saved before (with when it was saved) or a new one (and why, when a saved
/// one could not be read).
struct HelloFrame {
  std::string secret_key;
  std::vector<std::string> zones;
  bool restored = false;
  std::int64_t saved_at = 0;  // micros since the epoch, real time; 0: never saved
  std::string problem;        // a saved world set aside, in words; empty: none
  // The simulated clock: at real time `clock_real` (micros) it read `clock_sim`, and it runs
  // `clock_speed` times as fast.
  double clock_speed = 1.0;
  std::int64_t clock_real = 0;
  std::int64_t clock_sim = 0;
};
/// The demo's world was saved (micros since the epoch, real time).
struct SavedFrame {
  std::int64_t saved_at = 0;
};
/// The console asks for the seeded world again (the saved copy is forgotten).
struct ResetFrame {};
/// A console attached to a demo already running (the page switched back to it): say hello again.
struct AttachFrame {};

using Frame = std::variant<RequestFrame, ResponseFrame, CancelFrame, SerialOpenFrame,
                           SerialDataFrame, SerialStateFrame, SerialCloseFrame, HelloFrame,
                           SavedFrame, ResetFrame, AttachFrame>;

/// Appends the frame's bytes to `out` (frames may be sent one by one or batched end to end).
void encode(const Frame& frame, std::string& out);
std::string encode(const Frame& frame);
/// Reads one frame from the front of `bytes`, which then starts at the next one.
Expected<Frame, std::string> decode(std::string_view& bytes);

}  // namespace metal::api::wire
