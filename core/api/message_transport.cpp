#include "api/message_transport.hpp"

#include <type_traits>
#include <vector>

namespace metal::api {

class MessageTransport::Socket final : public SerialSocket {
 public:
  Socket(MessageTransport& owner, std::uint64_t id) : owner_(&owner), id_(id) {}
  ~Socket() override {
    if (!owner_) return;
    owner_->sockets_.erase(id_);
    owner_->post_(wire::encode(wire::SerialCloseFrame{id_}));
  }
  void send(std::string frame) override {
    if (!owner_ || !open_) return;  // as a websocket: frames before it opened are dropped
    owner_->post_(wire::encode(wire::SerialDataFrame{id_, std::move(frame)}));
  }
  void poll(double, std::vector<SerialSocketEvent>& events) override {
    for (SerialSocketEvent& event : queue_)
      events.push_back(std::move(event));
    queue_.clear();
  }
  void take(SerialSocketEvent event) {
    if (event.kind == SerialSocketEvent::Kind::opened) open_ = true;
    if (event.kind == SerialSocketEvent::Kind::closed) open_ = false;
    queue_.push_back(std::move(event));
  }
  void orphan() {
    owner_ = nullptr;
    open_ = false;
    queue_.push_back({SerialSocketEvent::Kind::closed, "the demo stopped"});
  }

 private:
  MessageTransport* owner_;
  std::uint64_t id_;
  bool open_ = false;
  std::vector<SerialSocketEvent> queue_;
};

MessageTransport::MessageTransport(Post post) : post_(std::move(post)) {}

MessageTransport::~MessageTransport() {
  for (auto& [id, socket] : sockets_)
    socket->orphan();
}

Transport::RequestId MessageTransport::send(Request request, Completion done) {
  const RequestId id = next_id_++;
  pending_.emplace(id, std::move(done));
  post_(wire::encode(wire::RequestFrame{id, std::move(request)}));
  return id;
}

void MessageTransport::cancel(RequestId id) {
  if (pending_.erase(id)) post_(wire::encode(wire::CancelFrame{id}));
}

std::unique_ptr<SerialSocket> MessageTransport::connect(const std::string& zone) {
  const std::uint64_t id = next_socket_++;
  auto socket = std::make_unique<Socket>(*this, id);
  sockets_[id] = socket.get();
  post_(wire::encode(wire::SerialOpenFrame{id, zone}));
  return socket;
}

void MessageTransport::request_reset() {
  post_(wire::encode(wire::ResetFrame{}));
}

void MessageTransport::request_hello() {
  post_(wire::encode(wire::AttachFrame{}));
}

void MessageTransport::receive(std::string_view bytes) {
  while (!bytes.empty()) {
    auto frame = wire::decode(bytes);
    if (!frame) {
      problem_ = "a frame from the demo could not be read: " + frame.error();
      return;
    }
    std::visit(
        [this](auto& f) {
          using T = std::decay_t<decltype(f)>;
          if constexpr (std::is_same_v<T, wire::ResponseFrame>) {
            auto it = pending_.find(f.id);
            if (it == pending_.end()) return;  // cancelled
            Completion done = std::move(it->second);
            pending_.erase(it);
            done(std::move(f.response));
          } else if constexpr (std::is_same_v<T, wire::SerialDataFrame>) {
            if (auto it = sockets_.find(f.socket); it != sockets_.end())
              it->second->take({SerialSocketEvent::Kind::message, std::move(f.data)});
          } else if constexpr (std::is_same_v<T, wire::SerialStateFrame>) {
            if (auto it = sockets_.find(f.socket); it != sockets_.end())
              it->second->take(
                  {f.open ? SerialSocketEvent::Kind::opened : SerialSocketEvent::Kind::closed,
                   std::move(f.reason)});
          } else if constexpr (std::is_same_v<T, wire::HelloFrame>) {
            hello_ = std::move(f);
            saved_at_ = hello_->saved_at;
            ++hellos_;
          } else if constexpr (std::is_same_v<T, wire::SavedFrame>) {
            saved_at_ = f.saved_at;
          }
        },
        *frame);
  }
}

}  // namespace metal::api
