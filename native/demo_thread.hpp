#pragma once
// The desktop's offline demo: the simulated cloud (sim::DemoHost) on a thread of its own, behind
// the same frames as the browser's Web Worker. The UI thread posts frames and takes the demo's
// back once per frame; the demo answers as fast as it can, so a big listing never holds a frame.

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sim/demo_cloud.hpp"

namespace metal::native {

class DemoThread {
 public:
  /// `wake` runs on the demo's thread after it queued frames for the UI (to wake a UI loop that
  /// sleeps while idle); it must be thread-safe.
  DemoThread(sim::DemoOptions options, std::function<void()> wake);
  ~DemoThread();  // stops the demo; frames not taken yet are dropped
  DemoThread(const DemoThread&) = delete;
  DemoThread& operator=(const DemoThread&) = delete;

  /// From the UI thread: a frame for the demo.
  void post(std::string bytes);
  /// From the UI thread: the demo's frames since the last call, in order.
  std::vector<std::string> take();

 private:
  void run(sim::DemoOptions options);

  std::function<void()> wake_;
  std::mutex mutex_;  // guards what follows
  std::condition_variable work_;
  std::deque<std::string> inbox_;
  std::vector<std::string> outbox_;
  bool stopping_ = false;
  std::thread thread_;  // last: started once everything above exists
};

}  // namespace metal::native
