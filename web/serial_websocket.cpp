#include "serial_websocket.hpp"

#include <emscripten/emscripten.h>

#include <map>
#include <utility>
#include <vector>

// clang-format off
// A same-origin path becomes ws(s)://<this host><path>. Binary frames are read as UTF-8 text (the
// frames are text; some endpoints send them as binary).
EM_JS(int, js_socket_open, (int id, const char* url), {
  let target = UTF8ToString(url);
  if (target.startsWith("/")) target = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + target;
  const deliver = (kind, text) => {
    const n = lengthBytesUTF8(text) + 1, p = _malloc(n);
    stringToUTF8(text, p, n);
    _metal_socket_event(id, kind, p);
    _free(p);
  };
  let socket;
  try { socket = new WebSocket(target); } catch (error) { return 0; }
  socket.binaryType = "arraybuffer";
  socket.onopen = () => deliver(0, "");
  socket.onmessage = (event) => deliver(1, typeof event.data === "string" ? event.data : new TextDecoder().decode(event.data));
  socket.onclose = (event) => deliver(2, event.reason || (event.code === 1006 ? "the connection was lost or refused" : "the serial console closed (code " + event.code + ")"));
  (window.metalSockets = window.metalSockets || new Map()).set(id, socket);
  return 1;
});
EM_JS(void, js_socket_send, (int id, const char* frame), {
  const socket = window.metalSockets && window.metalSockets.get(id);
  if (socket && socket.readyState === 1) socket.send(UTF8ToString(frame));
});
EM_JS(void, js_socket_close, (int id), {
  const socket = window.metalSockets && window.metalSockets.get(id);
  if (!socket) return;
  window.metalSockets.delete(id);
  socket.onopen = socket.onmessage = socket.onclose = null;
  socket.close();
});
// clang-format on

namespace metal::web {
namespace {

using api::SerialSocketEvent;

class WebSerialSocket;
std::map<int, WebSerialSocket*>& sockets() {
  static std::map<int, WebSerialSocket*> map;
  return map;
}
int g_next_socket = 1;

class WebSerialSocket final : public api::SerialSocket {
 public:
  explicit WebSerialSocket(Expected<std::string, std::string> url) : id_(g_next_socket++) {
    if (!url) {
      events_.push_back({SerialSocketEvent::Kind::closed, url.error()});
      return;
    }
    sockets()[id_] = this;
    if (!js_socket_open(id_, url->c_str()))
      events_.push_back(
          {SerialSocketEvent::Kind::closed, "the browser refused to open a websocket to " + *url});
  }
  ~WebSerialSocket() override {
    sockets().erase(id_);
    js_socket_close(id_);
  }
  void send(std::string frame) override { js_socket_send(id_, frame.c_str()); }
  void poll(double, std::vector<SerialSocketEvent>& events) override {
    for (auto& event : events_)
      events.push_back(std::move(event));
    events_.clear();
  }
  void take(SerialSocketEvent event) { events_.push_back(std::move(event)); }

 private:
  int id_;
  std::vector<SerialSocketEvent> events_;
};

}  // namespace

std::unique_ptr<api::SerialSocket> WebSerialConnector::connect(const std::string& zone) {
  return std::make_unique<WebSerialSocket>(api::serial_socket_url(api_url_, zone));
}

}  // namespace metal::web

extern "C" EMSCRIPTEN_KEEPALIVE void metal_socket_event(int id, int kind, const char* text) {
  const auto found = metal::web::sockets().find(id);
  if (found == metal::web::sockets().end() || kind < 0 || kind > 2) return;
  found->second->take({static_cast<metal::api::SerialSocketEvent::Kind>(kind), text ? text : ""});
}
