#include "state/servers/create_wizard.hpp"

#include <algorithm>

#include "state/format.hpp"

namespace metal::state {
namespace {

constexpr std::uint64_t kGB = 1'000'000'000ull;

}  // namespace

std::vector<std::string> split_tags(const std::string& text) {
  std::vector<std::string> tags;
  std::string current;
  for (char c : text + ",") {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!current.empty() && std::find(tags.begin(), tags.end(), current) == tags.end())
        tags.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  return tags;
}

std::optional<std::string> name_problem(const std::string& name) {
  if (name.empty()) return "the server needs a name";
  if (name.size() > 63) return "a name is at most 63 characters";
  if (name.front() == '-') return "a name does not start with '-'";
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
          c == '_' || c == '.'))
      return "a name holds only letters, digits, '-', '_' and '.': \"" + std::string(1, c) +
             "\" is not allowed";
  return std::nullopt;
}

CreateWizard::CreateWizard(api::InstanceClient& client, api::AccountClient& account, Report report,
                           Created created)
    : client_(client),
      account_(account),
      report_(std::move(report)),
      created_(std::move(created)) {}

void CreateWizard::start(const std::string& zone, const std::string& project) {
  const bool same_zone = active_ && zone == form_.zone;
  active_ = true;
  project_ = project;
  if (same_zone) return;
  const CreateForm defaults;
  form_ = defaults;
  form_.zone = zone;
  load_offer();
}

void CreateWizard::load_offer() {
  offer_ = {};
  const std::uint64_t generation = ++generation_;
  const std::string zone = form_.zone;
  auto fail = [this, generation](const std::string& what, const api::ApiError& error) {
    if (generation != generation_) return;
    if (offer_.error.empty()) offer_.error = "Could not load " + what + ": " + error.message;
  };
  // Each listing lands in the offer of the zone it was asked for, or not at all.
  auto landed = [this, generation](auto apply) {
    return [this, generation, apply = std::move(apply)](auto result) mutable {
      if (generation != generation_) return;
      --offer_.pending;
      apply(std::move(result));
    };
  };
  offer_.pending = 8;
  account_.list_ssh_keys(api::ListQuery{}.with("project_id", project_),
                         landed([this, fail](api::ApiResult<model::SshKeyList> r) {
                           if (!r) return fail("the SSH keys", r.error());
                           for (model::SshKey& key : r->ssh_keys)
                             if (!key.disabled) offer_.ssh_keys.push_back(std::move(key));
                         }));
  client_.list_server_types(zone, landed([this, fail](api::ApiResult<model::ServerTypeList> r) {
                              if (!r) return fail("the server types", r.error());
                              for (auto& [name, type] : r->servers)
                                if (!type.end_of_service)
                                  offer_.types.emplace(name, std::move(type));
                              // Preselected: the cheapest type, which is where most people start.
                              const model::ServerType* cheapest = nullptr;
                              for (const auto& [name, type] : offer_.types)
                                if (!cheapest || type.hourly_price.money.total_nanos() <
                                                     cheapest->hourly_price.money.total_nanos()) {
                                  cheapest = &type;
                                  form_.commercial_type = name;
                                }
                              choose_type(form_.commercial_type);
                            }));
  client_.server_type_availability(
      zone, landed([this, fail](api::ApiResult<model::ServerTypeAvailability> r) {
        if (!r) return fail("availability", r.error());
        for (const auto& [name, a] : r->servers)
          offer_.availability[name] = a.availability;
      }));
  client_.list_images(zone, api::ListQuery{}.with("public", "true"),
                      landed([this, fail](api::ApiResult<model::ImageList> r) {
                        if (!r) return fail("the public images", r.error());
                        offer_.public_images = std::move(r->images);
                        if (form_.image_id.empty() && !offer_.public_images.empty())
                          form_.image_id = offer_.public_images.front().id;
                      }));
  client_.list_images(zone, api::ListQuery{}.with("public", "false").with("project", project_),
                      landed([this, fail](api::ApiResult<model::ImageList> r) {
                        if (!r) return fail("your images", r.error());
                        offer_.private_images = std::move(r->images);
                      }));
  client_.list_security_groups(zone, api::ListQuery{}.with("project", project_),
                               landed([this, fail](api::ApiResult<model::SecurityGroupList> r) {
                                 if (!r) return fail("the security groups", r.error());
                                 offer_.security_groups = std::move(r->security_groups);
                               }));
  client_.list_placement_groups(zone, api::ListQuery{}.with("project", project_),
                                landed([this, fail](api::ApiResult<model::PlacementGroupList> r) {
                                  if (!r) return fail("the placement groups", r.error());
                                  offer_.placement_groups = std::move(r->placement_groups);
                                }));
  client_.list_ips(zone, api::ListQuery{}.with("project", project_),
                   landed([this, fail](api::ApiResult<model::FlexibleIpList> r) {
                     if (!r) return fail("the flexible IPs", r.error());
                     for (model::FlexibleIp& ip : r->ips)
                       if (!ip.server && ip.type != "routed_ipv6")
                         offer_.free_ips.push_back(std::move(ip));
                   }));
}

void CreateWizard::choose_type(const std::string& commercial_type) {
  form_.commercial_type = commercial_type;
  const auto type = offer_.types.find(commercial_type);
  if (type == offer_.types.end()) return;
  const bool local = type->second.volumes_constraint.max_size > 0;
  if (!local) form_.root_volume_type = "b_ssd";
  if (local && form_.root_volume_type == "b_ssd" && form_.root_size_gb == 0)
    form_.root_volume_type = "l_ssd";
  form_.root_size_gb = 0;  // the new type's smallest
}

std::pair<std::uint64_t, std::uint64_t> CreateWizard::local_storage_range_gb() const {
  const auto it = offer_.types.find(form_.commercial_type);
  if (it == offer_.types.end()) return {0, 0};
  return {it->second.volumes_constraint.min_size / kGB,
          it->second.volumes_constraint.max_size / kGB};
}

std::vector<std::string> CreateWizard::problems() const {
  std::vector<std::string> out;
  if (!offer_.error.empty()) out.push_back(offer_.error);
  if (offer_.pending > 0) out.push_back("loading what " + form_.zone + " offers...");
  const auto type = offer_.types.find(form_.commercial_type);
  if (type == offer_.types.end()) {
    out.push_back("choose a server type");
  } else {
    const auto availability = offer_.availability.find(form_.commercial_type);
    if (availability != offer_.availability.end() && availability->second == "shortage")
      out.push_back(form_.commercial_type + " is out of stock in " + form_.zone +
                    ": choose another type or zone");
    const auto [min_gb, max_gb] = local_storage_range_gb();
    if (form_.root_volume_type == "l_ssd") {
      if (max_gb == 0) {
        out.push_back(form_.commercial_type + " has no local storage: boot from a block volume");
      } else {
        const std::uint64_t root = form_.root_size_gb ? form_.root_size_gb : min_gb;
        if (root < min_gb || root > max_gb)
          out.push_back("local storage on " + form_.commercial_type + " is " +
                        std::to_string(min_gb) + " to " + std::to_string(max_gb) + " GB, not " +
                        std::to_string(root) + " GB");
      }
    } else if (form_.root_size_gb != 0 && form_.root_size_gb < 10) {
      out.push_back("a block boot volume is at least 10 GB");
    }
  }
  if (form_.image_id.empty()) out.push_back("choose an image");
  for (std::uint64_t gb : form_.block_volumes_gb)
    if (gb < 1 || gb > 10'000) {
      out.push_back("a block volume is 1 to 10,000 GB, not " + std::to_string(gb) + " GB");
      break;
    }
  if (form_.ip == CreateForm::Ip::existing && form_.existing_ip_id.empty())
    out.push_back("choose the flexible IP to attach");
  if (auto problem = name_problem(form_.name)) out.push_back(*problem);
  for (const std::string& tag : split_tags(form_.tags))
    if (tag.size() > 128) {
      out.push_back("a tag is at most 128 characters");
      break;
    }
  return out;
}

CostEstimate CreateWizard::estimate() const {
  CostEstimate cost;
  const auto type = offer_.types.find(form_.commercial_type);
  if (type == offer_.types.end()) return cost;
  // What /products/servers quotes; block volumes and flexible IPs are billed on their own
  // (the console says so beside the estimate) since the API quotes them nowhere per zone.
  cost.hourly = type->second.hourly_price.money;
  cost.monthly = type->second.monthly_price.money;
  cost.complete = true;
  return cost;
}

api::ServerCreate CreateWizard::server_spec(const std::string& ip_id) const {
  api::ServerCreate spec;
  spec.name = form_.name;
  spec.commercial_type = form_.commercial_type;
  spec.image = form_.image_id;
  spec.project = project_;
  spec.tags = split_tags(form_.tags);
  spec.security_group = form_.security_group_id;
  spec.placement_group = form_.placement_group_id;
  const std::uint64_t root_gb =
      form_.root_size_gb
          ? form_.root_size_gb
          : (form_.root_volume_type == "l_ssd" ? local_storage_range_gb().first : 20);
  spec.volumes["0"] = api::NewServerVolume{{}, form_.root_volume_type, root_gb * kGB, {}};
  for (std::size_t i = 0; i < form_.block_volumes_gb.size(); ++i)
    spec.volumes[std::to_string(i + 1)] =
        api::NewServerVolume{{},
                             "b_ssd",
                             form_.block_volumes_gb[i] * kGB,
                             form_.name + "-data-" + std::to_string(i + 1)};
  if (!ip_id.empty()) spec.public_ips = {ip_id};
  spec.dynamic_ip_required = form_.ip == CreateForm::Ip::dynamic;
  return spec;
}

void CreateWizard::submit() {
  if (submitting_ || !problems().empty()) return;
  submitting_ = true;
  if (form_.ip != CreateForm::Ip::new_flexible)
    return create_server(form_.ip == CreateForm::Ip::existing ? form_.existing_ip_id : "");
  api::IpCreate ip;
  ip.project = project_;
  client_.create_ip(form_.zone, ip, [this](api::ApiResult<model::FlexibleIp> result) {
    if (!result) {
      submitting_ = false;
      return report_(false, "Could not reserve a flexible IP: " + result.error().message);
    }
    create_server(result->id);
  });
}

void CreateWizard::create_server(const std::string& new_ip_id) {
  const bool ip_is_new = form_.ip == CreateForm::Ip::new_flexible;
  const std::string zone = form_.zone;
  const bool power_on = form_.power_on;
  client_.create_server(
      zone, server_spec(new_ip_id),
      [this, zone, ip_is_new, new_ip_id, power_on](api::ApiResult<model::Server> result) {
        if (!result) {
          submitting_ = false;
          // The IP reserved for it would be billed for nothing: give it back.
          if (ip_is_new) client_.delete_ip(zone, new_ip_id, [](api::ApiResult<api::NoContent>) {});
          return report_(false, "Could not create the server: " + result.error().message);
        }
        const model::Server server = *result;
        created_(server);
        if (!power_on) {
          submitting_ = false;
          active_ = false;
          return report_(true, "Created " + server.name);
        }
        client_.server_action(zone, server.id, model::ServerAction::poweron,
                              [this, server](api::ApiResult<model::Task> started) {
                                submitting_ = false;
                                active_ = false;
                                if (!started)
                                  return report_(false, "Created " + server.name +
                                                            ", but could not power it on: " +
                                                            started.error().message);
                                report_(true, "Created " + server.name + "; powering it on");
                              });
      });
}

}  // namespace metal::state
