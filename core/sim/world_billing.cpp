// Billing: consumptions computed from what was metered (world.cpp records when each server
// started and stopped holding a node).

#include <algorithm>
#include <map>
#include <tuple>

#include "model/timestamp.hpp"
#include "sim/catalog.hpp"
#include "sim/world.hpp"

namespace metal::sim {

namespace {
constexpr std::int64_t kHour = 3'600'000'000;  // micros

// [start, end) of "YYYY-MM", UTC.
std::optional<std::pair<std::int64_t, std::int64_t>> month_bounds(std::string_view period) {
  if (period.size() != 7 || period[4] != '-') return std::nullopt;
  int year = 0, month = 0;
  for (int i = 0; i < 4; ++i) {
    if (period[static_cast<std::size_t>(i)] < '0' || period[static_cast<std::size_t>(i)] > '9')
      return std::nullopt;
    year = year * 10 + (period[static_cast<std::size_t>(i)] - '0');
  }
  for (int i = 5; i < 7; ++i) {
    if (period[static_cast<std::size_t>(i)] < '0' || period[static_cast<std::size_t>(i)] > '9')
      return std::nullopt;
    month = month * 10 + (period[static_cast<std::size_t>(i)] - '0');
  }
  if (month < 1 || month > 12 || year < 1970) return std::nullopt;
  char first[32], next[32];
  std::snprintf(first, sizeof first, "%04d-%02d-01T00:00:00Z", year, month);
  std::snprintf(next, sizeof next, "%04d-%02d-01T00:00:00Z", month == 12 ? year + 1 : year,
                month == 12 ? 1 : month + 1);
  const auto a = model::parse_timestamp(first);
  const auto b = model::parse_timestamp(next);
  if (!a || !b) return std::nullopt;
  return std::pair{a->micros, b->micros};
}
}  // namespace

Expected<std::vector<model::Consumption>, std::string> World::consumptions(
    std::string_view organization, std::string_view project, std::string_view period) const {
  const auto bounds = month_bounds(period);
  if (!bounds)
    return Unexpected{"billing_period \"" + std::string(period.substr(0, 20)) +
                      "\" is not a month like 2026-11"};
  const std::int64_t from = bounds->first;
  const std::int64_t to = bounds->second;
  struct Line {
    std::int64_t hours = 0;
    std::int64_t nanos = 0;
  };
  // (project, type, zone) -> what its servers cost
  std::map<std::tuple<std::uint16_t, std::uint16_t, std::uint16_t>, Line> lines;
  for (const SimServer& s : servers_) {
    const Project& owner = projects_[s.project];
    if (owner.organization_id != organization || (!project.empty() && owner.id != project))
      continue;
    std::int64_t micros = 0;
    auto add = [&](std::int64_t a, std::int64_t b) {
      micros += std::max<std::int64_t>(0, std::min(b, to) - std::max(a, from));
    };
    for (const auto& [a, b] : s.billed)
      add(a, b);
    if (s.billable_since >= 0) add(s.billable_since, now_.micros);
    if (micros == 0) continue;
    const ServerTypeSpec& type = server_types()[s.type];
    const std::int64_t hours = (micros + kHour - 1) / kHour;  // every hour started
    const std::int64_t hourly = model::Money::from_decimal(type.hourly_price_eur).total_nanos();
    const std::int64_t monthly = model::Money::from_decimal(type.monthly_price_eur).total_nanos();
    Line& line = lines[{s.project, s.type, s.zone}];
    line.hours += hours;
    line.nanos += std::min(hours * hourly, monthly);
  }
  std::vector<model::Consumption> out;
  for (const auto& [key, line] : lines) {
    const auto [project_index, type_index, zone_index] = key;
    const ServerTypeSpec& type = server_types()[type_index];
    std::string sku_type(type.commercial_type);
    for (char& c : sku_type)
      c = c == '-' ? '_' : static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
    model::Consumption c;
    c.value = model::Money::from_nanos(line.nanos);
    c.product_name = std::string(type.commercial_type);
    c.resource_name = "Instance";
    c.sku = "/compute/" + sku_type + "/run_" + active_zones_[zone_index];
    c.project_id = projects_[project_index].id;
    c.category_name = "Compute";
    c.unit = "hour";
    c.billed_quantity = std::to_string(line.hours);
    c.consumer_id = projects_[project_index].id;
    out.push_back(std::move(c));
  }
  return out;
}

void World::for_each_metered(const std::function<void(const MeteredServer&)>& visit) const {
  for (std::size_t z = 0; z < zone_slots_.size(); ++z)
    for (std::uint32_t slot : zone_slots_[z]) {
      const SimServer& s = servers_[slot];
      if (s.deleted) continue;
      MeteredServer m;
      m.id = s.id;
      m.name = s.name;
      m.zone = active_zones_[s.zone];
      m.organization_id = projects_[s.project].organization_id;
      m.ncpus = server_types()[s.type].ncpus;
      m.created = s.created.micros;
      m.billed = &s.billed;
      m.billable_since = s.billable_since;
      visit(m);
    }
}

}  // namespace metal::sim
