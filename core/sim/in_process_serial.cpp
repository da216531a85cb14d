#include "sim/in_process_serial.hpp"

#include <utility>
#include <vector>

#include "sim/serial_console.hpp"
#include "sim/world.hpp"

namespace metal::sim {
namespace {

using api::SerialSocketEvent;

class InProcessSerialSocket : public api::SerialSocket {
 public:
  InProcessSerialSocket(const World& world, std::string zone)
      : endpoint_(
            [&world, zone = std::move(zone)](const std::string& secret, const std::string& id) {
              return open_serial_console(world, secret, zone, id);
            }) {
    events_.push_back({SerialSocketEvent::Kind::opened, {}});
  }

  void send(std::string frame) override {
    if (closed_) return;
    if (auto refusal = endpoint_.receive(frame)) {
      closed_ = true;
      events_.push_back({SerialSocketEvent::Kind::closed, std::move(*refusal)});
      return;
    }
    take_frames();  // what typing printed comes back at once
  }

  void poll(double now, std::vector<SerialSocketEvent>& events) override {
    // The sandbox streams the console every 60 ms; so does the demo.
    if (!closed_ && now - last_streamed_ >= 0.06) {
      last_streamed_ = now;
      take_frames();
    }
    for (auto& event : events_)
      events.push_back(std::move(event));
    events_.clear();
  }

 private:
  void take_frames() {
    for (std::string& frame : endpoint_.take_frames())
      events_.push_back({SerialSocketEvent::Kind::message, std::move(frame)});
  }

  SerialEndpoint endpoint_;
  std::vector<SerialSocketEvent> events_;
  double last_streamed_ = -1e9;
  bool closed_ = false;
};

}  // namespace

std::unique_ptr<api::SerialSocket> InProcessSerialConnector::connect(const std::string& zone) {
  return std::make_unique<InProcessSerialSocket>(world_, zone);
}

}  // namespace metal::sim
