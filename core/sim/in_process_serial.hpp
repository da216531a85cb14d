#pragma once
// The offline demo's serial websocket: the same frames as the sandbox's (the same endpoint
// answers them), carried in process instead of over a socket.

#include <memory>
#include <string>

#include "api/serial_socket.hpp"

namespace metal::sim {

class World;

class InProcessSerialConnector : public api::SerialConnector {
 public:
  /// `world` outlives the connector and every socket it opens.
  explicit InProcessSerialConnector(const World& world) : world_(world) {}
  std::unique_ptr<api::SerialSocket> connect(const std::string& zone) override;

 private:
  const World& world_;
};

}  // namespace metal::sim
