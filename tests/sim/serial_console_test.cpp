#include <doctest/doctest.h>

#include "sim/serial_console.hpp"

using namespace metal;
using namespace metal::sim;

namespace {
model::Server running_server() {
  model::Server s;
  s.id = "11111111-2222-4333-8444-555555555555";
  s.name = "web-1";
  s.hostname = "web-1";
  s.commercial_type = "DEV1-S";
  s.arch = "x86_64";
  s.state = model::ServerState::running;
  return s;
}
std::string drain(SerialConsole& console) {
  std::string all;
  for (int i = 0; i < 50; ++i)
    all += console.take_output();
  return all;
}
}  // namespace

TEST_CASE("a serial console boots, asks for a login, and runs a small shell that echoes") {
  SerialConsole console(running_server());
  const std::string first = console.take_output();
  CHECK(first.find("Linux version") != std::string::npos);
  CHECK(first.find("login:") == std::string::npos);  // the boot log streams first
  const std::string boot = drain(console);
  CHECK(boot.ends_with("web-1 login: "));
  console.input("root\r");
  CHECK(console.take_output() == "root\r\nPassword: ");
  console.input("secret\r");
  const std::string welcome = console.take_output();
  CHECK(welcome.find("secret") == std::string::npos);  // passwords are not echoed
  CHECK(welcome.ends_with("root@web-1:~# "));
  CHECK(console.title() == "root@web-1: ~");
  console.input("echo hello\r");
  CHECK(console.take_output() == "echo hello\r\nhello\r\nroot@web-1:~# ");
  console.input("ls -x\x7f\x7f\x7f\r");  // backspace erases what was typed
  CHECK(console.take_output() == "ls -x\b \b\b \b\b \b\r\nsnap\r\nroot@web-1:~# ");
  console.input("frobnicate\r");
  CHECK(console.take_output().find("-bash: frobnicate: command not found") != std::string::npos);
}

TEST_CASE("a stopped server's console says so; frames follow the serial websocket's format") {
  model::Server stopped = running_server();
  stopped.state = model::ServerState::stopped;
  SerialConsole console(stopped);
  CHECK(console.take_output().find("stopped") != std::string::npos);

  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foobar") == "Zm9vYmFy");
  CHECK(model::base64_decode("Zm9vYmE=") == "fooba");
  CHECK(model::base64_decode("Zg==") == "f");
  CHECK(model::base64_decode("") == "");
  CHECK_FALSE(model::base64_decode("Zg="));       // not padded to 4
  CHECK_FALSE(model::base64_decode("Z=g="));      // data after padding
  CHECK_FALSE(model::base64_decode("Zm9v!A=="));  // not in the alphabet
  const std::string bytes("\x00\xff\x1f\x8b", 4);
  CHECK(model::base64_decode(base64_encode(bytes)) == bytes);
  CHECK(serial_output_frame("hi\r\n") == "1aGkNCg==");
  CHECK(serial_title_frame("web-1") == "3web-1");

  auto hello = parse_serial_hello(R"({"AuthToken":"","Arguments":"?arg=KEY&arg=SERVER"})");
  REQUIRE(hello);
  CHECK(hello->secret_key == "KEY");
  CHECK(hello->server_id == "SERVER");
  CHECK_FALSE(parse_serial_hello(R"({"AuthToken":""})"));
  CHECK_FALSE(parse_serial_hello("not json"));
  auto resize = parse_serial_frame(R"(3{"columns":120,"rows":40})");
  REQUIRE(resize);
  CHECK(resize->type == SerialClientFrame::Type::resize);
  CHECK(resize->columns == 120);
  CHECK(parse_serial_frame("1ls\r")->input == "ls\r");
  CHECK(parse_serial_frame("2")->type == SerialClientFrame::Type::ping);
  CHECK(parse_serial_frame("9?").error() == "unknown frame type '9'");
}
