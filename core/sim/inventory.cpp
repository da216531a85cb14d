// The Instance resources beside servers, as far as they concern only themselves: their rules of
// validity, quotas and ids. What ties them to servers is the world's (world_inventory.cpp).

#include "sim/inventory.hpp"

#include <algorithm>
#include <array>

#include "model/stable_order.hpp"
#include "sim/catalog.hpp"
#include "sim/refusals.hpp"

namespace metal::sim {

namespace {

// As GET /products/volumes answers (b_ssd is the legacy name of block storage).
constexpr std::array<VolumeTypeLimits, 3> kVolumeTypes{{{"l_ssd", 1 * kGB, 800 * kGB},
                                                        {"b_ssd", 5 * kGB, 10'000 * kGB},
                                                        {"sbs_volume", 5 * kGB, 10'000 * kGB}}};

/// An IPv4 address or CIDR range, or an IPv6 one: what a rule's ranges accept.
bool valid_ip_range(std::string_view text) {
  if (text.empty() || text.size() > 43) return false;
  const auto slash = text.find('/');
  std::string_view address = text.substr(0, slash);
  if (slash != std::string_view::npos) {
    std::string_view bits = text.substr(slash + 1);
    if (bits.empty() || bits.size() > 3 ||
        !std::all_of(bits.begin(), bits.end(), [](char c) { return c >= '0' && c <= '9'; }))
      return false;
    const int n = std::stoi(std::string(bits));
    if (n > (address.find(':') != std::string_view::npos ? 128 : 32)) return false;
  }
  if (address.find(':') != std::string_view::npos)
    return std::all_of(address.begin(), address.end(), [](char c) {
      return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == ':';
    });
  int parts = 0;
  std::size_t start = 0;
  while (start <= address.size()) {
    const auto dot = address.find('.', start);
    std::string_view part =
        address.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(part)) > 255)
      return false;
    ++parts;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return parts == 4;
}

/// Every problem of a rule at once, as invalid_arguments details.
std::optional<ApiRefusal> check_rule(const model::SecurityGroupRule& rule) {
  ApiRefusal r = invalid_arguments_refusal();
  auto bad = [&](const char* name, std::string help) {
    add_argument(r, name, "constraint", std::move(help));
  };
  if (!one_of(rule.protocol, {"TCP", "UDP", "ICMP", "ANY"}))
    bad("protocol", "must be one of TCP, UDP, ICMP, ANY");
  if (!one_of(rule.direction, {"inbound", "outbound"}))
    bad("direction", "must be inbound or outbound");
  if (!one_of(rule.action, {"accept", "drop"})) bad("action", "must be accept or drop");
  if (!valid_ip_range(rule.ip_range)) bad("ip_range", "must be an IP address or a CIDR range");
  if (rule.dest_ip_range && !valid_ip_range(*rule.dest_ip_range))
    bad("dest_ip_range", "must be an IP address or a CIDR range");
  auto port = [&](const char* name, std::optional<std::int64_t> value) {
    if (value && (*value < 1 || *value > 65535)) bad(name, "must be from 1 to 65535");
  };
  port("dest_port_from", rule.dest_port_from);
  port("dest_port_to", rule.dest_port_to);
  if (rule.dest_port_from && rule.dest_port_to && *rule.dest_port_to < *rule.dest_port_from)
    bad("dest_port_to", "must not be below dest_port_from");
  if ((rule.dest_port_from || rule.dest_port_to) && one_of(rule.protocol, {"ICMP", "ANY"}))
    bad("dest_port_from", "ports apply to TCP and UDP only");
  if (r.body.details.empty()) return std::nullopt;
  return r;
}

void apply(model::SecurityGroupRule& rule, const RuleChanges& c) {
  if (c.protocol) rule.protocol = *c.protocol;
  if (c.direction) rule.direction = *c.direction;
  if (c.action) rule.action = *c.action;
  if (c.ip_range) rule.ip_range = *c.ip_range;
  if (c.dest_ip_range) rule.dest_ip_range = *c.dest_ip_range;
  if (c.dest_port_from) rule.dest_port_from = *c.dest_port_from;
  if (c.dest_port_to) rule.dest_port_to = *c.dest_port_to;
  if (c.position) rule.position = *c.position;
}

void renumber(std::vector<model::SecurityGroupRule>& rules) {
  model::stable_sort(rules, [](const auto& a, const auto& b) { return a.position < b.position; });
  for (std::size_t i = 0; i < rules.size(); ++i)
    rules[i].position = static_cast<std::int64_t>(i + 1);
}

}  // namespace

const VolumeTypeLimits* volume_type_limits(std::string_view type) {
  for (const auto& t : kVolumeTypes)
    if (t.type == type) return &t;
  return nullptr;
}

std::string size_text(std::uint64_t bytes) {
  return std::to_string(bytes / kGB) + " GB";
}

std::int64_t Inventory::count_of(std::string_view organization, Collection collection) const {
  std::int64_t n = 0;
  visit_table(collection, [&](const auto& table) {
    table.for_each([&](const auto& row) { n += row.organization == organization; });
  });
  return n;
}

std::vector<model::Image> Inventory::public_zone_images(std::string_view zone) {
  static const model::Timestamp created =
      *model::parse_timestamp("2026-05-12T15:20:10.934226+00:00");
  std::vector<model::Image> out;
  for (const ImageSpec& spec : public_images()) {
    model::Image img;
    img.id = std::string(spec.id);
    img.name = std::string(spec.name);
    img.organization = img.project = std::string(kPublicImagesOrganization);
    img.root_volume = model::ImageVolume{std::string(spec.root_volume_id), std::string(spec.name),
                                         10 * kGB, "sbs_snapshot"};
    img.is_public = true;
    img.arch = std::string(spec.arch);
    img.creation_date = img.modification_date = created;
    img.state = "available";
    img.zone = std::string(zone);
    out.push_back(std::move(img));
  }
  return out;
}

const model::SecurityGroup* Inventory::default_group(std::string_view zone,
                                                     std::string_view project) const {
  const model::SecurityGroup* found = nullptr;
  security_groups.for_each([&](const model::SecurityGroup& g) {
    if (!found && g.zone == zone && g.project == project && g.project_default) found = &g;
  });
  return found;
}

const model::SecurityGroup& Inventory::add_security_group(WorldContext& context,
                                                          model::SecurityGroup group) {
  // What the real default security keeps closed whatever the user writes: outgoing SMTP, so that
  // a new server cannot send spam. Not editable.
  const std::string& zone = group.zone;
  auto& group_rules = rules[group.id];
  std::int64_t position = 0;
  for (std::string_view range : {"0.0.0.0/0", "::/0"})
    for (std::int64_t port : {25, 465, 587}) {
      model::SecurityGroupRule rule;
      rule.id = context.inventory_random.uuid();
      rule.protocol = "TCP";
      rule.direction = "outbound";
      rule.action = "drop";
      rule.ip_range = std::string(range);
      rule.dest_port_from = port;
      rule.position = ++position;
      rule.editable = false;
      rule.zone = zone;
      group_rules.push_back(std::move(rule));
    }
  return security_groups.insert(std::move(group));
}

std::string Inventory::new_flexible_address(WorldContext& context, std::string_view zone,
                                            bool ipv6) {
  if (ipv6)
    return "2001:bc8:" + context.inventory_random.hex(4) + ":" + context.inventory_random.hex(4) +
           "::/64";
  const ZoneSpec* spec = find_zone(zone);
  return std::string(spec ? spec->ip_prefix : "51.15") + "." +
         std::to_string(context.inventory_random.between(0, 255)) + "." +
         std::to_string(context.inventory_random.between(1, 254));
}

// The volume made; the world meters it from now on.
Expected<model::Volume, ApiRefusal> Inventory::create_volume(WorldContext& context,
                                                             const Tenancy& tenancy,
                                                             std::string_view zone,
                                                             const ApiKey& key,
                                                             const NewVolume& spec) {
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = tenancy.check_project(key, project, "instance_volume"))
    return Unexpected{*refused};
  const std::string organization = tenancy.organization_of_project(project);
  model::Volume v;
  v.volume_type = spec.volume_type.empty() ? "b_ssd" : spec.volume_type;
  if (!spec.base_snapshot.empty()) {
    const model::Snapshot* snapshot = snapshots.find_in(zone, spec.base_snapshot);
    if (!snapshot || snapshot->organization != organization)
      return Unexpected{not_found_refusal("instance_snapshot", spec.base_snapshot)};
    v.size = spec.size.value_or(snapshot->size);
    if (v.size < snapshot->size)
      return Unexpected{invalid_argument_refusal(
          "size", "constraint", "must be at least the snapshot's " + size_text(snapshot->size))};
  } else if (!spec.size) {
    return Unexpected{
        invalid_argument_refusal("size", "required", "size or base_snapshot is required")};
  } else {
    v.size = *spec.size;
  }
  const VolumeTypeLimits* limits = volume_type_limits(v.volume_type);
  if (!limits)
    return Unexpected{invalid_argument_refusal("volume_type", "constraint",
                                               "must be one of l_ssd, b_ssd, sbs_volume")};
  if (v.size < limits->min || v.size > limits->max)
    return Unexpected{invalid_argument_refusal("size", "constraint",
                                               v.volume_type + " volumes are " +
                                                   size_text(limits->min) + " to " +
                                                   size_text(limits->max))};
  if (auto refused = tenancy.check_quota(organization, "volumes", &Quotas::volumes,
                                         count_of(organization, Collection::volumes)))
    return Unexpected{*refused};
  v.id = context.inventory_random.uuid();
  v.name = spec.name.empty() ? "vol-" + context.inventory_random.hex(6) : spec.name;
  v.creation_date = v.modification_date = context.now;
  v.organization = organization;
  v.project = project;
  v.tags = spec.tags;
  v.state = "available";
  v.zone = std::string(zone);
  ++context.changes;
  return volumes.insert(std::move(v));
}

Expected<model::Image, ApiRefusal> Inventory::create_image(WorldContext& context,
                                                           const Tenancy& tenancy,
                                                           std::string_view zone, const ApiKey& key,
                                                           const NewImage& spec) {
  ApiRefusal missing = invalid_arguments_refusal();
  if (spec.root_volume.empty())
    add_argument(missing, "root_volume", "required", "required key not provided");
  if (!one_of(spec.arch, {"x86_64", "arm64", "arm"}))
    add_argument(missing, "arch", "constraint", "must be one of x86_64, arm64, arm");
  if (!missing.body.details.empty()) return Unexpected{missing};
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = tenancy.check_project(key, project, "instance_image"))
    return Unexpected{*refused};
  const std::string organization = tenancy.organization_of_project(project);
  auto snapshot_volume = [&](const std::string& id) -> Expected<model::ImageVolume, ApiRefusal> {
    const model::Snapshot* snap = snapshots.find_in(zone, id);
    if (!snap || snap->organization != organization)
      return Unexpected{not_found_refusal("instance_snapshot", id)};
    return model::ImageVolume{snap->id, snap->name, snap->size, snap->volume_type};
  };
  auto root = snapshot_volume(spec.root_volume);
  if (!root) return Unexpected{root.error()};
  model::Image image;
  image.root_volume = *root;
  for (const auto& [slot, snapshot] : spec.extra_volumes) {
    auto extra = snapshot_volume(snapshot);
    if (!extra) return Unexpected{extra.error()};
    image.extra_volumes.emplace(slot, *extra);
  }
  if (auto refused = tenancy.check_quota(organization, "compute_images", &Quotas::images,
                                         count_of(organization, Collection::images)))
    return Unexpected{*refused};
  image.id = context.inventory_random.uuid();
  image.name = spec.name.empty() ? "image-" + context.inventory_random.hex(6) : spec.name;
  image.organization = organization;
  image.project = project;
  image.arch = spec.arch;
  image.creation_date = image.modification_date = context.now;
  image.state = "available";
  image.tags = spec.tags;
  image.zone = std::string(zone);
  ++context.changes;
  return images.insert(std::move(image));
}

Expected<model::PlacementGroup, ApiRefusal> Inventory::create_placement_group(
    WorldContext& context, const Tenancy& tenancy, std::string_view zone, const ApiKey& key,
    const NewPlacementGroup& spec) {
  const std::string project = spec.project.empty() ? key.project_id : spec.project;
  if (auto refused = tenancy.check_project(key, project, "instance_placement_group"))
    return Unexpected{*refused};
  ApiRefusal bad = invalid_arguments_refusal();
  if (!spec.policy_mode.empty() && !one_of(spec.policy_mode, {"optional", "enforced"}))
    add_argument(bad, "policy_mode", "constraint", "must be optional or enforced");
  if (!spec.policy_type.empty() && !one_of(spec.policy_type, {"max_availability", "low_latency"}))
    add_argument(bad, "policy_type", "constraint", "must be max_availability or low_latency");
  if (!bad.body.details.empty()) return Unexpected{bad};
  const std::string organization = tenancy.organization_of_project(project);
  if (auto refused =
          tenancy.check_quota(organization, "placement_groups", &Quotas::placement_groups,
                              count_of(organization, Collection::placement_groups)))
    return Unexpected{*refused};
  model::PlacementGroup g;
  g.id = context.inventory_random.uuid();
  g.name = spec.name.empty() ? "pg-" + context.inventory_random.hex(6) : spec.name;
  g.organization = organization;
  g.project = project;
  g.tags = spec.tags;
  g.policy_mode = spec.policy_mode.empty() ? "optional" : spec.policy_mode;
  g.policy_type = spec.policy_type.empty() ? "max_availability" : spec.policy_type;
  g.zone = std::string(zone);
  ++context.changes;
  return placement_groups.insert(std::move(g));
}

Expected<model::SecurityGroupRule, ApiRefusal> Inventory::add_rule(WorldContext& context,
                                                                   std::string_view group,
                                                                   const RuleChanges& spec) {
  model::SecurityGroup* g = security_groups.find(group);
  if (!g) return Unexpected{not_found_refusal("instance_security_group", group)};
  auto& group_rules = rules[g->id];
  model::SecurityGroupRule rule;
  rule.id = context.inventory_random.uuid();
  rule.protocol = "TCP";
  rule.direction = "inbound";
  rule.action = "accept";
  rule.ip_range = "0.0.0.0/0";
  rule.position = static_cast<std::int64_t>(group_rules.size()) + 1;
  rule.zone = g->zone;
  apply(rule, spec);
  if (auto bad = check_rule(rule)) return Unexpected{*bad};
  group_rules.push_back(rule);
  renumber(group_rules);
  g->modification_date = context.now;
  ++context.changes;
  for (const auto& r : group_rules)
    if (r.id == rule.id) return r;
  return rule;
}

Expected<std::vector<model::SecurityGroupRule>, ApiRefusal> Inventory::set_rules(
    WorldContext& context, std::string_view group, const std::vector<RuleChanges>& specs) {
  model::SecurityGroup* g = security_groups.find(group);
  if (!g) return Unexpected{not_found_refusal("instance_security_group", group)};
  std::vector<model::SecurityGroupRule> next;
  for (const auto& rule : rules[g->id])
    if (!rule.editable) next.push_back(rule);
  const auto fixed = static_cast<std::int64_t>(next.size());
  for (std::size_t i = 0; i < specs.size(); ++i) {
    model::SecurityGroupRule rule;
    rule.id = context.inventory_random.uuid();
    rule.protocol = "TCP";
    rule.direction = "inbound";
    rule.action = "accept";
    rule.ip_range = "0.0.0.0/0";
    rule.position = fixed + static_cast<std::int64_t>(i) + 1;
    rule.zone = g->zone;
    apply(rule, specs[i]);
    if (auto bad = check_rule(rule)) {
      for (auto& detail : bad->body.details)
        detail.argument_name = "rules." + std::to_string(i) + "." + detail.argument_name;
      return Unexpected{*bad};
    }
    next.push_back(std::move(rule));
  }
  renumber(next);
  rules[g->id] = next;
  g->modification_date = context.now;
  ++context.changes;
  return next;
}

Expected<model::SecurityGroupRule, ApiRefusal> Inventory::update_rule(WorldContext& context,
                                                                      std::string_view group,
                                                                      std::string_view rule_id,
                                                                      const RuleChanges& changes) {
  auto it = rules.find(group);
  if (it == rules.end()) return Unexpected{not_found_refusal("instance_security_group", group)};
  for (auto& rule : it->second) {
    if (rule.id != rule_id) continue;
    if (!rule.editable)
      return Unexpected{refusal(400, "precondition_failed", "this rule is not editable")};
    model::SecurityGroupRule next = rule;
    apply(next, changes);
    if (auto bad = check_rule(next)) return Unexpected{*bad};
    rule = next;
    renumber(it->second);
    ++context.changes;
    for (const auto& r : it->second)
      if (r.id == rule_id) return r;
  }
  return Unexpected{not_found_refusal("instance_security_group_rule", rule_id)};
}

std::optional<ApiRefusal> Inventory::delete_rule(WorldContext& context, std::string_view group,
                                                 std::string_view rule_id) {
  auto it = rules.find(group);
  if (it == rules.end()) return not_found_refusal("instance_security_group", group);
  auto& group_rules = it->second;
  auto rule = std::find_if(group_rules.begin(), group_rules.end(),
                           [&](auto& r) { return r.id == rule_id; });
  if (rule == group_rules.end()) return not_found_refusal("instance_security_group_rule", rule_id);
  if (!rule->editable) return refusal(400, "precondition_failed", "this rule is not editable");
  group_rules.erase(rule);
  renumber(group_rules);
  ++context.changes;
  return std::nullopt;
}

}  // namespace metal::sim
