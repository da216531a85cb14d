#pragma once
// The serial console over Boost.Beast's websocket client on the desktop: ws:// to the sandbox,
// wss:// (OpenSSL, peer verified unless the session says insecure) to the real endpoint. Each
// socket runs its own I/O thread; events reach the UI thread through a locked queue, taken when
// the console polls, and `wake` stirs a sleeping UI loop.

#include <functional>
#include <string>

#include "api/serial_socket.hpp"

namespace metal::native {

class BeastSerialConnector final : public api::SerialConnector {
 public:
  BeastSerialConnector(std::string api_url, bool insecure, std::function<void()> wake)
      : api_url_(std::move(api_url)), insecure_(insecure), wake_(std::move(wake)) {}
  std::unique_ptr<api::SerialSocket> connect(const std::string& zone) override;

 private:
  std::string api_url_;
  bool insecure_;
  std::function<void()> wake_;
};

}  // namespace metal::native
