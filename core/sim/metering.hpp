#pragma once
// Billing's side of the world: servers are billed while they hold a node (their intervals are on
// the fleet's records), volumes and flexible IPs while they exist (their meters are here). From
// both: consumptions per project, type and zone, and invoices for the months ended.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/billing.hpp"
#include "model/expected.hpp"
#include "model/timestamp.hpp"
#include "sim/fleet.hpp"
#include "sim/tenancy.hpp"
#include "sim/world_context.hpp"

namespace metal::sim {

/// What a flexible IP or a volume cost while it existed: metered from creation to deletion,
/// attached or not (api-notes.md: "its volumes and flexible IPs too").
struct ResourceMeter {
  std::string kind;  // "volume" | "ip"
  std::string id, name, project_id, zone, product;
  std::uint64_t size_gb = 0;  // volumes
  std::int64_t from = 0;      // micros
  std::int64_t to = -1;       // micros; -1: still metered
};

/// A server as its counters and its bill see it (metrics.cpp reads the servers through this).
struct MeteredServer {
  std::string_view id, name, zone, organization_id;
  int ncpus = 1;
  std::int64_t created = 0;  // micros
  const std::vector<std::pair<std::int64_t, std::int64_t>>* billed = nullptr;
  std::int64_t billable_since = -1;  // an open interval up to now
};

class Metering {
 public:
  const std::vector<ResourceMeter>& meters() const { return meters_; }
  void add(ResourceMeter meter) { meters_.push_back(std::move(meter)); }
  /// Metered from now on.
  void start(const WorldContext& context, std::string kind, const std::string& id,
             const std::string& name, const std::string& project, const std::string& zone,
             std::string product, std::uint64_t size_gb);
  /// No longer metered from now on.
  void stop(const WorldContext& context, std::string_view id);

  /// What a month cost an organization (or one project): per project, server type and zone, the
  /// hours each server was billed (every hour started counts), at its type's hourly price, never
  /// more than the monthly price for one server. `period` is "YYYY-MM".
  Expected<std::vector<model::Consumption>, std::string> consumptions(
      const Fleet& fleet, const Tenancy& tenancy, model::Timestamp now,
      std::string_view organization, std::string_view project, std::string_view period) const;
  /// The invoices of an organization: one per month ended since its first project, for what
  /// the month's consumptions add up to (20% VAT on top), oldest first.
  std::vector<model::Invoice> invoices(const Fleet& fleet, const Tenancy& tenancy,
                                       model::Timestamp now, std::string_view organization) const;

  /// Every server that exists now, in creation order per zone.
  static void for_each_metered(const Fleet& fleet, const Tenancy& tenancy,
                               const std::function<void(const MeteredServer&)>& visit);
  /// The server with this id if it exists now (a chart reads one server of a hundred thousand).
  static std::optional<MeteredServer> metered(const Fleet& fleet, const Tenancy& tenancy,
                                              std::string_view id);

 private:
  friend class World;  // saves and restores it

  std::vector<ResourceMeter> meters_;
};

}  // namespace metal::sim
