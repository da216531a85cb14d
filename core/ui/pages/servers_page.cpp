#include "ui/pages/servers_page.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // TableSetColumnSortDirection: follow a sort that came from the URL
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>

#include "state/format.hpp"
#include "state/projects/projects.hpp"
#include "state/servers/servers.hpp"
#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/pages/create_server_page.hpp"
#include "ui/pages/server_detail_panel.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/bulk_action_bar.hpp"
#include "ui/widgets/state_badge.hpp"

namespace metal::ui {
namespace {

using state::ServerColumn;
using state::ServerGrouping;

struct ColumnSpec {
  const char* label;
  ServerColumn column;
  float weight;  // share of the table's width: columns shrink together when the detail opens
  bool shown_by_default;
};
constexpr std::array<ColumnSpec, 10> kColumns{{
    {"Name", ServerColumn::name, 3.0f, true},
    {"State", ServerColumn::state, 2.2f, true},
    {"Type", ServerColumn::type, 1.8f, true},
    {"Zone", ServerColumn::zone, 1.4f, true},
    {"Public IP", ServerColumn::public_ip, 2.0f, true},
    {"Private IP", ServerColumn::private_ip, 2.0f, false},
    {"Image", ServerColumn::image, 2.4f, false},
    {"Tags", ServerColumn::tags, 2.4f, true},
    {"Created", ServerColumn::created, 1.2f, true},
    {"Price", ServerColumn::price, 1.6f, true},
}};
constexpr int kTickColumn = 0;  // the checkbox; data columns follow at index + 1

constexpr std::array<model::ServerState, 6> kStateFacets{
    model::ServerState::running,          model::ServerState::stopped,
    model::ServerState::stopped_in_place, model::ServerState::starting,
    model::ServerState::stopping,         model::ServerState::locked};

constexpr std::array<std::pair<ServerGrouping, const char*>, 4> kGroupings{{
    {ServerGrouping::none, "No grouping"},
    {ServerGrouping::zone, "Group by zone"},
    {ServerGrouping::state, "Group by state"},
    {ServerGrouping::tag, "Group by tag"},
}};

// What the list showed last frame, for the header checkbox and "select all matching".
struct OnScreen {
  std::size_t first = 0, end = 0;  // positions in view().rows()
  bool all_ticked = false;
};

// A facet menu: "Any type" and every value with its count.
bool facet_combo(state::Servers& servers, const char* id, const char* any, state::ServerFacet facet,
                 std::string& value, float width) {
  bool changed = false;
  ImGui::SetNextItemWidth(width);
  if (ImGui::BeginCombo(id, value.empty() ? any : value.c_str(), ImGuiComboFlags_HeightLarge)) {
    if (ImGui::Selectable(any, value.empty())) {
      value.clear();
      changed = true;
    }
    for (const state::FacetValue& option : servers.facet(facet)) {
      const std::string label = option.value + "  (" + state::format_count(option.count) + ")";
      if (ImGui::Selectable(label.c_str(), value == option.value)) {
        value = option.value;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }
  return changed;
}

void toolbar(state::Servers& servers, bool& open_column_chooser) {
  state::ServerQuery query = servers.query();
  bool changed = false;

  const float h = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(h * 15);
  if (ImGui::InputTextWithHint("##filter", "Filter by name, id, IP or tag  (Ctrl+F)", &query.text))
    changed = true;
  anchor("servers.filter");
  if (ctrl_letter_pressed('F')) ImGui::SetKeyboardFocusHere(-1);

  ImGui::SameLine();
  ImGui::SetNextItemWidth(h * 7.5f);
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
  ImGui::SameLine();
  changed |=
      facet_combo(servers, "##type", "Any type", state::ServerFacet::type, query.type, h * 7);
  anchor("servers.type_filter");
  ImGui::SameLine();
  changed |= facet_combo(servers, "##tag", "Any tag", state::ServerFacet::tag, query.tag, h * 7);
  anchor("servers.tag_filter");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(h * 8.5f);
  const char* grouping_label = kGroupings[0].second;
  for (const auto& [grouping, label] : kGroupings)
    if (grouping == query.group) grouping_label = label;
  if (ImGui::BeginCombo("##group", grouping_label)) {
    for (const auto& [grouping, label] : kGroupings)
      if (ImGui::Selectable(label, query.group == grouping)) {
        query.group = grouping;
        changed = true;
      }
    ImGui::EndCombo();
  }
  anchor("servers.group");
  ImGui::SameLine();
  if (ImGui::Button("Columns")) open_column_chooser = true;
  anchor("servers.columns");
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Button, palette().accent);
  if (ImGui::Button("Create server")) servers.open_create(query.zone);
  ImGui::PopStyleColor();
  anchor("servers.create");

  if (query.has_filter()) {
    ImGui::SameLine();
    if (ImGui::Button("Clear filters")) {
      const state::ServerQuery defaults;
      query.text.clear();
      query.state.reset();
      query.zone = query.type = query.tag = query.project = defaults.project;
      changed = true;
    }
    anchor("servers.clear_filters");
  }

  ImGui::SameLine();
  const auto& sync = servers.sync();
  const std::size_t known = servers.servers().size();
  ImGui::AlignTextToFramePadding();
  if (!sync.initial_load_done() && sync.reported_total() > 0) {
    ImGui::TextDisabled(
        "Loading %s of %s servers...", state::format_count(known).c_str(),
        state::format_count(static_cast<std::size_t>(sync.reported_total())).c_str());
  } else {
    ImGui::TextDisabled("%s of %s servers", state::format_count(servers.view().size()).c_str(),
                        state::format_count(known).c_str());
  }
  if (changed) servers.set_query(std::move(query));
}

// Up/Down/PageUp/PageDown/Home/End move the open server when no text field has the keyboard;
// Space ticks it.
void keyboard_navigation(state::Servers& servers, bool terminal_has_keyboard, float rows_per_page) {
  const auto& view = servers.view();
  if (ImGui::GetIO().WantTextInput || terminal_has_keyboard || view.size() == 0) return;
  const state::ServerRow* selected = servers.selected();
  const auto current = selected ? view.position_of(servers.servers(), selected->id) : std::nullopt;
  if (key_pressed(ImGuiKey_Escape) && selected) return servers.clear_selection();
  if (key_pressed(ImGuiKey_Space) && selected)
    return servers.tick_server(selected->id, !servers.selection().contains(*selected));

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
  servers.select(servers.servers().rows()[view.rows()[position]].id);
}

ServerColumn column_of(ImGuiID user_id) {
  return kColumns[static_cast<std::size_t>(user_id) - 1].column;
}

// The table shows the route's sort; a click on a header changes the route. On the first frame,
// and whenever the route changed the sort (URL, back button), the headers follow the route.
void sync_sort(state::Servers& servers, bool& headers_follow_route) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs) return;
  const state::ServerQuery& query = servers.query();
  const bool matches =
      specs->SpecsCount > 0 && column_of(specs->Specs[0].ColumnUserID) == query.sort &&
      (specs->Specs[0].SortDirection == ImGuiSortDirection_Descending) == query.descending;
  if (specs->SpecsDirty && !headers_follow_route && specs->SpecsCount > 0) {
    const ImGuiTableColumnSortSpecs& spec = specs->Specs[0];
    state::ServerQuery next = query;
    next.sort = column_of(spec.ColumnUserID);
    next.descending = spec.SortDirection == ImGuiSortDirection_Descending;
    specs->SpecsDirty = false;
    if (!matches) servers.set_query(next);
    return;
  }
  headers_follow_route = false;
  specs->SpecsDirty = false;
  if (matches) return;
  for (std::size_t i = 0; i < kColumns.size(); ++i)
    if (kColumns[i].column == query.sort)
      ImGui::TableSetColumnSortDirection(
          static_cast<int>(i) + 1,
          query.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
  specs->SpecsDirty = false;
}

void column_chooser(bool& open_requested) {
  if (open_requested) {
    ImGui::OpenPopup("columns");
    open_requested = false;
  }
  if (!ImGui::BeginPopup("columns")) return;
  ImGui::TextDisabled("Columns");
  for (std::size_t i = 1; i < kColumns.size(); ++i) {  // the name always shows
    const int column = static_cast<int>(i) + 1;
    bool shown = (ImGui::TableGetColumnFlags(column) & ImGuiTableColumnFlags_IsEnabled) != 0;
    if (ImGui::Checkbox(kColumns[i].label, &shown)) ImGui::TableSetColumnEnabled(column, shown);
    anchor(std::string("columns.") + std::string(state::to_string(kColumns[i].column)));
  }
  ImGui::EndPopup();
}

void header_row(state::Servers& servers, const OnScreen& on_screen) {
  ImGui::TableNextRow(ImGuiTableRowFlags_Headers);
  for (int c = 0; c < ImGui::TableGetColumnCount(); ++c) {
    if (!ImGui::TableSetColumnIndex(c)) continue;
    if (c != kTickColumn) {
      ImGui::TableHeader(ImGui::TableGetColumnName(c));
      continue;
    }
    // Ticks every row on screen; unticks everything when they all are.
    bool all = on_screen.all_ticked && on_screen.end > on_screen.first;
    if (ImGui::Checkbox("##tick-all", &all)) {
      if (all)
        servers.tick_positions(on_screen.first, on_screen.end);
      else
        servers.untick_all();
    }
    anchor("servers.tick_all");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Select the rows on screen");
  }
}

void tags_cell(const state::ServerRow& row) {
  std::string text;
  for (const std::string& tag : row.tags) {
    if (!text.empty()) text += "  ";
    text += tag;
  }
  ImGui::TextDisabled("%s", text.c_str());
}

void group_header(state::Servers& servers, const state::ServerGroup& group, float row_height) {
  ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
  ImGui::TableSetColumnIndex(1);
  ImGui::PushID(group.label.c_str());
  const std::string label = std::string(group.collapsed ? "+  " : "-  ") + group.label + "  (" +
                            state::format_count(group.count) + ")";
  ImGui::PushFont(fonts().strong);
  if (ImGui::Selectable(label.c_str(), false, ImGuiSelectableFlags_SpanAllColumns))
    servers.toggle_group(group.label);
  ImGui::PopFont();
  anchor("servers.group." + group.label);
  ImGui::PopID();
}

void server_row(state::Servers& servers, model::Timestamp wall, const state::ServerRow& row,
                std::size_t position, float row_height, const state::ServerRow* open) {
  ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
  ImGui::PushID(row.id.c_str());

  // The row is one Selectable spanning every column, labelled with the name; it opens the detail.
  ImGui::TableSetColumnIndex(1);
  const bool is_open = open && open->id == row.id;
  const std::string label = row.name + (servers.action_pending(row.id) ? "  ..." : "") + "##row";
  if (ImGui::Selectable(label.c_str(), is_open,
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap,
                        ImVec2(0, row_height - ImGui::GetStyle().CellPadding.y * 2))) {
    if (is_open)
      servers.clear_selection();
    else
      servers.select(row.id);
  }
  anchor("servers.row." + row.name);

  // The tick is drawn after the row's Selectable so that it, not the row, takes the click.
  ImGui::TableSetColumnIndex(kTickColumn);
  bool ticked = servers.selection().contains(row);
  ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, 0));
  ImGui::PushStyleVar(ImGuiStyleVar_FrameRounding, ImGui::GetFontSize() * 0.2f);
  ImGui::SetCursorPosX(
      ImGui::GetCursorPosX() +
      std::max(0.0f, (ImGui::GetContentRegionAvail().x - ImGui::GetFontSize()) / 2));
  if (ImGui::Checkbox("##tick", &ticked)) {
    if (ImGui::GetIO().KeyShift)
      servers.tick_range_to(position);
    else
      servers.tick_server(row.id, ticked);
  }
  ImGui::PopStyleVar(2);
  anchor("servers.tick." + row.name);

  for (std::size_t i = 1; i < kColumns.size(); ++i) {
    if (!ImGui::TableSetColumnIndex(static_cast<int>(i) + 1)) continue;
    switch (kColumns[i].column) {
      case ServerColumn::name:
        break;
      case ServerColumn::state:
        state_badge(row.state, row.state_text(), row.state_detail);
        break;
      case ServerColumn::type:
        ImGui::TextUnformatted(row.commercial_type.c_str());
        break;
      case ServerColumn::zone:
        ImGui::TextUnformatted(row.zone.c_str());
        break;
      case ServerColumn::public_ip:
      case ServerColumn::private_ip:
        ImGui::PushFont(fonts().mono);
        ImGui::TextUnformatted(kColumns[i].column == ServerColumn::public_ip
                                   ? row.public_ip.c_str()
                                   : row.private_ip.c_str());
        ImGui::PopFont();
        break;
      case ServerColumn::image:
        ImGui::TextUnformatted(row.image_name.c_str());
        break;
      case ServerColumn::tags:
        tags_cell(row);
        break;
      case ServerColumn::created:
        ImGui::TextDisabled("%s", model::format_age(row.created, wall).c_str());
        if (ImGui::IsItemHovered())
          ImGui::SetTooltip("%s", state::format_date_time(row.created).c_str());
        break;
      case ServerColumn::price:
        if (auto monthly = servers.prices().monthly(row.zone, row.commercial_type))
          ImGui::Text("%s/mo", monthly->format(2).c_str());
        else
          ImGui::TextDisabled("-");
        break;
    }
  }
  ImGui::PopID();
}

// The servers' pages share one view: the list, with the open server's detail or the create form
// beside it. Everything the list and the panel keep between frames lives here.
class ServersView final : public PageView {
 public:
  void draw(state::Console& console, Shell& shell) override;
  void draw_navigation(state::Console& console) override;
  bool showed_data() const override { return showed_rows_; }

 private:
  void list(state::Console& console, state::Servers& servers, Shell& shell);

  OnScreen on_screen_;  // what the list showed last frame
  bool open_column_chooser_ = false;
  bool headers_follow_route_ = true;
  std::string last_scrolled_to_;
  std::string bulk_tag_;
  ServerTabsState tabs_;
  bool showed_rows_ = false;
};

void ServersView::draw(state::Console& console, Shell& shell) {
  state::Servers& servers = console.feature<state::Servers>();
  const state::Route& route = console.route();
  const bool creating = route.is(state::kServerCreatePage);
  const bool detail_open = creating || route.is(state::kServerPage);
  const float fs = ImGui::GetFontSize();
  // The detail takes what its tabs need (rules tables, charts) and leaves the list usable.
  const float detail_width =
      detail_open ? std::max(fs * 30.0f, ImGui::GetContentRegionAvail().x * 0.48f) : 0.0f;
  const float height = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("##page", ImVec2(ImGui::GetContentRegionAvail().x - detail_width, height),
                    false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  list(console, servers, shell);
  ImGui::EndChild();
  if (!detail_open) return;
  ImGui::SameLine(0, 0);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().surface_raised);
  ImGui::BeginChild("##detail", ImVec2(detail_width, height), true,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  if (creating) {
    create_server_page(console, servers);
  } else {
    ServerTabContext context{console, servers, shell, tabs_};
    server_detail_panel(context);
  }
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void ServersView::draw_navigation(state::Console& console) {
  state::Servers& servers = console.feature<state::Servers>();
  char label[96];
  // Projects the key sees: the list shows one, or all of them.
  const auto& projects = console.feature<state::Projects>().all();
  const state::ServerQuery& query = servers.query();
  if (projects.size() > 1) {
    ImGui::TextDisabled("PROJECT");
    std::string current = "All projects";
    for (const model::Project& p : projects)
      if (p.id == query.project) current = p.name;
    ImGui::SetNextItemWidth(-1);
    if (ImGui::BeginCombo("##project", current.c_str())) {
      auto choose = [&](const std::string& id) {
        state::ServerQuery next = query;
        next.project = id;
        servers.set_query(std::move(next));
      };
      if (ImGui::Selectable("All projects", query.project.empty())) choose("");
      for (const model::Project& p : projects)
        if (ImGui::Selectable((p.name + "##" + p.id).c_str(), p.id == query.project)) choose(p.id);
      ImGui::EndCombo();
    }
    anchor("nav.project");
    ImGui::Spacing();
  }
  ImGui::TextDisabled("ZONES");
  auto zone_item = [&](const std::string& zone, const char* text, std::size_t count) {
    std::snprintf(label, sizeof label, "%s  (%zu)", text, count);
    if (ImGui::Selectable(label, query.zone == zone)) {
      state::ServerQuery next = query;
      next.zone = zone;
      servers.set_query(std::move(next));
    }
    anchor("nav.zone." + (zone.empty() ? std::string("all") : zone));
  };
  zone_item("", "All zones", servers.servers().size());
  for (const std::string& zone : console.zones())
    zone_item(zone, zone.c_str(), servers.servers().count_in_zone(zone));
}

void ServersView::list(state::Console& console, state::Servers& servers, Shell& shell) {
  toolbar(servers, open_column_chooser_);
  bulk_action_bar(servers, shell.confirm, bulk_tag_,
                  on_screen_.all_ticked && on_screen_.end > on_screen_.first);

  const auto& view = servers.view();
  const auto rows = servers.servers().rows();
  showed_rows_ = view.size() > 0;
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingStretchProp;

  if (!ImGui::BeginTable("servers", static_cast<int>(kColumns.size()) + 1, flags, ImVec2(0, 0)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("##tick",
                          ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort |
                              ImGuiTableColumnFlags_NoHide | ImGuiTableColumnFlags_NoResize |
                              ImGuiTableColumnFlags_NoReorder,
                          ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.x * 2, 0);
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    const ColumnSpec& spec = kColumns[i];
    ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthStretch;
    if (spec.column == ServerColumn::created) column_flags |= ImGuiTableColumnFlags_DefaultSort;
    if (spec.column == ServerColumn::name) column_flags |= ImGuiTableColumnFlags_NoHide;
    if (!spec.shown_by_default) column_flags |= ImGuiTableColumnFlags_DefaultHide;
    ImGui::TableSetupColumn(spec.label, column_flags, spec.weight, static_cast<ImGuiID>(i) + 1);
  }
  header_row(servers, on_screen_);
  sync_sort(servers, headers_follow_route_);
  column_chooser(open_column_chooser_);

  const float row_height = ImGui::GetTextLineHeight() + ImGui::GetStyle().CellPadding.y * 2;
  const float visible_rows = ImGui::GetWindowHeight() / row_height;
  if (ImGui::IsWindowFocused(ImGuiFocusedFlags_RootAndChildWindows))
    keyboard_navigation(servers, tabs_.terminal.has_keyboard, visible_rows);

  const state::ServerRow* open = servers.selected();

  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(view.line_count()), row_height);
  // Keep the open row in view when it moved by keyboard or URL.
  std::optional<std::size_t> open_line;
  if (open && open->id != last_scrolled_to_) {
    if (auto position = view.position_of(servers.servers(), open->id))
      open_line = view.line_of(*position);
    last_scrolled_to_ = open->id;
  }
  if (open_line) {
    const float y = static_cast<float>(*open_line) * row_height;
    const float top = ImGui::GetScrollY();
    const float bottom = top + ImGui::GetWindowHeight() - row_height * 2.5f;
    if (y < top || y > bottom)
      ImGui::SetScrollY(std::max(0.0f, y - ImGui::GetWindowHeight() * 0.4f));
  }

  const model::Timestamp wall = console.wall_clock();
  OnScreen on_screen{view.size(), 0, true};
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const state::ServerLine line = view.line(static_cast<std::size_t>(i));
      if (line.group) {
        group_header(servers, *line.group, row_height);
        continue;
      }
      const state::ServerRow& row = rows[view.rows()[line.position]];
      // The clipper also steps over a measuring row above the visible range; count only rows
      // actually inside the scrolled window.
      server_row(servers, wall, row, line.position, row_height, open);
      if (ImGui::IsItemVisible()) {
        on_screen.first = std::min(on_screen.first, line.position);
        on_screen.end = std::max(on_screen.end, line.position + 1);
        on_screen.all_ticked &= servers.selection().contains(row);
      }
    }
  }
  if (on_screen.end <= on_screen.first) on_screen = {};
  on_screen_ = on_screen;
  if (view.size() == 0) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(1);
    if (servers.servers().size() == 0 && !servers.sync().initial_load_done())
      ImGui::TextDisabled("Loading servers...");
    else if (servers.servers().size() == 0)
      ImGui::TextDisabled("No servers in this account yet.");
    else
      ImGui::TextDisabled("No server matches this filter.");
  }
  ImGui::EndTable();
}

}  // namespace

std::unique_ptr<PageView> make_servers_view() {
  return std::make_unique<ServersView>();
}

}  // namespace metal::ui
