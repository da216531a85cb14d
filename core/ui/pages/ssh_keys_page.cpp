#include "ui/pages/ssh_keys_page.hpp"

#include <imgui.h>
#include <imgui_internal.h>  // TableSetColumnSortDirection: follow a sort that came from the URL
#include <imgui_stdlib.h>

#include <algorithm>
#include <array>
#include <string>

#include "state/console.hpp"
#include "state/format.hpp"
#include "state/projects/projects.hpp"
#include "state/ssh_keys/public_key.hpp"
#include "state/ssh_keys/ssh_keys.hpp"
#include "ui/fonts.hpp"
#include "ui/keys.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/property_table.hpp"

namespace metal::ui {
namespace {

using state::SshKeyColumn;

struct ColumnSpec {
  const char* label;
  SshKeyColumn column;
  float weight;
};
constexpr std::array<ColumnSpec, 4> kColumns{{
    {"Name", SshKeyColumn::name, 2.2f},
    {"Fingerprint", SshKeyColumn::fingerprint, 4.0f},
    {"Project", SshKeyColumn::project, 1.6f},
    {"Added", SshKeyColumn::created, 1.2f},
}};
constexpr int kActionsColumn = static_cast<int>(kColumns.size());

class SshKeysView final : public PageView {
 public:
  void draw(state::Console& console, Shell& shell) override;
  bool showed_data() const override { return showed_data_; }

 private:
  void toolbar(state::SshKeys& keys);
  void table(state::Console& console, state::SshKeys& keys, Shell& shell);
  void sync_sort(state::SshKeys& keys);
  void name_cell(state::SshKeys& keys, const model::SshKey& key);
  void actions_cell(state::Console& console, state::SshKeys& keys, Shell& shell,
                    const model::SshKey& key);
  void add_form(state::Console& console, state::SshKeys& keys);

  std::string renaming_;  // id of the key whose name is being edited, or empty
  std::string rename_text_;
  bool rename_focus_ = false;
  bool headers_follow_route_ = true;
  std::string scrolled_to_;
  bool showed_data_ = false;
};

void SshKeysView::draw(state::Console& console, Shell& shell) {
  state::SshKeys& keys = console.feature<state::SshKeys>();
  const bool form_open = console.route().is(state::kSshKeyNewPage);
  const float fs = ImGui::GetFontSize();
  const float form_width =
      form_open ? std::max(fs * 28.0f, ImGui::GetContentRegionAvail().x * 0.42f) : 0.0f;
  const float height = ImGui::GetContentRegionAvail().y;
  ImGui::BeginChild("##ssh-keys", ImVec2(ImGui::GetContentRegionAvail().x - form_width, height),
                    false, ImGuiWindowFlags_AlwaysUseWindowPadding);
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted("SSH keys");
  ImGui::PopFont();
  ImGui::TextDisabled(
      "Every key of a project is installed on the servers created in it afterwards.");
  toolbar(keys);
  table(console, keys, shell);
  ImGui::EndChild();
  if (!form_open) return;
  ImGui::SameLine(0, 0);
  ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().surface_raised);
  ImGui::BeginChild("##add-key", ImVec2(form_width, height), true,
                    ImGuiWindowFlags_AlwaysUseWindowPadding);
  add_form(console, keys);
  ImGui::EndChild();
  ImGui::PopStyleColor();
}

void SshKeysView::toolbar(state::SshKeys& keys) {
  state::SshKeyQuery query = keys.query();
  const float fs = ImGui::GetFontSize();
  ImGui::SetNextItemWidth(fs * 15);
  if (ImGui::InputTextWithHint("##filter", "Filter by name or fingerprint  (Ctrl+F)", &query.text))
    keys.set_query(query);
  anchor("ssh_keys.filter");
  if (ctrl_letter_pressed('F')) ImGui::SetKeyboardFocusHere(-1);
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Button, palette().accent);
  if (ImGui::Button("Add an SSH key")) keys.open_add_form();
  ImGui::PopStyleColor();
  anchor("ssh_keys.add");
  ImGui::SameLine();
  ImGui::AlignTextToFramePadding();
  const state::SshKeyList& list = keys.list();
  if (!list.loaded() && list.loading())
    ImGui::TextDisabled("Loading...");
  else
    ImGui::TextDisabled("%s of %s keys", state::format_count(keys.rows().size()).c_str(),
                        state::format_count(list.items().size()).c_str());
  if (!list.error().empty()) ImGui::TextColored(palette().danger, "%s", list.error().c_str());
}

// The table shows the route's sort; a click on a header changes the route (see servers_page.cpp).
void SshKeysView::sync_sort(state::SshKeys& keys) {
  ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs();
  if (!specs) return;
  const state::SshKeyQuery query = keys.query();
  auto column_of = [](ImGuiID id) { return kColumns[static_cast<std::size_t>(id) - 1].column; };
  const bool matches =
      specs->SpecsCount > 0 && column_of(specs->Specs[0].ColumnUserID) == query.sort &&
      (specs->Specs[0].SortDirection == ImGuiSortDirection_Descending) == query.descending;
  if (specs->SpecsDirty && !headers_follow_route_ && specs->SpecsCount > 0) {
    state::SshKeyQuery next = query;
    next.sort = column_of(specs->Specs[0].ColumnUserID);
    next.descending = specs->Specs[0].SortDirection == ImGuiSortDirection_Descending;
    specs->SpecsDirty = false;
    if (!matches) keys.set_query(next);
    return;
  }
  headers_follow_route_ = false;
  specs->SpecsDirty = false;
  if (matches) return;
  for (std::size_t i = 0; i < kColumns.size(); ++i)
    if (kColumns[i].column == query.sort)
      ImGui::TableSetColumnSortDirection(
          static_cast<int>(i),
          query.descending ? ImGuiSortDirection_Descending : ImGuiSortDirection_Ascending, false);
  specs->SpecsDirty = false;
}

void SshKeysView::name_cell(state::SshKeys& keys, const model::SshKey& key) {
  if (renaming_ != key.id) {
    const bool added = key.id == keys.added_id();
    if (added) ImGui::PushStyleColor(ImGuiCol_Text, palette().success);
    ImGui::TextUnformatted(key.name.c_str());
    if (added) ImGui::PopStyleColor();
    anchor("ssh_keys.row." + key.name);
    return;
  }
  ImGui::SetNextItemWidth(-1);
  if (rename_focus_) {
    ImGui::SetKeyboardFocusHere();
    rename_focus_ = false;
  }
  const bool done =
      ImGui::InputText("##rename", &rename_text_,
                       ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
  anchor("ssh_keys.rename_text");
  if (done) {
    if (rename_text_ != key.name) keys.rename(key.id, rename_text_);
    renaming_.clear();
  } else if (key_pressed(ImGuiKey_Escape)) {
    renaming_.clear();
  }
}

void SshKeysView::actions_cell(state::Console& console, state::SshKeys& keys, Shell& shell,
                               const model::SshKey& key) {
  if (keys.busy(key.id)) {
    ImGui::TextDisabled("...");
    return;
  }
  if (ImGui::SmallButton("Copy key")) {
    ImGui::SetClipboardText(key.public_key.c_str());
    console.notify(state::Notification::Level::info, "Copied the public key of " + key.name);
  }
  anchor("ssh_keys.copy." + key.name);
  ImGui::SameLine();
  if (ImGui::SmallButton("Rename")) {
    renaming_ = key.id;
    rename_text_ = key.name;
    rename_focus_ = true;
  }
  anchor("ssh_keys.rename." + key.name);
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
  const bool remove = ImGui::SmallButton("Delete");
  ImGui::PopStyleColor();
  anchor("ssh_keys.delete." + key.name);
  if (!remove) return;
  Confirmation confirmation;
  confirmation.title = "Delete the SSH key " + key.name + "?";
  confirmation.consequence =
      "Servers created from now on will not get it. Servers that have it keep it until it is "
      "removed from them (their ~/.ssh/authorized_keys).";
  confirmation.victims = {key.name};
  confirmation.button = "Delete";
  confirmation.on_confirm = [&keys, id = key.id] { keys.remove(id); };
  shell.confirm.ask(std::move(confirmation));
}

void SshKeysView::table(state::Console& console, state::SshKeys& keys, Shell& shell) {
  const state::SshKeyList& list = keys.list();
  const auto& rows = keys.rows();
  showed_data_ = list.loaded();
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                                ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_Sortable | ImGuiTableFlags_SizingStretchProp;
  if (!ImGui::BeginTable("ssh-keys", kActionsColumn + 1, flags)) return;
  ImGui::TableSetupScrollFreeze(0, 1);
  for (std::size_t i = 0; i < kColumns.size(); ++i) {
    ImGuiTableColumnFlags column_flags = ImGuiTableColumnFlags_WidthStretch;
    if (kColumns[i].column == SshKeyColumn::created)
      column_flags |= ImGuiTableColumnFlags_DefaultSort;
    ImGui::TableSetupColumn(kColumns[i].label, column_flags, kColumns[i].weight,
                            static_cast<ImGuiID>(i) + 1);
  }
  // Room for the three buttons of a row, whatever the font.
  const ImGuiStyle& style = ImGui::GetStyle();
  const float actions_width = ImGui::CalcTextSize("Copy key").x + ImGui::CalcTextSize("Rename").x +
                              ImGui::CalcTextSize("Delete").x + style.FramePadding.x * 6 +
                              style.ItemSpacing.x * 2 + style.CellPadding.x * 2;
  ImGui::TableSetupColumn("##actions",
                          ImGuiTableColumnFlags_WidthFixed | ImGuiTableColumnFlags_NoSort,
                          actions_width, 0);
  ImGui::TableHeadersRow();
  sync_sort(keys);

  const state::Projects& projects = console.feature<state::Projects>();
  const model::Timestamp wall = console.wall_clock();
  const float row_height = ImGui::GetFrameHeight() + ImGui::GetStyle().CellPadding.y * 2;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const model::SshKey& key = *rows[i];
    ImGui::TableNextRow(ImGuiTableRowFlags_None, row_height);
    ImGui::PushID(key.id.c_str());
    ImGui::TableNextColumn();
    name_cell(keys, key);
    if (key.id == keys.added_id() && scrolled_to_ != key.id) {
      ImGui::SetScrollHereY(0.5f);
      scrolled_to_ = key.id;
    }
    ImGui::TableNextColumn();
    ImGui::PushFont(fonts().mono);
    ImGui::TextUnformatted(key.fingerprint.c_str());
    ImGui::PopFont();
    if (ImGui::IsItemClicked()) {
      ImGui::SetClipboardText(key.fingerprint.c_str());
      console.notify(state::Notification::Level::info, "Copied " + key.fingerprint);
    }
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("Click to copy");
    ImGui::TableNextColumn();
    ImGui::TextUnformatted(projects.name_of(key.project_id).c_str());
    ImGui::TableNextColumn();
    if (key.created_at) {
      ImGui::TextDisabled("%s", model::format_age(*key.created_at, wall).c_str());
      if (ImGui::IsItemHovered())
        ImGui::SetTooltip("%s", state::format_date_time(*key.created_at).c_str());
    }
    ImGui::TableNextColumn();
    actions_cell(console, keys, shell, key);
    ImGui::PopID();
  }
  if (rows.empty()) {
    ImGui::TableNextRow();
    ImGui::TableNextColumn();
    if (!list.loaded())
      ImGui::TextDisabled(list.error().empty() ? "Loading SSH keys..." : "Could not load them.");
    else if (list.items().empty())
      ImGui::TextDisabled("No SSH key yet: add one, and servers you create will accept it.");
    else
      ImGui::TextDisabled("No SSH key matches this filter.");
  }
  ImGui::EndTable();
}

void SshKeysView::add_form(state::Console& console, state::SshKeys& keys) {
  const float fs = ImGui::GetFontSize();
  state::NewSshKey& form = keys.draft();
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted("Add an SSH key");
  ImGui::PopFont();
  ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() -
                  ImGui::GetFrameHeight() * 1.2f);
  if (ImGui::Button("x", ImVec2(ImGui::GetFrameHeight(), 0))) return keys.close_add_form();
  anchor("ssh_keys.form.close");

  ImGui::TextDisabled("PUBLIC KEY");
  ImGui::TextWrapped("The line of your .pub file (cat ~/.ssh/id_ed25519.pub).");
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextMultiline("##public-key", &form.public_key, ImVec2(-1, fs * 5.5f),
                            ImGuiInputTextFlags_NoHorizontalScroll);
  anchor("ssh_keys.form.key");
  const auto parsed = state::check_public_key(form.public_key);
  const state::SshKeys::FormProblems problems = keys.check(form);
  if (!form.public_key.empty()) {
    if (parsed)
      ImGui::TextColored(palette().success, "%s key%s%s", parsed->label.c_str(),
                         parsed->comment.empty() ? "" : ", comment ", parsed->comment.c_str());
    else
      ImGui::TextColored(palette().danger, "%s", problems.public_key.c_str());
  }
  ImGui::Spacing();
  ImGui::TextDisabled("NAME");
  ImGui::SetNextItemWidth(-1);
  const std::string hint =
      parsed && !parsed->comment.empty() ? parsed->comment : std::string("laptop, ci-runner...");
  ImGui::InputTextWithHint("##name", hint.c_str(), &form.name);
  anchor("ssh_keys.form.name");
  if (!problems.name.empty() && (!form.name.empty() || parsed))
    ImGui::TextColored(palette().warning, "%s", problems.name.c_str());

  const auto& projects = console.feature<state::Projects>().all();
  if (projects.size() > 1) {
    ImGui::Spacing();
    ImGui::TextDisabled("PROJECT");
    ImGui::SetNextItemWidth(-1);
    const std::string current = form.project_id.empty()
                                    ? projects.front().name
                                    : console.feature<state::Projects>().name_of(form.project_id);
    if (ImGui::BeginCombo("##project", current.c_str())) {
      for (const model::Project& project : projects)
        if (ImGui::Selectable((project.name + "##" + project.id).c_str(),
                              project.id == form.project_id))
          form.project_id = project.id;
      ImGui::EndCombo();
    }
    anchor("ssh_keys.form.project");
  }

  ImGui::Spacing();
  if (!keys.add_refusal().empty())
    ImGui::TextColored(palette().danger, "Refused: %s", keys.add_refusal().c_str());
  const bool blocked = !problems.empty() || keys.adding();
  if (blocked) ImGui::BeginDisabled();
  if (ImGui::Button(keys.adding() ? "Adding..." : "Add key")) keys.add();
  if (blocked) ImGui::EndDisabled();
  anchor("ssh_keys.form.submit");
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || (key_pressed(ImGuiKey_Escape) && !ImGui::GetIO().WantTextInput))
    keys.close_add_form();
  anchor("ssh_keys.form.cancel");
}

}  // namespace

std::unique_ptr<PageView> make_ssh_keys_view() {
  return std::make_unique<SshKeysView>();
}

}  // namespace metal::ui
