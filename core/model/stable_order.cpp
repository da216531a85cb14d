#include "model/stable_order.hpp"

#include <algorithm>

namespace metal::model::detail {

std::vector<std::uint32_t> stable_order(std::size_t count, IndexLess less, const void* context) {
  std::vector<std::uint32_t> order(count);
  for (std::size_t i = 0; i < count; ++i)
    order[i] = static_cast<std::uint32_t>(i);
  std::sort(order.begin(), order.end(), [less, context](std::uint32_t a, std::uint32_t b) {
    if (less(context, a, b)) return true;
    if (less(context, b, a)) return false;
    return a < b;
  });
  return order;
}

}  // namespace metal::model::detail
