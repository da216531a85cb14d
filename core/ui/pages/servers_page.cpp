#include "ui/pages/servers_page.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // TableSetColumnSortDirection: follow a sort that came from the URL
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <optional>
#include <string>

#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/state_badge.hpp"

namespace metal::ui {
namespace {

using state::ServerColumn;

struct ColumnSpec {
  const char* label;
  ServerColumn column;
  float weight;  // share of the table's width: columns shrink together when the detail opens
};
constexpr std::array<ColumnSpec, 7> kColumns{{
    {"Name", ServerColumn::name, 3.2f},
    {"State", ServerColumn::state, 2.3f},
    {"Type", ServerColumn::type, 2.2f},
    {"Zone", ServerColumn::zone, 1.5f},
    {"IP", ServerColumn::public_ip, 2.2f},
    {"Tags", ServerColumn::tags, 2.8f},
    {"Age", ServerColumn::created, 1.0f},
}};

constexpr std::array<model::ServerState, 6> kStateFacets{
    model::ServerState::running,          model::ServerState::stopped,
    model::ServerState::stopped_in_place, model::ServerState::starting,
    model::ServerState::stopping,         model::ServerState::locked};

void toolbar(state::Console& console) {
  state::ServerQuery query = console.route().query;
  bool changed = false;

  const float h = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(h * 22);
  if (ImGui::InputTextWithHint("##filter", "Filter by name, id, IP or tag  (Ctrl+F)", &query.text))
    changed = true;
  anchor("servers.filter");
  if (ctrl_letter_pressed('F')) ImGui::SetKeyboardFocusHere(-1);

  ImGui::SameLine();
  ImGui::SetNextItemWidth(h * 11);
  const std::string current =
      query.state ? std::string(model::to_string(*query.state)) : std::string("Any state");
  if (ImGui::BeginCombo("##state", current.c_str())) {
    if (ImGui::Selectable("Any state", !query.state)) {
      query.state.reset();
      changed = true;
    }
    for (model::ServerState s : kStateFacets) {
      const std::string label(model::to_string(s));
      if (ImGui::Selectable(label.c_str(), query.state == s)) {
        query.state = s;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  anchor("servers.state_filter");

  if (!query.text.empty() || query.state || !query.zone.empty()) {
    ImGui::SameLine();
    if (ImGui::Button("Clear filters")) {
      query.text.clear();
      query.state.reset();
      query.zone.clear();
      changed = true;
    }
  }

  ImGui::SameLine();
  const auto& sync = console.sync();
  const std::size_t known = console.servers().size();
  ImGui::AlignTextToFramePadding();
  if (!sync.initial_load_done() && sync.reported_total() > 0) {
    ImGui::TextDisabled("Loading %zu of %lld servers...", known,
                        static_cast<long long>(sync.reported_total()));
  } else {
    ImGui::TextDisabled("%zu of %zu servers", console.view().size(), known);
  }
  if (changed) console.set_query(std::move(query));
}

// Up/Down/PageUp/PageDown/Home/End move the selection when no text field has the keyboard.
void keyboard_navigation(state::Console& console, float rows_per_page) {
  const auto& view = console.view();
  if (ImGui::GetIO().WantTextInput || view.size() == 0) return;
  const state::ServerRow* selected = console.selected();
  const auto current = selected ? view.position_of(console.servers(), selected->id) : std::nullopt;
  if (key_pressed(ImGuiKey_Escape) && selected) return console.clear_selection();

  const long long at = current ? static_cast<long long>(*current) : -1;
  const long long last = static_cast<long long>(view.size()) - 1;
  const long long page = std::max(1LL, static_cast<long long>(rows_per_page) - 1);
  std::optional<long long> target;
  if (key_pressed(ImGuiKey_DownArrow))
    target = at + 1;
  else if (key_pressed(ImGuiKey_UpArrow))
    target = at - 1;
  else if (key_pressed(ImGuiKey_PageDown))
    target = at + page;
  else if (key_pressed(ImGuiKey_PageUp))
    target = at - page;
  else if (key_pressed(ImGuiKey_Home))
    target = 0;
  else if (key_pressed(ImGuiKey_End))
    target = last;
  if (!target) return;
  const auto position = static_cast<std::size_t>(std::clamp(*target, 0LL, last));
  console.select(console.servers().rows()[view.rows()[position]].id);
}

// The table shows the route's sort; a click on a header changes the route. On the first frame,
// and whenever the route changed the sort (URL, back button), the headers follow the route.
void sync_sort(state::Console& console) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs) return;
  static bool headers_follow_route = true;
  const state::ServerQuery& query = console.route().query;
  const bool matches =
      specs->SpecsCount > 0 &&
      kColumns[static_cast<std::size_t>(specs->Specs[0].ColumnIndex)].column == query.sort &&
      (specs->Specs[0].SortDirection == ImGuiSortDirection_Descending) == query.descending;
  if (specs->SpecsDirty && !headers_follow_route && specs->SpecsCount > 0) {
    const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
    state::ServerQuery next = query;
    next.sort = kColumns[static_cast<std::size_t>(spec.ColumnIndex)].column;
    next.descending = spec.SortDirection == ImGuiSortDirection_Descending;
    specs->SpecsDirty = false;
    if (!matches) console.set_query(next);
    return;
  }
  headers_follow_route = false;
  specs->SpecsDirty = false;
  if (matches) return;
  for (std::size_t i = 0; i < kColumns.size(); ++i)
    if (kColumns[i].column == query.sort)
      ImGui::TableSetColumnSortDirection(
          static_cast<int>(i),
          query.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
  specs->SpecsDirty = false;
}

void tags_cell(const state::ServerRow& row) {
  std::string text;
  for (const std::string& tag : row.tags) {
    if (!text.empty()) text += "  ";
    text += tag;
  }
  ImGui::TextDisabled("%s", text.c_str());
}

}  // namespace

void servers_page(state::Console& console) {
  toolbar(console);

  const auto& view = console.view();
  const auto rows = console.servers().rows();
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingStretchProp;

  if (!ImGui::BeginTable("servers", static_cast<int>(kColumns.size()), flags, ImVec2(0, 0))) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (const ColumnSpec& spec : kColumns) {
    ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthStretch;
    if (spec.column == ServerColumn::created) column_flags |= ImGuiTableColumnFlags_DefaultSort;
    if (spec.column == ServerColumn::name) column_flags |= ImGuiTableColumnFlags_NoHide;
    ImGui::TableSetupColumn(spec.label, column_flags, spec.weight);
  }
  ImGui::TableHeadersRow();
  sync_sort(console);

  const float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  const float visible_rows = ImGui::GetWindowHeight() / row_height;
  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows))
    keyboard_navigation(console, visible_rows);

  const state::ServerRow* selected = console.selected();
  static std::string last_scrolled_to;

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(view.size()), row_height);
  // Keep the selected row in view when the selection moved by keyboard or URL.
  std::optional<std::size_t> selected_position;
  if (selected && selected->id != last_scrolled_to) {
    selected_position = view.position_of(console.servers(), selected->id);
    last_scrolled_to = selected->id;
  }
  if (selected_position) {
    const float y = static_cast<float>(*selected_position) * row_height;
    const float top = ImGui::GetScrollY();
    const float bottom = top + ImGui::GetWindowHeight() - row_height * 2.5f;
    if (y < top || y > bottom)
      ImGui::SetScrollY(std::max(0.0f, y - ImGui::GetWindowHeight() * 0.4f));
  }

  const model::Timestamp wall = console.wall_clock();
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const state::ServerRow& row = rows[view.rows()[static_cast<std::size_t>(i)]];
      ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
      ImGui::PushID(row.id.c_str());

      ImGui::TableSetColumnIndex(0);
      const bool is_selected = selected && selected->id == row.id;
      // The row is one Selectable spanning every column, labelled with the name.
      const std::string label =
          row.name + (console.action_pending(row.id) ? "  ..." : "") + "##row";
      if (ImGui::Selectable(
              label.c_str(), is_selected,
              ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
              ImVec2(0, row_height - ImGui::GetStyle().CellPadding.y * 2))) {
        if (is_selected)
          console.clear_selection();
        else
          console.select(row.id);
      }
      anchor("servers.row." + row.name);

      ImGui::TableSetColumnIndex(1);
      state_badge(row.state, row.state_text(), row.state_detail);

      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(row.commercial_type.c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(row.zone.c_str());
      ImGui::TableSetColumnIndex(4);
      ImGui::PushFont(fonts().mono);
      ImGui::TextUnformatted(row.public_ip.empty() ? row.private_ip.c_str()
                                                   : row.public_ip.c_str());
      ImGui::PopFont();
      ImGui::TableSetColumnIndex(5);
      tags_cell(row);
      ImGui::TableSetColumnIndex(6);
      ImGui::TextDisabled("%s", model::format_age(row.created, wall).c_str());
      ImGui::PopID();
    }
  }
  if (view.size() == 0) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    if (console.servers().size() == 0 && !console.sync().initial_load_done())
      ImGui::TextDisabled("Loading servers...");
    else if (console.servers().size() == 0)
      ImGui::TextDisabled("No servers in this account yet.");
    else
      ImGui::TextDisabled("No server matches this filter.");
  }
  ImGui::EndTable();
}

}  // namespace metal::ui
