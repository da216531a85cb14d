#pragma once
// The browser's Transport: fetch(), with an AbortController per request. Answers come back through
// the exported metal_fetch_done() on the page's one thread, between frames, like every other
// event. Relative targets go to `base_url` ("" is the page's own origin: the console served by the
// sandbox, or behind a same-origin proxy, since the public API does not answer other origins).

#include <string>
#include <unordered_map>

#include "api/transport.hpp"

namespace metal::web {

class FetchTransport final : public api::Transport {
 public:
  explicit FetchTransport(std::string base_url);
  ~FetchTransport() override;

  RequestId send(api::Request request, Completion done) override;
  void cancel(RequestId id) override;
  std::size_t in_flight() const override { return pending_.size(); }

  /// Called by metal_fetch_done for the transport that sent request `id`.
  static void deliver(RequestId id, api::Response response);

 private:
  std::string base_url_;
  std::unordered_map<RequestId, Completion> pending_;
};

}  // namespace metal::web
