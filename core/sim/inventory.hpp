#pragma once
// The Instance resources that live beside servers: volumes, snapshots, images, flexible IPs,
// security groups and their rules, placement groups, private NICs and user data. They are kept
// as the API's own models, so a route answers by encoding what is stored and a saved world holds
// exactly what was answered. Servers stay compact in the world (100,000 of them must stay light);
// these are created one API call at a time.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "model/flexible_ip.hpp"
#include "model/image.hpp"
#include "model/placement_group.hpp"
#include "model/security_group.hpp"
#include "model/snapshot.hpp"
#include "model/volume.hpp"

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

struct Inventory {
  Table<model::Volume> volumes;  // created through the API (a server's root l_ssd is the server's)
  Table<model::Snapshot> snapshots;
  Table<model::Image> images;  // private images; the public catalogue is catalog.hpp's
  Table<model::FlexibleIp> ips;
  Table<model::SecurityGroup> security_groups;  // `servers` left empty: filled when answered
  std::map<std::string, std::vector<model::SecurityGroupRule>, std::less<>> rules;  // by group
  Table<model::PlacementGroup> placement_groups;
  Table<model::PrivateNic> private_nics;
  std::map<std::string, std::map<std::string, std::string>, std::less<>> user_data;  // by server
};

/// What a flexible IP or a volume cost while it existed: metered from creation to deletion,
/// attached or not (api-notes.md: "its volumes and flexible IPs too").
struct ResourceMeter {
  std::string kind;  // "volume" | "ip"
  std::string id, name, project_id, zone, product;
  std::uint64_t size_gb = 0;  // volumes
  std::int64_t from = 0;      // micros
  std::int64_t to = -1;       // micros; -1: still metered
};

}  // namespace metal::sim
