#include "api/serial_socket.hpp"

#include <cstdio>

#include "api/http.hpp"
#include "model/base64.hpp"

namespace metal::api {

Expected<std::string, std::string> serial_socket_url(std::string_view api_url,
                                                     std::string_view zone) {
  for (char c : zone)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'))
      return Unexpected{"zone \"" + std::string(zone.substr(0, 40)) +
                        "\" is not a zone name (letters, digits and -)"};
  const std::string path = "/tty/" + std::string(zone) + "/v2/ws";
  if (api_url.empty()) return path;
  std::string scheme;
  if (api_url.starts_with("https://")) {
    scheme = "wss://";
    api_url.remove_prefix(8);
  } else if (api_url.starts_with("http://")) {
    scheme = "ws://";
    api_url.remove_prefix(7);
  } else {
    return Unexpected{std::string("the API URL must start with http:// or https://")};
  }
  const std::string_view host = api_url.substr(0, api_url.find('/'));
  if (host.empty()) return Unexpected{std::string("the API URL names no host")};
  if (host == "api.scaleway.com") return "wss://tty." + std::string(zone) + ".scaleway.com/v2/ws";
  return scheme + std::string(host) + path;
}

std::string serial_hello(std::string_view secret_key, std::string_view server_id) {
  // url_encode leaves only unreserved characters and %XX: nothing to escape for JSON.
  return R"({"AuthToken":"","Arguments":"?arg=)" + url_encode(secret_key) +
         "&arg=" + url_encode(server_id) + "\"}";
}

std::string serial_input(std::string_view bytes) {
  return "1" + std::string(bytes);
}

std::string serial_ping() {
  return "2";
}

std::string serial_resize(int columns, int rows) {
  char text[64];
  std::snprintf(text, sizeof text, R"(3{"columns":%d,"rows":%d})", columns, rows);
  return text;
}

Expected<SerialServerFrame, std::string> parse_serial_server_frame(std::string_view frame) {
  if (frame.empty()) return Unexpected{std::string("the serial console sent an empty frame")};
  switch (frame.front()) {
    case '1': {
      auto bytes = model::base64_decode(frame.substr(1));
      if (!bytes)
        return Unexpected{std::string("the serial console sent output that is not base64")};
      return SerialServerFrame{SerialServerFrame::Type::output, std::move(*bytes)};
    }
    case '3':
      return SerialServerFrame{SerialServerFrame::Type::title, std::string(frame.substr(1))};
    default:
      return SerialServerFrame{SerialServerFrame::Type::other, std::string(frame.substr(0, 1))};
  }
}

}  // namespace metal::api
