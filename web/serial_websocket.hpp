#pragma once
// The serial console over the browser's WebSocket. Events come back through the exported
// metal_socket_event() on the page's one thread and wait for the console's next poll.

#include <string>

#include "api/serial_socket.hpp"

namespace metal::web {

class WebSerialConnector final : public api::SerialConnector {
 public:
  /// `api_url` as the session has it ("" = this page's origin).
  explicit WebSerialConnector(std::string api_url) : api_url_(std::move(api_url)) {}
  std::unique_ptr<api::SerialSocket> connect(const std::string& zone) override;

 private:
  std::string api_url_;
};

}  // namespace metal::web
