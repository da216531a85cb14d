#include "model/stable_order.hpp"

#include <doctest/doctest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

using metal::model::stable_sort;

TEST_CASE("stable_sort orders by the comparison and keeps equal items in their order") {
  // Projects created in the same second keep the order the API listed them in.
  std::vector<std::pair<int, std::string>> items{{3, "c"},  {1, "a"}, {2, "b1"}, {1, "a2"},
                                                 {2, "b2"}, {0, "z"}, {2, "b3"}};
  stable_sort(items, [](const auto& x, const auto& y) { return x.first < y.first; });
  const std::vector<std::string> names = [&] {
    std::vector<std::string> out;
    for (const auto& item : items)
      out.push_back(item.second);
    return out;
  }();
  CHECK(names == std::vector<std::string>{"z", "a", "a2", "b1", "b2", "b3", "c"});
}

TEST_CASE("stable_sort moves its items rather than copying them, and takes empty lists") {
  std::vector<std::unique_ptr<int>> owned;
  for (int value : {5, 3, 9, 1})
    owned.push_back(std::make_unique<int>(value));
  stable_sort(owned, [](const auto& a, const auto& b) { return *a > *b; });
  REQUIRE(owned.size() == 4);
  CHECK(*owned[0] == 9);
  CHECK(*owned[3] == 1);

  std::vector<double> none;
  stable_sort(none, [](double a, double b) { return a < b; });
  CHECK(none.empty());
}
