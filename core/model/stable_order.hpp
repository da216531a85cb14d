#pragma once
// A stable sort with one compiled body for every element type. std::stable_sort instantiates
// ~4 KB of WebAssembly per element type and comparator, std::sort ~1.2 KB; the console sorts a
// dozen short lists (keys, projects, chart lines, rules, frame times) where that code is all the
// cost and the indirect comparison nothing worth measuring. The 100,000-row server list keeps
// its own std::sort.

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace metal::model {

namespace detail {
using IndexLess = bool (*)(const void* context, std::uint32_t a, std::uint32_t b);
/// 0..count-1 ordered by `less`, equal ones by index.
std::vector<std::uint32_t> stable_order(std::size_t count, IndexLess less, const void* context);
}  // namespace detail

/// Sorts `items` by `less` (a strict weak order), keeping equal items in their order.
template <class T, class Less>
void stable_sort(std::vector<T>& items, Less less) {
  struct Context {
    const std::vector<T>& items;
    Less& less;
  } context{items, less};
  const std::vector<std::uint32_t> order = detail::stable_order(
      items.size(),
      [](const void* c, std::uint32_t a, std::uint32_t b) {
        const auto& [list, by] = *static_cast<const Context*>(c);
        return by(list[a], list[b]);
      },
      &context);
  std::vector<T> sorted;
  sorted.reserve(items.size());
  for (const std::uint32_t i : order)
    sorted.push_back(std::move(items[i]));
  items = std::move(sorted);
}

}  // namespace metal::model
