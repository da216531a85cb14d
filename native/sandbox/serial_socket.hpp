#pragma once
// The serial console's websocket on the sandbox's port: /tty/{zone}/v2/ws (the real cloud's
// wss://tty.{zone}.scaleway.com/v2/ws). The first message names the key and the server; then
// the simulated console's output is pushed as it comes, and typing goes back to it.

#include <functional>
#include <optional>
#include <string>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "model/expected.hpp"
#include "model/server.hpp"

namespace metal::native {

/// Opens a server's console: the server as the key may see it, or why not (no such key, no such
/// server for this key).
using SerialOpener = std::function<Expected<model::Server, std::string>(
    const std::string& secret_key, const std::string& zone, const std::string& server_id)>;

/// Takes over an upgraded connection; the session lives as long as the websocket.
void start_serial_session(boost::beast::tcp_stream stream,
                          boost::beast::http::request<boost::beast::http::string_body> request,
                          std::string zone, SerialOpener open);

}  // namespace metal::native
