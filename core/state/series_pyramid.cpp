#include "state/series_pyramid.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace metal::state {

namespace {
constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// NaN-aware: a gap never wins.
double lower(double a, double b) {
  return std::isnan(a) ? b : std::isnan(b) ? a : std::min(a, b);
}
double higher(double a, double b) {
  return std::isnan(a) ? b : std::isnan(b) ? a : std::max(a, b);
}
}  // namespace

SeriesPyramid::SeriesPyramid(std::vector<double> times, std::vector<double> values) {
  if (times.size() != values.size() || !std::is_sorted(times.begin(), times.end())) {
    ordered_ = false;
    return;
  }
  times_ = std::move(times);
  values_ = std::move(values);
  const std::vector<double>* below_min = &values_;
  const std::vector<double>* below_max = &values_;
  while (below_min->size() > 1) {
    const std::size_t n = below_min->size() / 2;  // an odd last element is reached from below
    std::vector<double> mins(n), maxs(n);
    for (std::size_t b = 0; b < n; ++b) {
      mins[b] = lower((*below_min)[2 * b], (*below_min)[2 * b + 1]);
      maxs[b] = higher((*below_max)[2 * b], (*below_max)[2 * b + 1]);
    }
    min_levels_.push_back(std::move(mins));
    max_levels_.push_back(std::move(maxs));
    below_min = &min_levels_.back();
    below_max = &max_levels_.back();
  }
}

SeriesPyramid::Column SeriesPyramid::range(std::size_t first, std::size_t last) const {
  double lo = kNone, hi = kNone;
  last = std::min(last, values_.size());
  // Up the levels, taking the unaligned element at either end as it appears. An even `last` at a
  // level never reaches past the next level's size (floor(n / 2)), so odd-sized levels need no
  // care: their last element is taken at its own level.
  for (std::size_t level = 0; first < last; ++level, first /= 2, last /= 2) {
    const std::vector<double>& mins = level == 0 ? values_ : min_levels_[level - 1];
    const std::vector<double>& maxs = level == 0 ? values_ : max_levels_[level - 1];
    if (first & 1) {
      lo = lower(lo, mins[first]);
      hi = higher(hi, maxs[first]);
      ++first;
    }
    if (last & 1) {
      --last;
      lo = lower(lo, mins[last]);
      hi = higher(hi, maxs[last]);
    }
  }
  Column c;
  c.empty = std::isnan(lo);
  if (!c.empty) c.min = lo, c.max = hi;
  return c;
}

void SeriesPyramid::columns(double t0, double t1, int columns, std::vector<Column>& out) const {
  out.assign(static_cast<std::size_t>(std::max(columns, 0)), Column{});
  if (columns <= 0 || !(t1 > t0) || times_.empty()) return;
  const double width = (t1 - t0) / columns;
  auto first = std::lower_bound(times_.begin(), times_.end(), t0);
  for (int c = 0; c < columns; ++c) {
    const double end = c + 1 == columns ? t1 : t0 + width * (c + 1);
    const auto last = std::lower_bound(first, times_.end(), end);
    if (last != first)
      out[static_cast<std::size_t>(c)] = range(static_cast<std::size_t>(first - times_.begin()),
                                               static_cast<std::size_t>(last - times_.begin()));
    first = last;
  }
}

}  // namespace metal::state
