#include "ui/test_anchors.hpp"

#include <imgui.h>

#include <nlohmann/json.hpp>
#include <vector>

namespace metal::ui {
namespace {

struct Anchor {
  std::string name;
  ImVec2 min, max;
};
std::vector<Anchor> g_building;
std::vector<Anchor> g_last_frame;

}  // namespace

void begin_anchor_frame() {
  g_last_frame.swap(g_building);
  g_building.clear();
}

void anchor(std::string_view name) {
  if (!ImGui::IsItemVisible()) return;
  g_building.push_back({std::string(name), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()});
}

std::string anchors_json() {
  nlohmann::json out = nlohmann::json::object();
  for (const Anchor& a : g_last_frame)
    out[a.name] = {a.min.x, a.min.y, a.max.x - a.min.x, a.max.y - a.min.y};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace metal::ui
