#pragma once
// The offline demo's Transport: requests go to the simulated cloud in-process and come back
// exactly as the HTTP API would answer them, on the next pump (never inside send()).

#include <deque>
#include <functional>
#include <optional>

#include "api/transport.hpp"
#include "sim/api_handler.hpp"

namespace metal::sim {

class SimTransport final : public api::Transport {
 public:
  explicit SimTransport(ApiHandler& handler) : handler_(handler) {}

  RequestId send(api::Request request, Completion done) override;
  void cancel(RequestId id) override;
  std::size_t in_flight() const override { return queue_.size(); }
  /// The simulated cloud answers in process: no limit to pace for (its 429s are a fault it
  /// injects on demand, retried as any).
  bool rate_limited() const override { return false; }

  /// Answers queued requests in order (and those their completions send), stopping early when
  /// `should_yield` says the frame's budget is spent, so a big listing never freezes the UI.
  /// Given the real time, a latency fault holds each answer until it has waited that long (as the
  /// sandbox holds it over HTTP); without it, answers come at once.
  void pump(const std::function<bool()>& should_yield,
            std::optional<model::Timestamp> real_now = std::nullopt);

 private:
  struct Pending {
    RequestId id;
    api::Request request;
    Completion done;
    std::int64_t sent_at = 0;  // micros, real time as last known
  };
  ApiHandler& handler_;
  std::deque<Pending> queue_;
  RequestId next_id_ = 1;
  std::int64_t now_ = 0;  // the real time of the last pump
};

}  // namespace metal::sim
