#include "serial_websocket.hpp"

#include <utility>  // before Boost 1.74's asio, which uses std::exchange without it

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <deque>
#include <mutex>
#include <thread>
#include <type_traits>
#include <variant>
#include <vector>

namespace metal::native {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
using api::SerialSocketEvent;

struct Target {
  bool tls = false;
  std::string host, port, path;
};

Expected<Target, std::string> parse_target(const std::string& url) {
  Target t;
  std::string_view rest = url;
  if (rest.starts_with("wss://")) {
    t.tls = true;
    rest.remove_prefix(6);
  } else if (rest.starts_with("ws://")) {
    rest.remove_prefix(5);
  } else {
    return Unexpected{"the serial console's address must be ws:// or wss:// (" + url + ")"};
  }
  const auto slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  t.path = slash == std::string_view::npos ? "/" : std::string(rest.substr(slash));
  const auto colon = authority.rfind(':');
  if (colon != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    t.port = std::string(authority.substr(colon + 1));
    authority = authority.substr(0, colon);
  } else {
    t.port = t.tls ? "443" : "80";
  }
  t.host = std::string(authority);
  if (t.host.empty()) return Unexpected{"the serial console's address names no host (" + url + ")"};
  return t;
}

class BeastSerialSocket final : public api::SerialSocket {
 public:
  BeastSerialSocket(Target target, bool insecure, std::function<void()> wake)
      : target_(std::move(target)), wake_(std::move(wake)), resolver_(io_) {
    if (target_.tls) {
      tls_.set_default_verify_paths();
      tls_.set_verify_mode(insecure ? asio::ssl::verify_none : asio::ssl::verify_peer);
      stream_.emplace<Tls>(io_, tls_);
    } else {
      stream_.emplace<Plain>(io_);
    }
    resolver_.async_resolve(target_.host, target_.port,
                            [this](beast::error_code ec, tcp::resolver::results_type found) {
                              if (ec)
                                return fail("cannot find " + target_.host + ": " + ec.message());
                              connect(found);
                            });
    thread_ = std::thread([this] { io_.run(); });
  }

  ~BeastSerialSocket() override {
    io_.stop();
    thread_.join();
  }

  void send(std::string frame) override {
    asio::post(io_, [this, frame = std::move(frame)]() mutable {
      if (!open_) return;
      outbox_.push_back(std::move(frame));
      if (outbox_.size() == 1) write_next();
    });
  }

  void poll(double, std::vector<SerialSocketEvent>& events) override {
    const std::lock_guard lock(mutex_);
    for (auto& event : inbox_)
      events.push_back(std::move(event));
    inbox_.clear();
  }

 private:
  using Plain = websocket::stream<beast::tcp_stream>;
  using Tls = websocket::stream<beast::ssl_stream<beast::tcp_stream>>;

  void post_event(SerialSocketEvent event) {
    {
      const std::lock_guard lock(mutex_);
      inbox_.push_back(std::move(event));
    }
    if (wake_) wake_();
  }
  void fail(std::string why) {
    if (closed_) return;
    closed_ = true;
    open_ = false;
    post_event({SerialSocketEvent::Kind::closed, std::move(why)});
  }

  template <class F>
  void with_stream(F&& f) {
    std::visit(
        [&](auto& s) {
          if constexpr (!std::is_same_v<std::decay_t<decltype(s)>, std::monostate>) f(s);
        },
        stream_);
  }

  void connect(const tcp::resolver::results_type& found) {
    with_stream([&](auto& ws) {
      beast::get_lowest_layer(ws).expires_after(std::chrono::seconds(15));
      beast::get_lowest_layer(ws).async_connect(
          found, [this](beast::error_code ec, const tcp::endpoint&) {
            if (ec) return fail("cannot connect to " + target_.host + ": " + ec.message());
            secure();
          });
    });
  }

  void secure() {
    if (auto* tls = std::get_if<Tls>(&stream_)) {
      // SNI: the name the certificate is for.
      // (SSL_set_tlsext_host_name, without the macro's C cast.)
      SSL_ctrl(tls->next_layer().native_handle(), SSL_CTRL_SET_TLSEXT_HOSTNAME,
               TLSEXT_NAMETYPE_host_name, const_cast<char*>(target_.host.c_str()));
      tls->next_layer().set_verify_callback(asio::ssl::host_name_verification(target_.host));
      tls->next_layer().async_handshake(
          asio::ssl::stream_base::client, [this](beast::error_code ec) {
            if (ec) return fail("TLS with " + target_.host + " failed: " + ec.message());
            handshake();
          });
      return;
    }
    handshake();
  }

  void handshake() {
    with_stream([&](auto& ws) {
      beast::get_lowest_layer(ws).expires_never();
      ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
      ws.read_message_max(4 * 1024 * 1024);
      ws.text(true);
      ws.async_handshake(target_.host, target_.path, [this](beast::error_code ec) {
        if (ec) return fail("the serial console refused the connection: " + ec.message());
        open_ = true;
        post_event({SerialSocketEvent::Kind::opened, {}});
        read();
      });
    });
  }

  void read() {
    with_stream([&](auto& ws) {
      ws.async_read(buffer_, [this, &ws](beast::error_code ec, std::size_t) {
        if (ec) {
          const std::string reason(ws.reason().reason.c_str());
          return fail(!reason.empty() ? reason
                      : ec == websocket::error::closed
                          ? std::string("the serial console closed")
                          : "the connection was lost: " + ec.message());
        }
        post_event({SerialSocketEvent::Kind::message, beast::buffers_to_string(buffer_.data())});
        buffer_.consume(buffer_.size());
        read();
      });
    });
  }

  void write_next() {
    with_stream([&](auto& ws) {
      ws.async_write(asio::buffer(outbox_.front()), [this](beast::error_code ec, std::size_t) {
        if (ec) return fail("the connection was lost: " + ec.message());
        outbox_.pop_front();
        if (!outbox_.empty()) write_next();
      });
    });
  }

  Target target_;
  std::function<void()> wake_;
  asio::io_context io_;
  asio::ssl::context tls_{asio::ssl::context::tls_client};
  tcp::resolver resolver_;
  std::variant<std::monostate, Plain, Tls> stream_;
  beast::flat_buffer buffer_;
  std::deque<std::string> outbox_;  // I/O thread only
  bool open_ = false;               // I/O thread only
  bool closed_ = false;             // I/O thread only
  std::mutex mutex_;
  std::vector<SerialSocketEvent> inbox_;
  std::thread thread_;
};

// A socket that never opened: the address itself was wrong.
class RefusedSerialSocket final : public api::SerialSocket {
 public:
  explicit RefusedSerialSocket(std::string why) : why_(std::move(why)) {}
  void send(std::string) override {}
  void poll(double, std::vector<SerialSocketEvent>& events) override {
    if (!why_.empty()) events.push_back({SerialSocketEvent::Kind::closed, std::exchange(why_, {})});
  }

 private:
  std::string why_;
};

}  // namespace

std::unique_ptr<api::SerialSocket> BeastSerialConnector::connect(const std::string& zone) {
  auto url = api::serial_socket_url(api_url_, zone);
  if (!url) return std::make_unique<RefusedSerialSocket>(url.error());
  auto target = parse_target(*url);
  if (!target) return std::make_unique<RefusedSerialSocket>(target.error());
  return std::make_unique<BeastSerialSocket>(std::move(*target), insecure_, wake_);
}

}  // namespace metal::native
