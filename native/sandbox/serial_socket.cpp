#include "serial_socket.hpp"

#include <utility>  // before Boost 1.74's asio, which uses std::exchange without it

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <deque>
#include <memory>

#include "sim/serial_console.hpp"

namespace metal::native {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace http = beast::http;

namespace {

class SerialSession : public std::enable_shared_from_this<SerialSession> {
 public:
  SerialSession(beast::tcp_stream stream, std::string zone, SerialOpener open)
      : socket_(std::move(stream)),
        ticker_(socket_.get_executor()),
        endpoint_([zone = std::move(zone), open = std::move(open)](const std::string& secret,
                                                                   const std::string& id) {
          return open(secret, zone, id);
        }) {}

  void start(http::request<http::string_body> request) {
    socket_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    socket_.read_message_max(64 * 1024);
    socket_.text(true);
    socket_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
      if (!ec) self->read();
    });
  }

 private:
  void read() {
    socket_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) return self->stop();
      const std::string message = beast::buffers_to_string(self->buffer_.data());
      self->buffer_.consume(self->buffer_.size());
      self->received(message);
      if (!self->closing_) self->read();
    });
  }

  void received(const std::string& message) {
    const bool was_open = opened_;
    if (auto refusal = endpoint_.receive(message)) return refuse(*refusal);
    opened_ = true;
    if (!was_open) return tick();
    flush();  // what typing printed goes out at once
  }

  // The boot log streams out over time.
  void tick() {
    flush();
    ticker_.expires_after(std::chrono::milliseconds(60));
    ticker_.async_wait([self = shared_from_this()](beast::error_code ec) {
      if (!ec && !self->closing_) self->tick();
    });
  }

  void flush() {
    for (std::string& frame : endpoint_.take_frames())
      send(std::move(frame));
  }

  void refuse(const std::string& reason) {
    closing_ = true;
    ticker_.cancel();
    websocket::close_reason close(websocket::close_code::policy_error);
    close.reason = reason.substr(0, 120);  // a close reason has room for 123 bytes
    socket_.async_close(close, [self = shared_from_this()](beast::error_code) {});
  }

  void send(std::string frame) {
    queue_.push_back(std::move(frame));
    if (queue_.size() == 1) write_next();
  }
  void write_next() {
    socket_.async_write(asio::buffer(queue_.front()),
                        [self = shared_from_this()](beast::error_code ec, std::size_t) {
                          if (ec) return self->stop();
                          self->queue_.pop_front();
                          if (!self->queue_.empty()) self->write_next();
                        });
  }

  void stop() {
    closing_ = true;
    ticker_.cancel();
  }

  websocket::stream<beast::tcp_stream> socket_;
  asio::steady_timer ticker_;
  beast::flat_buffer buffer_;
  std::deque<std::string> queue_;
  sim::SerialEndpoint endpoint_;
  bool opened_ = false;
  bool closing_ = false;
};

}  // namespace

void start_serial_session(beast::tcp_stream stream, http::request<http::string_body> request,
                          std::string zone, SerialOpener open) {
  auto session =
      std::make_shared<SerialSession>(std::move(stream), std::move(zone), std::move(open));
  session->start(std::move(request));
}

}  // namespace metal::native
