#pragma once
// The sandbox's HTTP/1.1 server, on Boost.Beast: keep-alive, many connections at once, on as
// many threads as run the io_context. Each connection's steps run one at a time; the handler may
// be called from several threads at once (the sandbox serializes access to its world). API
// requests go to a handler as core api::Requests; other GETs may be served from a directory.

#include <utility>  // before Boost 1.74's asio, which uses std::exchange without it

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "api/http.hpp"

namespace boost::asio {
class io_context;
}

namespace metal::native {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8081;  // 0: any free port (see HttpServer::port())
  std::size_t max_body_bytes = 1u << 20;
  std::size_t max_header_bytes = 16u << 10;
  std::string web_root;     // serve the static console from here ("" : no files)
  std::string cors_origin;  // answer CORS for this origin ("" : no CORS headers)
  /// Milliseconds to hold each API answer back (faults on demand); none when empty.
  std::function<int()> api_latency_ms;
  /// Websocket upgrades to /tty/{zone}/v2/ws go here, with the connection (the serial console);
  /// refused as a plain request when empty.
  std::function<void(boost::beast::tcp_stream,
                     boost::beast::http::request<boost::beast::http::string_body>,
                     std::string zone)>
      serial_websocket;
};

class HttpServer {
 public:
  using Handler = std::function<api::Response(const api::Request&)>;
  /// `is_api(path)` says which paths go to the handler; the rest are files (or 404).
  HttpServer(boost::asio::io_context& io, HttpServerOptions options, Handler handler,
             std::function<bool(std::string_view path)> is_api);
  ~HttpServer();

  /// Binds and starts accepting; returns an error message, or "" when listening.
  std::string start();
  /// Stops accepting; open connections finish the request they are on, then close.
  void stop();
  std::uint16_t port() const;
  std::uint64_t requests_served() const;

  struct Impl;  // connections hold it: it outlives the server object while they finish

 private:
  std::shared_ptr<Impl> impl_;
};

/// The file a URL path names under `root`, or "" when it would leave the root (.., symlinks out,
/// encoded separators) or does not exist. "/" is index.html.
std::string resolve_static_path(const std::string& root, std::string_view url_path);

}  // namespace metal::native
