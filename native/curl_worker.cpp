#include "curl_worker.hpp"

#include <unordered_set>

namespace metal::native {
namespace {
// How long the worker sleeps in libcurl when nothing happens; a send or a stop wakes it sooner.
constexpr std::chrono::milliseconds kIdleWait{200};
}  // namespace

CurlWorker::CurlWorker(CurlOptions options, std::function<void()> answered)
    : curl_(std::move(options)), answered_(std::move(answered)) {
  worker_ = std::thread([this] { run(); });
}

CurlWorker::~CurlWorker() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  curl_.wakeup();
  worker_.join();
}

CurlWorker::RequestId CurlWorker::send(api::Request request, Completion done) {
  const RequestId id = next_id_++;
  completions_.emplace(id, std::move(done));
  {
    std::lock_guard lock(mutex_);
    to_send_.emplace_back(id, std::move(request));
  }
  curl_.wakeup();
  return id;
}

void CurlWorker::cancel(RequestId id) {
  if (!completions_.erase(id)) return;  // answered already, or never sent
  {
    std::lock_guard lock(mutex_);
    to_cancel_.push_back(id);
  }
  curl_.wakeup();
}

int CurlWorker::deliver() {
  std::deque<std::pair<RequestId, api::Response>> answers;
  {
    std::lock_guard lock(mutex_);
    answers.swap(answers_);
  }
  int delivered = 0;
  for (auto& [id, response] : answers) {
    auto it = completions_.find(id);
    if (it == completions_.end()) continue;  // cancelled after it was answered
    Completion done = std::move(it->second);
    completions_.erase(it);
    done(std::move(response));  // may send more: they queue for the worker
    ++delivered;
  }
  return delivered;
}

void CurlWorker::run() {
  // The worker's own ids for the transfers it runs, to cancel them by the UI's id.
  std::unordered_map<RequestId, RequestId> transfer_of;
  while (true) {
    std::deque<std::pair<RequestId, api::Request>> sends;
    std::vector<RequestId> cancels;
    {
      std::lock_guard lock(mutex_);
      if (stopping_) break;
      sends.swap(to_send_);
      cancels.swap(to_cancel_);
    }
    for (RequestId id : cancels) {
      if (auto it = transfer_of.find(id); it != transfer_of.end()) {
        curl_.cancel(it->second);
        transfer_of.erase(it);
      }
    }
    for (auto& [id, request] : sends) {
      const RequestId ui_id = id;
      // Mapped before sending: a transfer libcurl refuses at once completes inside send().
      transfer_of[ui_id] = 0;
      const RequestId transfer =
          curl_.send(std::move(request), [this, ui_id, &transfer_of](api::Response response) {
            transfer_of.erase(ui_id);
            {
              std::lock_guard lock(mutex_);
              answers_.emplace_back(ui_id, std::move(response));
            }
            if (answered_) answered_();
          });
      if (auto it = transfer_of.find(ui_id); it != transfer_of.end()) it->second = transfer;
    }
    curl_.poll(kIdleWait);
  }
}

}  // namespace metal::native
