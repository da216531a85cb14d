#include "http_server.hpp"
#include "http_message.hpp"

#include <utility>  // before Boost 1.74's asio, which uses std::exchange without it

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace metal::native {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

std::string_view content_type_for(const std::filesystem::path& file) {
  const std::string ext = file.extension().string();
  if (ext == ".html") return "text/html; charset=utf-8";
  if (ext == ".js") return "text/javascript; charset=utf-8";
  if (ext == ".wasm") return "application/wasm";
  if (ext == ".css") return "text/css; charset=utf-8";
  if (ext == ".json") return "application/json";
  if (ext == ".png") return "image/png";
  if (ext == ".svg") return "image/svg+xml";
  return "application/octet-stream";
}

std::string api_error_body(std::string_view type, std::string_view message) {
  // The API's error shape; messages here are fixed text, no escaping needed.
  return "{\"message\":\"" + std::string(message) + "\",\"type\":\"" + std::string(type) + "\"}";
}

}  // namespace

std::string resolve_static_path(const std::string& root, std::string_view url_path) {
  namespace fs = std::filesystem;
  if (root.empty() || url_path.empty() || url_path.front() != '/') return {};
  const std::string decoded = api::url_decode(url_path);
  // Refuse anything that could climb: "..", backslashes, NULs, encoded or not.
  if (decoded.find('\0') != std::string::npos || decoded.find('\\') != std::string::npos) return {};
  std::string relative = decoded.substr(1);
  if (relative.empty() || relative.back() == '/') relative += "index.html";
  for (std::string_view rest = relative; !rest.empty();) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    if (segment == ".." || segment == ".") return {};
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
  }
  std::error_code ec;
  const fs::path base = fs::canonical(root, ec);
  if (ec) return {};
  const fs::path file = fs::canonical(base / relative, ec);
  if (ec || !fs::is_regular_file(file, ec)) return {};
  // After symlinks are resolved the file must still be under the root.
  const auto [root_end, _] = std::mismatch(base.begin(), base.end(), file.begin(), file.end());
  if (root_end != base.end()) return {};
  return file.string();
}

struct HttpServer::Impl : std::enable_shared_from_this<HttpServer::Impl> {
  Impl(asio::io_context& io_context, HttpServerOptions opts, Handler h,
       std::function<bool(std::string_view)> api)
      : io(io_context),
        options(std::move(opts)),
        handler(std::move(h)),
        is_api(std::move(api)),
        acceptor(asio::make_strand(io_context)) {}

  asio::io_context& io;
  HttpServerOptions options;
  Handler handler;
  std::function<bool(std::string_view)> is_api;
  tcp::acceptor acceptor;
  // Connections may run on several threads (sandbox --threads): these two are shared.
  std::atomic<bool> stopping{false};
  std::atomic<std::uint64_t> served{0};

  void accept();
  http::response<http::string_body> answer(const http::request<http::string_body>& request);
  void add_cors(http::response<http::string_body>& response) const {
    if (options.cors_origin.empty()) return;
    response.set(http::field::access_control_allow_origin, options.cors_origin);
    response.set(http::field::access_control_allow_headers, "X-Auth-Token, Content-Type");
    response.set(http::field::access_control_allow_methods, "GET, POST, PUT, PATCH, DELETE");
    response.set(http::field::access_control_expose_headers, "X-Total-Count, Link, Location");
    response.set(http::field::vary, "Origin");
  }
};

namespace {

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, std::shared_ptr<HttpServer::Impl> server)
      : stream_(std::move(socket)), server_(std::move(server)) {}

  void start() { read(); }

 private:
  void read() {
    parser_.emplace();
    parser_->body_limit(server_->options.max_body_bytes);
    parser_->header_limit(static_cast<std::uint32_t>(server_->options.max_header_bytes));
    // An idle keep-alive connection is closed after a while; a slow request too.
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_read(ec); });
  }

  void on_read(beast::error_code ec) {
    if (ec == http::error::end_of_stream || ec == beast::error::timeout ||
        ec == asio::error::operation_aborted || ec == asio::error::connection_reset)
      return close();
    if (ec == http::error::body_limit || ec == http::error::header_limit) {
      // Say why, then close: the rest of the oversized request is not read.
      auto response = error(
          ec == http::error::body_limit ? 413 : 431, "invalid_request_error",
          ec == http::error::body_limit ? "request body too large" : "request headers too large");
      response.keep_alive(false);
      return write(std::move(response));
    }
    if (ec) {
      auto response = error(400, "invalid_request_error", "malformed HTTP request");
      response.keep_alive(false);
      return write(std::move(response));
    }
    http::request<http::string_body> request = parser_->release();
    if (beast::websocket::is_upgrade(request) && server_->options.serial_websocket) {
      // /tty/{zone}/v2/ws: the connection becomes the serial console's websocket.
      const std::string_view target(request.target().data(), request.target().size());
      const std::string_view prefix = "/tty/";
      if (target.starts_with(prefix) && target.ends_with("/v2/ws")) {
        std::string zone(target.substr(prefix.size(), target.size() - prefix.size() - 6));
        stream_.expires_never();
        server_->options.serial_websocket(std::move(stream_), std::move(request), std::move(zone));
        return;  // the websocket session owns the connection now
      }
    }
    auto response = server_->answer(request);
    response.keep_alive(request.keep_alive() && !server_->stopping);
    const std::string_view target(request.target().data(), request.target().size());
    const int latency =
        server_->options.api_latency_ms && server_->is_api(target.substr(0, target.find('?')))
            ? server_->options.api_latency_ms()
            : 0;
    if (latency <= 0) return write(std::move(response));
    auto held = std::make_shared<http::response<http::string_body>>(std::move(response));
    delay_.expires_after(std::chrono::milliseconds(latency));
    delay_.async_wait(
        [self = shared_from_this(), held](beast::error_code) { self->write(std::move(*held)); });
  }

  http::response<http::string_body> error(unsigned status, std::string_view type,
                                          std::string_view message) {
    http::response<http::string_body> response{static_cast<http::status>(status), 11};
    response.set(http::field::content_type, "application/json");
    response.body() = api_error_body(type, message);
    response.prepare_payload();
    return response;
  }

  void write(http::response<http::string_body> response) {
    auto shared = std::make_shared<http::response<http::string_body>>(std::move(response));
    ++server_->served;
    http::async_write(stream_, *shared,
                      [self = shared_from_this(), shared](beast::error_code ec, std::size_t) {
                        if (ec || !shared->keep_alive()) return self->close();
                        self->read();
                      });
  }

  void close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
  }

  beast::tcp_stream stream_;
  asio::steady_timer delay_{stream_.get_executor()};
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::shared_ptr<HttpServer::Impl> server_;
};

}  // namespace

void HttpServer::Impl::accept() {
  // Each connection gets its own strand: its steps never run at the same time on two threads.
  acceptor.async_accept(asio::make_strand(io),
                        [self = shared_from_this()](beast::error_code ec, tcp::socket socket) {
                          if (self->stopping || !self->acceptor.is_open()) return;
                          if (!ec) {
                            socket.set_option(tcp::no_delay(true));
                            std::make_shared<Session>(std::move(socket), self)->start();
                          }
                          self->accept();
                        });
}

http::response<http::string_body> HttpServer::Impl::answer(
    const http::request<http::string_body>& request) {
  const std::string target(request.target());
  const std::string_view path = std::string_view(target).substr(0, target.find('?'));
  http::response<http::string_body> response{http::status::ok, request.version()};
  response.set(http::field::server, "metal-sandbox");
  add_cors(response);

  if (request.method() == http::verb::options && !options.cors_origin.empty()) {
    response.result(http::status::no_content);
    response.prepare_payload();
    return response;
  }
  if (is_api(path)) {
    const auto core = to_core_request(request);
    api::Response answer;
    if (!core) {
      answer.status = 405;
      answer.headers.emplace_back("Content-Type", "application/json");
      answer.body = api_error_body("invalid_request_error", "method not allowed");
    } else {
      answer = handler(*core);
    }
    response.result(static_cast<unsigned>(answer.status));
    for (const auto& [name, value] : answer.headers)
      response.set(name, value);
    response.body() = std::move(answer.body);
    response.prepare_payload();
    return response;
  }
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    response.result(http::status::method_not_allowed);
    response.set(http::field::content_type, "application/json");
    response.body() = api_error_body("invalid_request_error", "method not allowed");
    response.prepare_payload();
    return response;
  }
  const std::string file = resolve_static_path(options.web_root, path);
  if (file.empty()) {
    response.result(http::status::not_found);
    response.set(http::field::content_type, "application/json");
    response.body() = api_error_body("not_found", "resource is not found");
    response.prepare_payload();
    return response;
  }
  std::ifstream in(file, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  response.set(http::field::content_type, std::string(content_type_for(file)));
  response.set(http::field::cache_control, "no-cache");
  response.body() = bytes.str();
  response.prepare_payload();
  if (request.method() == http::verb::head) response.body().clear();
  return response;
}

HttpServer::HttpServer(asio::io_context& io, HttpServerOptions options, Handler handler,
                       std::function<bool(std::string_view)> is_api)
    : impl_(std::make_shared<Impl>(io, std::move(options), std::move(handler), std::move(is_api))) {
}

HttpServer::~HttpServer() {
  stop();
}

std::string HttpServer::start() {
  beast::error_code ec;
  const auto address = asio::ip::make_address(impl_->options.host, ec);
  if (ec) return "\"" + impl_->options.host + "\" is not an IP address";
  const tcp::endpoint endpoint(address, impl_->options.port);
  impl_->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor.bind(endpoint, ec);
  if (!ec) impl_->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return "cannot listen on " + impl_->options.host + ":" + std::to_string(impl_->options.port) +
           ": " + ec.message();
  impl_->accept();
  return {};
}

void HttpServer::stop() {
  if (!impl_ || impl_->stopping.exchange(true)) return;
  // On the acceptor's strand: an accept may be starting on another thread.
  asio::dispatch(impl_->acceptor.get_executor(), [impl = impl_] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
  });
}

std::uint16_t HttpServer::port() const {
  beast::error_code ec;
  return impl_->acceptor.local_endpoint(ec).port();
}

std::uint64_t HttpServer::requests_served() const {
  return impl_->served;
}

}  // namespace metal::native
