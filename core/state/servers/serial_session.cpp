#include "state/servers/serial_session.hpp"

#include <utility>

namespace metal::state {

SerialSession::SerialSession(api::SerialConnector& connector, std::string secret_key,
                             std::string zone, std::string server_id, PollingPolicy policy)
    : connector_(connector),
      secret_key_(std::move(secret_key)),
      zone_(std::move(zone)),
      server_id_(std::move(server_id)),
      policy_(policy),
      terminal_(24, 80) {}

const std::string& SerialSession::title() const {
  return title_.empty() ? terminal_.title() : title_;
}

void SerialSession::connect(double now) {
  socket_ = connector_.connect(zone_);
  link_ = SerialLink::connecting;
  heard_ = false;
  last_ping_ = now;
  ++version_;
}

void SerialSession::drop(double now, std::string why) {
  socket_.reset();
  link_ = SerialLink::disconnected;
  ++failures_;
  problem_ = std::move(why);
  retry_at_ = now + policy_.serial_retry_delay(failures_);
  ++version_;
}

void SerialSession::reconnect_now() {
  socket_.reset();
  link_ = SerialLink::disconnected;
  retry_at_ = now_;
  ++version_;
}

void SerialSession::tick(double now) {
  now_ = now;
  if (!socket_) {
    if (now >= retry_at_) connect(now);
    if (!socket_) return;
  }
  events_.clear();
  socket_->poll(now, events_);
  for (auto& event : events_) {
    switch (event.kind) {
      case api::SerialSocketEvent::Kind::opened:
        link_ = SerialLink::connected;
        // A new session: the server replays nothing, so the old screen would only mislead.
        terminal_.reset();
        title_.clear();
        socket_->send(api::serial_hello(secret_key_, server_id_));
        resize_pending_ = true;
        ++version_;
        break;
      case api::SerialSocketEvent::Kind::message:
        take(event.text);
        break;
      case api::SerialSocketEvent::Kind::closed:
        // A connection that never carried anything counts as a failure: back off further.
        if (heard_) failures_ = 0;
        return drop(now, event.text.empty() ? std::string("the serial console closed")
                                            : std::move(event.text));
    }
    if (!socket_) return;
  }
  if (link_ != SerialLink::connected) return;
  if (resize_pending_) {
    socket_->send(api::serial_resize(terminal_.columns(), terminal_.rows()));
    resize_pending_ = false;
  }
  if (now - last_ping_ >= policy_.serial_ping_interval) {
    socket_->send(api::serial_ping());
    last_ping_ = now;
  }
}

void SerialSession::take(const std::string& frame) {
  auto parsed = api::parse_serial_server_frame(frame);
  if (!parsed) {
    problem_ = parsed.error();  // shown; the session goes on
    ++version_;
    return;
  }
  if (!heard_) {
    heard_ = true;
    failures_ = 0;
    problem_.clear();
    ++version_;
  }
  switch (parsed->type) {
    case api::SerialServerFrame::Type::output:
      terminal_.feed(parsed->text);
      break;
    case api::SerialServerFrame::Type::title:
      title_ = std::move(parsed->text);
      ++version_;
      break;
    case api::SerialServerFrame::Type::other:
      break;
  }
}

void SerialSession::send_input(const std::string& bytes) {
  if (bytes.empty() || link_ != SerialLink::connected || !socket_) return;
  socket_->send(api::serial_input(bytes));
}

void SerialSession::resize(int rows, int columns) {
  if (rows == terminal_.rows() && columns == terminal_.columns()) return;
  terminal_.resize(rows, columns);
  resize_pending_ = true;
}

}  // namespace metal::state
