#include "sim/serial_console.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>
#include <vector>

#include "api/http.hpp"
#include "model/json_decode.hpp"
#include "sim/world.hpp"

namespace metal::sim {
namespace {

std::string boot_log(const model::Server& s) {
  const std::string host = s.hostname.empty() ? s.name : s.hostname;
  const std::string arch = s.arch == "arm64" ? "aarch64" : "x86_64";
  std::string log;
  auto line = [&](double t, const std::string& text) {
    char stamp[32];
    std::snprintf(stamp, sizeof stamp, "[%12.6f] ", t);
    log += stamp + text + "\r\n";
  };
  line(0.0,
       "Linux version 5.15.0-91-generic (buildd@lcy02-amd64-045) (gcc 11.4.0) #101-Ubuntu SMP");
  line(0.0,
       "Command line: BOOT_IMAGE=/boot/vmlinuz root=LABEL=cloudimg-rootfs console=ttyS0,115200n8");
  line(0.000000, "BIOS-provided physical RAM map:");
  line(0.012034, "DMI: Scaleway " + s.commercial_type + ", BIOS 1.16.2 04/01/2014");
  line(0.104211, "smpboot: CPU0: " + arch + " processor, stepping: 0x2");
  line(0.531890, "virtio_net virtio1 ens2: renamed from eth0");
  line(1.204417, "EXT4-fs (sda1): mounted filesystem with ordered data mode. Quota mode: none.");
  line(2.018855, "systemd[1]: Hostname set to <" + host + ">.");
  log += "\r\nUbuntu 22.04.3 LTS " + host + " ttyS0\r\n\r\n";
  return log;
}

}  // namespace

SerialConsole::SerialConsole(const model::Server& server) : server_(server) {
  if (server.state == model::ServerState::stopped) {
    stage_ = Stage::off;
    output_ = "[ the server is stopped: power it on to see its console ]\r\n";
    return;
  }
  stage_ = Stage::booting;
  pending_ = boot_log(server);
}

std::string SerialConsole::take_output() {
  if (stage_ == Stage::booting) {
    // A few lines per call, as a console streams them.
    for (int lines = 0; lines < 3 && !pending_.empty(); ++lines) {
      const auto end = pending_.find("\r\n");
      const auto cut = end == std::string::npos ? pending_.size() : end + 2;
      output_ += pending_.substr(0, cut);
      pending_.erase(0, cut);
    }
    if (pending_.empty()) {
      stage_ = Stage::login;
      prompt();
    }
  }
  return std::exchange(output_, {});
}

void SerialConsole::resize(int columns, int rows) {
  columns_ = std::clamp(columns, 10, 1000);
  rows_ = std::clamp(rows, 2, 500);
}

std::string SerialConsole::title() const {
  const std::string host = server_.hostname.empty() ? server_.name : server_.hostname;
  return stage_ == Stage::shell ? user_ + "@" + host + ": ~" : host + " (ttyS0)";
}

void SerialConsole::prompt() {
  const std::string host = server_.hostname.empty() ? server_.name : server_.hostname;
  switch (stage_) {
    case Stage::login:
      output_ += host + " login: ";
      break;
    case Stage::password:
      output_ += "Password: ";
      break;
    case Stage::shell:
      output_ += user_ + "@" + host + ":~# ";
      break;
    default:
      break;
  }
}

void SerialConsole::input(std::string_view bytes) {
  if (stage_ == Stage::off || stage_ == Stage::booting) return;  // nobody is reading yet
  for (char c : bytes) {
    if (c == '\r' || c == '\n') {
      output_ += "\r\n";
      const std::string line = std::exchange(line_, {});
      run(line);
    } else if (c == 0x7f || c == '\b') {
      if (!line_.empty()) {
        line_.pop_back();
        if (stage_ != Stage::password) output_ += "\b \b";
      }
    } else if (c == 0x03) {  // Ctrl+C
      output_ += "^C\r\n";
      line_.clear();
      prompt();
    } else if (static_cast<unsigned char>(c) >= 0x20 && line_.size() < 4096) {
      line_ += c;
      if (stage_ != Stage::password) output_ += c;  // the terminal echoes; passwords are not
    }
  }
}

void SerialConsole::run(const std::string& line) {
  const std::string host = server_.hostname.empty() ? server_.name : server_.hostname;
  if (stage_ == Stage::login) {
    if (!line.empty()) {
      user_ = line;
      stage_ = Stage::password;
    }
    return prompt();
  }
  if (stage_ == Stage::password) {
    stage_ = Stage::shell;
    output_ += "Welcome to Ubuntu 22.04.3 LTS (GNU/Linux 5.15.0-91-generic " +
               std::string(server_.arch == "arm64" ? "aarch64" : "x86_64") + ")\r\n\r\n";
    return prompt();
  }
  // the shell
  const std::string command = line.substr(0, line.find(' '));
  const std::string rest =
      line.find(' ') == std::string::npos ? "" : line.substr(line.find(' ') + 1);
  if (command.empty()) {
  } else if (command == "exit" || command == "logout") {
    stage_ = Stage::login;
    output_ += "\r\n";
  } else if (command == "echo") {
    output_ += rest + "\r\n";
  } else if (command == "hostname") {
    output_ += host + "\r\n";
  } else if (command == "whoami") {
    output_ += user_ + "\r\n";
  } else if (command == "uname") {
    output_ += rest == "-a" ? "Linux " + host + " 5.15.0-91-generic #101-Ubuntu SMP " +
                                  std::string(server_.arch == "arm64" ? "aarch64" : "x86_64") +
                                  " GNU/Linux\r\n"
                            : "Linux\r\n";
  } else if (command == "ls") {
    output_ += "snap\r\n";
  } else if (command == "pwd") {
    output_ += "/" + std::string(user_ == "root" ? "root" : "home/" + user_) + "\r\n";
  } else if (command == "uptime") {
    output_ += " up 3 min,  1 user,  load average: 0.08, 0.03, 0.01\r\n";
  } else if (command == "ip") {
    output_ += "2: ens2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500\r\n    inet " +
               server_.primary_ip() + "/32 scope global ens2\r\n";
  } else if (command == "help") {
    output_ += "commands: echo hostname whoami uname ls pwd uptime ip exit\r\n";
  } else {
    output_ += "-bash: " + command + ": command not found\r\n";
  }
  prompt();
}

// ---- frames -------------------------------------------------------------------------------------

namespace {
struct HelloWire {
  std::optional<std::string> auth_token;
  std::optional<std::string> arguments;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, HelloWire& out) {
  return model::take(d, key, "AuthToken", v, out.auth_token) ||
         model::take(d, key, "Arguments", v, out.arguments);
}
struct SizeWire {
  std::optional<std::int64_t> columns, rows;
};
bool decode_field(model::Decoder& d, std::string_view key, model::JsonValue v, SizeWire& out) {
  return model::take(d, key, "columns", v, out.columns) || model::take(d, key, "rows", v, out.rows);
}
}  // namespace

Expected<SerialHello, std::string> parse_serial_hello(std::string_view message) {
  auto wire = model::decode_text<HelloWire>(message);
  if (!wire) return Unexpected{"first message: " + wire.error().to_string()};
  if (!wire->arguments) return Unexpected{std::string("first message: Arguments missing")};
  std::string_view query = *wire->arguments;
  if (query.starts_with("?")) query.remove_prefix(1);
  std::vector<std::string> args;
  for (const auto& [name, value] : api::parse_query(query))
    if (name == "arg") args.push_back(value);
  if (args.size() != 2)
    return Unexpected{
        std::string("first message: Arguments must be ?arg=<secret key>&arg=<server id>")};
  return SerialHello{args[0], args[1]};
}

Expected<SerialClientFrame, std::string> parse_serial_frame(std::string_view frame) {
  if (frame.empty()) return Unexpected{std::string("empty frame")};
  SerialClientFrame out;
  switch (frame.front()) {
    case '1':
      out.type = SerialClientFrame::Type::input;
      out.input = std::string(frame.substr(1));
      return out;
    case '2':
      out.type = SerialClientFrame::Type::ping;
      return out;
    case '3': {
      auto size = model::decode_text<SizeWire>(frame.substr(1));
      if (!size || !size->columns || !size->rows)
        return Unexpected{std::string("resize frame: expected {\"columns\":N,\"rows\":M}")};
      out.type = SerialClientFrame::Type::resize;
      out.columns = static_cast<int>(std::clamp<std::int64_t>(*size->columns, 1, 10000));
      out.rows = static_cast<int>(std::clamp<std::int64_t>(*size->rows, 1, 10000));
      return out;
    }
    default:
      return Unexpected{"unknown frame type '" + std::string(1, frame.front()) + "'"};
  }
}

std::string serial_output_frame(std::string_view bytes) {
  return "1" + base64_encode(bytes);
}

std::string serial_title_frame(std::string_view title) {
  return "3" + std::string(title);
}

// ---- the endpoint -------------------------------------------------------------------------------

Expected<model::Server, std::string> open_serial_console(const World& world,
                                                         std::string_view secret,
                                                         std::string_view zone,
                                                         std::string_view id) {
  const ApiKey* key = world.tenancy().find_key_by_secret(secret);
  if (!key) return Unexpected{std::string("authentication is denied")};
  const auto owner = world.server_organization(zone, id);
  if (!owner || (*owner != key->organization_id && key->role != KeyRole::admin))
    return Unexpected{"server " + std::string(id.substr(0, 40)) + " is not found in " +
                      std::string(zone.substr(0, 20))};
  return *world.get_server(zone, id);
}

std::optional<std::string> SerialEndpoint::receive(std::string_view message) {
  if (!console_) {
    auto hello = parse_serial_hello(message);
    if (!hello) return hello.error();
    auto server = open_(hello->secret_key, hello->server_id);
    if (!server) return server.error();
    console_.emplace(*server);
    return std::nullopt;
  }
  auto frame = parse_serial_frame(message);
  if (!frame) return frame.error();
  switch (frame->type) {
    case SerialClientFrame::Type::input:
      console_->input(frame->input);
      break;
    case SerialClientFrame::Type::resize:
      console_->resize(frame->columns, frame->rows);
      break;
    case SerialClientFrame::Type::ping:
      break;
  }
  return std::nullopt;
}

std::vector<std::string> SerialEndpoint::take_frames() {
  std::vector<std::string> frames;
  if (!console_) return frames;
  const std::string title = console_->title();
  // The title first: a terminal names its window before the prompt shows.
  if (title != sent_title_) frames.push_back(serial_title_frame(title));
  sent_title_ = title;
  if (std::string output = console_->take_output(); !output.empty())
    frames.push_back(serial_output_frame(output));
  return frames;
}

}  // namespace metal::sim
