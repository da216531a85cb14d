#pragma once
// The Instance resources that live beside servers: volumes, snapshots, images, flexible IPs,
// security groups and their rules, placement groups, private NICs and user data. They are kept
// as the API's own models, so a route answers by encoding what is stored and a saved world holds
// exactly what was answered. Servers stay compact in the fleet (100,000 of them must stay light);
// these are created one API call at a time.

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/expected.hpp"
#include "model/flexible_ip.hpp"
#include "model/image.hpp"
#include "model/placement_group.hpp"
#include "model/security_group.hpp"
#include "model/snapshot.hpp"
#include "model/volume.hpp"
#include "sim/api_refusal.hpp"
#include "sim/tenancy.hpp"
#include "sim/world_context.hpp"

namespace metal::sim {

/// Rows of one collection by id, kept in creation order (lists answer newest first, as the API's
/// default order). Erasing is O(log n): a 100,000-volume world deletes as fast as a small one.
template <class Row>
class Table {
 public:
  Row* find(std::string_view id) {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &rows_.at(it->second);
  }
  const Row* find(std::string_view id) const {
    auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &rows_.at(it->second);
  }
  /// The row if it is in `zone` (ids are unique across zones; a path names both).
  Row* find_in(std::string_view zone, std::string_view id) {
    Row* row = find(id);
    return row && row->zone == zone ? row : nullptr;
  }
  const Row* find_in(std::string_view zone, std::string_view id) const {
    const Row* row = find(id);
    return row && row->zone == zone ? row : nullptr;
  }
  Row& insert(Row row) {
    const std::uint64_t at = next_++;
    by_id_.emplace(row.id, at);
    return rows_.emplace_hint(rows_.end(), at, std::move(row))->second;  // always the newest
  }
  bool erase(std::string_view id) {
    auto it = by_id_.find(id);
    if (it == by_id_.end()) return false;
    rows_.erase(it->second);
    by_id_.erase(it);
    return true;
  }
  /// Newest first.
  template <class Visit>
  void for_each_newest(Visit&& visit) const {
    for (auto it = rows_.rbegin(); it != rows_.rend(); ++it)
      visit(it->second);
  }
  /// Oldest first (the order a saved world keeps).
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (const auto& [at, row] : rows_)
      visit(row);
  }
  template <class Visit>
  void for_each_mutable(Visit&& visit) {
    for (auto& [at, row] : rows_)
      visit(row);
  }
  std::size_t size() const { return rows_.size(); }

 private:
  std::map<std::uint64_t, Row> rows_;
  std::map<std::string, std::uint64_t, std::less<>> by_id_;
  std::uint64_t next_ = 0;
};

/// The collections whose rows count against quotas, relabel and delete alike.
enum class Collection { volumes, snapshots, images, ips, security_groups, placement_groups };

/// Name and tags: what PATCH of volumes, snapshots, images, placement groups and NICs changes.
struct Relabel {
  std::optional<std::string> name;
  std::optional<std::vector<std::string>> tags;
};

struct NewVolume {
  std::string name, volume_type, base_snapshot, project;
  std::optional<std::uint64_t> size;
  std::vector<std::string> tags;
};
struct NewSnapshot {
  std::string name, volume_id, volume_type, project;
  std::vector<std::string> tags;
};
struct NewImage {
  std::string name, root_volume, arch, project;
  std::map<std::string, std::string> extra_volumes;  // slot -> snapshot id
  std::vector<std::string> tags;
};
struct NewIp {
  std::string type, project, server;
  std::vector<std::string> tags;
};
struct IpChanges {
  std::optional<std::optional<std::string>> reverse;  // null clears it
  std::optional<std::optional<std::string>> server;   // null detaches
  std::optional<std::vector<std::string>> tags;
};
struct NewSecurityGroup {
  std::string name, description, project, inbound_default_policy, outbound_default_policy;
  bool stateful = true, project_default = false;
  std::vector<std::string> tags;
};
struct SecurityGroupChanges {
  std::optional<std::string> name, description, inbound_default_policy, outbound_default_policy;
  std::optional<bool> stateful, project_default;
  std::optional<std::vector<std::string>> tags;
};
struct RuleChanges {
  std::optional<std::string> protocol, direction, action, ip_range;
  std::optional<std::optional<std::string>> dest_ip_range;
  std::optional<std::optional<std::int64_t>> dest_port_from, dest_port_to;
  std::optional<std::int64_t> position;
};
struct NewPlacementGroup {
  std::string name, project, policy_mode, policy_type;
  std::vector<std::string> tags;
};

inline constexpr std::uint64_t kGB = 1'000'000'000ull;

inline bool one_of(std::string_view value, std::initializer_list<std::string_view> allowed) {
  for (std::string_view candidate : allowed)
    if (candidate == value) return true;
  return false;
}

/// The sizes a volume type allows, as GET /products/volumes answers (b_ssd is the legacy name of
/// block storage); null for a type that does not exist.
struct VolumeTypeLimits {
  std::string_view type;
  std::uint64_t min, max;  // bytes
};
const VolumeTypeLimits* volume_type_limits(std::string_view type);
std::string size_text(std::uint64_t bytes);

class Inventory {
 public:
  // The rows, as the API answers them. What ties them to servers (attachments, what a deleted
  // server takes along) is the world's, which holds both.
  Table<model::Volume> volumes;  // created through the API (a server's root l_ssd is the server's)
  Table<model::Snapshot> snapshots;
  Table<model::Image> images;  // private images; the public catalogue is catalog.hpp's
  Table<model::FlexibleIp> ips;
  Table<model::SecurityGroup> security_groups;  // `servers` left empty: filled when answered
  std::map<std::string, std::vector<model::SecurityGroupRule>, std::less<>> rules;  // by group
  Table<model::PlacementGroup> placement_groups;
  Table<model::PrivateNic> private_nics;
  std::map<std::string, std::map<std::string, std::string>, std::less<>> user_data;  // by server
  // Per zone: the id of the first project's default group there, drawn when the zone was made.
  std::vector<std::string> first_default_groups;

  /// How many rows of a collection an organization holds (what its quota counts).
  std::int64_t count_of(std::string_view organization, Collection collection) const;
  /// Public catalogue images of the zone (converted to the API's model).
  static std::vector<model::Image> public_zone_images(std::string_view zone);
  /// The project's default group in the zone, if it has one yet.
  const model::SecurityGroup* default_group(std::string_view zone, std::string_view project) const;
  /// A group with the rules every group starts with (outgoing SMTP closed, not editable).
  const model::SecurityGroup& add_security_group(WorldContext& context, model::SecurityGroup group);
  std::string new_flexible_address(WorldContext& context, std::string_view zone, bool ipv6);

  Expected<model::Volume, ApiRefusal> create_volume(WorldContext& context, const Tenancy& tenancy,
                                                    std::string_view zone, const ApiKey& key,
                                                    const NewVolume& spec);
  Expected<model::Image, ApiRefusal> create_image(WorldContext& context, const Tenancy& tenancy,
                                                  std::string_view zone, const ApiKey& key,
                                                  const NewImage& spec);
  Expected<model::PlacementGroup, ApiRefusal> create_placement_group(WorldContext& context,
                                                                     const Tenancy& tenancy,
                                                                     std::string_view zone,
                                                                     const ApiKey& key,
                                                                     const NewPlacementGroup& spec);

  /// Replaces the editable rules of a group (PUT .../rules); the group's fixed rules stay.
  Expected<std::vector<model::SecurityGroupRule>, ApiRefusal> set_rules(
      WorldContext& context, std::string_view group, const std::vector<RuleChanges>& rules);
  Expected<model::SecurityGroupRule, ApiRefusal> add_rule(WorldContext& context,
                                                          std::string_view group,
                                                          const RuleChanges& rule);
  Expected<model::SecurityGroupRule, ApiRefusal> update_rule(WorldContext& context,
                                                             std::string_view group,
                                                             std::string_view rule_id,
                                                             const RuleChanges& changes);
  std::optional<ApiRefusal> delete_rule(WorldContext& context, std::string_view group,
                                        std::string_view rule_id);

 private:
  /// Calls `visit` with the table of a collection (each has its own row type).
  template <class Visit>
  void visit_table(Collection collection, Visit&& visit) const {
    switch (collection) {
      case Collection::volumes:
        return visit(volumes);
      case Collection::snapshots:
        return visit(snapshots);
      case Collection::images:
        return visit(images);
      case Collection::ips:
        return visit(ips);
      case Collection::security_groups:
        return visit(security_groups);
      case Collection::placement_groups:
        return visit(placement_groups);
    }
  }
};

}  // namespace metal::sim
