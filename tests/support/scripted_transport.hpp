#pragma once
// A Transport that answers each request with a scripted function, later (on deliver()), like a
// real one; it can deliver in reverse order to show that order does not matter.

#include <deque>
#include <functional>
#include <utility>
#include <vector>

#include "api/transport.hpp"

namespace metal::test {

class ScriptedTransport final : public api::Transport {
 public:
  std::function<api::Response(const api::Request&)> answer;
  std::vector<api::Request> sent;
  bool reverse_order = false;

  RequestId send(api::Request request, Completion done) override {
    sent.push_back(request);
    queue_.push_back({std::move(request), std::move(done)});
    return sent.size();
  }
  void cancel(RequestId) override {}
  std::size_t in_flight() const override { return queue_.size(); }
  /// Answers everything queued, and what those answers cause, until nothing is left.
  void deliver() {
    while (!queue_.empty()) {
      std::pair<api::Request, Completion> next;
      if (reverse_order) {
        next = std::move(queue_.back());
        queue_.pop_back();
      } else {
        next = std::move(queue_.front());
        queue_.pop_front();
      }
      next.second(answer(next.first));
    }
  }

 private:
  std::deque<std::pair<api::Request, Completion>> queue_;
};

inline api::Response respond(int status, std::string body, api::Headers headers = {}) {
  api::Response r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

}  // namespace metal::test
