#include "ui/widgets/time_chart.hpp"

#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "state/format.hpp"
#include "ui/fonts.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

constexpr int kGridLines = 4;

ImU32 line_color(std::size_t index) {
  const Palette& p = palette();
  const ImVec4 colors[] = {p.accent, p.success, p.warning, p.danger};
  return ImGui::GetColorU32(colors[index % 4]);
}

std::string value_text(double value, state::MetricUnit unit) {
  return unit == state::MetricUnit::bytes_per_second ? state::format_rate(value)
                                                     : state::format_number(value);
}

// A round top for the value axis: 1, 2 or 5 times a power of ten.
double nice_ceiling(double value) {
  if (!(value > 0) || !std::isfinite(value)) return 1;
  // The power of ten at or below the value, by steps (std::pow would be 2 KB of the web bundle).
  double power = 1;
  while (power * 10 <= value)
    power *= 10;
  while (power > value)
    power /= 10;
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (value <= m * power) return m * power;
  return 10 * power;
}

// The sample of `line` nearest to `t`, or none in range.
std::optional<std::size_t> nearest(const state::SeriesPyramid& line, double t) {
  const auto& times = line.times();
  if (times.empty()) return std::nullopt;
  const auto it = std::lower_bound(times.begin(), times.end(), t);
  std::size_t i = static_cast<std::size_t>(it - times.begin());
  if (i == times.size() || (i > 0 && t - times[i - 1] < times[i] - t)) --i;
  return i;
}

}  // namespace

void time_chart(const char* id, const state::ChartData& chart, ChartZoom& zoom, float height) {
  const Palette& p = palette();
  ImDrawList* draw = ImGui::GetWindowDrawList();
  ImGui::PushID(id);

  // Title and legend.
  ImGui::PushFont(fonts().strong);
  ImGui::TextUnformatted(chart.title.c_str());
  ImGui::PopFont();
  for (std::size_t i = 0; i < chart.lines.size(); ++i) {
    ImGui::SameLine();
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float size = ImGui::GetFontSize() * 0.6f;
    draw->AddRectFilled(ImVec2(at.x, at.y + size * 0.4f), ImVec2(at.x + size, at.y + size * 1.4f),
                        line_color(i), 2);
    ImGui::Dummy(ImVec2(size, size));
    ImGui::SameLine(0, 4);
    ImGui::TextDisabled("%s", chart.lines[i].label.c_str());
  }
  if (zoom.zoomed()) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Reset zoom")) zoom = {};
  }
  if (chart.loading && chart.lines.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("loading...");
  }

  const float axis_width = ImGui::CalcTextSize("000.0 MB/s").x + 8;
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float width = ImGui::GetContentRegionAvail().x;
  const ImVec2 plot_min(origin.x + axis_width, origin.y + 4);
  const ImVec2 plot_max(origin.x + width - 4, origin.y + height - ImGui::GetFontSize() - 6);
  ImGui::InvisibleButton("##plot", ImVec2(std::max(width, 1.0f), height));
  anchor(std::string("chart.") + id);
  const bool hovered = ImGui::IsItemHovered();
  draw->AddRectFilled(plot_min, plot_max, ImGui::GetColorU32(p.surface_raised), 4);

  if (!chart.error.empty()) {
    draw->AddText(ImVec2(plot_min.x + 8, plot_min.y + 8), ImGui::GetColorU32(p.danger),
                  chart.error.c_str());
    ImGui::PopID();
    return;
  }
  const double t0 = zoom.zoomed() ? zoom.t0 : chart.start;
  const double t1 = zoom.zoomed() ? zoom.t1 : chart.end;
  const int columns = std::max(1, static_cast<int>(plot_max.x - plot_min.x));
  if (!(t1 > t0) || chart.lines.empty()) {
    if (!chart.loading)
      draw->AddText(ImVec2(plot_min.x + 8, plot_min.y + 8), ImGui::GetColorU32(p.text_muted),
                    "No data for this range.");
    ImGui::PopID();
    return;
  }

  // Per line, per pixel column: min and max of the samples in it, from the pyramid.
  static std::vector<std::vector<state::SeriesPyramid::Column>> per_line;
  per_line.resize(chart.lines.size());
  double top = 0;
  for (std::size_t l = 0; l < chart.lines.size(); ++l) {
    chart.lines[l].samples.columns(t0, t1, columns, per_line[l]);
    for (const auto& column : per_line[l])
      if (!column.empty) top = std::max(top, column.max);
  }
  top = nice_ceiling(top);
  const float plot_height = plot_max.y - plot_min.y;
  auto y_of = [&](double value) {
    return plot_max.y - static_cast<float>(value / top) * plot_height;
  };
  auto x_of = [&](double t) {
    return plot_min.x + static_cast<float>((t - t0) / (t1 - t0)) * (plot_max.x - plot_min.x);
  };

  // Grid and axes.
  for (int g = 0; g <= kGridLines; ++g) {
    const double value = top * g / kGridLines;
    const float y = y_of(value);
    draw->AddLine(ImVec2(plot_min.x, y), ImVec2(plot_max.x, y), ImGui::GetColorU32(p.border));
    const std::string label = value_text(value, chart.unit);
    draw->AddText(ImVec2(plot_min.x - ImGui::CalcTextSize(label.c_str()).x - 6,
                         y - ImGui::GetFontSize() * 0.5f),
                  ImGui::GetColorU32(p.text_muted), label.c_str());
  }
  for (int g = 0; g <= 4; ++g) {
    const double t = t0 + (t1 - t0) * g / 4;
    const std::string label = state::format_chart_time(t, t1 - t0);
    const float w = ImGui::CalcTextSize(label.c_str()).x;
    const float x = std::clamp(x_of(t) - w / 2, plot_min.x, plot_max.x - w);
    draw->AddText(ImVec2(x, plot_max.y + 3), ImGui::GetColorU32(p.text_muted), label.c_str());
  }

  // Lines: each column's min-max as a vertical stroke, joined to the next column's, so spikes
  // survive at any zoom; columns with no sample break the line (a gap, not a made-up slope).
  draw->PushClipRect(plot_min, plot_max, true);
  for (std::size_t l = 0; l < chart.lines.size(); ++l) {
    const ImU32 color = line_color(l);
    const auto& cols = per_line[l];
    if (chart.lines[l].samples.size() < static_cast<std::size_t>(columns)) {
      // Fewer samples than pixels: the samples themselves, joined.
      const auto& times = chart.lines[l].samples.times();
      const auto& values = chart.lines[l].samples.values();
      const auto first = std::lower_bound(times.begin(), times.end(), t0) - times.begin();
      std::optional<ImVec2> previous;
      for (auto i = std::max<std::ptrdiff_t>(0, first - 1);
           i < static_cast<std::ptrdiff_t>(times.size()); ++i) {
        const auto index = static_cast<std::size_t>(i);
        if (std::isnan(values[index])) {
          previous.reset();
          continue;
        }
        const ImVec2 point(x_of(times[index]), y_of(values[index]));
        if (previous) draw->AddLine(*previous, point, color, 1.5f);
        previous = point;
        if (times[index] > t1) break;
      }
      continue;
    }
    std::optional<ImVec2> previous;
    for (int c = 0; c < columns; ++c) {
      const auto& column = cols[static_cast<std::size_t>(c)];
      if (column.empty) {
        previous.reset();
        continue;
      }
      const float x = plot_min.x + static_cast<float>(c) + 0.5f;
      const ImVec2 high(x, y_of(column.max)), low(x, y_of(column.min));
      if (previous) draw->AddLine(*previous, ImVec2(x, (high.y + low.y) / 2), color, 1.5f);
      draw->AddLine(high, ImVec2(x, low.y + 1), color, 1.0f);
      previous = ImVec2(x, (high.y + low.y) / 2);
    }
  }

  // Zoom: drag across a span; double-click to see the whole range again.
  const ImGuiIO& io = ImGui::GetIO();
  const auto t_of = [&](float x) {
    return t0 + (std::clamp(x, plot_min.x, plot_max.x) - plot_min.x) / (plot_max.x - plot_min.x) *
                    (t1 - t0);
  };
  if (hovered && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
    zoom.dragging = true;
    zoom.drag_from_x = io.MousePos.x;
  }
  if (zoom.dragging) {
    const float a = std::min(zoom.drag_from_x, io.MousePos.x);
    const float b = std::max(zoom.drag_from_x, io.MousePos.x);
    draw->AddRectFilled(ImVec2(a, plot_min.y), ImVec2(b, plot_max.y),
                        ImGui::GetColorU32(ImVec4(p.accent.x, p.accent.y, p.accent.z, 0.2f)));
    if (!io.MouseDown[ImGuiMouseButton_Left]) {
      zoom.dragging = false;
      if (b - a > 4) {
        const double z0 = t_of(a), z1 = t_of(b);
        zoom.t0 = z0;
        zoom.t1 = z1;
        zoom.dragging = false;
      }
    }
  }
  if (hovered && ImGui::IsMouseDoubleClicked(ImGuiMouseButton_Left)) zoom = {};

  // Readout: every line's value at the cursor.
  if (hovered && !zoom.dragging && io.MousePos.x >= plot_min.x && io.MousePos.x <= plot_max.x) {
    const double t = t_of(io.MousePos.x);
    draw->AddLine(ImVec2(io.MousePos.x, plot_min.y), ImVec2(io.MousePos.x, plot_max.y),
                  ImGui::GetColorU32(p.text_muted));
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(state::format_chart_time(t, t1 - t0, true).c_str());
    for (std::size_t l = 0; l < chart.lines.size(); ++l) {
      const auto i = nearest(chart.lines[l].samples, t);
      if (!i) continue;
      const double value = chart.lines[l].samples.values()[*i];
      ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(line_color(l)), "%s  %s",
                         chart.lines[l].label.c_str(),
                         std::isnan(value) ? "no data" : value_text(value, chart.unit).c_str());
    }
    ImGui::EndTooltip();
  }
  draw->PopClipRect();
  ImGui::PopID();
}

}  // namespace metal::ui
