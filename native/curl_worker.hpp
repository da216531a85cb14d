#pragma once
// The desktop app's Transport: libcurl on a worker thread, so a slow or stalled API never holds a
// frame. send() and cancel() queue for the worker and wake it; the worker drives the transfers and
// queues each answer back; deliver(), called by the UI thread once per frame, runs the
// completions there. The core and the pages only ever run on the UI thread.

#include <atomic>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "curl_transport.hpp"

namespace metal::native {

class CurlWorker final : public api::Transport {
 public:
  /// `answered` runs on the worker thread after each answer is queued (e.g. to wake a UI loop
  /// that sleeps while idle); it must be thread-safe.
  explicit CurlWorker(CurlOptions options, std::function<void()> answered = {});
  ~CurlWorker() override;  // stops the worker; answers not delivered yet are dropped
  CurlWorker(const CurlWorker&) = delete;
  CurlWorker& operator=(const CurlWorker&) = delete;

  RequestId send(api::Request request, Completion done) override;
  void cancel(RequestId id) override;
  /// Sent and not yet delivered.
  std::size_t in_flight() const override { return completions_.size(); }

  /// On the UI thread: runs the completions of the answers that arrived. Returns how many.
  int deliver();

 private:
  void run();

  CurlTransport curl_;  // used by the worker thread only (wakeup() excepted)
  std::function<void()> answered_;
  std::unordered_map<RequestId, Completion> completions_;  // UI thread only
  RequestId next_id_ = 1;

  std::mutex mutex_;  // guards what follows
  std::deque<std::pair<RequestId, api::Request>> to_send_;
  std::vector<RequestId> to_cancel_;
  std::deque<std::pair<RequestId, api::Response>> answers_;
  bool stopping_ = false;

  std::thread worker_;
};

}  // namespace metal::native
