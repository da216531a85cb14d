#include "sim/sim_transport.hpp"

#include <algorithm>

namespace metal::sim {

api::Transport::RequestId SimTransport::send(api::Request request, Completion done) {
  const RequestId id = next_id_++;
  queue_.push_back({id, std::move(request), std::move(done), now_});
  return id;
}

void SimTransport::cancel(RequestId id) {
  queue_.erase(
      std::remove_if(queue_.begin(), queue_.end(), [id](const Pending& p) { return p.id == id; }),
      queue_.end());
}

void SimTransport::pump(const std::function<bool()>& should_yield,
                        std::optional<model::Timestamp> real_now) {
  if (real_now) now_ = real_now->micros;
  const std::int64_t latency = real_now ? handler_.faults().latency_ms * 1000ll : 0;
  // Answer at least one request per pump so progress never stalls on a slow frame (unless it is
  // still held by a latency fault: all were sent with the same delay, so the rest wait too).
  bool first = true;
  while (!queue_.empty() && (first || !should_yield())) {
    if (latency > 0 && queue_.front().sent_at + latency > now_) break;
    first = false;
    Pending pending = std::move(queue_.front());
    queue_.pop_front();
    pending.done(handler_.handle(pending.request));
  }
}

}  // namespace metal::sim
