#pragma once
// How metalctl waits for the asynchronous core: libcurl under the Dispatcher (pacing and retries),
// driven on the main thread until the call it waits for has answered.

#include <chrono>
#include <functional>
#include <optional>

#include "api/dispatcher.hpp"
#include "curl_transport.hpp"

namespace metal::native {

class CliSession {
 public:
  explicit CliSession(CurlOptions options) : curl_(std::move(options)), dispatcher_(curl_) {}

  api::Transport& transport() { return dispatcher_; }

  /// Starts a call and drives the network until its result arrives.
  template <class T>
  T wait(const std::function<void(std::function<void(T)>)>& start) {
    std::optional<T> result;
    start([&result](T value) { result = std::move(value); });
    while (!result)
      step();
    return std::move(*result);
  }

 private:
  void step() {
    using namespace std::chrono;
    const double now = duration<double>(steady_clock::now().time_since_epoch()).count();
    const double unix_now = duration<double>(system_clock::now().time_since_epoch()).count();
    dispatcher_.pump(now, unix_now);
    curl_.poll(milliseconds(20));
  }

  CurlTransport curl_;
  api::Dispatcher dispatcher_;
};

}  // namespace metal::native
