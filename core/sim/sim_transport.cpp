#include "sim/sim_transport.hpp"

#include <algorithm>

namespace metal::sim {

api::Transport::RequestId SimTransport::send(api::Request request, Completion done) {
  const RequestId id = next_id_++;
  queue_.push_back({id, std::move(request), std::move(done)});
  return id;
}

void SimTransport::cancel(RequestId id) {
  queue_.erase(
      std::remove_if(queue_.begin(), queue_.end(), [id](const Pending& p) { return p.id == id; }),
      queue_.end());
}

void SimTransport::pump(const std::function<bool()>& should_yield) {
  // Answer at least one request per pump so progress never stalls on a slow frame.
  bool first = true;
  while (!queue_.empty() && (first || !should_yield())) {
    first = false;
    Pending pending = std::move(queue_.front());
    queue_.pop_front();
    pending.done(handler_.handle(pending.request));
  }
}

}  // namespace metal::sim
