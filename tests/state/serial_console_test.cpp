// The serial console as the page drives it: libvterm's screen behind state::Terminal (colours,
// cursor, scrollback, selection text, keys), and a SerialSession speaking the websocket's frames
// to the offline demo's servers (boot log, login prompt, typing echoed, resize, reconnect).

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "../support/demo_console.hpp"
#include "api/serial_socket.hpp"

using namespace metal;
using state::Terminal;
using state::TerminalKey;
using state::TerminalPos;

TEST_CASE("the terminal keeps text, colours and the cursor as escape sequences say") {
  Terminal t(5, 20);
  t.feed("hello\r\n\x1b[31mred\x1b[0m \x1b[1;44mbold\x1b[0m");
  CHECK(t.line_text(0) == "hello");
  CHECK(t.line_text(1) == "red bold");
  CHECK(t.cell({1, 0}).fg == 0xE00000u);  // libvterm's ANSI red
  CHECK_FALSE(t.cell({1, 0}).default_fg);
  CHECK(t.cell({1, 4}).bold);
  CHECK_FALSE(t.cell({1, 4}).default_bg);
  CHECK(t.cell({0, 0}).default_fg);
  CHECK(t.cursor() == TerminalPos{1, 8});
  t.feed("\x1b[2J\x1b[3;5Hx");  // clear, move, print
  CHECK(t.line_text(0).empty());
  CHECK(t.line_text(2) == "    x");
  t.feed("\x1b]2;web-1: ~\x07");
  CHECK(t.title() == "web-1: ~");
}

TEST_CASE("lines pushed off the top go to the scrollback, oldest dropped past the limit") {
  Terminal t(3, 10, 4);
  for (int i = 0; i < 8; ++i)
    t.feed("line " + std::to_string(i) + "\r\n");
  // Screen: "line 6", "line 7", "" ; scrollback keeps the 4 most recent of line 0..5.
  CHECK(t.line_text(0) == "line 6");
  CHECK(t.scrollback_lines() == 4);
  CHECK(t.line_text(-1) == "line 5");
  CHECK(t.line_text(-4) == "line 2");
  CHECK(t.line_text(-5).empty());
  // A selection across scrollback and screen, in either order.
  CHECK(t.text({-2, 0}, {0, 5}) == "line 4\nline 5\nline 6");
  CHECK(t.text({0, 3}, {-1, 5}) == "5\nline");
}

TEST_CASE("wide characters take two cells and copy as one") {
  Terminal t(2, 10);
  t.feed(
      "a\xe4\xb8\xad"
      "b");  // a, U+4E2D (wide), b
  CHECK(t.cell({0, 1}).ch == U'\u4e2d');
  CHECK(t.cell({0, 1}).width == 2);
  CHECK(t.cell({0, 3}).ch == U'b');
  CHECK(t.line_text(0) ==
        "a\xe4\xb8\xad"
        "b");
}

TEST_CASE("keys are encoded as the terminal's modes say") {
  Terminal t(5, 20);
  CHECK(t.key(TerminalKey::enter) == "\r");
  CHECK(t.key(TerminalKey::backspace) == "\x7f");
  CHECK(t.key(TerminalKey::up) == "\x1b[A");
  t.feed("\x1b[?1h");  // application cursor keys (what less and vim ask for)
  CHECK(t.key(TerminalKey::up) == "\x1bOA");
  CHECK(t.character(U'c', {.ctrl = true}) == "\x03");
  CHECK(t.character(U'\u00e9') == "\xc3\xa9");
  CHECK(t.key(TerminalKey::f5) == "\x1b[15~");
  // Pasting: line breaks become Enter; bracketed when the far end asked for it.
  CHECK(t.paste("ls\r\npwd\n") == "ls\rpwd\r");
  t.feed("\x1b[?2004h");
  CHECK(t.paste("x") == "\x1b[200~x\x1b[201~");
}

TEST_CASE("a resize keeps the screen's text and reports the new size") {
  Terminal t(4, 20);
  t.feed("prompt$ ");
  t.resize(10, 40);
  CHECK(t.rows() == 10);
  CHECK(t.columns() == 40);
  CHECK(t.line_text(0) == "prompt$");
  t.resize(0, -3);  // nonsense is clamped, never a crash
  CHECK(t.rows() == 1);
  CHECK(t.columns() == 1);
}

TEST_CASE("the client's frames are the serial websocket's (api-notes)") {
  CHECK(api::serial_hello("0b1ac7d3-aaaa-bbbb-cccc-000000000001", "srv-1") ==
        R"({"AuthToken":"","Arguments":"?arg=0b1ac7d3-aaaa-bbbb-cccc-000000000001&arg=srv-1"})");
  CHECK(api::serial_input("ls\r") == "1ls\r");
  CHECK(api::serial_ping() == "2");
  CHECK(api::serial_resize(120, 40) == R"(3{"columns":120,"rows":40})");
  auto output = api::parse_serial_server_frame("1aGk=");
  REQUIRE(output);
  CHECK(output->text == "hi");
  auto bad = api::parse_serial_server_frame("1not base64!");
  REQUIRE_FALSE(bad);
  CHECK(bad.error() == "the serial console sent output that is not base64");
  auto other = api::parse_serial_server_frame("2");
  REQUIRE(other);
  CHECK(other->type == api::SerialServerFrame::Type::other);
  CHECK(api::serial_socket_url("https://api.scaleway.com", "fr-par-1").value() ==
        "wss://tty.fr-par-1.scaleway.com/v2/ws");
  CHECK(api::serial_socket_url("http://127.0.0.1:8080/", "nl-ams-1").value() ==
        "ws://127.0.0.1:8080/tty/nl-ams-1/v2/ws");
  CHECK(api::serial_socket_url("", "pl-waw-2").value() == "/tty/pl-waw-2/v2/ws");
  CHECK(api::serial_socket_url("http://x", "fr-par-1/../../admin").error() ==
        "zone \"fr-par-1/../../admin\" is not a zone name (letters, digits and -)");
  CHECK_FALSE(api::serial_socket_url("ftp://x", "fr-par-1"));
}

namespace {

std::string screen_text(const state::SerialSession& s) {
  std::string out;
  for (int row = 0; row < s.terminal().rows(); ++row)
    out += s.terminal().line_text(row) + "\n";
  return out;
}

struct SerialDemo : testing::DemoConsole {
  SerialDemo() : testing::DemoConsole(12, 41) {}
  std::string open_running() {
    run_for(0.5);
    const state::ServerRow* row = first(model::ServerState::running);
    REQUIRE(row);
    const std::string id = row->id;
    servers().select(id);
    servers().open_tab(state::DetailTab::serial);
    return id;
  }
  void type(const std::string& text) {
    state::SerialSession* s = servers().serial();
    REQUIRE(s);
    for (char c : text)
      s->send_input(s->terminal().character(static_cast<unsigned char>(c)));
    s->send_input(s->terminal().key(TerminalKey::enter));
  }
};

}  // namespace

TEST_CASE("the serial tab connects, boots to a login prompt, logs in and echoes what is typed") {
  SerialDemo t;
  const std::string id = t.open_running();
  t.run_for(0.05);
  REQUIRE(t.servers().serial());
  CHECK(t.servers().serial()->server_id() == id);
  t.run_for(2.0);
  const state::SerialSession& s = *t.servers().serial();
  CHECK(s.link() == state::SerialLink::connected);
  CHECK(screen_text(s).find("Linux version") != std::string::npos);
  CHECK(screen_text(s).find(" login:") != std::string::npos);
  CHECK(s.title().find("(ttyS0)") != std::string::npos);

  t.type("root");
  t.run_for(0.2);
  CHECK(screen_text(s).find("Password:") != std::string::npos);
  t.type("secret");
  t.run_for(0.2);
  CHECK(screen_text(s).find("secret") == std::string::npos);  // passwords are not echoed
  t.type("echo hello-serial");
  t.run_for(0.2);
  const std::string screen = screen_text(s);
  CHECK(screen.find("# echo hello-serial\nhello-serial\n") != std::string::npos);
  CHECK(s.title().starts_with("root@"));

  // The page's size reaches the server: `stty`-like, the session sends a resize frame.
  t.servers().serial()->resize(30, 100);
  t.run_for(0.2);
  CHECK(s.terminal().columns() == 100);

  // Leaving the tab closes the console; coming back opens a fresh one.
  t.servers().open_tab(state::DetailTab::overview);
  t.run_for(0.1);
  CHECK(t.servers().serial() == nullptr);
}

TEST_CASE("a refused console says why, backs off, and connects again when asked") {
  SerialDemo t;
  t.run_for(0.5);
  // A server id the key cannot see: the endpoint closes with its reason.
  t.console.navigate_to_address("#/servers/" + t.console.zones().front() +
                                "/00000000-0000-4000-8000-000000000000/serial");
  t.run_for(0.3);
  REQUIRE(t.servers().serial());
  const state::SerialSession& s = *t.servers().serial();
  CHECK(s.link() == state::SerialLink::disconnected);
  CHECK(s.problem().find("is not found in") != std::string::npos);
  CHECK(s.failures() == 1);
  const double first_retry = s.retry_at() - t.seconds;
  t.run_for(1.2);  // the first retry fails too, and waits longer
  CHECK(s.failures() == 2);
  CHECK(s.retry_at() - t.seconds > first_retry);
  t.servers().serial()->reconnect_now();
  t.run_for(0.2);
  CHECK(s.failures() == 3);
}
