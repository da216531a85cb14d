#pragma once
// Lists that span pages: page 1 first (it tells the total, from X-Total-Count or the body's own
// total_count), then the remaining pages a few at a time, each handed over as it lands.

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "api/api_client.hpp"
#include "model/fields.hpp"
#include "model/json_decode.hpp"

namespace metal::api {

namespace detail {
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};
template <class T>
struct is_map : std::false_type {};
template <class T>
struct is_map<std::map<std::string, T>> : std::true_type {};
template <class T>
constexpr bool is_collection = is_vector<T>::value || is_map<T>::value;
}  // namespace detail

/// How many items a list answer holds: the size of its collection member(s).
template <class List>
std::int64_t item_count(const List& list) {
  std::int64_t count = 0;
  auto counter = [&count](std::string_view, const auto& member) {
    if constexpr (detail::is_collection<std::remove_cvref_t<decltype(member)>>)
      count += static_cast<std::int64_t>(member.size());
  };
  fields(counter, list);
  return count;
}

/// Moves the items of `page` to the end of `into` (lists) or into it (keyed answers such as
/// /products/servers); other members keep the first page's values.
template <class List>
void append_page(List& into, List&& page) {
  std::vector<void*> sources;
  auto collect = [&sources](std::string_view, auto& member) { sources.push_back(&member); };
  fields(collect, page);
  std::size_t index = 0;
  auto merge = [&](std::string_view, auto& member) {
    using Member = std::remove_cvref_t<decltype(member)>;
    auto& source = *static_cast<Member*>(sources[index++]);
    if constexpr (detail::is_vector<Member>::value)
      member.insert(member.end(), std::make_move_iterator(source.begin()),
                    std::make_move_iterator(source.end()));
    else if constexpr (detail::is_map<Member>::value)
      member.merge(source);
  };
  fields(merge, into);
}

/// The total a list announces: X-Total-Count, else a total_count member, else what it holds.
template <class List>
std::int64_t list_total(const Response& response, const List& list) {
  std::int64_t fallback = item_count(list);
  if constexpr (requires { list.total_count; }) fallback = std::max(fallback, list.total_count);
  return total_from_headers(response, fallback);
}

/// What a landed page told: the total it announced and how many items it held.
struct PageLanded {
  std::int64_t total = 0;
  std::int64_t items = 0;
};
/// Runs the pages of one listing: `fetch(page, landed)` fetches one page and reports what it
/// held, or its error. Shared by every list type (the scheduling is not templated). A page that
/// comes back empty ends the listing there, whatever the total said.
using PageFetch = std::function<void(int page, std::function<void(ApiResult<PageLanded>)> landed)>;
void run_pages(int per_page, PageFetch fetch, Done<std::int64_t> done);

/// One page of a list route (`path` without a query), decoded, with the total it announces.
template <class List>
void list_page(ApiClient& client, const std::string& path, const ListQuery& query,
               std::function<void(ApiResult<List>, std::int64_t total)> done) {
  client.send(client.make_request(Method::get, path + list_query_string(query)),
              [described = "GET " + path, done = std::move(done)](ApiResult<Response> result) {
                if (!result) return done(Unexpected{result.error()}, 0);
                auto list = model::decode_text<List>(result->body);
                if (!list)
                  return done(Unexpected{error_from_decode(described, list.error().to_string())},
                              0);
                const std::int64_t total = list_total(*result, *list);
                done(std::move(list).value(), total);
              });
}

/// Every page of a list route, each handed to `on_page` with its number as it lands (so a big list
/// appears progressively; pages may land out of order); `done` runs once with the total, or with
/// the first error (pages already delivered stay delivered).
template <class List>
void list_all_pages(ApiClient& client, std::string path, ListQuery query,
                    std::function<void(int page, List items)> on_page, Done<std::int64_t> done) {
  auto shared_on_page = std::make_shared<std::function<void(int, List)>>(std::move(on_page));
  const int per_page = query.per_page;
  run_pages(
      per_page,
      [&client, path = std::move(path), query = std::move(query), shared_on_page](
          int page, std::function<void(ApiResult<PageLanded>)> landed) {
        ListQuery page_query = query;
        page_query.page = page;
        list_page<List>(client, path, page_query,
                        [page, shared_on_page, landed = std::move(landed)](ApiResult<List> list,
                                                                           std::int64_t total) {
                          if (!list) return landed(Unexpected{list.error()});
                          const PageLanded what{total, item_count(*list)};
                          (*shared_on_page)(page, std::move(list).value());
                          landed(what);
                        });
      },
      std::move(done));
}

/// Every page of a list route, merged into one answer in the API's order.
template <class List>
void list_all(ApiClient& client, std::string path, ListQuery query, Done<List> done) {
  auto pages = std::make_shared<std::map<int, List>>();
  list_all_pages<List>(
      client, std::move(path), std::move(query),
      [pages](int page, List items) { pages->emplace(page, std::move(items)); },
      [pages, done = std::move(done)](ApiResult<std::int64_t> total) {
        if (!total) return done(Unexpected{total.error()});
        List merged = std::move(pages->begin()->second);  // page 1 always lands first
        for (auto it = std::next(pages->begin()); it != pages->end(); ++it)
          append_page(merged, std::move(it->second));
        done(std::move(merged));
      });
}

}  // namespace metal::api
