#pragma once
// What a chart draws of a long series: per pixel column, the lowest and highest sample in it.
// A pyramid of min/max over aligned power-of-two blocks is built once per series (2n extra
// values); any range then costs O(log n) per column, so a million-point series redraws while
// zooming and panning without rescanning its samples each frame.

#include <cstddef>
#include <cstdint>
#include <vector>

namespace metal::state {

class SeriesPyramid {
 public:
  SeriesPyramid() = default;
  /// Samples in time order (seconds); a value that is NaN (Prometheus's "NaN") is a gap: it
  /// counts in no column's min or max. Times out of order are refused by returning an empty
  /// pyramid with `ordered()` false: a chart of a scrambled series would lie.
  SeriesPyramid(std::vector<double> times, std::vector<double> values);

  bool ordered() const { return ordered_; }
  std::size_t size() const { return times_.size(); }
  const std::vector<double>& times() const { return times_; }
  const std::vector<double>& values() const { return values_; }

  struct Column {
    double min = 0, max = 0;
    bool empty = true;  // no sample (or only gaps) falls in it
  };
  /// `columns` equal columns spanning [t0, t1): each column's min and max. `out` is resized.
  void columns(double t0, double t1, int columns, std::vector<Column>& out) const;
  /// Min and max of samples [first, last) (indices), O(log n).
  Column range(std::size_t first, std::size_t last) const;

 private:
  std::vector<double> times_, values_;
  // levels_[k][b]: min and max of samples [b * 2^(k+1), (b + 1) * 2^(k+1)); level 0 of the
  // pyramid is the samples themselves.
  std::vector<std::vector<double>> min_levels_, max_levels_;
  bool ordered_ = true;
};

}  // namespace metal::state
