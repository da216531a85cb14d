#pragma once
// The fleet's monitoring: its total CPU over the range as a chart, and the ten servers keeping
// the most CPU busy (a click opens that server's charts).

#include <memory>

#include "ui/page_view.hpp"

namespace metal::ui {

std::unique_ptr<PageView> make_monitoring_view();

}  // namespace metal::ui
