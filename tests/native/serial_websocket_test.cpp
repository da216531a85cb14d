// The serial console over the sandbox's websocket, with Beast as the client: the real framing,
// the boot log, the login prompt, typing and its echo.

#include <utility>  // before Boost 1.74's asio, which uses std::exchange without it

#include <doctest/doctest.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "model/server.hpp"
#include "sandbox_process.hpp"
#include "serial_websocket.hpp"
#include "sim/world.hpp"
#include "state/servers/serial_session.hpp"

using namespace metal;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = boost::asio::ip::tcp;

namespace {

std::string base64_decode(std::string_view text) {
  static const std::string kTable =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  unsigned bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    bits = (bits << 6) | static_cast<unsigned>(kTable.find(c));
    count += 6;
    if (count >= 8) {
      count -= 8;
      out += static_cast<char>((bits >> count) & 0xff);
    }
  }
  return out;
}

struct SerialClient {
  boost::asio::io_context io;
  websocket::stream<tcp::socket> ws{io};
  std::string screen;  // every output byte so far
  std::string title;

  void connect(const std::string& url, const std::string& path) {
    const std::string hostport = url.substr(url.find("//") + 2);
    const std::string host = hostport.substr(0, hostport.find(':'));
    const std::string port = hostport.substr(hostport.find(':') + 1);
    tcp::resolver resolver(io);
    boost::asio::connect(ws.next_layer(), resolver.resolve(host, port));
    ws.handshake(hostport, path);
    ws.text(true);
  }
  void send(const std::string& text) { ws.write(boost::asio::buffer(text)); }
  // Reads frames until the screen contains `wanted` (or 10 s pass).
  bool until(const std::string& wanted) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (screen.find(wanted) == std::string::npos) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      beast::flat_buffer buffer;
      beast::error_code ec;
      ws.read(buffer, ec);
      if (ec) return false;
      const std::string frame = beast::buffers_to_string(buffer.data());
      if (frame.starts_with("1")) screen += base64_decode(frame.substr(1));
      if (frame.starts_with("3")) title = frame.substr(1);
    }
    return true;
  }
};

const std::vector<std::string> kSandboxArguments = {
    "--listen", "127.0.0.1:0",          "--seed",        "5", "--servers", "60",
    "--start",  "2026-11-01T09:00:00Z", "--frozen-clock"};

struct ServerRef {
  std::string zone, id, name;
};
// The first running server of the sandbox's world (the same seed, computed here).
ServerRef first_running_server() {
  sim::World world(sim::WorldConfig{5, 60, *model::parse_timestamp("2026-11-01T09:00:00Z")});
  for (const std::string& zone : world.fleet().zones())
    for (const auto& s :
         world.list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 100).servers)
      if (s.state == model::ServerState::running) return {zone, s.id, s.name};
  FAIL("the sandbox's world has no running server");
  return {};
}

}  // namespace

TEST_CASE("the serial console over the sandbox's websocket: boot log, login, echo, commands") {
  test::SandboxProcess sandbox(kSandboxArguments);
  const auto [zone, id, name] = first_running_server();

  SerialClient client;
  client.connect(sandbox.url(), "/tty/" + zone + "/v2/ws");
  client.send(R"({"AuthToken":"","Arguments":"?arg=)" + sandbox.keys().front().secret_key +
              "&arg=" + id + "\"}");
  REQUIRE(client.until(name + " login: "));
  CHECK(client.screen.find("Linux version") != std::string::npos);
  client.send("3{\"columns\":132,\"rows\":43}");
  client.send("1root\r");
  REQUIRE(client.until("Password: "));
  client.send("1hunter2\r");
  REQUIRE(client.until("root@" + name + ":~# "));
  CHECK(client.screen.find("hunter2") == std::string::npos);
  client.send("1echo metal\r");
  REQUIRE(client.until("echo metal\r\nmetal\r\n"));
  client.send("1hostname\r");
  REQUIRE(client.until(name + "\r\nroot@"));
  CHECK(client.title == "root@" + name + ": ~");
  client.send("2");  // a ping changes nothing
}

TEST_CASE("the serial websocket refuses a wrong key or another organization's server") {
  test::SandboxProcess sandbox(kSandboxArguments);
  sim::World world(sim::WorldConfig{5, 60, *model::parse_timestamp("2026-11-01T09:00:00Z")});
  const std::string zone = world.fleet().zones().front();
  const std::string id =
      world.list_servers(zone, {}, sim::ServerOrder::creation_date_desc, 1, 1).servers.at(0).id;
  for (const std::string& key : {std::string("00000000-0000-0000-0000-000000000000"),
                                 sandbox.keys().at(2).secret_key /* the other organization */}) {
    SerialClient client;
    client.connect(sandbox.url(), "/tty/" + zone + "/v2/ws");
    client.send(R"({"AuthToken":"","Arguments":"?arg=)" + key + "&arg=" + id + "\"}");
    beast::flat_buffer buffer;
    beast::error_code ec;
    client.ws.read(buffer, ec);
    CHECK(ec == websocket::error::closed);
    CHECK(client.ws.reason().code == websocket::close_code::policy_error);
    CHECK(client.screen.empty());
  }
}

TEST_CASE("the desktop's serial session over Beast: the sandbox's console in the terminal") {
  test::SandboxProcess sandbox(kSandboxArguments);
  const auto [zone, id, name] = first_running_server();

  native::BeastSerialConnector connector(sandbox.url(), false, nullptr);
  state::SerialSession session(connector, sandbox.keys().front().secret_key, zone, id);
  const auto started = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  };
  auto screen = [&] {
    std::string text;
    for (int row = 0; row < session.terminal().rows(); ++row)
      text += session.terminal().line_text(row) + "\n";
    return text;
  };
  auto until = [&](const std::string& wanted) {
    while (screen().find(wanted) == std::string::npos) {
      if (seconds() > 10) return false;
      session.tick(seconds());
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return true;
  };
  REQUIRE(until(name + " login:"));
  CHECK(session.link() == state::SerialLink::connected);
  auto type = [&](const std::string& text) {
    session.send_input(text);
    session.send_input(session.terminal().key(state::TerminalKey::enter));
  };
  type("root");
  REQUIRE(until("Password:"));
  type("pw");
  REQUIRE(until("root@" + name + ":~#"));
  type("echo over-beast");
  REQUIRE(until("echo over-beast\nover-beast\n"));
  CHECK(session.title() == "root@" + name + ": ~");

  // A refused console: the endpoint's reason, then the backoff.
  state::SerialSession refused(connector, "00000000-0000-0000-0000-000000000000", zone, id);
  while (refused.link() != state::SerialLink::disconnected || refused.failures() == 0) {
    REQUIRE(seconds() < 20);
    refused.tick(seconds());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(refused.problem() == "authentication is denied");

  // Nobody listening: said in words.
  native::BeastSerialConnector nowhere("http://127.0.0.1:1", false, nullptr);
  state::SerialSession lost(nowhere, "k", zone, id);
  while (lost.failures() == 0) {
    REQUIRE(seconds() < 30);
    lost.tick(seconds());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  CHECK(lost.problem().find("cannot connect to 127.0.0.1") == 0);
}
