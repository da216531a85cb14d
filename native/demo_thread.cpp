#include "demo_thread.hpp"

#include <chrono>

#include "sim/demo_host.hpp"

namespace metal::native {
namespace {

using Clock = std::chrono::steady_clock;

model::Timestamp wall_now() {
  const auto since_epoch = std::chrono::system_clock::now().time_since_epoch();
  return model::Timestamp{
      std::chrono::duration_cast<std::chrono::microseconds>(since_epoch).count()};
}

// The world's clock moves (servers boot, metrics accrue) even when nobody asks: the demo wakes
// this often to advance it.
constexpr auto kIdleTick = std::chrono::milliseconds(100);
// While requests wait, the demo answers in slices this long, then looks at its inbox again (a
// cancel, a click's request), so a long listing never keeps the user's requests waiting behind it.
constexpr auto kSlice = std::chrono::milliseconds(8);

}  // namespace

DemoThread::DemoThread(sim::DemoOptions options, std::function<void()> wake)
    : wake_(std::move(wake)), thread_([this, options] { run(options); }) {}

DemoThread::~DemoThread() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  thread_.join();
}

void DemoThread::post(std::string bytes) {
  {
    std::lock_guard lock(mutex_);
    inbox_.push_back(std::move(bytes));
  }
  work_.notify_one();
}

std::vector<std::string> DemoThread::take() {
  std::lock_guard lock(mutex_);
  return std::exchange(outbox_, {});
}

void DemoThread::run(sim::DemoOptions options) {
  std::vector<std::string> produced;
  sim::DemoHost host(options, wall_now(),
                     [&produced](std::string bytes) { produced.push_back(std::move(bytes)); });
  auto flush = [&] {
    if (produced.empty()) return;
    {
      std::lock_guard lock(mutex_);
      for (std::string& bytes : produced)
        outbox_.push_back(std::move(bytes));
    }
    produced.clear();
    if (wake_) wake_();
  };
  flush();  // the hello
  std::deque<std::string> received;
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (host.unanswered() == 0)
        work_.wait_for(lock, kIdleTick, [this] { return stopping_ || !inbox_.empty(); });
      if (stopping_) return;
      received.swap(inbox_);
    }
    for (const std::string& bytes : received)
      host.receive(bytes);
    received.clear();
    if (host.reset_requested()) host.reset(wall_now());
    const auto slice_end = Clock::now() + kSlice;
    host.tick(wall_now(), [&] { return Clock::now() >= slice_end; });
    flush();
  }
}

}  // namespace metal::native
