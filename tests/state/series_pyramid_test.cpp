#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <random>

#include "state/series_pyramid.hpp"

using metal::state::SeriesPyramid;

namespace {

// What a chart would get by rescanning every sample: the reference the pyramid must match.
SeriesPyramid::Column scan(const std::vector<double>& values, std::size_t first, std::size_t last) {
  SeriesPyramid::Column c;
  for (std::size_t i = first; i < last && i < values.size(); ++i) {
    if (std::isnan(values[i])) continue;
    if (c.empty) {
      c.min = c.max = values[i];
      c.empty = false;
    }
    c.min = std::min(c.min, values[i]);
    c.max = std::max(c.max, values[i]);
  }
  return c;
}

void check_same(const SeriesPyramid::Column& a, const SeriesPyramid::Column& b) {
  CHECK(a.empty == b.empty);
  if (!a.empty && !b.empty) {
    CHECK(a.min == b.min);
    CHECK(a.max == b.max);
  }
}

}  // namespace

TEST_CASE("every range's min and max are the samples', for series of every size, gaps included") {
  std::mt19937_64 rng(42);
  for (std::size_t n : {0u, 1u, 2u, 3u, 7u, 8u, 9u, 100u, 1023u, 1025u, 4099u}) {
    CAPTURE(n);
    std::vector<double> times(n), values(n);
    std::normal_distribution<double> noise(50, 20);
    for (std::size_t i = 0; i < n; ++i) {
      times[i] = static_cast<double>(i) * 15;
      values[i] = rng() % 11 == 0 ? std::numeric_limits<double>::quiet_NaN() : noise(rng);
    }
    const SeriesPyramid pyramid(times, values);
    REQUIRE(pyramid.ordered());
    for (int probe = 0; probe < 300; ++probe) {
      const std::size_t a = n ? rng() % (n + 1) : 0;
      const std::size_t b = n ? rng() % (n + 1) : 0;
      const std::size_t first = std::min(a, b), last = std::max(a, b);
      CAPTURE(first);
      CAPTURE(last);
      check_same(pyramid.range(first, last), scan(values, first, last));
    }
    check_same(pyramid.range(0, n), scan(values, 0, n));
  }
}

TEST_CASE("pixel columns: each holds the min and max of the samples that fall in it") {
  std::mt19937_64 rng(7);
  const std::size_t n = 10'000;
  std::vector<double> times(n), values(n);
  double t = 1'700'000'000;
  for (std::size_t i = 0; i < n; ++i) {
    t += 1 + static_cast<double>(rng() % 30);  // irregular steps, as scrapes drift
    times[i] = t;
    values[i] = std::sin(static_cast<double>(i) / 50) * 100 + static_cast<double>(rng() % 7);
  }
  const SeriesPyramid pyramid(times, values);
  std::vector<SeriesPyramid::Column> columns;
  for (int width : {1, 3, 640, 1920, 20000}) {
    const double t0 = times[n / 10], t1 = times[n - n / 7];
    pyramid.columns(t0, t1, width, columns);
    REQUIRE(columns.size() == static_cast<std::size_t>(width));
    std::size_t next = 0;
    for (int c = 0; c < width; ++c) {
      const double end = c + 1 == width ? t1 : t0 + (t1 - t0) / width * (c + 1);
      const double start = t0 + (t1 - t0) / width * c;
      std::size_t first = next;
      while (first < n && times[first] < start)
        ++first;
      std::size_t last = first;
      while (last < n && times[last] < end)
        ++last;
      next = last;
      check_same(columns[static_cast<std::size_t>(c)], scan(values, first, last));
    }
  }
  // Zoomed in beyond the samples: most columns are empty, none invents a value.
  pyramid.columns(times[100], times[102], 50, columns);
  int filled = 0;
  for (const auto& c : columns)
    filled += !c.empty;
  CHECK(filled == 2);
  // A range outside the data, or an empty one: nothing drawn.
  pyramid.columns(0, 10, 10, columns);
  for (const auto& c : columns)
    CHECK(c.empty);
  pyramid.columns(t, t, 10, columns);
  CHECK(columns.size() == 10);
}

TEST_CASE("a series out of time order is refused rather than drawn wrong") {
  const SeriesPyramid scrambled({3, 1, 2}, {1, 2, 3});
  CHECK_FALSE(scrambled.ordered());
  CHECK(scrambled.size() == 0);
  const SeriesPyramid mismatched({1, 2}, {1});
  CHECK_FALSE(mismatched.ordered());
}
