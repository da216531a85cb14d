#include "ui/pages/create_server_page.hpp"

#include <imgui.h>
#include <imgui_stdlib.h>

#include <string>

#include "state/console.hpp"
#include "state/format.hpp"
#include "state/servers/servers.hpp"
#include "ui/fonts.hpp"
#include "ui/test_anchors.hpp"
#include "ui/theme.hpp"

namespace metal::ui {
namespace {

using state::CreateForm;

void section(const char* title) {
  ImGui::Spacing();
  ImGui::TextDisabled("%s", title);
}

ImVec4 availability_color(const std::string& availability) {
  if (availability == "shortage") return palette().danger;
  if (availability == "scarce") return palette().warning;
  return palette().success;
}

void zone_choice(state::Console& console, state::Servers& servers, const CreateForm& form) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 10);
  if (ImGui::BeginCombo("##zone", form.zone.c_str())) {
    for (const std::string& zone : console.zones())
      if (ImGui::Selectable(zone.c_str(), zone == form.zone)) servers.open_create(zone);
    ImGui::EndCombo();
  }
  anchor("create.zone");
}

void type_table(state::CreateWizard& wizard) {
  const state::ZoneOffer& offer = wizard.offer();
  const CreateForm& form = wizard.form();
  const float height = ImGui::GetTextLineHeightWithSpacing() * 9;
  if (!ImGui::BeginTable("types", 6,
                         ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg |
                             ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingStretchProp,
                         ImVec2(0, height)))
    return;
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Type", ImGuiTableColumnFlags_WidthStretch, 2.0f);
  ImGui::TableSetupColumn("vCPU", ImGuiTableColumnFlags_WidthStretch, 0.8f);
  ImGui::TableSetupColumn("RAM", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Hourly", ImGuiTableColumnFlags_WidthStretch, 1.3f);
  ImGui::TableSetupColumn("Monthly", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableSetupColumn("Stock", ImGuiTableColumnFlags_WidthStretch, 1.2f);
  ImGui::TableHeadersRow();
  for (const auto& [name, type] : offer.types) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    const bool chosen = name == form.commercial_type;
    if (ImGui::Selectable(name.c_str(), chosen, ImGuiSelectableFlags_SpanAllColumns))
      wizard.choose_type(name);
    anchor("create.type." + name);
    if (chosen && ImGui::IsWindowAppearing()) ImGui::SetScrollHereY();
    ImGui::TableSetColumnIndex(1);
    ImGui::Text("%lld", static_cast<long long>(type.ncpus));
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(state::format_memory(type.ram).c_str());
    ImGui::TableSetColumnIndex(3);
    ImGui::TextUnformatted(type.hourly_price.money.format(4).c_str());
    ImGui::TableSetColumnIndex(4);
    ImGui::TextUnformatted(type.monthly_price.money.format(2).c_str());
    ImGui::TableSetColumnIndex(5);
    const auto availability = offer.availability.find(name);
    const std::string text =
        availability == offer.availability.end() ? "unknown" : availability->second;
    ImGui::TextColored(availability_color(text), "%s", text.c_str());
  }
  ImGui::EndTable();
}

void image_choice(state::CreateWizard& wizard) {
  const state::ZoneOffer& offer = wizard.offer();
  CreateForm& form = wizard.form();
  std::string current = "Choose an image";
  for (const auto* list : {&offer.public_images, &offer.private_images})
    for (const model::Image& image : *list)
      if (image.id == form.image_id) current = image.name;
  ImGui::SetNextItemWidth(ImGui::GetContentRegionAvail().x * 0.7f);
  if (ImGui::BeginCombo("##image", current.c_str(), ImGuiComboFlags_HeightLarge)) {
    ImGui::TextDisabled("Public catalogue");
    for (const model::Image& image : offer.public_images)
      if (ImGui::Selectable((image.name + "##" + image.id).c_str(), image.id == form.image_id))
        form.image_id = image.id;
    ImGui::TextDisabled("Your images");
    if (offer.private_images.empty()) ImGui::TextDisabled("  none in this zone");
    for (const model::Image& image : offer.private_images)
      if (ImGui::Selectable((image.name + "##" + image.id).c_str(), image.id == form.image_id))
        form.image_id = image.id;
    ImGui::EndCombo();
  }
  anchor("create.image");
}

// A size in GB typed as a number; 0 means "the smallest".
void size_input(const char* id, std::uint64_t& gb) {
  int value = static_cast<int>(gb);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
  if (ImGui::InputInt(id, &value, 10, 100)) gb = value < 0 ? 0 : static_cast<std::uint64_t>(value);
}

void storage(state::CreateWizard& wizard) {
  CreateForm& form = wizard.form();
  const auto [min_gb, max_gb] = wizard.local_storage_range_gb();
  if (ImGui::RadioButton("Local SSD", form.root_volume_type == "l_ssd"))
    form.root_volume_type = "l_ssd";
  ImGui::SameLine();
  if (ImGui::RadioButton("Block SSD", form.root_volume_type == "b_ssd"))
    form.root_volume_type = "b_ssd";
  ImGui::SameLine();
  size_input("GB boot volume##root", form.root_size_gb);
  anchor("create.root_size");
  if (form.root_volume_type == "l_ssd" && max_gb > 0)
    ImGui::TextDisabled("Local storage on this type: %llu to %llu GB (0: the smallest)",
                        static_cast<unsigned long long>(min_gb),
                        static_cast<unsigned long long>(max_gb));
  for (std::size_t i = 0; i < form.block_volumes_gb.size(); ++i) {
    ImGui::PushID(static_cast<int>(i));
    size_input("GB block volume", form.block_volumes_gb[i]);
    ImGui::SameLine();
    const bool remove = ImGui::SmallButton("Remove");
    ImGui::PopID();
    if (remove) {
      form.block_volumes_gb.erase(form.block_volumes_gb.begin() + static_cast<std::ptrdiff_t>(i));
      break;
    }
  }
  if (ImGui::SmallButton("Add a block volume")) form.block_volumes_gb.push_back(50);
  anchor("create.add_volume");
}

void network(state::CreateWizard& wizard) {
  const state::ZoneOffer& offer = wizard.offer();
  CreateForm& form = wizard.form();
  const std::pair<CreateForm::Ip, const char*> choices[] = {
      {CreateForm::Ip::new_flexible, "New flexible IP"},
      {CreateForm::Ip::existing, "Existing flexible IP"},
      {CreateForm::Ip::dynamic, "Dynamic IP"},
      {CreateForm::Ip::none, "No public IP"}};
  for (const auto& [ip, label] : choices) {
    if (ImGui::RadioButton(label, form.ip == ip)) form.ip = ip;
    ImGui::SameLine();
  }
  ImGui::NewLine();
  if (form.ip == CreateForm::Ip::existing) {
    std::string current = "Choose an IP";
    for (const model::FlexibleIp& ip : offer.free_ips)
      if (ip.id == form.existing_ip_id) current = ip.address;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
    if (ImGui::BeginCombo("##ip", current.c_str())) {
      if (offer.free_ips.empty()) ImGui::TextDisabled("No free flexible IP in this zone");
      for (const model::FlexibleIp& ip : offer.free_ips)
        if (ImGui::Selectable(ip.address.c_str(), ip.id == form.existing_ip_id))
          form.existing_ip_id = ip.id;
      ImGui::EndCombo();
    }
  }
  auto group_combo = [](const char* id, const char* none, std::string& chosen, const auto& groups) {
    std::string current = none;
    for (const auto& g : groups)
      if (g.id == chosen) current = g.name;
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 13);
    if (ImGui::BeginCombo(id, current.c_str())) {
      if (ImGui::Selectable(none, chosen.empty())) chosen.clear();
      for (const auto& g : groups)
        if (ImGui::Selectable((g.name + "##" + g.id).c_str(), g.id == chosen)) chosen = g.id;
      ImGui::EndCombo();
    }
  };
  group_combo("Security group", "Project default", form.security_group_id, offer.security_groups);
  group_combo("Placement group", "None", form.placement_group_id, offer.placement_groups);
}

}  // namespace

void create_server_page(state::Console& console, state::Servers& servers) {
  state::CreateWizard& wizard = servers.wizard();
  const float fs = ImGui::GetFontSize();
  ImGui::PushFont(fonts().heading);
  ImGui::TextUnformatted("Create a server");
  ImGui::PopFont();
  ImGui::SameLine(ImGui::GetContentRegionAvail().x + ImGui::GetCursorPosX() -
                  ImGui::GetFrameHeight() * 1.2f);
  if (ImGui::Button("x", ImVec2(ImGui::GetFrameHeight(), 0))) return servers.close_create();
  anchor("create.cancel");
  if (!wizard.active()) {
    ImGui::TextDisabled("Loading your projects...");
    return;
  }
  const CreateForm& form = wizard.form();
  const state::ZoneOffer& offer = wizard.offer();

  ImGui::BeginChild("##create", ImVec2(0, -fs * 6.5f), false);
  // What the server is called comes first: it is what the user will look for afterwards.
  section("NAME AND TAGS");
  ImGui::SetNextItemWidth(fs * 14);
  if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
  ImGui::InputTextWithHint("##name", "name, e.g. web-3", &wizard.form().name);
  anchor("create.name");
  ImGui::SameLine();
  ImGui::SetNextItemWidth(fs * 12);
  ImGui::InputTextWithHint("##tags", "tags: web, prod", &wizard.form().tags);
  anchor("create.tags");
  section("ZONE");
  zone_choice(console, servers, form);
  if (offer.pending > 0) {
    ImGui::SameLine();
    ImGui::TextDisabled("loading what %s offers...", form.zone.c_str());
  }
  section("SERVER TYPE");
  type_table(wizard);
  section("IMAGE");
  image_choice(wizard);
  section("STORAGE");
  storage(wizard);
  section("NETWORK");
  network(wizard);
  section("SSH KEYS");
  if (offer.ssh_keys.empty()) {
    ImGui::TextColored(palette().warning,
                       "This project has no SSH key: the server is reachable through its serial "
                       "console only.");
  } else {
    std::string names;
    for (const model::SshKey& key : offer.ssh_keys)
      names += (names.empty() ? "" : ", ") + key.name;
    ImGui::TextWrapped("Installed on the server (every key of the project): %s", names.c_str());
  }
  ImGui::Checkbox("Power on once created", &wizard.form().power_on);
  anchor("create.power_on");
  ImGui::EndChild();

  ImGui::Separator();
  const state::CostEstimate cost = wizard.estimate();
  if (cost.complete) {
    ImGui::Text("%s an hour, %s a month", cost.hourly.format(4).c_str(),
                cost.monthly.format(2).c_str());
    anchor("create.cost");
    ImGui::SameLine();
    ImGui::TextDisabled("(block volumes and flexible IPs are billed on their own)");
  }
  const std::vector<std::string> problems = wizard.problems();
  if (!problems.empty()) ImGui::TextColored(palette().warning, "%s", problems.front().c_str());
  const bool blocked = !problems.empty() || wizard.submitting();
  if (blocked) ImGui::BeginDisabled();
  if (ImGui::Button(wizard.submitting() ? "Creating..." : "Create server")) wizard.submit();
  if (blocked) ImGui::EndDisabled();
  anchor("create.submit");
  ImGui::SameLine();
  if (ImGui::Button("Cancel")) servers.close_create();
}

}  // namespace metal::ui
