// A 1,000,000-point series drawn into 1,600 pixel columns while zooming and panning (issue-5
// budget: frame CPU <= 2 ms natively): the min/max pyramid against rescanning the visible samples
// each frame, measured in the same run. Prints JSON; asserts nothing.

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

#include "state/series_pyramid.hpp"

using metal::state::SeriesPyramid;
using Clock = std::chrono::steady_clock;

namespace {

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}
double p95(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() * 95 / 100];
}

// The baseline: every visible sample looked at, every frame.
void rescan(const std::vector<double>& times, const std::vector<double>& values, double t0,
            double t1, int columns, std::vector<SeriesPyramid::Column>& out) {
  out.assign(static_cast<std::size_t>(columns), {});
  const double width = (t1 - t0) / columns;
  auto i =
      static_cast<std::size_t>(std::lower_bound(times.begin(), times.end(), t0) - times.begin());
  for (; i < times.size() && times[i] < t1; ++i) {
    const auto c = std::min(columns - 1, static_cast<int>((times[i] - t0) / width));
    auto& col = out[static_cast<std::size_t>(c)];
    if (std::isnan(values[i])) continue;
    if (col.empty) col = {values[i], values[i], false};
    col.min = std::min(col.min, values[i]);
    col.max = std::max(col.max, values[i]);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t points = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1'000'000;
  const int columns = 1600, frames = 240;
  std::vector<double> times(points), values(points);
  for (std::size_t i = 0; i < points; ++i) {
    times[i] = 1'700'000'000.0 + static_cast<double>(i) * 15;  // a 15 s scrape, 6 months
    values[i] = 40 + 30 * std::sin(static_cast<double>(i) / 5760.0) +
                10 * std::sin(static_cast<double>(i) / 37.0) + static_cast<double>(i % 13);
  }
  auto t = Clock::now();
  const SeriesPyramid pyramid(times, values);
  const double build_ms = std::chrono::duration<double, std::milli>(Clock::now() - t).count();

  // A user zooming from the whole series in to a few hours and back, panning as they go.
  const double span = times.back() - times.front();
  std::vector<double> pyramid_us, rescan_us;
  std::vector<SeriesPyramid::Column> out;
  double checksum = 0;
  for (int f = 0; f < frames; ++f) {
    const double zoom = std::pow(0.97, f < frames / 2 ? f : frames - f);  // 1 .. ~0.03
    const double width = span * zoom;
    const double start = times.front() + (span - width) * (0.5 + 0.5 * std::sin(f / 20.0));
    t = Clock::now();
    pyramid.columns(start, start + width, columns, out);
    pyramid_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    checksum += out[static_cast<std::size_t>(columns / 2)].max;
    t = Clock::now();
    rescan(times, values, start, start + width, columns, out);
    rescan_us.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
    checksum -= out[static_cast<std::size_t>(columns / 2)].max;
  }
  std::printf(
      "{\"points\": %zu, \"columns\": %d, \"frames\": %d, \"build_ms\": %.1f, "
      "\"pyramid_frame_us_median\": %.1f, \"pyramid_frame_us_p95\": %.1f, "
      "\"rescan_frame_us_median\": %.1f, \"rescan_frame_us_p95\": %.1f, \"speedup_median\": %.1f, "
      "\"results_agree\": %s}\n",
      points, columns, frames, build_ms, median(pyramid_us), p95(pyramid_us), median(rescan_us),
      p95(rescan_us), median(rescan_us) / median(pyramid_us),
      std::abs(checksum) < 1e-9 ? "true" : "false");
  return 0;
}
