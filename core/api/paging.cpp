#include "api/paging.hpp"

#include <algorithm>

namespace metal::api {
namespace {

// Pages of one listing in flight at once: enough to fill the pipe, few enough to leave room for
// the user's own clicks and to stay far below the API's rate limit (the Dispatcher enforces it).
constexpr int kConcurrentPages = 4;
// A total beyond this many pages is not believed (an empty page ends a listing anyway).
constexpr std::int64_t kMaxPages = 1'000'000;

struct PageRun {
  PageFetch fetch;
  Done<std::int64_t> done;
  int per_page = 100;
  int last_page = 1;
  int next_page = 2;
  int in_flight = 0;
  std::int64_t total = 0;
  bool finished = false;

  void finish(ApiResult<std::int64_t> result) {
    finished = true;
    done(std::move(result));
  }
};

// Launches pages until kConcurrentPages are in flight or none are left; finishes when all landed.
void pump(const std::shared_ptr<PageRun>& run) {
  while (!run->finished && run->in_flight < kConcurrentPages && run->next_page <= run->last_page) {
    const int page = run->next_page++;
    ++run->in_flight;
    run->fetch(page, [run, page](ApiResult<PageLanded> landed) {
      --run->in_flight;
      if (run->finished) return;
      if (!landed) return run->finish(Unexpected{landed.error()});
      if (landed->items == 0) run->last_page = std::min(run->last_page, page - 1);
      pump(run);
    });
  }
  if (!run->finished && run->in_flight == 0 && run->next_page > run->last_page)
    run->finish(run->total);
}

}  // namespace

void run_pages(int per_page, PageFetch fetch, Done<std::int64_t> done) {
  auto run = std::make_shared<PageRun>();
  run->fetch = std::move(fetch);
  run->done = std::move(done);
  run->per_page = std::max(1, per_page);
  run->fetch(1, [run](ApiResult<PageLanded> first) {
    if (!first) return run->finish(Unexpected{first.error()});
    run->total = first->total;
    const std::int64_t pages = (run->total + run->per_page - 1) / run->per_page;
    run->last_page = static_cast<int>(std::clamp<std::int64_t>(pages, 1, kMaxPages));
    if (first->items == 0) run->last_page = 1;
    pump(run);
  });
}

}  // namespace metal::api
