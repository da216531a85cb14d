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
using PageFetch = Callback<void(int page, Callback<void(ApiResult<PageLanded>)> landed)>;
void run_pages(int per_page, PageFetch fetch, Done<std::int64_t> done);

// The listing machinery below exists once, for every list type: a type is described by a few
// plain functions (ListType), so each new list the console reads costs its decoder and little
// more in the web bundle (the machinery instantiated per type cost ~1 KB gzip each).

/// What the paging code needs to know of a list type.
struct ListType {
  void* (*make)();  // a new, empty list
  void (*destroy)(void* list);
  /// Decodes an answer into `list`; false with `error` set when it is not one.
  bool (*decode)(std::string_view text, void* list, std::string& error);
  std::int64_t (*total)(const Response& response, const void* list);
  std::int64_t (*items)(const void* list);
  void (*append)(void* into, void* page);  // moves the page's items to the end of `into`
};
using AnyList = std::unique_ptr<void, void (*)(void*)>;

template <class List>
const ListType& list_type() {
  static const ListType type{
      []() -> void* { return new List(); },
      [](void* list) { delete static_cast<List*>(list); },
      [](std::string_view text, void* list, std::string& error) {
        auto decoded = model::decode_text<List>(text);
        if (!decoded) {
          error = decoded.error().to_string();
          return false;
        }
        *static_cast<List*>(list) = std::move(decoded).value();
        return true;
      },
      [](const Response& response, const void* list) {
        return list_total(response, *static_cast<const List*>(list));
      },
      [](const void* list) { return item_count(*static_cast<const List*>(list)); },
      [](void* into, void* page) {
        append_page(*static_cast<List*>(into), std::move(*static_cast<List*>(page)));
      }};
  return type;
}

void list_all_pages_of(ApiClient& client, std::string path, ListQuery query, const ListType& type,
                       Callback<void(int page, AnyList items)> on_page, Done<std::int64_t> done);
void list_all_of(ApiClient& client, std::string path, ListQuery query, const ListType& type,
                 Callback<void(ApiResult<AnyList>)> done);

/// Every page of a list route, each handed to `on_page` with its number as it lands (so a big list
/// appears progressively; pages may land out of order); `done` runs once with the total, or with
/// the first error (pages already delivered stay delivered).
template <class List>
void list_all_pages(ApiClient& client, std::string path, ListQuery query,
                    Callback<void(int page, List items)> on_page, Done<std::int64_t> done) {
  list_all_pages_of(
      client, std::move(path), std::move(query), list_type<List>(),
      [on_page = std::move(on_page)](int page, AnyList items) {
        on_page(page, std::move(*static_cast<List*>(items.get())));
      },
      std::move(done));
}

/// Every page of a list route, merged into one answer in the API's order.
template <class List>
void list_all(ApiClient& client, std::string path, ListQuery query, Done<List> done) {
  list_all_of(client, std::move(path), std::move(query), list_type<List>(),
              [done = std::move(done)](ApiResult<AnyList> list) {
                if (!list) return done(Unexpected{list.error()});
                done(std::move(*static_cast<List*>(list->get())));
              });
}

}  // namespace metal::api
