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

namespace {

// One page of a list route (`path` without a query), decoded, with the total it announces.
void list_page(ApiClient& client, const std::string& path, const ListQuery& query,
               const ListType& type, Callback<void(ApiResult<AnyList>, std::int64_t)> done) {
  client.send(
      client.make_request(Method::get, path + list_query_string(query)),
      [described = "GET " + path, &type, done = std::move(done)](ApiResult<Response> result) {
        if (!result) return done(Unexpected{result.error()}, 0);
        AnyList list(type.make(), type.destroy);
        std::string error;
        if (!type.decode(result->body, list.get(), error))
          return done(Unexpected{error_from_decode(described, error)}, 0);
        const std::int64_t total = type.total(*result, list.get());
        done(std::move(list), total);
      });
}

}  // namespace

void list_all_pages_of(ApiClient& client, std::string path, ListQuery query, const ListType& type,
                       Callback<void(int page, AnyList items)> on_page, Done<std::int64_t> done) {
  auto shared_on_page = std::make_shared<Callback<void(int, AnyList)>>(std::move(on_page));
  const int per_page = query.per_page;
  run_pages(
      per_page,
      [&client, &type, path = std::move(path), query = std::move(query), shared_on_page](
          int page, Callback<void(ApiResult<PageLanded>)> landed) {
        ListQuery page_query = query;
        page_query.page = page;
        list_page(client, path, page_query, type,
                  [page, &type, shared_on_page, landed = std::move(landed)](ApiResult<AnyList> list,
                                                                            std::int64_t total) {
                    if (!list) return landed(Unexpected{list.error()});
                    const PageLanded what{total, type.items(list->get())};
                    (*shared_on_page)(page, std::move(list).value());
                    landed(what);
                  });
      },
      std::move(done));
}

void list_all_of(ApiClient& client, std::string path, ListQuery query, const ListType& type,
                 Callback<void(ApiResult<AnyList>)> done) {
  auto pages = std::make_shared<std::map<int, AnyList>>();
  list_all_pages_of(
      client, std::move(path), std::move(query), type,
      [pages](int page, AnyList items) { pages->emplace(page, std::move(items)); },
      [pages, &type, done = std::move(done)](ApiResult<std::int64_t> total) {
        if (!total) return done(Unexpected{total.error()});
        AnyList merged = std::move(pages->begin()->second);  // page 1 always lands first
        for (auto it = std::next(pages->begin()); it != pages->end(); ++it)
          type.append(merged.get(), it->second.get());
        done(std::move(merged));
      });
}

}  // namespace metal::api
