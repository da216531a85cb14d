#include "ui/widgets/bulk_action_bar.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <array>
#include <cstdio>
#include <string>

#include "state/format.hpp"
#include "state/servers/action_text.hpp"
#include "state/servers/servers.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"
#include "ui/widgets/confirm_dialog.hpp"

namespace metal::ui {
namespace {

using model::ServerAction;
using state::BulkItem;
using state::BulkOperation;

constexpr std::array<ServerAction, 5> kBulkActions{
    ServerAction::poweron, ServerAction::poweroff, ServerAction::reboot,
    ServerAction::stop_in_place, ServerAction::terminate};
// Terminating this many servers or more asks for the count to be typed.
constexpr std::size_t kTypeCountFrom = 2;
constexpr std::size_t kFailuresShown = 200;

void confirm_bulk(state::Servers& servers, ConfirmDialog& confirm, ServerAction action) {
  const std::size_t count = servers.selected_count();
  const std::string label(state::action_label(action));
  const std::vector<std::uint32_t> indices =
      servers.selection().resolve(servers.servers(), servers.view());
  Confirmation confirmation;
  confirmation.title =
      label + " " + state::format_count(count) + " server" + (count == 1 ? "" : "s") + "?";
  confirmation.consequence = state::action_consequence(action);
  bool any_protected = false;
  for (std::uint32_t index : indices) {
    const state::ServerRow& row = servers.servers().rows()[index];
    if (confirmation.victims.size() < 64) confirmation.victims.push_back(row.name);
    any_protected |= row.is_protected;
  }
  if (action == ServerAction::terminate) {
    if (count >= kTypeCountFrom)
      confirmation.typed_word = std::to_string(count);
    else if (any_protected && !confirmation.victims.empty())
      confirmation.typed_word = confirmation.victims.front();
    if (any_protected)
      confirmation.consequence +=
          " Protected servers among them are refused by the API and listed as failed.";
  }
  confirmation.button = label;
  confirmation.on_confirm = [&servers, action] {
    servers.start_bulk(BulkOperation{BulkOperation::Kind::action, action, {}});
  };
  confirm.ask(std::move(confirmation));
}

void tag_menu(state::Servers& servers, std::string& tag) {
  if (ImGui::Button("Tag...")) ImGui::OpenPopup("bulk-tag");
  anchor("bulk.tag");
  if (!ImGui::BeginPopup("bulk-tag")) return;
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextWithHint("##tag", "tag", &tag);
  anchor("bulk.tag.input");
  const bool valid = !tag.empty() && tag.find_first_of(" \t,") == std::string::npos;
  if (!valid) ImGui::BeginDisabled();
  if (ImGui::Button("Add")) {
    servers.start_bulk(BulkOperation{BulkOperation::Kind::add_tag, ServerAction::poweron, tag});
    ImGui::CloseCurrentPopup();
  }
  anchor("bulk.tag.add");
  ImGui::SameLine();
  if (ImGui::Button("Remove")) {
    servers.start_bulk(BulkOperation{BulkOperation::Kind::remove_tag, ServerAction::poweron, tag});
    ImGui::CloseCurrentPopup();
  }
  anchor("bulk.tag.remove");
  if (!valid) ImGui::EndDisabled();
  if (!tag.empty() && !valid) ImGui::TextDisabled("A tag has no spaces or commas.");
  ImGui::EndPopup();
}

void progress(state::Servers& servers) {
  const state::BulkJob& job = *servers.bulk();
  const Palette& p = palette();
  const std::size_t done = job.count(BulkItem::Status::done);
  const std::size_t failed = job.count(BulkItem::Status::failed);
  const std::size_t skipped = job.count(BulkItem::Status::skipped);
  const std::size_t settled = done + failed + skipped;
  char text[160];
  std::snprintf(text, sizeof text, "%s: %s of %s done", state::describe(job.operation()).c_str(),
                state::format_count(done).c_str(), state::format_count(job.size()).c_str());
  ImGui::AlignTextToFramePadding();
  ImGui::TextUnformatted(text);
  anchor("bulk.progress");
  if (failed) {
    ImGui::SameLine();
    ImGui::TextColored(p.danger, "%s failed", state::format_count(failed).c_str());
  }
  if (skipped) {
    ImGui::SameLine();
    ImGui::TextDisabled("%s skipped", state::format_count(skipped).c_str());
  }
  ImGui::SameLine();
  ImGui::PushStyleColor(ImGuiCol_PlotHistogram, failed ? p.danger : p.success);
  ImGui::ProgressBar(job.size() ? static_cast<float>(settled) / static_cast<float>(job.size()) : 1,
                     ImVec2(ImGui::GetFontSize() * 10, 0), "");
  ImGui::PopStyleColor();
  ImGui::SameLine();
  if (!job.finished()) {
    if (ImGui::Button("Cancel")) servers.cancel_bulk();
    anchor("bulk.cancel");
  } else {
    if (failed) {
      if (ImGui::Button("Retry failed")) servers.retry_bulk_failures();
      anchor("bulk.retry");
      ImGui::SameLine();
    }
    if (ImGui::Button("Dismiss")) servers.dismiss_bulk();
    anchor("bulk.dismiss");
  }
  if (failed + skipped == 0) return;
  // What did not go through, and why, in the API's words.
  const float height =
      std::min(static_cast<float>(failed + skipped), 5.0f) * ImGui::GetTextLineHeightWithSpacing();
  ImGui::BeginChild("##bulk-failures", ImVec2(0, height), false);
  std::size_t shown = 0;
  for (const BulkItem& item : job.items()) {
    if (item.status != BulkItem::Status::failed && item.status != BulkItem::Status::skipped)
      continue;
    if (++shown > kFailuresShown) {
      ImGui::TextDisabled("... and more");
      break;
    }
    if (item.status == BulkItem::Status::failed)
      ImGui::TextColored(p.danger, "%s", item.name.c_str());
    else
      ImGui::TextDisabled("%s", item.name.c_str());
    ImGui::SameLine();
    ImGui::TextDisabled("%s", item.reason.c_str());
  }
  ImGui::EndChild();
}

}  // namespace

void bulk_action_bar(state::Servers& servers, ConfirmDialog& confirm, std::string& tag,
                     bool all_on_screen_ticked) {
  if (servers.bulk()) progress(servers);
  const state::ServerSelection& selection = servers.selection();
  if (selection.empty()) return;
  const std::size_t count = servers.selected_count();
  const std::size_t hidden = selection.hidden(servers.servers(), servers.view());
  ImGui::AlignTextToFramePadding();
  if (hidden)
    ImGui::Text("%s selected (%s hidden by the filter)", state::format_count(count).c_str(),
                state::format_count(hidden).c_str());
  else
    ImGui::Text("%s selected", state::format_count(count).c_str());
  anchor("bulk.count");
  const bool busy = servers.bulk() && !servers.bulk()->finished();
  if (busy) ImGui::BeginDisabled();
  for (ServerAction action : kBulkActions) {
    ImGui::SameLine();
    const std::string label(state::action_label(action));
    const bool danger = action == ServerAction::terminate;
    if (danger) ImGui::PushStyleColor(ImGuiCol_Text, palette().danger);
    const bool clicked = ImGui::Button(label.c_str());
    if (danger) ImGui::PopStyleColor();
    anchor("bulk." + std::string(model::to_string(action)));
    if (!clicked) continue;
    if (state::is_destructive(action))
      confirm_bulk(servers, confirm, action);
    else
      servers.start_bulk(BulkOperation{BulkOperation::Kind::action, action, {}});
  }
  ImGui::SameLine();
  tag_menu(servers, tag);
  if (busy) ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Clear selection")) servers.untick_all();
  anchor("bulk.clear");

  const std::size_t matching = servers.view().size();
  if (selection.all_matching()) {
    ImGui::TextDisabled("Every server matching this filter is selected, as the list changes.");
  } else if (all_on_screen_ticked && matching > count) {
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Only the rows on screen are selected.");
    ImGui::SameLine();
    const std::string label = "Select all " + state::format_count(matching) + " matching";
    if (ImGui::SmallButton(label.c_str())) servers.tick_all_matching();
    anchor("bulk.all_matching");
  }
}

}  // namespace metal::ui
